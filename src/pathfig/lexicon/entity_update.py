"""``pathfig lexicon update --entities``: current MeSH, ChEBI and Disease Ontology → chemical and disease lexicons.

Downloads (only when the user asks) the official files — MeSH descriptors and supplementary
concepts (ASCII, ``d<year>.bin``/``c<year>.bin``), ChEBI (``chebi_core.obo``) and the Disease
Ontology (``doid.obo``) — into ``<cache>/sources/entities/`` and builds
``<cache>/lexicons/chemicals.tsv.gz`` and ``diseases.tsv.gz``, which then take precedence over the
bundled ones (:func:`pathfig.lexicon.entities.entity_lexicon_path`). MeSH ↔ ChEBI links come
from the bundled chemical lexicon (the official files carry none).

URLs can be overridden (arguments or ``PATHFIG_MESH_BASE``, ``PATHFIG_CHEBI_URL``,
``PATHFIG_DOID_URL``), which is how the tests point at a local server.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timezone
from pathlib import Path

import requests

from pathfig.lexicon.bundled import cache_dir
from pathfig.lexicon.entities import write_entity_lexicon
from pathfig.lexicon.entity_sources import bundled_links, build_entity_lexicons
from pathfig.lexicon.update import download, make_session

__all__ = ["CHEBI_URL", "DOID_URL", "MESH_BASE", "entity_source_urls", "update_entity_lexicons"]

logger = logging.getLogger(__name__)

MESH_BASE = "https://nlmpubs.nlm.nih.gov/projects/mesh/MESH_FILES/asciimesh"
CHEBI_URL = "https://ftp.ebi.ac.uk/pub/databases/chebi/ontology/chebi_core.obo"
DOID_URL = "https://purl.obolibrary.org/obo/doid.obo"


def entity_source_urls(
    *, mesh_year: int | None = None, mesh_base: str | None = None, chebi_url: str | None = None,
    doid_url: str | None = None,
) -> dict[str, str]:
    """Source name → URL (arguments beat environment beat defaults)."""
    year = mesh_year or datetime.now(timezone.utc).year
    base = (mesh_base or os.environ.get("PATHFIG_MESH_BASE") or MESH_BASE).rstrip("/")
    return {
        "mesh": f"{base}/d{year}.bin",
        "mesh_supp": f"{base}/c{year}.bin",
        "chebi": chebi_url or os.environ.get("PATHFIG_CHEBI_URL") or CHEBI_URL,
        "doid": doid_url or os.environ.get("PATHFIG_DOID_URL") or DOID_URL,
    }


def update_entity_lexicons(
    cache: str | Path | None = None,
    *,
    mesh_year: int | None = None,
    mesh_base: str | None = None,
    chebi_url: str | None = None,
    doid_url: str | None = None,
    session: requests.Session | None = None,
    progress: bool = False,
) -> dict[str, Path]:
    """Download the official files and build the cache's chemical and disease lexicons; returns their paths.

    A failed download raises :class:`~pathfig.errors.DownloadError` and a malformed file
    :class:`~pathfig.errors.LexiconError`; the lexicons in the cache stay as they were.
    """
    root = cache_dir(cache)
    src = root / "sources" / "entities"
    urls = entity_source_urls(mesh_year=mesh_year, mesh_base=mesh_base, chebi_url=chebi_url, doid_url=doid_url)
    session = session or make_session()
    files: dict[str, Path] = {}
    downloads = {}
    for name, url in urls.items():
        dest = src / url.rsplit("/", 1)[-1]
        downloads[name] = download(url, dest, session=session, progress=progress)
        files[name] = dest
    chem, dis = build_entity_lexicons(
        None, mesh=files["mesh"], mesh_supp=files["mesh_supp"], chebi=files["chebi"], doid=files["doid"],
        links=bundled_links(),
        extra_provenance={"downloads": downloads, "command": "pathfig lexicon update --entities"},
    )
    out = {}
    for name, lex in (("chemicals", chem), ("diseases", dis)):
        final = root / "lexicons" / f"{name}.tsv.gz"
        # Written under a temporary name and renamed, so readers never see a half-written lexicon.
        tmp = final.with_name(f".{name}.{os.getpid()}.tsv.gz")
        write_entity_lexicon(lex, tmp)
        os.replace(tmp.with_name(f".{name}.{os.getpid()}.provenance.json"), final.with_name(f"{name}.provenance.json"))
        os.replace(tmp, final)
        logger.info("[%s] %d entries written to %s", name, len(lex), final)
        out[name] = final
    return out
