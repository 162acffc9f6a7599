"""Enrichment: which gene sets (pathway figures) are over-represented in a gene list.

>>> from pathfig.enrich import enrich, load_library          # doctest: +SKIP
>>> library = load_library("pathfig-out/gmt/pathfig-Homo_sapiens.gmt")
>>> df = enrich(["TP53", "MDM2", "CDKN1A"], library)       # pandas DataFrame, best first
>>> result = library.enrich(genes, background=my_genes)     # arrays + report; .to_frame(), .to_tsv()
>>> library.search(["TP53", "MDM2"]).hits                   # figures holding all of these genes

One-sided Fisher exact test per set (hypergeometric upper tail, exact in log space),
Benjamini–Hochberg over every tested set, sample odds ratio (Haldane +0.5 when a cell is 0),
fold enrichment and Enrichr's combined score. See ``pathfig.enrich.engine`` for why it is fast
and ``pathfig.enrich.stats`` for why it is exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pathfig.enrich.engine import SearchHit, SearchResult, enrich_library, search_library
from pathfig.enrich.genes import GeneMapper, GeneMatch, MappingReport, read_gene_list
from pathfig.enrich.gmt import GmtProblem, GmtSet, parse_gmt, read_gmt
from pathfig.enrich.library import EnrichError, GeneSetLibrary, Universe, load_library
from pathfig.enrich.result import COLUMNS, EnrichmentResult
from pathfig.lexicon.model import Lexicon

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "COLUMNS",
    "EnrichError",
    "EnrichmentResult",
    "GeneMapper",
    "GeneMatch",
    "GeneSetLibrary",
    "GmtProblem",
    "GmtSet",
    "MappingReport",
    "SearchHit",
    "SearchResult",
    "Universe",
    "enrich",
    "load_library",
    "parse_gmt",
    "read_gene_list",
    "read_gmt",
    "search_genes",
]

def _library(library: GeneSetLibrary | str | Path, lexicon: Lexicon | str | Path | None) -> GeneSetLibrary:
    return library if isinstance(library, GeneSetLibrary) else load_library(library, lexicon=lexicon)


def enrich(
    genes: Iterable[str],
    library: GeneSetLibrary | str | Path,
    *,
    background: Iterable[str] | None = None,
    universe: str = "library",
    min_size: int = 1,
    max_size: int | None = None,
    top: int | None = None,
    include_all: bool = False,
    lexicon: Lexicon | str | Path | None = None,
) -> pd.DataFrame:
    """Over-representation of ``genes`` in every set of ``library``, as a DataFrame sorted by p-value.

    ``genes``: NCBI Gene ids and/or symbols (symbols go through the lexicon: previous symbols
    and aliases resolve, ambiguous ones are reported). ``library``: a loaded library or what
    :func:`load_library` reads. Universe: the library's genes (default), ``"protein-coding"``
    genes of the lexicon, or a ``background`` list. ``df.attrs["mapping"]`` lists unmapped,
    ambiguous, duplicate and out-of-universe genes; ``df.attrs`` also holds K, N and m.
    """
    lib = _library(library, lexicon)
    result = enrich_library(lib, genes, universe=universe, background=background, min_size=min_size,
                            max_size=max_size, include_all=include_all)
    return result.to_frame(top)


def search_genes(
    genes: Iterable[str], library: GeneSetLibrary | str | Path, *, require_all: bool = True,
    top: int | None = None, lexicon: Lexicon | str | Path | None = None,
) -> SearchResult:
    """Sets (figures) containing all of ``genes``, smallest first (see :func:`search_library`)."""
    return search_library(_library(library, lexicon), genes, require_all=require_all, top=top)
