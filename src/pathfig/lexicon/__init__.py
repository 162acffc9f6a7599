"""Gene lexicons: official-format loaders, the bundled human lexicon, build and update.

- loaders: :mod:`~pathfig.lexicon.hgnc`, :mod:`~pathfig.lexicon.ncbi` (gene_info),
  :mod:`~pathfig.lexicon.orgdb` (Bioconductor org.*.eg.db), :mod:`~pathfig.lexicon.famplex`;
- :func:`build_lexicon` combines them; :func:`load_default_lexicon` / :func:`load_lexicon` read
  the bundled or cached lexicons (never downloading); :mod:`~pathfig.lexicon.update` downloads.
"""

from pathfig.lexicon.build import build_lexicon
from pathfig.lexicon.bundled import DEFAULT_LEXICON_PATH, lexicon_info, load_default_lexicon, load_lexicon
from pathfig.lexicon.famplex import load_famplex
from pathfig.lexicon.hgnc import load_hgnc
from pathfig.lexicon.keys import normalize_key
from pathfig.lexicon.model import Lexicon, LexiconEntry, read_lexicon, write_lexicon
from pathfig.lexicon.ncbi import iter_gene_info_records, load_gene_info
from pathfig.lexicon.orgdb import load_orgdb

__all__ = [
    "DEFAULT_LEXICON_PATH",
    "Lexicon",
    "LexiconEntry",
    "build_lexicon",
    "iter_gene_info_records",
    "lexicon_info",
    "load_default_lexicon",
    "load_famplex",
    "load_gene_info",
    "load_hgnc",
    "load_lexicon",
    "load_orgdb",
    "normalize_key",
    "read_lexicon",
    "write_lexicon",
]
