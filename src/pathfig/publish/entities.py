"""Exports of organism inference, chemicals and diseases: chemicals.tsv, diseases.tsv, chemical GMTs.

- ``chemicals.tsv``: ``figid word match mesh chebi name location``, one row per (figure, chemical,
  word), the best-read occurrence; ``location`` says where it was read (``image``, ``caption``...).
- ``diseases.tsv``: ``figid word match mesh doid name location``, likewise.
- ``gmt/pathfig-chemicals-<Organism>.gmt``: one line per figure with at least
  :data:`GMT_MIN_CHEMICALS` distinct chemicals, per organism the figure is about; members are
  ChEBI ids where known (``CHEBI:15422``), else MeSH ids (``MESH:D000255``).
- :func:`figure_entities`: the ``organisms``, ``chemicals`` and ``diseases`` fields of each
  figure's record in ``figures.jsonl``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pathfig.publish.exports import _atomic, _box_cells, _num, clean_text
from pathfig.store import EntityRecord, Store

__all__ = [
    "CHEMICALS_COLUMNS",
    "DISEASES_COLUMNS",
    "GMT_MIN_CHEMICALS",
    "chemical_gmt_name",
    "entity_rows",
    "figure_entities",
    "write_chemical_gmts",
    "write_entities_tsv",
    "write_entity_exports",
]

CHEMICALS_COLUMNS = ("figid", "word", "match", "mesh", "chebi", "name", "location", "x0", "y0", "x1", "y1",
                     "confidence")
DISEASES_COLUMNS = ("figid", "word", "match", "mesh", "doid", "name", "location", "x0", "y0", "x1", "y1",
                    "confidence")
#: A figure enters a chemical GMT when it names at least this many distinct chemicals.
GMT_MIN_CHEMICALS = 2


def _concept(e: EntityRecord) -> str:
    return e.chebi or e.mesh or e.doid or e.match


def entity_rows(mentions: Iterable[EntityRecord], kind: str) -> list[list[str]]:
    """Rows of chemicals.tsv (``kind="chemical"``) or diseases.tsv: best-read occurrence per (figure, concept, word)."""
    best: dict[tuple[str, str, str], EntityRecord] = {}
    for e in mentions:
        if e.kind != kind:
            continue
        key = (e.figid, _concept(e), clean_text(e.word))
        # Words read from the image first (they are the figure's own), then the best confidence.
        rank = (e.location == "image", e.confidence)
        old = best.get(key)
        if old is None or rank > (old.location == "image", old.confidence):
            best[key] = e
    rows = []
    for (figid, _, word), e in sorted(best.items(), key=lambda kv: (kv[0][0], kv[1].name.lower(), kv[0][2])):
        third = e.chebi if kind == "chemical" else e.doid
        rows.append([clean_text(figid), word, clean_text(e.match), e.mesh, third, clean_text(e.name), e.location,
                     *_box_cells(e.box), _num(e.confidence, 3)])
    return rows


def write_entities_tsv(store: Store, path: Path, kind: str) -> Path:
    """chemicals.tsv or diseases.tsv, tab-separated with a header (cells holding a quote are quoted)."""
    columns = CHEMICALS_COLUMNS if kind == "chemical" else DISEASES_COLUMNS
    with _atomic(path) as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(columns)
        w.writerows(entity_rows(store.entity_mentions(kind=kind, status="ok"), kind))
    return path


def chemical_gmt_name(organism: str) -> str:
    """``gmt/pathfig-chemicals-Homo_sapiens.gmt`` for ``Homo sapiens``."""
    safe = "".join(c if c.isalnum() else "_" for c in organism).strip("_") or "unknown"
    return f"gmt/pathfig-chemicals-{safe}.gmt"


def write_chemical_gmts(store: Store, out_dir: Path, *, min_chemicals: int = GMT_MIN_CHEMICALS) -> list[Path]:
    """One chemical GMT per organism the ok figures are about; stale chemical GMTs are removed."""
    ids: dict[str, set[str]] = {}
    for e in store.entity_mentions(kind="chemical", status="ok"):
        ids.setdefault(e.figid, set()).add(f"CHEBI:{e.chebi.split(':')[-1]}" if e.chebi else f"MESH:{e.mesh}")
    annotations = store.annotations(status="ok")
    lines: dict[str, list[str]] = {}
    for fig in store.figures(status="ok"):
        members = sorted(i for i in ids.get(fig.figid, ()) if i not in ("MESH:", "CHEBI:"))
        if len(members) < min_chemicals:
            continue
        ann = annotations.get(fig.figid)
        organisms = [o.get("name") or o.get("taxon_id", "") for o in (ann.organisms if ann else [])] or ["Homo sapiens"]
        for org in organisms:
            cells = [clean_text(fig.figid), clean_text(fig.title), *members]
            lines.setdefault(str(org), []).append("\t".join(cells))
    written = []
    for org, rows in sorted(lines.items()):
        path = out_dir / chemical_gmt_name(org)
        with _atomic(path) as f:
            f.write("\n".join(rows) + "\n")
        written.append(path)
    keep = {p.name for p in written}
    gmt_dir = out_dir / "gmt"
    if gmt_dir.is_dir():
        for stale in gmt_dir.glob("pathfig-chemicals-*.gmt"):
            if stale.name not in keep:
                stale.unlink()
    return written


def figure_entities(store: Store) -> dict[str, dict[str, Any]]:
    """Per figure: its ``organisms`` (ranked), ``chemicals`` and ``diseases`` (distinct, in reading order)."""
    out: dict[str, dict[str, Any]] = {}
    for figid, ann in store.annotations(status=None).items():
        out[figid] = {"organisms": ann.organisms, "lexicons": ann.lexicons, "chemicals": [], "diseases": []}
    seen: set[tuple[str, str, str]] = set()
    for e in store.entity_mentions(status=None):
        key = (e.figid, e.kind, _concept(e))
        if key in seen:
            continue
        seen.add(key)
        obj = {"word": e.word, "name": e.name, "mesh": e.mesh, "location": e.location}
        obj["chebi" if e.kind == "chemical" else "doid"] = e.chebi if e.kind == "chemical" else e.doid
        rec = out.setdefault(e.figid, {"organisms": [], "lexicons": {}, "chemicals": [], "diseases": []})
        rec["chemicals" if e.kind == "chemical" else "diseases"].append(obj)
    return out


def write_entity_exports(store: Store, out_dir: Path) -> dict[str, Path]:
    """chemicals.tsv, diseases.tsv and the chemical GMTs of ``store`` in ``out_dir``."""
    out = {
        "chemicals": write_entities_tsv(store, out_dir / "chemicals.tsv", "chemical"),
        "diseases": write_entities_tsv(store, out_dir / "diseases.tsv", "disease"),
    }
    for path in write_chemical_gmts(store, out_dir):
        out[f"gmt_chemicals:{path.stem.removeprefix('pathfig-chemicals-')}"] = path
    return out
