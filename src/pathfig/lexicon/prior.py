"""A literature prior per gene: how many PubMed articles NCBI links to it (gene2pubmed).

Used only to break ties between genes that share an alias (``IPS-1``: MAVS, 337 articles, vs
PPIP5K1, 26). Stored as ``ncbigene_id<TAB>count`` lines; the bundled human file is built by
``scripts/build_gene_prior.py``.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from pathfig.errors import LexiconError

__all__ = ["DEFAULT_PRIOR_PATH", "load_default_prior", "load_prior"]

DEFAULT_PRIOR_PATH = Path(__file__).parent / "data" / "human.prior.tsv.gz"


def load_prior(path: str | Path) -> dict[str, int]:
    """Read a prior file (plain or gzipped)."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    out: dict[str, int] = {}
    try:
        with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
            for n, line in enumerate(f, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 2 or not parts[1].isdigit():
                    raise LexiconError(f"{path}: line {n} is not 'ncbigene_id<TAB>count'")
                out[parts[0]] = int(parts[1])
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read gene prior ({exc})") from exc
    return out


@lru_cache(maxsize=1)
def load_default_prior() -> dict[str, int]:
    """The bundled human prior, or an empty one if it is not installed."""
    return load_prior(DEFAULT_PRIOR_PATH) if DEFAULT_PRIOR_PATH.exists() else {}
