"""``collect()``: search a source, read each article's JATS, keep the figures whose caption
matches the filter, download their images and write ``<figid>.<ext>`` + ``<figid>.yml``.

The sidecars are :class:`pathfig.records.FigureMeta` records, the input ``pathfig run`` reads.
Per-article and per-figure failures are recorded and the batch goes on; a failure that may pass
(rate limit, server error, timeout, an HTML page instead of an image) leaves the article
unfinished in the ledger, so the next run tries it again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pathfig.collect.base import ArticleResult, Source, check_date
from pathfig.collect.europepmc import EuropePmc
from pathfig.collect.http import NCBI_RATE, NCBI_RATE_WITH_KEY, HttpClient, HttpError
from pathfig.collect.images import fetch_image, image_file_name, image_urls
from pathfig.collect.jats import Article, JatsFigure
from pathfig.collect.ledger import LEDGER_NAME, Ledger
from pathfig.collect.ncbi import NcbiPmc
from pathfig.errors import PathfigError
from pathfig.records import FigureMeta, figure_number

__all__ = ["DEFAULT_CAPTION_FILTER", "SOURCES", "CollectSummary", "collect", "default_client", "figure_id"]

logger = logging.getLogger(__name__)

#: The reference system's caption terms: a figure is collected when its caption names one of
#: these kinds of pathway.
DEFAULT_CAPTION_FILTER = (
    r"\b(?:signall?ing|regulatory|disease|drug|metabolic|biosynthetic|synthesis|cancer|response|cycle)"
    r"\s+pathways?\b"
)

#: Collect sources by name; every source has the shape of :class:`pathfig.collect.base.Source`.
SOURCES: dict[str, Callable[..., Source]] = {"europepmc": EuropePmc, "pmc": NcbiPmc}


@dataclass(slots=True, kw_only=True)
class CollectSummary:
    """What a :func:`collect` call did."""

    out_dir: Path
    source: str
    hits: int | None = None          # what the search reported
    articles: int = 0                # fetched and read
    articles_skipped: int = 0        # finished by an earlier run
    figures_matched: int = 0         # captions that passed the filter
    saved: int = 0                   # images + sidecars written
    already: int = 0                 # saved by an earlier run
    failures: list[tuple[str, str]] = field(default_factory=list)  # (pmcid or figid, error)
    requests: int = 0

    def lines(self) -> list[str]:
        hits = "?" if self.hits is None else str(self.hits)
        out = [
            f"source: {self.source}; search hits: {hits}",
            f"articles: {self.articles} read, {self.articles_skipped} already done",
            f"figures: {self.figures_matched} matched, {self.saved} saved, {self.already} already saved, "
            f"{len(self.failures)} failed",
            f"folder: {self.out_dir} (ledger {LEDGER_NAME}); HTTP requests: {self.requests}",
        ]
        out += [f"failed {what}: {why}" for what, why in self.failures]
        return out


def figure_id(pmcid: str, graphic: str) -> str:
    """``PMCID__<graphic href without extension>``, the reference system's figure id."""
    name = graphic.strip().rsplit("/", 1)[-1]
    stem = re.sub(r"\.(?:jpe?g|png|gif|tiff?|eps|svg|bmp)$", "", name, flags=re.I)
    return f"{pmcid}__{stem}"


def default_client(*, api_key: str = "") -> HttpClient:
    """An HTTP client with NCBI's limit on every ``*.ncbi.nlm.nih.gov`` host (10/s with a key, else 3/s)."""
    return HttpClient(rates={"ncbi.nlm.nih.gov": NCBI_RATE_WITH_KEY if api_key else NCBI_RATE})


def _file_stem(figid: str) -> str:
    from pathfig.publish.exports import safe_filename

    return safe_filename(figid)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _record(article: Article, fig: JatsFigure, *, figid: str, source: str, url: str) -> FigureMeta:
    pmcid = article.pmcid
    figlink = f"pmc/articles/{pmcid}/figure/{fig.fig_id}/" if fig.fig_id else ""
    # The number is settled here because only JATS knows the element's fig-type (scheme, …).
    number = figure_number(fig.label, graphic=fig.graphic, figlink=figlink, fig_type=fig.fig_type).number
    data: dict[str, Any] = {
        **article.metadata,
        "figid": figid,
        "filename": image_file_name(fig.graphic),
        "figlink": figlink,
        "number": number,
        "label": fig.label,
        "caption_title": fig.caption_title,
        "caption": fig.caption,
        "graphic": fig.graphic,
        "source": source,
        "image_url": url,
    }
    return FigureMeta.from_mapping({k: v for k, v in data.items() if v not in ("", None)})


def _batches(pmcids: Iterator[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for p in pmcids:
        batch.append(p)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def collect(
    query: str,
    out_dir: str | Path,
    *,
    source: str = "europepmc",
    date_from: str = "",
    date_to: str = "",
    caption_filter: str = DEFAULT_CAPTION_FILTER,
    all_figures: bool = False,
    limit: int | None = None,
    api_key: str | None = None,
    email: str | None = None,
    client: HttpClient | None = None,
    base_url: str | None = None,
    image_bases: Sequence[str] | None = None,
    progress: bool = False,
) -> CollectSummary:
    """Collect figures of open-access articles matching ``query`` into ``out_dir``.

    ``date_from``/``date_to`` bound the publication date (``YYYY-MM-DD``). ``caption_filter`` is
    a case-insensitive regular expression searched in each caption; ``all_figures`` keeps every
    figure. ``limit`` caps the number of articles read in this call (default: all hits).
    ``base_url`` and ``image_bases`` point the source elsewhere (a mirror, or a test server).
    Raises :class:`~pathfig.errors.DownloadError` when the search itself fails.
    """
    if source not in SOURCES:
        raise PathfigError(f"unknown source {source!r}; choose one of {', '.join(SOURCES)}")
    if not query.strip():
        raise PathfigError("empty query")
    date_from, date_to = check_date(date_from, "--from"), check_date(date_to, "--to")
    try:
        pattern = re.compile(caption_filter, re.IGNORECASE)
    except re.error as exc:
        raise PathfigError(f"--caption-filter {caption_filter!r}: not a regular expression ({exc})") from exc
    filter_key = "*" if all_figures else caption_filter
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    key = api_key if api_key is not None else os.environ.get("NCBI_API_KEY", "")
    client = client or default_client(api_key=key)
    kwargs: dict[str, Any] = {"base_url": base_url, "image_bases": image_bases}
    if source == "pmc":
        kwargs.update(api_key=key, email=email)
    src = SOURCES[source](client, **kwargs)
    summary = CollectSummary(out_dir=out, source=source)

    from tqdm import tqdm

    with Ledger(out / LEDGER_NAME) as ledger, tqdm(unit="article", desc="collecting", disable=not progress) as bar:
        seen: set[str] = set()

        def new_pmcids() -> Iterator[str]:
            taken = 0
            for pmcid in src.search(query, date_from=date_from, date_to=date_to):
                if pmcid in seen:
                    continue
                seen.add(pmcid)
                if summary.hits is None and src.hit_count is not None:
                    summary.hits = src.hit_count
                    bar.total = src.hit_count
                if ledger.has_article(pmcid, filter_key):
                    summary.articles_skipped += 1
                    bar.update(1)
                    continue
                if limit is not None and taken >= limit:
                    return
                taken += 1
                yield pmcid

        try:
            for batch in _batches(new_pmcids(), src.batch_size):
                for result in src.articles(batch):
                    _collect_article(result, src, client, out, ledger, pattern, filter_key, all_figures, summary)
                    bar.update(1)
        finally:
            summary.requests = client.requests
        if summary.hits is None:
            summary.hits = src.hit_count
    return summary


def _collect_article(
    result: ArticleResult, src: Source, client: HttpClient, out: Path, ledger: Ledger, pattern: re.Pattern[str],
    filter_key: str, all_figures: bool, summary: CollectSummary,
) -> None:
    pmcid = result.pmcid
    if result.article is None:
        summary.failures.append((pmcid, result.error))
        logger.warning("[%s] %s", pmcid, result.error)
        if not result.transient:  # e.g. no open-access full text: asking again will not help
            ledger.add_article(pmcid, filter_key=filter_key, figures=[], note=result.error)
        return
    summary.articles += 1
    article = result.article
    saved: list[str] = []
    unfinished = False
    done_here: set[str] = set()
    for fig in article.figures:
        text = f"{fig.caption_title} {fig.caption}"
        if not all_figures and not pattern.search(text):
            continue
        figid = figure_id(pmcid, fig.graphic)
        if figid in done_here:
            continue
        done_here.add(figid)
        summary.figures_matched += 1
        if ledger.has_figure(figid, out):
            summary.already += 1
            saved.append(figid)
            continue
        try:
            fetched, ext = fetch_image(client, image_urls(pmcid, fig.graphic, src.image_bases))
        except HttpError as exc:
            summary.failures.append((figid, str(exc)))
            logger.warning("[%s] image not saved: %s", figid, exc)
            unfinished = unfinished or exc.transient
            continue
        stem = _file_stem(figid)
        image_name, sidecar_name = f"{stem}.{ext}", f"{stem}.yml"
        meta = _record(article, fig, figid=figid, source=src.name, url=fetched.url)
        _atomic_write(out / image_name, fetched.body)
        # The sidecar after the image: a sidecar on disk always has its image beside it.
        text_yaml = yaml.safe_dump(meta.to_mapping(), sort_keys=False, allow_unicode=True, default_flow_style=False)
        _atomic_write(out / sidecar_name, text_yaml.encode("utf-8"))
        ledger.add_figure(figid, pmcid=pmcid, file=image_name, sidecar=sidecar_name,
                          sha256=hashlib.sha256(fetched.body).hexdigest(), url=fetched.url)
        summary.saved += 1
        saved.append(figid)
        logger.info("[%s] saved %s (%d bytes)", figid, image_name, len(fetched.body))
    if not unfinished:
        ledger.add_article(pmcid, filter_key=filter_key, figures=saved)
