"""The lexicon shipped with pathfig and the ones ``pathfig lexicon update`` put in the user cache.

Nothing here downloads: a lexicon is the bundled human one, a file the user names, or one
already built in the cache (``<cache>/lexicons/<organism>.tsv.gz``).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from pathfig.errors import LexiconError
from pathfig.lexicon.model import Lexicon, read_lexicon
from pathfig.lexicon.organisms import ORGANISMS, get_organism

__all__ = [
    "BUNDLED_LEXICONS",
    "CACHE_ENV",
    "DATA_DIR",
    "DEFAULT_LEXICON_PATH",
    "cache_dir",
    "cached_lexicon_path",
    "load_default_lexicon",
    "lexicon_info",
    "load_lexicon",
    "resolve_lexicon_path",
]

DATA_DIR = Path(__file__).parent / "data"
#: The bundled human lexicon, built by ``scripts/build_human_lexicon.py``.
DEFAULT_LEXICON_PATH = DATA_DIR / "human.tsv.gz"
#: Bundled lexicons by organism: human, and mouse and rat built offline by
#: ``scripts/build_rodent_lexicons.py`` (a lexicon in the cache takes precedence over them).
BUNDLED_LEXICONS = {
    "human": DEFAULT_LEXICON_PATH,
    "mouse": DATA_DIR / "mouse.tsv.gz",
    "rat": DATA_DIR / "rat.tsv.gz",
}
#: Environment variable that overrides the user cache directory.
CACHE_ENV = "PATHFIG_CACHE_DIR"

_DEFAULT_NAMES = frozenset({"", "default", "bundled"})


def cache_dir(cache: str | Path | None = None) -> Path:
    """The pathfig cache: ``cache``, else ``$PATHFIG_CACHE_DIR``, else the platform user cache."""
    if cache:
        return Path(cache)
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("pathfig"))


def cached_lexicon_path(organism: str, cache: str | Path | None = None) -> Path:
    """Where ``pathfig lexicon update --organism <organism>`` writes its lexicon."""
    return cache_dir(cache) / "lexicons" / f"{get_organism(organism).name}.tsv.gz"


def resolve_lexicon_path(path_or_name: str | Path | None = None, cache: str | Path | None = None) -> Path:
    """The file a lexicon argument denotes.

    ``None``/``default``/``bundled`` → the bundled human lexicon; an existing file → itself; an
    organism name (``mouse``, ``10090``) → its lexicon in the cache, falling back to the bundled
    one for human, mouse and rat.
    """
    if path_or_name is None or (isinstance(path_or_name, str) and path_or_name.strip().lower() in _DEFAULT_NAMES):
        return DEFAULT_LEXICON_PATH
    path = Path(path_or_name)
    if path.is_file():
        return path
    text = str(path_or_name)
    try:
        organism = get_organism(text)
    except LexiconError:
        raise LexiconError(
            f"{text}: no such lexicon file, and not an organism name ({', '.join(ORGANISMS)})"
        ) from None
    cached = cached_lexicon_path(organism.name, cache)
    if cached.is_file():
        return cached
    bundled = BUNDLED_LEXICONS.get(organism.name)
    if bundled is not None and bundled.is_file():
        return bundled
    raise LexiconError(
        f"{cached}: no {organism.name} lexicon in the cache; "
        f"run `pathfig lexicon update --organism {organism.name}` to download and build it"
    )


@functools.lru_cache(maxsize=8)
def _read_cached(path: str, mtime_ns: int, size: int) -> Lexicon:
    # mtime and size are part of the cache key, so an updated file is read again.
    return read_lexicon(path)


def load_lexicon(path_or_name: str | Path | None = None, cache: str | Path | None = None) -> Lexicon:
    """Load (once per file version) the lexicon named by a path or an organism; never downloads.

    >>> load_lexicon("human").lookup("TP53")[0].ncbigene_id
    '7157'
    """
    path = resolve_lexicon_path(path_or_name, cache)
    if path == DEFAULT_LEXICON_PATH:
        return load_default_lexicon()
    try:
        stat = path.stat()
    except OSError as exc:
        raise LexiconError(f"{path}: lexicon file not found ({exc.strerror})") from exc
    return _read_cached(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=1)
def load_default_lexicon() -> Lexicon:
    """The bundled human lexicon (HGNC + NCBI Gene + FamPlex), read once per process."""
    if not DEFAULT_LEXICON_PATH.is_file():
        raise LexiconError(
            f"{DEFAULT_LEXICON_PATH}: the bundled lexicon is missing; reinstall pathfig or "
            "run scripts/build_human_lexicon.py"
        )
    return read_lexicon(DEFAULT_LEXICON_PATH)


def lexicon_info(path_or_name: str | Path | None = None, cache: str | Path | None = None) -> dict[str, Any]:
    """What ``pathfig lexicon info`` shows: the file, its organism, sources with dates, counts."""
    path = resolve_lexicon_path(path_or_name, cache)
    lexicon = load_lexicon(path_or_name, cache)
    prov = lexicon.provenance
    sources = {}
    for name, src in (prov.get("sources") or {}).items():
        if not isinstance(src, dict):
            continue
        # The dates each source shows: NCBI data date in org.eg.db, newest gene_info change, file times.
        sources[name] = {k: src[k] for k in (
            "source", "file", "ncbi_gene_source_date", "latest_modification_date", "modified", "entries",
        ) if src.get(k)}
        if isinstance(src.get("files"), dict):  # FamPlex is a directory of CSVs
            sources[name].setdefault("file", ", ".join(sorted(src["files"])))
    return {
        "path": str(path),
        "bundled": path == DEFAULT_LEXICON_PATH,
        "organism": prov.get("organism", ""),
        "taxon_id": prov.get("taxon_id", ""),
        "built": prov.get("built", ""),
        "pathfig_version": prov.get("pathfig_version", ""),
        "source_versions": prov.get("source_versions", {}),
        "downloads": prov.get("downloads", {}),
        "sources": sources,
        "counts": lexicon.counts(),
    }
