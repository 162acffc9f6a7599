"""Which organism lexicons pathfig can use now: bundled (human, mouse, rat) or built in the cache.

Nothing here downloads. A taxon maps to its lexicon file: the cache first (``pathfig lexicon
update --organism <name>`` wrote it, so it is the newest), then the bundled file.
"""

from __future__ import annotations

from pathlib import Path

from pathfig.lexicon.bundled import BUNDLED_LEXICONS, cached_lexicon_path
from pathfig.lexicon.organisms import ORGANISMS

__all__ = ["BUNDLED", "bundled_lexicon_path", "cached_taxa", "missing_lexicon_message", "organism_lexicon_spec"]

#: Bundled lexicons by organism short name.
BUNDLED: dict[str, Path] = BUNDLED_LEXICONS

# Taxa under which NCBI files an organism's genes, by the taxon organism inference reports
# (budding yeast: the species 4932 in text, the S288C strain 559292 in gene_info).
_ALIASES = {"4932": "559292"}


def _organism(taxon: str) -> str | None:
    taxon = _ALIASES.get(taxon, taxon)
    for org in ORGANISMS.values():
        if org.taxon_id == taxon:
            return org.name
    return None


def bundled_lexicon_path(organism: str) -> Path | None:
    """The bundled lexicon of an organism short name, if pathfig ships one."""
    path = BUNDLED.get(organism)
    return path if path is not None and path.is_file() else None


def organism_lexicon_spec(taxon: str, cache: str | Path | None = None) -> Path | None:
    """The lexicon file for an NCBI taxon: cached, else bundled, else None."""
    name = _organism(taxon)
    if name is None:
        return None
    cached = cached_lexicon_path(name, cache)
    if cached.is_file():
        return cached
    return bundled_lexicon_path(name)


def cached_taxa(cache: str | Path | None = None) -> list[str]:
    """Taxa with a lexicon in the cache (``pathfig lexicon update`` was run for them)."""
    out = []
    for org in ORGANISMS.values():
        try:
            if cached_lexicon_path(org.name, cache).is_file():
                out.append(org.taxon_id)
        except OSError:  # pragma: no cover - unreadable cache directory
            continue
    return out


def missing_lexicon_message(taxon: str) -> str:
    """Why a taxon's genes were not mapped, with the command that fixes it when there is one."""
    name = _organism(taxon)
    if name is None:
        return f"pathfig has no gene lexicon for taxon {taxon}"
    return f"no {name} lexicon; run `pathfig lexicon update --organism {name}`"
