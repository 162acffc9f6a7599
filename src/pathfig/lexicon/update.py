"""``pathfig lexicon update``: download current official files and build a lexicon in the cache.

The only place in the lexicon stage that touches the network, and only when the user asks.
Human: HGNC complete set + NCBI gene_info + FamPlex CSVs; other organisms: NCBI gene_info.
Files go to ``<cache>/sources/<organism>/`` (streamed to a temporary file, then renamed, so a
broken download never replaces a good file) and the lexicon to ``<cache>/lexicons/<organism>.tsv.gz``.

Base URLs can be overridden (arguments or ``PATHFIG_HGNC_URL``, ``PATHFIG_GENE_INFO_BASE``,
``PATHFIG_FAMPLEX_BASE``), which is how the tests point at a local server.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

from pathfig.errors import DownloadError
from pathfig.lexicon.build import DEFAULT_EXCLUDED_LOCUS_TYPES, build_lexicon
from pathfig.lexicon.bundled import cache_dir, cached_lexicon_path
from pathfig.lexicon.curated_genes import CURATED_GENES
from pathfig.lexicon.famplex import FAMPLEX_FILES
from pathfig.lexicon.prior import load_default_prior
from pathfig.lexicon.model import write_lexicon
from pathfig.lexicon.organisms import get_organism

__all__ = [
    "FAMPLEX_BASE",
    "GENE_INFO_BASE",
    "HGNC_URL",
    "download",
    "make_session",
    "source_urls",
    "update_lexicon",
]

logger = logging.getLogger(__name__)

HGNC_URL = "https://storage.googleapis.com/public-download-files/hgnc/tsv/tsv/hgnc_complete_set.txt"
GENE_INFO_BASE = "https://ftp.ncbi.nlm.nih.gov/gene/DATA/GENE_INFO"
FAMPLEX_BASE = "https://raw.githubusercontent.com/sorgerlab/famplex/master"

_ENV = {"hgnc": "PATHFIG_HGNC_URL", "gene_info": "PATHFIG_GENE_INFO_BASE", "famplex": "PATHFIG_FAMPLEX_BASE"}
#: (connect, read) seconds; gene_info files are large but stream steadily.
TIMEOUT = (15.0, 120.0)
_RETRY_STATUSES = (429, 500, 502, 503, 504)


def make_session(retries: int = 5, backoff_factor: float = 1.0) -> requests.Session:
    """A session that retries connection errors, 429 and 5xx with exponential backoff."""
    retry = Retry(
        # Fewer connection retries: a host that cannot be resolved or reached rarely comes back in seconds.
        total=retries, connect=min(retries, 3), read=retries, status=retries,
        backoff_factor=backoff_factor, status_forcelist=_RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}), respect_retry_after_header=True,
        retry_after_max=300,
        # Return the last error response instead of raising, so the message can show its status.
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = "pathfig-lexicon-update (+https://pypi.org/project/pathfig/)"
    return session


def download(
    url: str,
    dest: str | Path,
    *,
    session: requests.Session | None = None,
    timeout: tuple[float, float] = TIMEOUT,
    progress: bool = False,
    attempts: int = 3,
    backoff: float = 1.0,
) -> dict[str, Any]:
    """Stream ``url`` to ``dest`` atomically; return what the provenance should record.

    Status and connection errors are retried by the session; a body cut off mid-stream is
    retried here, up to ``attempts`` times.
    """
    from tqdm import tqdm

    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    session = session or make_session()
    last: Exception | None = None
    for attempt in range(1, attempts + 1):
        fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
        tmp = Path(tmp_name)
        receiving = False
        try:
            with os.fdopen(fd, "wb") as out, session.get(url, stream=True, timeout=timeout) as resp:
                receiving = True
                if resp.status_code != 200:
                    raise DownloadError(f"{url}: HTTP {resp.status_code} {resp.reason} (after retries)")
                total = int(resp.headers.get("Content-Length") or 0) or None
                with tqdm(total=total, unit="B", unit_scale=True, desc=dest.name, disable=not progress,
                          leave=False) as bar:
                    for chunk in resp.iter_content(chunk_size=1 << 16):
                        out.write(chunk)
                        bar.update(len(chunk))
                size = out.tell()
                if total is not None and size != total and "Content-Encoding" not in resp.headers:
                    raise requests.exceptions.ChunkedEncodingError(f"got {size} of {total} bytes")
                info = {
                    "url": url,
                    "retrieved": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "last_modified": resp.headers.get("Last-Modified", ""),
                    "etag": resp.headers.get("ETag", ""),
                    "size": size,
                }
            os.replace(tmp, dest)
            logger.info("[%s] downloaded %d bytes to %s", url, size, dest)
            return info
        except DownloadError:
            tmp.unlink(missing_ok=True)
            raise
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError,
                requests.exceptions.Timeout) as exc:
            tmp.unlink(missing_ok=True)
            if not receiving:
                # The session already retried connecting; retrying again would only multiply the wait.
                raise DownloadError(f"{url}: cannot connect ({_reason(exc)})") from exc
            last = exc
            logger.warning("[%s] attempt %d/%d broke off: %s", url, attempt, attempts, _reason(exc))
            if attempt < attempts:
                time.sleep(min(backoff * 2 ** (attempt - 1), 30.0))
        except requests.exceptions.RequestException as exc:
            tmp.unlink(missing_ok=True)
            raise DownloadError(f"{url}: {_reason(exc)}") from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    raise DownloadError(f"{url}: download broke off {attempts} times ({_reason(last)})")


def _reason(exc: BaseException | None) -> str:
    """The root cause of a requests error, without urllib3's pool and retry wrapping."""
    inner = exc.args[0] if exc is not None and exc.args else exc
    reason = getattr(inner, "reason", None)  # urllib3 MaxRetryError → the last underlying error
    return str(reason if reason is not None else inner)


def source_urls(
    organism: str,
    *,
    hgnc_url: str | None = None,
    gene_info_base: str | None = None,
    famplex_base: str | None = None,
) -> dict[str, str]:
    """File name in the cache → URL, for one organism (arguments beat environment beat defaults)."""
    org = get_organism(organism)
    gi_base = (gene_info_base or os.environ.get(_ENV["gene_info"]) or GENE_INFO_BASE).rstrip("/")
    urls = {Path(org.gene_info).name: f"{gi_base}/{org.gene_info}"}
    if org.name == "human":
        urls["hgnc_complete_set.txt"] = hgnc_url or os.environ.get(_ENV["hgnc"]) or HGNC_URL
        fp_base = (famplex_base or os.environ.get(_ENV["famplex"]) or FAMPLEX_BASE).rstrip("/")
        for name in FAMPLEX_FILES:
            urls[f"famplex/{name}"] = f"{fp_base}/{name}"
    return urls


def update_lexicon(
    organism: str = "human",
    cache: str | Path | None = None,
    *,
    hgnc_url: str | None = None,
    gene_info_base: str | None = None,
    famplex_base: str | None = None,
    session: requests.Session | None = None,
    progress: bool = False,
) -> Path:
    """Download the official files for ``organism`` and build ``<cache>/lexicons/<organism>.tsv.gz``.

    Returns the lexicon path. Raises :class:`~pathfig.errors.DownloadError` when a download fails
    after retries and :class:`~pathfig.errors.LexiconError` when a downloaded file is malformed;
    in both cases an existing lexicon stays as it was.
    """
    org = get_organism(organism)
    root = cache_dir(cache)
    src_dir = root / "sources" / org.name
    urls = source_urls(org.name, hgnc_url=hgnc_url, gene_info_base=gene_info_base, famplex_base=famplex_base)
    session = session or make_session()
    downloads = {}
    for name, url in urls.items():
        downloads[name] = download(url, src_dir / name, session=session, progress=progress)
    gene_info = src_dir / Path(org.gene_info).name
    human = org.name == "human"
    lexicon = build_lexicon(
        hgnc=src_dir / "hgnc_complete_set.txt" if human else None,
        gene_info=gene_info,
        famplex=src_dir / "famplex" if human else None,
        taxon=org.taxon_id if human else None,  # a per-organism file may list strains under other taxa
        organism=org.name,
        exclude_locus_types=DEFAULT_EXCLUDED_LOCUS_TYPES,
        # The bundled corrections and citation counts apply to human as they do to the bundled
        # build; a row whose gene a newer release renamed is skipped, not fatal.
        curated=CURATED_GENES if human else None,
        strict_curated=False,
        prior=load_default_prior() if human else None,
        extra_provenance={"downloads": downloads, "command": f"pathfig lexicon update --organism {org.name}"},
    )
    out = cached_lexicon_path(org.name, root)
    # Build under a temporary name and rename, so readers never see a half-written lexicon.
    tmp = out.with_name(f".{org.name}.{os.getpid()}.tsv.gz")
    write_lexicon(lexicon, tmp)
    tmp_prov = tmp.with_name(f".{org.name}.{os.getpid()}.provenance.json")
    os.replace(tmp_prov, out.with_name(f"{org.name}.provenance.json"))
    os.replace(tmp, out)
    logger.info("[%s] lexicon with %d entries written to %s", org.name, len(lexicon), out)
    return out
