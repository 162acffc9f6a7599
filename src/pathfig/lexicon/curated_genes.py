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

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pathfig.errors import LexiconError
from pathfig.lexicon._common import Source, iter_lines, source_label
from pathfig.lexicon.keys import normalize_key
from pathfig.lexicon.model import SYNONYM_KINDS, LexiconEntry

__all__ = ["CURATED_GENES", "CuratedGene", "apply_curated_genes", "read_curated_genes"]

CURATED_GENES = Path(__file__).parent / "curated" / "genes.tsv"
logger = logging.getLogger(__name__)


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


def apply_curated_genes(entries: Iterable[LexiconEntry], rows: Iterable[CuratedGene], *,
                        label: str = "curated genes", strict: bool = True) -> tuple[list[LexiconEntry], dict[str, Any]]:
    """``entries`` corrected by ``rows``; counts for the provenance.

    A target the entries lack is an error, or with ``strict=False`` a skipped row (counted in
    ``rows_skipped`` and logged), so a lexicon built from newer official files keeps the rest.
    """
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
    skipped: list[str] = []
    for row in rows:
        key = normalize_key(row.name)
        kind, _, rest = row.target.partition(":") if row.target.startswith(("fplx:", "genes:")) else ("", "", "")
        if kind:
            ids = rest.split("+")
            pool = families if kind == "fplx" else {i: {symbols[i].ncbigene_id: symbols[i]} for i in ids if i in symbols}
            missing = [i for i in ids if i not in pool]
            what = "FamPlex family" if kind == "fplx" else "gene"
        else:
            symbol = row.target.lstrip("=-")
            missing, what = ([] if symbol in symbols else [symbol]), "gene"
        if missing:
            message = f"{label}: {row.name!r}: no {what} {', '.join(missing)} in the lexicon"
            if strict:
                raise LexiconError(message)
            skipped.append(row.name)
            continue
        if kind:
            # A family: the union of FamPlex families' members, or genes listed one by one.
            members = {gid: e for i in ids for gid, e in pool[i].items()}
            refamily.add(key)
            added += [_entry(row.name, key, e, "family", "+".join(ids) if kind == "fplx" else row.name)
                      for e in sorted(members.values(), key=lambda e: e.symbol)]
        elif row.target.startswith("="):
            refamily.add(key)
            added.append(_entry(row.name, key, symbols[symbol], "family", symbol))
        elif row.target.startswith("-"):
            drop.add((key, symbol))
        else:
            added.append(_entry(row.name, key, symbols[symbol], "alias"))
    kept = [e for e in entries
            if not (e.kind == "family" and e.key in refamily)
            and not (e.kind in SYNONYM_KINDS and (e.key, e.symbol) in drop)]
    info = {"rows": len(rows), "entries_added": len(added), "entries_removed": len(entries) - len(kept)}
    if skipped:
        info["rows_skipped"] = len(skipped)
        logger.warning("%s: %d of %d rows skipped, their genes or families are not in these sources (%s%s)",
                       label, len(skipped), len(rows), ", ".join(skipped[:5]), ", …" if len(skipped) > 5 else "")
    return kept + added, info


def _entry(name: str, key: str, gene: LexiconEntry, kind: str, family: str = "") -> LexiconEntry:
    return LexiconEntry(name=name, key=key, kind=kind, ncbigene_id=gene.ncbigene_id, symbol=gene.symbol,
                        hgnc_id=gene.hgnc_id, taxon_id=gene.taxon_id, locus_type=gene.locus_type, family=family)
