"""NCBI PMC through E-utilities: ``esearch`` on ``db=pmc`` paged by ``retstart``, ``efetch`` in batches.

NCBI allows 3 requests per second, 10 with an API key (``--api-key`` or ``NCBI_API_KEY``); the
client's rate limiter enforces it for every ``*.ncbi.nlm.nih.gov`` host. Requests carry ``tool``
and, when given, ``email``, as NCBI asks.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator, Sequence

from pathfig.collect.base import ArticleResult
from pathfig.collect.http import HttpClient, HttpError
from pathfig.collect.images import EUROPEPMC_IMAGE_BASE, NCBI_IMAGE_BASE, env_image_bases
from pathfig.collect.jats import JatsError, parse_articles

__all__ = ["BASE_URL", "BATCH", "ENV_BASE", "NAME", "PAGE_SIZE", "NcbiPmc"]

logger = logging.getLogger(__name__)

NAME = "pmc"
BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
ENV_BASE = "PATHFIG_EUTILS_BASE"
PAGE_SIZE = 1000
#: Articles per efetch request (full texts are large; small batches keep a failure cheap).
BATCH = 20


class NcbiPmc:
    """NCBI PMC as a collect source."""

    name = NAME

    def __init__(self, client: HttpClient, *, base_url: str | None = None, api_key: str | None = None,
                 email: str | None = None, image_bases: Sequence[str] | None = None, page_size: int = PAGE_SIZE,
                 batch_size: int = BATCH) -> None:
        self.client = client
        self.base_url = (base_url or os.environ.get(ENV_BASE) or BASE_URL).rstrip("/")
        self.api_key = api_key if api_key is not None else os.environ.get("NCBI_API_KEY", "")
        self.email = email or ""
        self.image_bases = tuple(image_bases or env_image_bases() or (NCBI_IMAGE_BASE, EUROPEPMC_IMAGE_BASE))
        self.page_size = page_size
        self.batch_size = batch_size
        self.hit_count: int | None = None

    def _params(self, **params: object) -> dict[str, object]:
        out: dict[str, object] = {"db": "pmc", "tool": "pathfig", **params}
        if self.email:
            out["email"] = self.email
        if self.api_key:
            out["api_key"] = self.api_key
        return out

    @staticmethod
    def build_term(query: str) -> str:
        return f"({query}) AND open access[filter]"

    def search(self, query: str, *, date_from: str = "", date_to: str = "") -> Iterator[str]:
        extra: dict[str, object] = {}
        if date_from or date_to:
            extra = {"datetype": "pdat", "mindate": (date_from or "1800-01-01").replace("-", "/"),
                     "maxdate": (date_to or "2999-12-31").replace("-", "/")}
        start = 0
        while True:
            fetched = self.client.get(f"{self.base_url}/esearch.fcgi", accept="application/json", params=self._params(
                term=self.build_term(query), retmode="json", retmax=self.page_size, retstart=start, **extra))
            try:
                result = json.loads(fetched.body)["esearchresult"]
                count = int(result.get("count", 0))
                ids = [str(i) for i in result.get("idlist", [])]
            except (ValueError, KeyError, TypeError) as exc:
                raise HttpError(fetched.url, f"esearch answer is not the expected JSON ({exc})") from exc
            if result.get("ERROR"):
                raise HttpError(fetched.url, f"esearch: {result['ERROR']}", transient=False)
            if self.hit_count is None:
                self.hit_count = count
                logger.info("[pmc] %d hits", count)
            for uid in ids:
                yield uid if uid.upper().startswith("PMC") else f"PMC{uid}"
            start += len(ids)
            if not ids or start >= count:
                return

    def articles(self, pmcids: Sequence[str]) -> Iterator[ArticleResult]:
        ids = [p.upper().removeprefix("PMC") for p in pmcids]
        url = f"{self.base_url}/efetch.fcgi"
        found: dict[str, ArticleResult] = {}
        error, transient = "", True
        for _ in range(2):  # a body that parses badly is fetched once more (a silent cut-off)
            try:
                fetched = self.client.get(url, accept="application/xml",
                                          params=self._params(id=",".join(ids), retmode="xml"))
                articles = parse_articles(fetched.body)
            except HttpError as exc:
                error, transient = str(exc), exc.transient
                break
            except JatsError as exc:
                error = f"{url}: {exc}"
                continue
            found = {a.pmcid: ArticleResult(pmcid=a.pmcid, article=a) for a in articles if a.pmcid}
            error = ""
            break
        for pmcid in pmcids:
            if pmcid in found:
                yield found[pmcid]
            elif error:
                yield ArticleResult(pmcid=pmcid, error=error, transient=transient)
            else:
                yield ArticleResult(pmcid=pmcid, error=f"{url}: not returned by efetch (no open-access full text)")
