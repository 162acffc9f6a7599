"""Hand-curated corrections to the human gene lexicon (``curated/genes.tsv``).

A few names that figures print often are read wrong from the official sources alone: FamPlex
grounds the fly gene ``Mhc`` (myosin heavy chain) and lexicon keys ignore case, so ``MHC-II``
became a myosin; ``Gβγ`` is an NCBI synonym of complement factor B. The table fixes such names,
one row each with its reason:

- ``SYMBOL``: the name becomes an ``alias`` of that gene;
- ``fplx:ID[+ID...]``: the name becomes a ``family`` of the union of those FamPlex families'
  members, and other family readings of its key are removed;
- ``genes:SYMBOL+SYMBOL...``: the same for a family FamPlex lacks, listed gene by gene
  (``BET`` → BRD2, BRD3, BRD4, BRDT);
- ``=SYMBOL``: the name is that one gene even where it is also the root of numbered symbols
  (``AIF`` is AIFM1, not AIF1 and AIF1L): a one-member ``family`` entry, which roots do not
  outrank, replacing other family readings of its key;
- ``-SYMBOL``: that gene's synonyms (previous symbol, alias, NCBI synonym, name) of the key are
  removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pathfig.errors import LexiconError
from pathfig.lexicon._common import Source, file_info, iter_lines, source_label
from pathfig.lexicon.keys import normalize_key
from pathfig.lexicon.model import LexiconEntry

__all__ = ["CURATED_GENES", "CuratedGene", "apply_curated_genes", "curated_info", "read_curated_genes"]

CURATED_GENES = Path(__file__).parent / "curated" / "genes.tsv"
_SYNONYMS = frozenset({"previous", "alias", "ncbi_synonym", "name"})


@dataclass(frozen=True, slots=True)
class CuratedGene:
    name: str
    target: str
    reason: str


def read_curated_genes(source: Source = CURATED_GENES, *, name: str | None = None) -> list[CuratedGene]:
    """Rows of a curated gene table (``name target reason``, ``#`` lines are comments)."""
    label = source_label(source, name)
    rows = [ln for ln in iter_lines(source, label) if ln.strip() and not ln.startswith("#")]
    if not rows or rows[0].split("\t")[:3] != ["name", "target", "reason"]:
        raise LexiconError(f"{label}: expected columns name, target, reason")
    out = []
    for n, line in enumerate(rows[1:], start=2):
        cells = line.split("\t")
        if len(cells) < 3 or not cells[0].strip() or not cells[1].strip() or not cells[2].strip():
            raise LexiconError(f"{label}: row {n}: expected a name, a target and a reason, got {line!r}")
        out.append(CuratedGene(cells[0].strip(), cells[1].strip(), cells[2].strip()))
    return out


def apply_curated_genes(entries: Iterable[LexiconEntry], rows: Iterable[CuratedGene],
                        *, label: str = "curated genes") -> tuple[list[LexiconEntry], dict[str, Any]]:
    """``entries`` corrected by ``rows``; counts for the provenance. Unknown targets are errors."""
    entries = list(entries)
    rows = list(rows)
    symbols = {e.symbol: e for e in entries if e.kind == "symbol"}
    families: dict[str, dict[str, LexiconEntry]] = {}
    for e in entries:
        if e.kind == "family" and e.family:
            families.setdefault(e.family, {})[e.ncbigene_id] = e
    drop: set[tuple[str, str]] = set()       # (key, symbol) synonyms to remove
    refamily: set[str] = set()               # keys whose family readings are replaced
    added: list[LexiconEntry] = []
    for row in rows:
        key = normalize_key(row.name)
        if row.target.startswith(("fplx:", "genes:")):
            ids = row.target.split(":", 1)[1].split("+")
            pool = families if row.target.startswith("fplx:") else {i: {symbols[i].ncbigene_id: symbols[i]}
                                                                    for i in ids if i in symbols}
            unknown = [i for i in ids if i not in pool]
            if unknown:
                what = "FamPlex family" if row.target.startswith("fplx:") else "gene"
                raise LexiconError(f"{label}: {row.name!r}: no {what} {', '.join(unknown)} in the lexicon")
            members = {gid: e for i in ids for gid, e in pool[i].items()}
            family = "+".join(ids) if row.target.startswith("fplx:") else row.name
            refamily.add(key)
            added += [LexiconEntry(name=row.name, key=key, kind="family", ncbigene_id=e.ncbigene_id,
                                   symbol=e.symbol, hgnc_id=e.hgnc_id, taxon_id=e.taxon_id,
                                   locus_type=e.locus_type, family=family)
                      for e in sorted(members.values(), key=lambda e: e.symbol)]
        elif row.target.startswith("="):
            g = symbols.get(row.target[1:])
            if g is None:
                raise LexiconError(f"{label}: {row.name!r}: no gene {row.target[1:]} in the lexicon")
            refamily.add(key)
            added.append(LexiconEntry(name=row.name, key=key, kind="family", ncbigene_id=g.ncbigene_id,
                                      symbol=g.symbol, hgnc_id=g.hgnc_id, taxon_id=g.taxon_id,
                                      locus_type=g.locus_type, family=g.symbol))
        elif row.target.startswith("-"):
            if row.target[1:] not in symbols:
                raise LexiconError(f"{label}: {row.name!r}: no gene {row.target[1:]} in the lexicon")
            drop.add((key, row.target[1:]))
        else:
            g = symbols.get(row.target)
            if g is None:
                raise LexiconError(f"{label}: {row.name!r}: no gene {row.target} in the lexicon")
            added.append(LexiconEntry(name=row.name, key=key, kind="alias", ncbigene_id=g.ncbigene_id,
                                      symbol=g.symbol, hgnc_id=g.hgnc_id, taxon_id=g.taxon_id,
                                      locus_type=g.locus_type))
    kept = [e for e in entries
            if not (e.kind == "family" and e.key in refamily)
            and not (e.kind in _SYNONYMS and (e.key, e.symbol) in drop)]
    info = {"rows": len(rows), "entries_added": len(added), "entries_removed": len(entries) - len(kept)}
    return kept + added, info


def curated_info(source: Source = CURATED_GENES) -> dict[str, Any]:
    """File facts of the curated table, for the provenance."""
    return file_info(source)
