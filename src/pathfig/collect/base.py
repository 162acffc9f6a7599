"""What every collect source provides: a search that yields PMCIDs and a fetch that yields articles."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from pathfig.collect.jats import Article

__all__ = ["ArticleResult", "Source", "check_date"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleResult:
    """One requested article: parsed, or the reason it could not be (``transient``: try again later)."""

    pmcid: str
    article: Article | None = None
    error: str = ""
    transient: bool = False


class Source(Protocol):
    """A place to find open-access articles and read their JATS full text."""

    name: str
    #: Image URL templates tried in order ({pmcid}, {name}).
    image_bases: tuple[str, ...]
    #: How many articles :meth:`articles` fetches per request.
    batch_size: int
    #: Hits the last search reported (None before a search, or when the source does not say).
    hit_count: int | None

    def search(self, query: str, *, date_from: str = "", date_to: str = "") -> Iterator[str]:
        """PMCIDs (``PMC123``) of open-access articles matching ``query``, every page of them."""
        ...

    def articles(self, pmcids: Sequence[str]) -> Iterator[ArticleResult]:
        """One result per PMCID asked for (order may differ)."""
        ...


def check_date(value: str, option: str) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (``/`` also accepted) → ``YYYY-MM-DD``; ``""`` stays."""
    from pathfig.errors import PathfigError

    if not value:
        return ""
    m = re.fullmatch(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?", value.strip())
    if not m:
        raise PathfigError(f"{option} {value!r}: expected a date as YYYY-MM-DD (or YYYY-MM, YYYY)")
    year, month, day = m.group(1), int(m.group(2) or 1), int(m.group(3) or 1)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise PathfigError(f"{option} {value!r}: no such month or day")
    return f"{year}-{month:02d}-{day:02d}"
