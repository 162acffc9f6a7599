"""A compact symbol index for gene lists: only the lexicon rows a gene-list token may map through.

The full :class:`~pathfig.lexicon.model.Lexicon` holds ~185k entry objects (~120 MB, ~200 MB
peak while loading) because recognition in figure text needs every name, family and full name.
Mapping a gene list needs far less: per normalised key, the genes of its best kind among
``symbol`` > ``previous`` > ``alias`` > ``ncbi_synonym``, plus the protein-coding gene ids for
that universe. Read straight from the lexicon file, that is ~30 MB, which keeps an enrichment
process with a 100k-set library under the memory target. Nothing here downloads.
"""

from __future__ import annotations

import csv
import functools
import gzip
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from pathfig.errors import LexiconError
from pathfig.lexicon.model import COLUMNS, KIND_RANK, Lexicon

__all__ = ["MAPPING_KINDS", "PROTEIN_CODING_LOCUS_TYPES", "SymbolIndex", "load_symbol_index"]

#: Lexicon kinds a gene-list token may map through, best first.
MAPPING_KINDS = ("symbol", "previous", "alias", "ncbi_synonym")

#: Locus types that make the "protein-coding" universe (HGNC's and NCBI's spellings).
PROTEIN_CODING_LOCUS_TYPES = frozenset({"gene with protein product", "protein-coding"})

_RANK = {k: KIND_RANK[k] for k in MAPPING_KINDS}
_KIND_OF_RANK = {v: k for k, v in _RANK.items()}
_I_KEY, _I_KIND, _I_ID, _I_SYMBOL, _I_LOCUS = (COLUMNS.index(c) for c in ("key", "kind", "ncbigene_id", "symbol",
                                                                            "locus_type"))


class SymbolIndex:
    """Normalised key → (best kind, ((NCBI Gene id, official symbol), ...)), ids in numeric order."""

    __slots__ = ("_table", "protein_coding", "source")

    def __init__(self, rows: Iterable[tuple[str, str, str, str, str]], source: str = "") -> None:
        """``rows``: (key, kind, ncbigene_id, symbol, locus_type) of lexicon entries of any kind."""
        table: dict[str, tuple[Any, ...]] = {}  # key → (rank, (id, symbol), (id, symbol), ...)
        pairs: dict[str, tuple[str, str]] = {}  # one shared (id, symbol) tuple per gene
        coding: set[str] = set()
        for key, kind, gid, symbol, locus in rows:
            rank = _RANK.get(kind)
            if rank is None or not key:
                continue
            pair = pairs.get(gid)
            if pair is None:
                pair = pairs[gid] = (gid, symbol)
            if kind == "symbol" and locus in PROTEIN_CODING_LOCUS_TYPES:
                coding.add(pair[0])
            held = table.get(key)
            if held is None or rank < held[0]:
                table[key] = (rank, pair)
            elif rank == held[0] and pair not in held:
                table[key] = (rank, *sorted((*held[1:], pair), key=_id_order))
        self._table = table
        self.protein_coding = frozenset(coding)
        self.source = source

    def lookup(self, key: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
        """(kind, ((id, symbol), ...)) of the best kind that has ``key``, or ``None``."""
        hit = self._table.get(key)
        if hit is None:
            return None
        return _KIND_OF_RANK[hit[0]], hit[1:]

    def __len__(self) -> int:
        return len(self._table)

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> SymbolIndex:
        return cls(((e.key, e.kind, e.ncbigene_id, e.symbol, e.locus_type) for e in lexicon.entries),
                   source=str(lexicon.provenance.get("path", "")))

    @classmethod
    def read(cls, path: str | Path) -> SymbolIndex:
        """Stream a lexicon TSV (gzipped or not) written by :func:`pathfig.lexicon.model.write_lexicon`."""
        path = Path(path)
        try:
            with open(path, "rb") as raw:
                gzipped = raw.read(2) == b"\x1f\x8b"
            opener = gzip.open if gzipped else open
            with opener(path, "rt", encoding="utf-8", newline="") as f:  # type: ignore[operator]
                return cls(_rows(f, path), source=str(path))
        except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
            raise LexiconError(f"{path}: cannot read lexicon ({exc})") from exc


def _id_order(item: tuple[str, str]) -> tuple[int, str]:
    return (int(item[0]), "") if item[0].isdigit() else (1 << 62, item[0])


def _rows(f: IO[str], path: Path) -> Iterator[tuple[str, str, str, str, str]]:
    # Streamed through the csv module (quoted fields read right), never the whole text at once.
    reader = csv.reader(f, delimiter="\t")
    header = tuple(next(reader, [])[: len(COLUMNS)])
    if header != COLUMNS:
        raise LexiconError(f"{path}: not a pathfig lexicon (header {list(header)!r}, expected {list(COLUMNS)})")
    width = len(COLUMNS)
    for row in reader:
        if len(row) >= width:
            yield row[_I_KEY], row[_I_KIND], row[_I_ID], row[_I_SYMBOL], row[_I_LOCUS]


@functools.lru_cache(maxsize=4)
def _read_cached(path: str, mtime_ns: int, size: int) -> SymbolIndex:
    # mtime and size are part of the key, so an updated lexicon file is read again.
    return SymbolIndex.read(path)


def load_symbol_index(lexicon: Lexicon | str | Path | None = None) -> SymbolIndex:
    """The symbol index of a lexicon object, file or organism name (``None``: the bundled human one).

    A file is read once per version; a :class:`Lexicon` already in memory is indexed directly.
    """
    if isinstance(lexicon, Lexicon):
        return SymbolIndex.from_lexicon(lexicon)
    from pathfig.lexicon.bundled import resolve_lexicon_path

    path = resolve_lexicon_path(lexicon)
    try:
        stat = path.stat()
    except OSError as exc:
        raise LexiconError(f"{path}: lexicon file not found ({exc.strerror})") from exc
    return _read_cached(str(path), stat.st_mtime_ns, stat.st_size)
