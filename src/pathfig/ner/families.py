"""Families implied by HGNC's paralog naming, and family mentions that point at named members."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from pathfig.lexicon.keys import normalize_key
from pathfig.lexicon.model import LexiconEntry
from pathfig.models import Mention

__all__ = ["family_to_named", "gene_order", "name_families", "one_per_gene", "paralog_root", "stem_families"]


def gene_order(gid: str) -> int:
    """Sort key of an NCBI Gene id: numeric ids in number order, others last."""
    return int(gid) if gid.isdigit() else 1 << 62


_GREEK_LATIN = frozenset("ABGDEZHQIK")
# Roots of numbered symbols name protein families (and miRNA precursors), not lncRNAs (GAS5).
_STEM_LOCUS_TYPES = frozenset({"gene with protein product", "RNA, micro", "protein-coding", "miRNA", ""})
_STEM_RE = re.compile(r"^([A-Z][A-Z0-9]*?[A-Z])(\d{1,2}[A-Z]?)$")
_LETTERED_RE = re.compile(r"^([A-Z][A-Z0-9]*\d)([A-Z])$")


def stem_families(entries: Iterable[LexiconEntry], limit: int, min_stem: int = 4,
                  letter_series: bool = True, min_single: int = 0) -> dict[str, tuple[LexiconEntry, ...]]:
    """Families implied by HGNC's paralog naming: ``NOX1``, ``NOX3``… share the root ``NOX``.
    A root of a single gene needs ``min_single`` characters (``FDFT`` → FDFT1, not ``THY`` → THY1)."""
    if limit <= 0:
        return {}
    groups: dict[str, list[LexiconEntry]] = {}
    greek: dict[str, dict[str, LexiconEntry]] = {}
    lettered: dict[str, dict[str, LexiconEntry]] = {}
    for e in entries:
        if e.kind == "symbol" and e.locus_type in _STEM_LOCUS_TYPES:
            m = _STEM_RE.match(e.symbol)
            if m and len(m.group(1)) >= min_stem:
                groups.setdefault(m.group(1), []).append(e)
            m = _LETTERED_RE.match(e.symbol) if letter_series else None
            if m:
                lettered.setdefault(m.group(1), {})[e.ncbigene_id] = e
        if e.kind in ("symbol", "alias") and len(e.key) >= 4 and e.key[-1] in _GREEK_LATIN and e.key[-2].isalpha():
            # Greek-lettered paralogs: IκBα/β/ε (NFKBIA/B/E), GSK3α/β, RARα/β/γ share the root.
            greek.setdefault(e.key[:-1], {})[e.ncbigene_id] = e
    for stem, by_gene in lettered.items():
        # ``RAB11A``/``RAB11B``, ``CPT1A``/``B``/``C``, ``PDE4A``–``D``: the numbered root names them.
        letters = {e.symbol[-1] for e in by_gene.values()}
        if len(by_gene) >= 2 and {"A", "B"} <= letters and stem not in groups:
            groups[stem] = list(by_gene.values())
    for stem, by_gene in greek.items():
        # A Greek-lettered series starts with α and β; ``PROA``/``PROZ`` is not one.
        letters = {e.key[-1] for e in by_gene.values()}
        if len(by_gene) >= 2 and {"A", "B"} <= letters and stem not in groups:
            groups[stem] = list(by_gene.values())
    out = {}
    for stem, members in groups.items():
        if len(members) <= limit and (len(members) >= 2 or len(stem) >= min_single):
            out[stem] = _family(stem, stem, members)
    return out


def _family(name: str, key: str, members: Iterable[LexiconEntry]) -> tuple[LexiconEntry, ...]:
    """Family entries named ``name`` for the members' genes, in gene order."""
    return tuple(
        LexiconEntry(name=name, key=key, kind="family", ncbigene_id=e.ncbigene_id, symbol=e.symbol,
                     hgnc_id=e.hgnc_id, taxon_id=e.taxon_id, locus_type=e.locus_type, family=name)
        for e in sorted(members, key=lambda e: gene_order(e.ncbigene_id))
    )


# Enzyme names (``...ase``) and one-word protein names (``...in``: neuroligin, sestrin,
# complexin); other bases are class words (``factor``, ``complement``, ``transcription factor``,
# ``uncoupling protein``).
_NUMBERED_NAME = re.compile(r"^([A-Za-z][A-Za-z -]*ase|[A-Za-z][a-z]+in) (\d{1,2})$")


def name_families(entries: Iterable[LexiconEntry], limit: int) -> dict[str, tuple[LexiconEntry, ...]]:
    """Families implied by numbered enzyme names: ``arginase 1``/``arginase 2`` → ``Arginase``,
    ``malate dehydrogenase 1``/``2``; and by numbered protein names of one word
    (``neuroligin 1``–``3`` → ``Neuroligin``). Figures name enzymes and proteins so, without
    the number. Keyed by the name without its number; two or more genes."""
    if limit <= 0:
        return {}
    groups: dict[str, dict[str, LexiconEntry]] = {}
    names: dict[str, str] = {}
    for e in entries:
        if e.kind == "name" and e.name[-1:].isdigit() and e.locus_type in _STEM_LOCUS_TYPES:
            m = _NUMBERED_NAME.match(e.name)
            if m:
                key = normalize_key(m.group(1))
                groups.setdefault(key, {})[e.ncbigene_id] = e
                names.setdefault(key, m.group(1))
    return {
        key: _family(names[key], key, by_gene.values())
        # Two or more: one numbered name (``carnitine palmitoyltransferase 2``) may be the
        # only one of a series whose others HGNC spells otherwise (CPT1A).
        for key, by_gene in groups.items() if 2 <= len(by_gene) <= limit
    }


def family_to_named(mentions: list[Mention], least: int) -> list[Mention]:
    """Family mentions point at the members the other mentions name, when there are any."""
    named = {m.ncbigene_id: m for m in mentions if m.source != "family"}
    out: list[Mention] = []
    for m in mentions:
        members = [c for c in m.candidates if c.ncbigene_id in named] if m.source == "family" else []
        if len(members) < least or m.ncbigene_id in named:
            out.append(m)
            continue
        out.extend(replace(m, ncbigene_id=c.ncbigene_id, ncbigene_symbol=c.ncbigene_symbol, hgnc_id=c.hgnc_id)
                   for c in members)
    return out


def paralog_root(symbol: str) -> str:
    """The paralog root of a numbered symbol (``ITPR3`` → ``ITPR``), or ``""``."""
    m = _STEM_RE.match(symbol)
    return m.group(1) if m else ""


def one_per_gene(entries: Iterable[LexiconEntry]) -> list[LexiconEntry]:
    seen: dict[str, LexiconEntry] = {}
    for e in entries:
        seen.setdefault(e.ncbigene_id, e)
    return list(seen.values())
