"""Europe PMC: REST search with cursor pagination, JATS full text per article.

Search: ``GET {BASE_URL}/search?query=…&format=json&resultType=lite&pageSize=1000&cursorMark=*``,
following ``nextCursorMark`` until it stops changing — no cap on the number of results.
Full text: ``GET {BASE_URL}/{PMCID}/fullTextXML`` (open-access articles only).
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
from pathfig.records import normalize_pmcid

__all__ = ["BASE_URL", "ENV_BASE", "NAME", "PAGE_SIZE", "EuropePmc"]

logger = logging.getLogger(__name__)

NAME = "europepmc"
BASE_URL = "https://www.ebi.ac.uk/europepmc/webservices/rest"
#: Environment variable that overrides :data:`BASE_URL` (how tests point at a local server).
ENV_BASE = "PATHFIG_EUROPEPMC_BASE"
PAGE_SIZE = 1000


class EuropePmc:
    """The Europe PMC REST API as a collect source."""

    name = NAME
    batch_size = 1

    def __init__(self, client: HttpClient, *, base_url: str | None = None,
                 image_bases: Sequence[str] | None = None, page_size: int = PAGE_SIZE) -> None:
        self.client = client
        self.base_url = (base_url or os.environ.get(ENV_BASE) or BASE_URL).rstrip("/")
        self.image_bases = tuple(image_bases or env_image_bases() or (EUROPEPMC_IMAGE_BASE, NCBI_IMAGE_BASE))
        self.page_size = page_size
        self.hit_count: int | None = None

    @staticmethod
    def build_query(query: str, *, date_from: str = "", date_to: str = "") -> str:
        """The user's query restricted to open access with full text (and a publication window)."""
        q = f"({query}) AND OPEN_ACCESS:y AND IN_EPMC:y"
        if date_from or date_to:
            q += f" AND FIRST_PDATE:[{date_from or '1800-01-01'} TO {date_to or '2999-12-31'}]"
        return q

    def search(self, query: str, *, date_from: str = "", date_to: str = "") -> Iterator[str]:
        cursor = "*"
        q = self.build_query(query, date_from=date_from, date_to=date_to)
        while True:
            fetched = self.client.get(f"{self.base_url}/search", accept="application/json", params={
                "query": q, "format": "json", "resultType": "lite", "pageSize": self.page_size, "cursorMark": cursor,
            })
            try:
                data = json.loads(fetched.body)
                results = data.get("resultList", {}).get("result", [])
            except (ValueError, AttributeError) as exc:
                raise HttpError(fetched.url, f"search answer is not the expected JSON ({exc})") from exc
            if self.hit_count is None and isinstance(data.get("hitCount"), int):
                self.hit_count = data["hitCount"]
                logger.info("[europepmc] %d hits for %s", self.hit_count, q)
            for r in results:
                pmcid = normalize_pmcid(str(r.get("pmcid") or ""))
                if pmcid:
                    yield pmcid
            nxt = data.get("nextCursorMark")
            if not results or not nxt or nxt == cursor:
                return
            cursor = str(nxt)

    def articles(self, pmcids: Sequence[str]) -> Iterator[ArticleResult]:
        for pmcid in pmcids:
            yield self._article(pmcid)

    def _article(self, pmcid: str) -> ArticleResult:
        url = f"{self.base_url}/{pmcid}/fullTextXML"
        last = ""
        for _ in range(2):  # a body that parses badly is fetched once more (a silent cut-off)
            try:
                fetched = self.client.get(url, accept="application/xml")
            except HttpError as exc:
                if exc.status == 404:
                    return ArticleResult(pmcid=pmcid, error=f"{url}: no open-access full text (HTTP 404)")
                return ArticleResult(pmcid=pmcid, error=str(exc), transient=exc.transient)
            try:
                found = parse_articles(fetched.body)
            except JatsError as exc:
                last = f"{url}: {exc}"
                continue
            article = next((a for a in found if a.pmcid == pmcid), found[0])
            return ArticleResult(pmcid=pmcid, article=article)
        return ArticleResult(pmcid=pmcid, error=last, transient=True)
