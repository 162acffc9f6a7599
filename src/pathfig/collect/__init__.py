"""Collect pathway figures from open-access articles: Europe PMC or NCBI PMC → images + sidecars.

>>> from pathfig.collect import collect
>>> summary = collect('"signaling pathway"', "figures/", date_from="2024-01-01")   # doctest: +SKIP
>>> summary.saved                                                                # doctest: +SKIP

The only module besides ``pathfig lexicon update`` that touches the network, and only when
called. See ``README.md`` in this folder for how to add a source.
"""

from pathfig.collect.api import DEFAULT_CAPTION_FILTER, SOURCES, CollectSummary, collect, figure_id
from pathfig.collect.base import ArticleResult, Source
from pathfig.collect.http import HttpClient, HttpError, RateLimiter, make_session
from pathfig.collect.images import sniff_image
from pathfig.collect.jats import Article, JatsError, JatsFigure, parse_articles
from pathfig.collect.ledger import LEDGER_NAME, Ledger

__all__ = [
    "DEFAULT_CAPTION_FILTER",
    "LEDGER_NAME",
    "SOURCES",
    "Article",
    "ArticleResult",
    "CollectSummary",
    "HttpClient",
    "HttpError",
    "JatsError",
    "JatsFigure",
    "Ledger",
    "RateLimiter",
    "Source",
    "collect",
    "figure_id",
    "make_session",
    "parse_articles",
    "sniff_image",
]
