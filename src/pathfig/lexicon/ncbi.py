"""Read NCBI Gene ``gene_info`` files (any organism, plain or gzipped, one taxon or many).

Columns: ``#tax_id GeneID Symbol LocusTag Synonyms dbXrefs chromosome map_location description
type_of_gene Symbol_from_nomenclature_authority Full_name_from_nomenclature_authority
Nomenclature_status Other_designations Modification_date Feature_type``; lists are ``|``-separated
and ``-`` means empty. Older files start with ``#Format: tax_id GeneID ...`` instead; both work.

The ``hgnc_id`` of an entry is the organism database's id of its gene (``HGNC:5``,
``MGI:87853``, ``ZFIN:ZDB-GENE-...``). Entries: ``Symbol`` → symbol, ``Synonyms`` → ncbi_synonym,
the nomenclature authority's symbol
(when it differs) → alias; with ``full_names=True`` also the full name of protein-coding genes
(``Full_name_from_nomenclature_authority``, else ``description``) → name, unless it is a
placeholder ("uncharacterized LOC...", "predicted gene 123", zebrafish "si:ch211-..." clone
names). :func:`iter_gene_info_records` also gives each gene's ``dbXrefs``
(``HGNC:HGNC:5``, ``MGI:MGI:87853``, ``ZFIN:ZDB-GENE-...``) for organism-specific ids.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pathfig.errors import LexiconError
from pathfig.lexicon._common import (
    Source,
    SourceLoad,
    file_info,
    iter_lines,
    new_full_name_forms,
    source_label,
    usable_full_name,
    usable_name,
)
from pathfig.lexicon.model import LexiconEntry

__all__ = [
    "NAME_GENE_TYPES",
    "ORGANISM_DBS",
    "GeneInfoRecord",
    "full_name",
    "iter_gene_info_records",
    "load_gene_info",
    "parse_gene_info",
]

logger = logging.getLogger(__name__)

#: dbXrefs databases that hold an organism's official gene ids, in preference order.
ORGANISM_DBS = ("HGNC", "MGI", "RGD", "ZFIN", "FLYBASE", "WORMBASE", "SGD", "TAIR")

_REQUIRED = ("tax_id", "GeneID", "Symbol", "Synonyms")
# NCBI's placeholder for GeneRIF-only records; not a gene name.
_PLACEHOLDER_SYMBOLS = frozenset({"NEWENTRY"})
#: ``type_of_gene`` values whose full name becomes a ``name`` entry.
NAME_GENE_TYPES = frozenset({"protein-coding"})
# Placeholder full names NCBI gives genes nobody has named yet (on top of FULL_NAME_EXCLUDED).
_NCBI_NAME_EXCLUDED = ("predicted gene", "hypothetical protein")
# A clone-based name without spaces: zebrafish "si:ch211-195b13.1", "zgc:110340", "wu:fb62f08".
_CLONE_NAME = re.compile(r"^[A-Za-z]+:\S+$")


@dataclass(frozen=True, slots=True, kw_only=True)
class GeneInfoRecord:
    """One gene of a gene_info file, with its cross-references by database."""

    taxon_id: str
    gene_id: str
    symbol: str
    synonyms: tuple[str, ...] = ()
    #: Database (as NCBI writes it: ``HGNC``, ``MGI``, ``Ensembl``, ``FLYBASE``...) → ids.
    xrefs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    type_of_gene: str = ""
    authority_symbol: str = ""
    authority_full_name: str = ""
    description: str = ""
    modification_date: str = ""

    @property
    def hgnc_id(self) -> str:
        """``HGNC:5`` from ``dbXrefs`` ``HGNC:HGNC:5``, or ``""``."""
        ids = self.xrefs.get("HGNC", ())
        if not ids:
            return ""
        return ids[0] if ids[0].startswith("HGNC:") else f"HGNC:{ids[0]}"

    @property
    def authority_curie(self) -> str:
        """The organism database's gene id as a CURIE: ``MGI:87853``, ``ZFIN:ZDB-GENE-...``, ``FLYBASE:FBgn...``; or ``""``."""
        got = self.organism_id
        if got is None:
            return ""
        db, ident = got
        return ident if ident.upper().startswith(f"{db}:") else f"{db}:{ident}"

    @property
    def organism_id(self) -> tuple[str, str] | None:
        """(database, id) of the organism database's gene id: ``("MGI", "MGI:87853")``, ``("ZFIN", "ZDB-GENE-...")``."""
        upper = {k.upper(): v for k, v in self.xrefs.items()}
        for db in ORGANISM_DBS:
            if upper.get(db):
                return db, upper[db][0]
        return None


def _dash(value: str) -> str:
    return "" if value == "-" else value.strip()


def _pipe_list(value: str) -> tuple[str, ...]:
    value = _dash(value)
    return tuple(v.strip() for v in value.split("|") if v.strip() and v.strip() != "-") if value else ()


def _xrefs(value: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for item in _pipe_list(value):
        db, sep, ident = item.partition(":")
        if sep and ident:
            out.setdefault(db, []).append(ident)
    return {k: tuple(v) for k, v in out.items()}


def _header(line: str, label: str) -> list[str]:
    if line.startswith("#Format:"):
        # Old style: "#Format: tax_id GeneID Symbol ... (tab is used as a separator, ...)"
        return line[len("#Format:"):].split("(", 1)[0].split()
    if not line.startswith("#"):
        raise LexiconError(f"{label}: not an NCBI gene_info file: first line should start with '#tax_id', got {line[:40]!r}")
    return line.lstrip("#").split("\t")


def _taxa(taxon: str | int | Iterable[str | int] | None) -> frozenset[str] | None:
    if taxon is None:
        return None
    if isinstance(taxon, (str, int)):
        return frozenset({str(taxon)})
    return frozenset(str(t) for t in taxon)


def iter_gene_info_records(
    source: Source,
    *,
    taxon: str | int | Iterable[str | int] | None = None,
    name: str | None = None,
) -> Iterator[GeneInfoRecord]:
    """Stream the genes of a gene_info file, optionally only those of ``taxon`` (one or several)."""
    label = source_label(source, name)
    lines = iter_lines(source, label)
    first = next(lines, None)
    if first is None:
        raise LexiconError(f"{label}: empty file, expected an NCBI gene_info file")
    header = _header(first, label)
    cols = {c.strip(): i for i, c in enumerate(header)}
    missing = [c for c in _REQUIRED if c not in cols]
    if missing:
        raise LexiconError(f"{label}: not an NCBI gene_info file: missing column(s) {', '.join(missing)}")
    want = _taxa(taxon)
    width = len(header)
    i_tax, i_id, i_sym, i_syn = (cols[c] for c in _REQUIRED)
    i_x, i_type, i_auth, i_full, i_desc, i_mod = (cols.get(c) for c in (
        "dbXrefs", "type_of_gene", "Symbol_from_nomenclature_authority", "Full_name_from_nomenclature_authority",
        "description", "Modification_date"))

    def opt(row: list[str], i: int | None) -> str:
        return _dash(row[i]) if i is not None else ""

    for n, line in enumerate(lines, start=2):
        if not line or line.startswith("#"):
            continue
        if want is not None and line.split("\t", 1)[0] not in want:
            continue  # cheap filter before splitting the whole row of a many-taxa file
        row = line.split("\t")
        if len(row) != width:
            raise LexiconError(f"{label}: line {n} has {len(row)} columns, the header has {width}")
        gene_id = row[i_id].strip()
        if not gene_id.isdigit():
            raise LexiconError(f"{label}: line {n}: GeneID {gene_id!r} is not a number")
        yield GeneInfoRecord(
            taxon_id=row[i_tax].strip(),
            gene_id=gene_id,
            symbol=_dash(row[i_sym]),
            synonyms=_pipe_list(row[i_syn]),
            xrefs=_xrefs(row[i_x]) if i_x is not None else {},
            type_of_gene=opt(row, i_type),
            authority_symbol=opt(row, i_auth),
            authority_full_name=opt(row, i_full),
            description=opt(row, i_desc),
            modification_date=opt(row, i_mod),
        )


def full_name(rec: GeneInfoRecord) -> str | None:
    """The full name of a protein-coding gene usable as a ``name`` entry, or None."""
    if rec.type_of_gene not in NAME_GENE_TYPES:
        return None
    clean = usable_full_name(rec.authority_full_name or rec.description)
    if clean is None or _CLONE_NAME.match(clean):
        return None
    low = clean.lower()
    if any(bad in low for bad in _NCBI_NAME_EXCLUDED):
        return None
    return clean


def parse_gene_info(
    source: Source,
    *,
    taxon: str | int | Iterable[str | int] | None = None,
    name: str | None = None,
    full_names: bool = False,
) -> SourceLoad:
    """Entries of a gene_info file plus counts and the latest ``Modification_date`` it shows.

    ``full_names=True`` adds a ``name`` entry per protein-coding gene (see :func:`full_name`).
    """
    label = source_label(source, name)
    entries: list[LexiconEntry] = []
    genes = junk = placeholders = named = 0
    taxa: dict[str, int] = {}
    latest = ""
    for rec in iter_gene_info_records(source, taxon=taxon, name=name):
        if not rec.symbol or rec.symbol in _PLACEHOLDER_SYMBOLS:
            placeholders += 1
            continue
        genes += 1
        taxa[rec.taxon_id] = taxa.get(rec.taxon_id, 0) + 1
        latest = max(latest, rec.modification_date)
        # The organism's own nomenclature id: HGNC for human, else MGI, RGD, ZFIN, FlyBase...
        hgnc_id = rec.hgnc_id or rec.authority_curie
        seen: set[str] = set()
        authority = (rec.authority_symbol,) if rec.authority_symbol and rec.authority_symbol != rec.symbol else ()
        for kind, names in (("symbol", (rec.symbol,)), ("alias", authority), ("ncbi_synonym", rec.synonyms)):
            for raw in names:
                clean = usable_name(raw)
                if clean is None:
                    junk += 1
                    continue
                if clean in seen:
                    continue
                seen.add(clean)
                entries.append(LexiconEntry.make(
                    clean, kind, rec.gene_id, rec.symbol, hgnc_id=hgnc_id,
                    taxon_id=rec.taxon_id, locus_type=rec.type_of_gene,
                ))
        if full_names:
            clean = full_name(rec)
            if clean is not None and clean not in seen:
                named += 1
                for form in new_full_name_forms(clean, seen):
                    entries.append(LexiconEntry.make(
                        form, "name", rec.gene_id, rec.symbol, hgnc_id=hgnc_id,
                        taxon_id=rec.taxon_id, locus_type=rec.type_of_gene,
                    ))
    if taxon is not None and not genes:
        logger.warning("[%s] no genes of taxon %s", label, taxon)
    info = {
        "source": "NCBI Gene gene_info",
        **file_info(source, name),
        "genes": genes,
        "taxa": dict(sorted(taxa.items())),
        "skipped_placeholder": placeholders,
        "dropped_names": junk,
        **({"full_names": named} if full_names else {}),
        "entries": len(entries),
        # gene_info has no release stamp; its newest Modification_date (YYYYMMDD) is the best proxy.
        "latest_modification_date": latest,
    }
    return SourceLoad(entries=entries, info=info)


def load_gene_info(
    source: Source,
    *,
    taxon: str | int | Iterable[str | int] | None = None,
    name: str | None = None,
    full_names: bool = False,
) -> list[LexiconEntry]:
    """Lexicon entries (symbol, alias, ncbi_synonym; name with ``full_names``) of the genes in a gene_info file."""
    return parse_gene_info(source, taxon=taxon, name=name, full_names=full_names).entries
