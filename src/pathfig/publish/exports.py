"""Tables exported from the store: genes.tsv, figures.jsonl, the GMT library, per-figure OCR JSON.

Every file is regenerated from the store (the single source of truth), written to a temporary
name and moved into place, and ordered deterministically: the same store gives the same bytes.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from pathfig.models import Box
from pathfig.records import safe_filename
from pathfig.store import STORE_FILENAME, FigureRecord, MentionRecord, Store, StoreError, organism_name

__all__ = [
    "GENES_COLUMNS",
    "GMT_MIN_GENES",
    "Artifact",
    "export",
    "gene_gmt_name",
    "gene_rows",
    "safe_filename",
    "write_figures_jsonl",
    "write_genes_tsv",
    "write_gmt",
    "write_gmts",
    "write_ocr_json",
]

#: Columns of genes.tsv, in order (the reference system's per-figure gene table, plus figure id,
#: HGNC id and the word's box).
GENES_COLUMNS = (
    "figid", "organism_id", "organism_name", "word", "match", "ncbigene_id", "ncbigene_symbol", "hgnc_id",
    "source", "x0", "y0", "x1", "y1", "confidence",
)

#: A figure enters an organism's GMT library when it has at least this many distinct genes of it.
GMT_MIN_GENES = 3

HUMAN = "9606"


class Artifact(StrEnum):
    """Published files, relative to the output directory."""

    GENES = "genes.tsv"
    FIGURES = "figures.jsonl"
    GMT_HUMAN = "gmt/pathfig-Homo_sapiens.gmt"
    OCR = "ocr"


_SPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """One line of text: tabs, newlines and runs of white space become one space."""
    return _SPACE.sub(" ", text).strip()


@contextmanager
def _atomic(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, mode, encoding="utf-8", newline="") as f:
            yield f
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _num(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _box_cells(box: Box | None) -> list[str]:
    if box is None:
        return ["", "", "", ""]
    return [_num(box.x0, 1), _num(box.y0, 1), _num(box.x1, 1), _num(box.y1, 1)]


def gene_rows(mentions: Iterable[MentionRecord]) -> list[list[str]]:
    """genes.tsv rows: one per (figure, organism, gene, word), best-read occurrence of the word.

    When a word names the same gene several times in a figure, the row keeps the occurrence read
    with the highest confidence (the first one on ties), so its box and confidence agree.
    """
    best: dict[tuple[str, str, str, str], MentionRecord] = {}
    for m in mentions:
        key = (m.figid, m.organism_id, m.ncbigene_id, clean_text(m.word))
        if key not in best or m.confidence > best[key].confidence:
            best[key] = m
    ordered = sorted(best.items(), key=lambda kv: (kv[0][0], kv[1].ncbigene_symbol, kv[0][2], kv[0][1], kv[0][3]))
    return [
        [clean_text(m.figid), m.organism_id, m.organism_name, word, clean_text(m.match), m.ncbigene_id,
         m.ncbigene_symbol, m.hgnc_id, m.source, *_box_cells(m.box), _num(m.confidence, 3)]
        for (_, _, _, word), m in ordered
    ]


def write_genes_tsv(store: Store, path: Path) -> Path:
    """genes.tsv: tab-separated, one header row; a cell holding a quote is quoted as in CSV.

    OCR words can carry a stray ``"`` (``"Acts``); unquoted, it would make csv readers (Python's
    csv, pandas, R's read.delim) swallow the rows that follow.
    """
    with _atomic(path) as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(GENES_COLUMNS)
        w.writerows(gene_rows(store.mentions(status="ok")))
    return path


def _figure_object(fig: FigureRecord) -> dict[str, Any]:
    return {
        "figid": fig.figid,
        "status": fig.status,
        "error": fig.error,
        "stage": fig.stage,
        "title": fig.title,
        "metadata": fig.metadata,
        "source_path": fig.source_path,
        "sidecar_path": fig.sidecar_path,
        "sha256": fig.sha256,
        "size": fig.size,
        "width": fig.width,
        "height": fig.height,
        "counts": {"words": fig.n_words, "mentions": fig.n_mentions, "genes": fig.n_genes},
        "automl_pathway": fig.automl_pathway,
        "classifier_version": fig.classifier_version,
        "ocr_engine": fig.ocr_engine,
        "ocr_engine_version": fig.ocr_engine_version,
        "lexicon_version": fig.lexicon_version,
        "pathfig_version": fig.pathfig_version,
        "timings": fig.timings,
        "created_at": fig.created_at,
        "updated_at": fig.updated_at,
    }


def write_figures_jsonl(store: Store, path: Path) -> Path:
    """One object per figure (by figure id), then one per rejected input (``status: rejected``)."""
    from pathfig.publish.entities import figure_entities

    entities = figure_entities(store)  # organisms, chemicals, diseases (schema 3)
    with _atomic(path) as f:
        for fig in store.figures():
            obj = {**_figure_object(fig), **entities.get(fig.figid, {})}
            f.write(json.dumps(obj, ensure_ascii=False, sort_keys=False) + "\n")
        for e in store.input_errors():
            obj = {"figid": e.figid, "status": "rejected", "error": e.error, "stage": "input",
                   "source_path": e.source_path, "sidecar_path": e.sidecar_path}
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return path


def _id_key(gid: str) -> tuple[int, int | str]:
    return (0, int(gid)) if gid.isdigit() else (1, gid)


def write_gmt(store: Store, path: Path, *, organism_id: str = HUMAN, min_genes: int = GMT_MIN_GENES) -> Path:
    """One line per figure with ≥ ``min_genes`` distinct genes of ``organism_id``: figure id,
    title, NCBI Gene ids."""
    return _write_gmt_lines(store, path, _gene_sets(store).get(organism_id, {}), min_genes)


def gene_gmt_name(organism_id: str) -> str:
    """``gmt/pathfig-Homo_sapiens.gmt`` for 9606; ``gmt/pathfig-taxon_N.gmt`` for a taxon
    pathfig has no name for."""
    name = organism_name(organism_id) or f"taxon {organism_id}"
    safe = "".join(c if c.isalnum() else "_" for c in name).strip("_")
    return f"gmt/pathfig-{safe}.gmt"


def write_gmts(store: Store, out_dir: Path, *, min_genes: int = GMT_MIN_GENES) -> dict[str, Path]:
    """The gene-set library of each organism the figures' genes belong to (``--lexicon mouse``
    gives mouse genes, a fly figure fly genes), the human one always; stale gene GMTs go.

    Keys: ``gmt`` for human, ``gmt:<Genus_species>`` for the others.
    """
    sets = _gene_sets(store)
    written: dict[str, Path] = {}
    for organism_id in sorted(set(sets) | {HUMAN}, key=lambda t: (t != HUMAN, t)):
        path = out_dir / gene_gmt_name(organism_id)
        by_figure = sets.get(organism_id, {})
        if organism_id != HUMAN and not any(len(ids) >= min_genes for ids in by_figure.values()):
            continue
        _write_gmt_lines(store, path, by_figure, min_genes)
        written["gmt" if organism_id == HUMAN else f"gmt:{path.stem.removeprefix('pathfig-')}"] = path
    keep = {p.name for p in written.values()}
    for stale in (out_dir / "gmt").glob("pathfig-*.gmt"):
        if stale.name not in keep and not stale.name.startswith("pathfig-chemicals-"):
            stale.unlink()
    return written


def _gene_sets(store: Store) -> dict[str, dict[str, set[str]]]:
    """organism id → figure id → NCBI Gene ids of its ok figures' mentions."""
    sets: dict[str, dict[str, set[str]]] = {}
    for m in store.mentions(status="ok"):
        sets.setdefault(m.organism_id, {}).setdefault(m.figid, set()).add(m.ncbigene_id)
    return sets


def _write_gmt_lines(store: Store, path: Path, genes: dict[str, set[str]], min_genes: int) -> Path:
    with _atomic(path) as f:
        for fig in store.figures(status="ok"):
            ids = genes.get(fig.figid, set())
            if len(ids) >= min_genes:
                cells = [clean_text(fig.figid), clean_text(fig.title), *sorted(ids, key=_id_key)]
                f.write("\t".join(cells) + "\n")
    return path


def write_ocr_json(store: Store, folder: Path) -> Path:
    """``folder/<safe figid>.json`` with the words and boxes of every ok figure; stale files go."""
    folder.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    for fig in store.figures(status="ok"):
        name = safe_filename(fig.figid) + ".json"
        words = [
            {"text": w.text, "line": w.line,
             "box": None if w.box is None else [round(w.box.x0, 1), round(w.box.y0, 1),
                                                round(w.box.x1, 1), round(w.box.y1, 1)],
             "confidence": round(w.confidence, 4), "orientation": w.orientation}
            for w in store.words(fig.figid)
        ]
        obj = {"figid": fig.figid, "width": fig.width, "height": fig.height, "engine": fig.ocr_engine,
               "engine_version": fig.ocr_engine_version, "words": words}
        with _atomic(folder / name) as f:
            json.dump(obj, f, ensure_ascii=False, indent=1)
            f.write("\n")
        written.add(name)
    # Only *.json in our own folder are removed: files of figures no longer ok in the store.
    for stale in folder.glob("*.json"):
        if stale.name not in written:
            stale.unlink()
    return folder


def export(store: Store | str | Path, out_dir: str | Path) -> dict[str, Path]:
    """Write every export of ``store`` into ``out_dir``; returns their paths by name.

    ``store`` may be an open :class:`~pathfig.store.Store` or an output directory holding one.
    """
    out = Path(out_dir)
    if not isinstance(store, Store):
        path = Path(store)
        db = path / STORE_FILENAME if path.is_dir() else path
        if not db.is_file():
            raise StoreError(f"{db}: no pathfig store here (run `pathfig run ... --out {path}` first)")
        with Store(db) as opened:
            return export(opened, out)
    from pathfig.publish.entities import write_entity_exports

    return {
        "genes": write_genes_tsv(store, out / Artifact.GENES),
        "figures": write_figures_jsonl(store, out / Artifact.FIGURES),
        **write_gmts(store, out),  # gmt/pathfig-Homo_sapiens.gmt, and one per other organism
        "ocr": write_ocr_json(store, out / Artifact.OCR),
        **write_entity_exports(store, out),  # chemicals.tsv, diseases.tsv, chemical GMTs
    }
