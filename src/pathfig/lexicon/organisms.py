"""The organisms ``pathfig lexicon update`` knows: names, NCBI taxa and gene_info locations."""

from __future__ import annotations

from typing import NamedTuple

from pathfig.errors import LexiconError

__all__ = ["ORGANISMS", "Organism", "get_organism"]


class Organism(NamedTuple):
    """An organism with an NCBI ``gene_info`` file of its own."""

    name: str
    taxon_id: str
    scientific_name: str
    #: Path of its gene_info under https://ftp.ncbi.nlm.nih.gov/gene/DATA/GENE_INFO/
    gene_info: str


ORGANISMS: dict[str, Organism] = {o.name: o for o in (
    Organism("human", "9606", "Homo sapiens", "Mammalia/Homo_sapiens.gene_info.gz"),
    Organism("mouse", "10090", "Mus musculus", "Mammalia/Mus_musculus.gene_info.gz"),
    Organism("rat", "10116", "Rattus norvegicus", "Mammalia/Rattus_norvegicus.gene_info.gz"),
    Organism("zebrafish", "7955", "Danio rerio", "Non-mammalian_vertebrates/Danio_rerio.gene_info.gz"),
    Organism("fly", "7227", "Drosophila melanogaster", "Invertebrates/Drosophila_melanogaster.gene_info.gz"),
    Organism("worm", "6239", "Caenorhabditis elegans", "Invertebrates/Caenorhabditis_elegans.gene_info.gz"),
    # NCBI Gene files budding yeast under the S288C strain taxon.
    Organism("yeast", "559292", "Saccharomyces cerevisiae", "Fungi/Saccharomyces_cerevisiae.gene_info.gz"),
    Organism("arabidopsis", "3702", "Arabidopsis thaliana", "Plants/Arabidopsis_thaliana.gene_info.gz"),
)}


def get_organism(name: str) -> Organism:
    """Look an organism up by short name, taxon id or scientific name (case-insensitive)."""
    wanted = name.strip().lower()
    for org in ORGANISMS.values():
        if wanted in (org.name, org.taxon_id, org.scientific_name.lower()):
            return org
    raise LexiconError(f"unknown organism {name!r}; choose one of: {', '.join(ORGANISMS)}")
