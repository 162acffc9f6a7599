"""Lexicon entries and the in-memory index the recogniser looks names up in.

A lexicon is stored as a gzipped TSV (one row per name × gene) with a JSON provenance file
beside it. Kinds: ``symbol``, ``previous``, ``alias``, ``ncbi_synonym``, ``name`` (a full gene
name such as HGNC's approved name "insulin receptor") and ``family``. Family rows (FamPlex families and complexes) carry one row per member gene and the
FamPlex id in ``family``.
"""

from __future__ import annotations

import csv
import gc
import gzip
import io
import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pathfig.errors import LexiconError
from pathfig.lexicon.keys import normalize_key
from pathfig.models import slot_constructor

__all__ = ["KIND_RANK", "SYNONYM_KINDS", "COLUMNS", "Lexicon", "LexiconEntry", "read_lexicon", "write_lexicon"]

logger = logging.getLogger(__name__)

#: Conflict order: an official symbol beats a previous symbol beats an alias beats an NCBI
#: synonym beats a full name ("insulin receptor") beats a family.
KIND_RANK: dict[str, int] = {"symbol": 0, "previous": 1, "alias": 2, "ncbi_synonym": 3, "name": 4, "family": 5}

#: Kinds that name a gene other than by its official symbol or a family.
SYNONYM_KINDS = frozenset({"previous", "alias", "ncbi_synonym", "name"})

#: Columns of the lexicon TSV, in order.
COLUMNS = ("name", "key", "kind", "ncbigene_id", "symbol", "hgnc_id", "taxon_id", "locus_type", "family")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One name of one gene in one organism, as written in its source."""

    name: str
    key: str
    kind: str
    ncbigene_id: str
    symbol: str
    hgnc_id: str = ""
    taxon_id: str = "9606"
    locus_type: str = ""
    family: str = ""

    @classmethod
    def make(cls, name: str, kind: str, ncbigene_id: str, symbol: str, **kw: str) -> LexiconEntry:
        """Build an entry, computing its key from the name."""
        return cls(name=name, key=normalize_key(name), kind=kind, ncbigene_id=ncbigene_id, symbol=symbol, **kw)


@dataclass(slots=True)
class Lexicon:
    """Entries plus a key → entries index; ``provenance`` says where they came from."""

    entries: list[LexiconEntry]
    provenance: dict[str, Any] = field(default_factory=dict)
    _index: dict[str, tuple[LexiconEntry, ...]] | None = None
    _names: dict[str, tuple[str, ...]] | None = None

    @property
    def index(self) -> dict[str, tuple[LexiconEntry, ...]]:
        if self._index is None:
            with _gc_paused():
                # Most keys name one entry: hold it bare and make a list only for the rest.
                grouped: dict[str, Any] = {}
                get = grouped.get
                for e in self.entries:
                    k = e.key
                    if k:
                        group = get(k)
                        if group is None:
                            grouped[k] = e
                        elif type(group) is list:
                            group.append(e)
                        else:
                            grouped[k] = [group, e]
                # Sorted once here so every lookup is deterministic.
                self._index = {
                    k: tuple(sorted(v, key=_entry_order)) if type(v) is list else (v,)
                    for k, v in grouped.items()
                }
        return self._index

    def lookup(self, key: str) -> tuple[LexiconEntry, ...]:
        """Entries whose key is ``key``, best kind first."""
        return self.index.get(key, ())

    def names_of(self, ncbigene_id: str) -> tuple[str, ...]:
        """The names of several words a gene has here (full names, MeSH names, families'),
        indexed on first use (or by :meth:`index_names`)."""
        return self.index_names().get(ncbigene_id, ())

    def index_names(self) -> dict[str, tuple[str, ...]]:
        """The index behind :meth:`names_of`, built now if it is not yet."""
        if self._names is None:
            grouped: dict[str, list[str]] = {}
            for e in self.entries:
                if " " in e.name:
                    grouped.setdefault(e.ncbigene_id, []).append(e.name)
            self._names = {k: tuple(v) for k, v in grouped.items()}
        return self._names

    def __len__(self) -> int:
        return len(self.entries)

    def taxa(self) -> list[str]:
        return sorted({e.taxon_id for e in self.entries})

    def counts(self) -> dict[str, Any]:
        """Counts for ``lexicon info``: names by kind, distinct genes, keys, families."""
        by_kind: dict[str, int] = {}
        for e in self.entries:
            by_kind[e.kind] = by_kind.get(e.kind, 0) + 1
        return {
            "entries": len(self.entries),
            "keys": len(self.index),
            "genes": len({(e.taxon_id, e.ncbigene_id) for e in self.entries if e.kind != "family"}),
            "families": len({e.family for e in self.entries if e.family}),
            "by_kind": dict(sorted(by_kind.items(), key=lambda kv: KIND_RANK.get(kv[0], 9))),
            "taxa": self.taxa(),
        }

    def merged(self, other: Lexicon) -> Lexicon:
        """A new lexicon holding both; provenance lists both sources."""
        prov = {"sources": [self.provenance, other.provenance]}
        return Lexicon(entries=self.entries + other.entries, provenance=prov)

    def genes(self) -> dict[str, LexiconEntry]:
        """Official-symbol entry of every gene, by NCBI Gene id."""
        return {e.ncbigene_id: e for e in self.entries if e.kind == "symbol"}


def _id_order(gid: str) -> int:
    return int(gid) if gid.isdigit() else 1 << 62


def _entry_order(e: LexiconEntry) -> tuple[int, int, str]:
    return (KIND_RANK.get(e.kind, 9), _id_order(e.ncbigene_id), e.name)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while building many small objects that hold no cycles.

    Loading ~170k entries otherwise triggers dozens of full collections and takes twice as long.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _open_text(path: Path, mode: str = "rt") -> io.TextIOBase:
    if path.suffix == ".gz":
        return gzip.open(path, mode, encoding="utf-8", newline="")  # type: ignore[return-value]
    return open(path, mode, encoding="utf-8", newline="")  # type: ignore[return-value]


def write_lexicon(lexicon: Lexicon, path: str | Path) -> Path:
    """Write ``lexicon`` as TSV (gzipped when the name ends in .gz) plus ``<name>.provenance.json``.

    Rows are sorted, so the same inputs always give the same bytes.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted({tuple(getattr(e, c) for c in COLUMNS) for e in lexicon.entries})
    if path.suffix == ".gz":
        # mtime=0 and no file name keep the gzip header stable between builds and output names.
        with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
            text = io.TextIOWrapper(gz, encoding="utf-8", newline="")
            _write_rows(text, rows)
            text.flush()
            text.detach()
    else:
        with open(path, "w", encoding="utf-8", newline="") as f:
            _write_rows(f, rows)
    prov = dict(lexicon.provenance)
    prov["counts"] = lexicon.counts()
    provenance_path(path).write_text(json.dumps(prov, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _write_rows(f: Any, rows: Iterable[tuple[str, ...]]) -> None:
    w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(COLUMNS)
    w.writerows(rows)


def provenance_path(path: Path) -> Path:
    name = path.name
    for suffix in (".gz", ".tsv"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return path.with_name(name + ".provenance.json")


def read_lexicon(path: str | Path) -> Lexicon:
    """Read a lexicon TSV written by :func:`write_lexicon` (and its provenance, if present)."""
    path = Path(path)
    if not path.exists():
        raise LexiconError(f"{path}: lexicon file not found")
    try:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        text = data.decode("utf-8")
        with _gc_paused():
            if '"' in text:
                # Some field was quoted by the csv writer: take the general (slower) reader.
                entries = list(_iter_rows(io.StringIO(text, newline=""), path))
            else:
                entries = _fast_rows(text, path)
    except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
        raise LexiconError(f"{path}: cannot read lexicon ({exc})") from exc
    prov_file = provenance_path(path)
    prov: dict[str, Any] = {}
    if prov_file.exists():
        prov = json.loads(prov_file.read_text(encoding="utf-8"))
    prov.setdefault("path", str(path))
    return Lexicon(entries=entries, provenance=prov)


def _fast_rows(text: str, path: Path) -> list[LexiconEntry]:
    """Rows of a lexicon without quoted fields: plain tab splitting, ~3x faster than csv."""
    lines = text.split("\n")
    header = lines[0].rstrip("\r").split("\t") if lines and lines[0] else None
    if header is None or tuple(header[: len(COLUMNS)]) != COLUMNS:
        raise LexiconError(f"{path}: not a pathfig lexicon (header {header!r}, expected {list(COLUMNS)})")
    width = len(COLUMNS)
    new = _new_entry
    entries = []
    append = entries.append
    for n, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        row = line.rstrip("\r").split("\t")
        if len(row) != width:
            if len(row) < width:
                raise LexiconError(f"{path}: line {n} has {len(row)} columns, expected {width}")
            row = row[:width]
        append(new(*row))
    return entries


# Hundreds of thousands per load: see models.slot_constructor.
_new_entry = slot_constructor(LexiconEntry, COLUMNS)


def _iter_rows(f: Any, path: Path) -> Iterator[LexiconEntry]:
    reader = csv.reader(f, delimiter="\t")
    header = next(reader, None)
    if header is None or tuple(header[: len(COLUMNS)]) != COLUMNS:
        raise LexiconError(f"{path}: not a pathfig lexicon (header {header!r}, expected {list(COLUMNS)})")
    new = LexiconEntry
    for n, row in enumerate(reader, start=2):
        if len(row) < len(COLUMNS):
            raise LexiconError(f"{path}: line {n} has {len(row)} columns, expected {len(COLUMNS)}")
        yield new(*row[: len(COLUMNS)])
