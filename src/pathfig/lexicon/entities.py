"""Chemical and disease lexicons: entries, keys, the TSV file format and loading.

A lexicon is a gzipped TSV, one row per name × concept, with a JSON provenance file beside it:
``name key kind mesh chebi doid label source core``. ``kind`` is ``chemical`` or ``disease``;
``label`` is the concept's preferred name; ``source`` says where the name came from
(``curated``, ``mesh`` heading, ``mesh_entry`` term, ``mesh_supp`` concept, ``chebi``, ``doid``);
``core`` (``1``) marks the signalling chemicals that stay chemicals even where a gene symbol is
spelled the same. The bundled files are built by ``scripts/build_entity_lexicons.py``;
``pathfig lexicon update --entities`` builds newer ones in the cache from the official files.

Keys (:func:`entity_key`) drop separators and fold Greek letters and case, except that short
names (at most four letters and digits) keep their case unless written as an ordinary word:
``NO`` (nitric oxide) ≠ ``No``, ``cAMP`` ≠ ``CAMP`` (a gene), but ``Zinc`` = ``zinc``.
"""

from __future__ import annotations

import csv
import functools
import gc
import gzip
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pathfig.errors import LexiconError
from pathfig.lexicon.keys import GREEK_LETTERS, fold_homoglyphs, strip_accents
from pathfig.models import slot_constructor

__all__ = [
    "ENTITY_COLUMNS",
    "ENTITY_KINDS",
    "SOURCE_RANK",
    "EntityEntry",
    "EntityLexicon",
    "entity_key",
    "entity_lexicon_path",
    "load_entity_lexicon",
    "read_entity_lexicon",
    "write_entity_lexicon",
]

DATA_DIR = Path(__file__).parent / "data"
ENTITY_COLUMNS = ("name", "key", "kind", "mesh", "chebi", "doid", "label", "source", "core")
#: Lexicon name → kind of its entries.
ENTITY_KINDS = {"chemicals": "chemical", "diseases": "disease"}
#: Which name wins when several concepts share a key (lower first).
SOURCE_RANK = {"curated": 0, "mesh": 1, "doid": 2, "chebi": 3, "mesh_entry": 4, "doid_synonym": 5, "mesh_supp": 6}

_GREEK_SPELLED = str.maketrans({k: v[1] for k, v in GREEK_LETTERS.items()})
_POSSESSIVE = re.compile(r"['’`]s\b")
_REPEATED_CHARGE = re.compile(r"(?<=[A-Za-z])(?:\+{2,3}|-{2,3})$")
_SEP = re.compile(r"[^A-Za-z0-9+]+")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_WORDLIKE = re.compile(r"^[A-Z]?[a-z]+$")


def entity_key(text: str) -> str:
    """The lookup key of a chemical or disease name.

    >>> entity_key("Alzheimer's disease"), entity_key("α-Tocopherol"), entity_key("NO"), entity_key("Ca²⁺")
    ('alzheimerdisease', 'alphatocopherol', 'NO', 'Ca2+')
    """
    s = unicodedata.normalize("NFKC", text)
    s = strip_accents(fold_homoglyphs(s)).translate(_GREEK_SPELLED)
    s = _POSSESSIVE.sub("", s).strip()
    s = _REPEATED_CHARGE.sub(lambda m: f"{len(m.group(0))}{m.group(0)[0]}", s)  # Zn++ → Zn2+
    n = len(_ALNUM.findall(s))
    # Short names keep their case (NO, cAMP, Pi), except ordinary words of four letters (Zinc, Iron).
    short = n <= 4 and not (n == 4 and _WORDLIKE.match(s))
    s = _SEP.sub("", s)
    return s if short else s.lower()


@dataclass(frozen=True, slots=True)
class EntityEntry:
    """One name of one chemical or disease concept."""

    name: str
    key: str
    kind: str
    mesh: str = ""
    chebi: str = ""
    doid: str = ""
    label: str = ""
    source: str = ""
    core: bool = False

    @classmethod
    def make(cls, name: str, kind: str, **kw: Any) -> EntityEntry:
        return cls(name=name, key=entity_key(name), kind=kind, **kw)

    def row(self) -> tuple[str, ...]:
        return (self.name, self.key, self.kind, self.mesh, self.chebi, self.doid, self.label, self.source,
                "1" if self.core else "")


def _rank(e: EntityEntry) -> tuple[int, int, int, str]:
    # Core chemicals first, then by source, then concepts with more identifiers, then by id.
    return (0 if e.core else 1, SOURCE_RANK.get(e.source, 9), -(bool(e.mesh) + bool(e.chebi) + bool(e.doid)),
            e.mesh or e.chebi or e.doid)


@dataclass(slots=True)
class EntityLexicon:
    """Entries plus a key index; ``provenance`` says where they came from."""

    entries: list[EntityEntry]
    provenance: dict[str, Any] = field(default_factory=dict)
    _index: dict[str, tuple[EntityEntry, ...]] | None = None

    @property
    def index(self) -> dict[str, tuple[EntityEntry, ...]]:
        if self._index is None:
            grouped: dict[str, list[EntityEntry]] = {}
            for e in self.entries:
                if e.key:
                    grouped.setdefault(e.key, []).append(e)
            self._index = {k: tuple(sorted(v, key=_rank)) if len(v) > 1 else (v[0],) for k, v in grouped.items()}
        return self._index

    def lookup(self, key: str) -> tuple[EntityEntry, ...]:
        return self.index.get(key, ())

    def __len__(self) -> int:
        return len(self.entries)

    def counts(self) -> dict[str, Any]:
        by_source: dict[str, int] = {}
        for e in self.entries:
            by_source[e.source] = by_source.get(e.source, 0) + 1
        concepts = {(e.mesh, e.chebi, e.doid) for e in self.entries}
        return {"entries": len(self.entries), "keys": len(self.index), "concepts": len(concepts),
                "by_source": dict(sorted(by_source.items(), key=lambda kv: SOURCE_RANK.get(kv[0], 9))),
                "with_mesh": len({e.mesh for e in self.entries if e.mesh}),
                "with_chebi": len({e.chebi for e in self.entries if e.chebi}),
                "with_doid": len({e.doid for e in self.entries if e.doid})}


def write_entity_lexicon(lexicon: EntityLexicon, path: str | Path) -> Path:
    """Write a lexicon (gzip when the name ends in .gz, stable bytes) and ``<stem>.provenance.json``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted({e.row() for e in lexicon.entries})
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(ENTITY_COLUMNS)
    w.writerows(rows)
    data = buf.getvalue().encode("utf-8")
    if path.suffix == ".gz":
        with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(data)
    else:
        path.write_bytes(data)
    prov = dict(lexicon.provenance)
    prov["counts"] = lexicon.counts()
    _provenance_path(path).write_text(json.dumps(prov, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _provenance_path(path: Path) -> Path:
    name = path.name
    for suffix in (".gz", ".tsv"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return path.with_name(name + ".provenance.json")


def read_entity_lexicon(path: str | Path) -> EntityLexicon:
    """Read a lexicon written by :func:`write_entity_lexicon` (and its provenance)."""
    path = Path(path)
    try:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{path}: entity lexicon not found; run scripts/build_entity_lexicons.py") from None
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read entity lexicon ({exc})") from exc
    # Plain tab splitting unless a field is quoted (3x faster than csv on ~120k rows), the cyclic
    # GC paused while the entries are made (they hold no cycles).
    rows: Iterable[list[str]]
    if '"' in text:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    else:
        rows = (line.rstrip("\r").split("\t") for line in text.split("\n") if line)
    it = iter(rows)
    header = next(it, None)
    if header is None or tuple(header[: len(ENTITY_COLUMNS)]) != ENTITY_COLUMNS:
        raise LexiconError(f"{path}: not a pathfig entity lexicon (header {header!r}, expected {list(ENTITY_COLUMNS)})")
    entries = []
    append = entries.append
    new = _new_entry
    was = gc.isenabled()
    gc.disable()
    try:
        for n, row in enumerate(it, start=2):
            if len(row) < len(ENTITY_COLUMNS):
                raise LexiconError(f"{path}: line {n} has {len(row)} columns, expected {len(ENTITY_COLUMNS)}")
            append(new(*row[:8], row[8] == "1"))
    finally:
        if was:
            gc.enable()
    prov_file = _provenance_path(path)
    prov = json.loads(prov_file.read_text(encoding="utf-8")) if prov_file.exists() else {}
    prov.setdefault("path", str(path))
    return EntityLexicon(entries=entries, provenance=prov)


def entity_lexicon_path(name: str, cache: str | Path | None = None) -> Path:
    """The file of lexicon ``name`` (``chemicals`` or ``diseases``): the cache's when there is one, else bundled."""
    if name not in ENTITY_KINDS:
        raise LexiconError(f"unknown entity lexicon {name!r}; choose one of: {', '.join(ENTITY_KINDS)}")
    from pathfig.lexicon.bundled import cache_dir

    cached = cache_dir(cache) / "lexicons" / f"{name}.tsv.gz"
    return cached if cached.is_file() else DATA_DIR / f"{name}.tsv.gz"


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> EntityLexicon:
    return read_entity_lexicon(path)


def load_entity_lexicon(name_or_path: str | Path, cache: str | Path | None = None) -> EntityLexicon:
    """Load (once per file version) ``chemicals``, ``diseases`` or a lexicon file; never downloads."""
    path = entity_lexicon_path(str(name_or_path), cache) if str(name_or_path) in ENTITY_KINDS else Path(name_or_path)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise LexiconError(f"{path}: entity lexicon not found; run scripts/build_entity_lexicons.py") from None
    return _load(str(path), mtime)


# ~160k rows per load: see models.slot_constructor.
_new_entry = slot_constructor(EntityEntry, ENTITY_COLUMNS)


def iter_unique(entries: Iterable[EntityEntry]) -> list[EntityEntry]:
    """Entries without repeats of (key, concept): the best-ranked name of each stays."""
    best: dict[tuple[str, str, str, str], EntityEntry] = {}
    for e in entries:
        if not e.key:
            continue
        k = (e.key, e.mesh, e.chebi, e.doid)
        old = best.get(k)
        if old is None or _rank(e) < _rank(old):
            best[k] = e
    return list(best.values())
