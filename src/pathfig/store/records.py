"""Rows of the store as frozen records, and the organism names written beside taxon ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pathfig.models import Box

__all__ = ["FigureRecord", "FigureStatus", "InputErrorRecord", "MentionRecord", "ORGANISM_NAMES", "organism_name"]

#: ``pending``: queued or interrupted; ``ok``: words and mentions stored; ``failed``: see ``error``;
#: ``not_pathway``: the classifier scored it below the run's threshold, so it was not read.
FigureStatus = Literal["pending", "ok", "failed", "not_pathway"]

#: Scientific names of the taxa pathfig lexicons cover; other ids are written without a name.
ORGANISM_NAMES: dict[str, str] = {
    "9606": "Homo sapiens",
    "10090": "Mus musculus",
    "10116": "Rattus norvegicus",
    "7955": "Danio rerio",
    "7227": "Drosophila melanogaster",
    "6239": "Caenorhabditis elegans",
    "4932": "Saccharomyces cerevisiae",
    "559292": "Saccharomyces cerevisiae",
    "3702": "Arabidopsis thaliana",
    "9031": "Gallus gallus",
    "9913": "Bos taurus",
    "9823": "Sus scrofa",
    "9615": "Canis lupus familiaris",
    "8364": "Xenopus tropicalis",
    "8355": "Xenopus laevis",
}


def organism_name(taxon_id: str) -> str:
    """The scientific name of an NCBI Taxonomy id, or ``""`` when pathfig does not know it."""
    return ORGANISM_NAMES.get(str(taxon_id), "")


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureRecord:
    """One row of ``figures`` plus its counts (words, mentions, distinct genes)."""

    figid: str
    status: FigureStatus
    error: str = ""
    stage: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    source_path: str = ""
    sidecar_path: str = ""
    sha256: str = ""
    size: int = 0
    width: int | None = None
    height: int | None = None
    ocr_engine: str = ""
    ocr_engine_version: str = ""
    lexicon_version: str = ""
    pathfig_version: str = ""
    run_versions: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    created_at: str = ""
    updated_at: str = ""
    n_words: int = 0
    n_mentions: int = 0
    n_genes: int = 0
    #: P(pathway figure) from :mod:`pathfig.classify` (None: not classified), and its model version.
    automl_pathway: float | None = None
    classifier_version: str = ""

    @property
    def title(self) -> str:
        """The figure title from its metadata, else the paper title, else ``""``."""
        for key in ("figtitle", "papertitle"):
            value = self.metadata.get(key)
            if isinstance(value, str) and value.strip():
                return value
        return ""


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionRecord:
    """One row of ``gene_mentions``: a gene recognised in a word of a stored figure."""

    figid: str
    seq: int
    word: str
    match: str
    ncbigene_id: str
    ncbigene_symbol: str
    hgnc_id: str = ""
    organism_id: str = "9606"
    organism_name: str = ""
    source: str = ""
    name: str = ""
    family: str = ""
    transforms: tuple[str, ...] = ()
    ambiguous: bool = False
    word_index: int = -1
    box: Box | None = None
    confidence: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class InputErrorRecord:
    """An input of the latest run that could not become a figure (e.g. a duplicate figure id)."""

    source_path: str
    figid: str
    error: str
    sidecar_path: str = ""
    created_at: str = ""
