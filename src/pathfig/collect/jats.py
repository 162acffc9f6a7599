"""Read JATS XML (PMC / Europe PMC full text): article metadata and its figures.

Both an ``<article>`` and PMC's ``<pmc-articleset>`` of several articles are accepted. The XML is
parsed with the standard library (expat: external entities and DTDs are never fetched, entity
expansion is bounded); HTML named entities that a DTD would define (``&nbsp;``) are replaced
before a second try, since the DTD is not read.

>>> articles = parse_articles(Path("PMC7349227.xml").read_bytes())   # doctest: +SKIP
>>> articles[0].figures[0].label, articles[0].metadata["pmcid"]       # doctest: +SKIP
('Figure 3', 'PMC7349227')
"""

from __future__ import annotations

import html.entities
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from pathfig.records import normalize_pmcid, repair_text

__all__ = ["Article", "JatsError", "JatsFigure", "parse_articles"]

_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Parts of an article whose figures are not the article's own (peer review, author responses).
_FOREIGN = frozenset({"sub-article", "response"})


class JatsError(ValueError):
    """The XML is not well-formed or holds no article."""


@dataclass(frozen=True, slots=True, kw_only=True)
class JatsFigure:
    """One graphic of a ``<fig>``: label, caption (title and full text), href, element id."""

    fig_id: str
    label: str
    caption_title: str
    caption: str
    graphic: str
    fig_type: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """Article metadata in record field names (see :class:`pathfig.records.FigureMeta`) and figures."""

    metadata: dict[str, Any] = field(default_factory=dict)
    figures: list[JatsFigure] = field(default_factory=list)

    @property
    def pmcid(self) -> str:
        return str(self.metadata.get("pmcid", ""))


def _localname(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _parse(data: bytes) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as first:
        if b"&" not in data:
            raise JatsError(f"not well-formed XML ({first})") from first
        text = data.decode("utf-8", errors="replace")

        def numeric(m: re.Match[str]) -> str:
            name = m.group(1)
            if name in ("amp", "lt", "gt", "quot", "apos"):
                return m.group(0)
            char = html.entities.html5.get(name + ";")
            return "".join(f"&#{ord(c)};" for c in char) if char else m.group(0)

        try:
            return ET.fromstring(re.sub(r"&([A-Za-z][A-Za-z0-9]*);", numeric, text).encode("utf-8"))
        except ET.ParseError as exc:
            raise JatsError(f"not well-formed XML ({exc})") from exc


def _strip_namespaces(root: ET.Element) -> None:
    for el in root.iter():
        el.tag = _localname(el.tag)


def _text(el: ET.Element | None) -> str:
    if el is None:
        return ""
    return repair_text(" ".join("".join(el.itertext()).split()))


def _block_text(el: ET.Element | None) -> str:
    # Caption title and paragraphs are blocks: a space between them, never "pathway.The".
    if el is None:
        return ""
    parts = [_text(child) for child in el if child.tag in ("title", "p", "list", "def-list", "disp-quote")]
    if not parts:
        return _text(el)
    return repair_text(" ".join(p for p in parts if p))


def _pub_date(meta: ET.Element) -> ET.Element | None:
    # Year of the collection (the issue), else the electronic, else the print publication —
    # in JATS 1.0 (pub-type) and 1.1+ (date-type + publication-format) spellings.
    dates = meta.findall("pub-date")
    def kind(d: ET.Element) -> str:
        pub_type = d.get("pub-type", "")
        if pub_type:
            return {"collection": "collection", "epub": "epub", "ppub": "ppub", "epub-ppub": "ppub"}.get(pub_type, "")
        date_type, fmt = d.get("date-type", ""), d.get("publication-format", "")
        if date_type == "collection":
            return "collection"
        if date_type == "pub":
            return "epub" if fmt == "electronic" else "ppub" if fmt == "print" else "epub"
        return ""
    for wanted in ("collection", "epub", "ppub"):
        for d in dates:
            if kind(d) == wanted and _text(d.find("year")):
                return d
    return next((d for d in dates if _text(d.find("year"))), None)


def _author(meta: ET.Element) -> tuple[str, int]:
    authors = [c for c in meta.iter("contrib") if c.get("contrib-type", "author") == "author"]
    if not authors:
        return "", 0
    first = authors[0]
    name = first.find(".//name")
    if name is not None:
        given, surname = _text(name.find("given-names")), _text(name.find("surname"))
        text = f"{given} {surname}".strip()
    else:
        text = _text(first.find(".//string-name")) or _text(first.find(".//collab"))
    return text, len(authors)


def _article_metadata(article: ET.Element) -> dict[str, Any]:
    front = article.find("front")
    meta = front.find("article-meta") if front is not None else None
    journal = front.find("journal-meta") if front is not None else None
    out: dict[str, Any] = {}
    if meta is None:
        return out
    ids = {i.get("pub-id-type", ""): _text(i) for i in meta.findall("article-id")}
    out["pmcid"] = normalize_pmcid(ids.get("pmcid", "") or ids.get("pmc", ""))
    out["doi"] = ids.get("doi", "")
    out["papertitle"] = _text(meta.find("title-group/article-title"))
    out["first_author"], out["author_count"] = _author(meta)
    if journal is not None:
        out["journal_title"] = _text(journal.find(".//journal-title"))
        out["journal_nlm_ta"] = next((_text(j) for j in journal.findall("journal-id")
                                      if j.get("journal-id-type") == "nlm-ta"), "")
        out["publisher_name"] = _text(journal.find("publisher/publisher-name"))
    date = _pub_date(meta)
    if date is not None:
        out["year"] = _text(date.find("year"))
        out["month"] = _text(date.find("month")) or _text(date.find("season"))
        out["day"] = _text(date.find("day"))
    out["volume"] = _text(meta.find("volume"))
    out["issue"] = _text(meta.find("issue"))
    fpage, lpage = _text(meta.find("fpage")), _text(meta.find("lpage"))
    out["pages"] = f"{fpage}-{lpage}" if fpage and lpage else fpage or _text(meta.find("elocation-id"))
    out["keywords"] = list(dict.fromkeys(k for k in (_text(k) for k in meta.iter("kwd")) if k))
    lic = meta.find("permissions/license")
    if lic is not None:
        out["license"] = (lic.get(_XLINK_HREF) or lic.get("href") or _text(lic.find("license_ref"))
                          or lic.get("license-type", ""))
    return {k: v for k, v in out.items() if v not in ("", [], 0)}


def _figures(article: ET.Element) -> list[JatsFigure]:
    found: list[JatsFigure] = []

    def walk(el: ET.Element) -> None:
        for child in el:
            if child.tag in _FOREIGN:
                continue
            if child.tag == "fig":
                caption = child.find("caption")
                for g in child.iter("graphic"):
                    href = g.get(_XLINK_HREF) or g.get("href") or ""
                    if not href:
                        continue
                    found.append(JatsFigure(
                        fig_id=child.get("id", ""), label=_text(child.find("label")),
                        caption_title=_text(caption.find("title")) if caption is not None else "",
                        caption=_block_text(caption), graphic=href.strip(), fig_type=child.get("fig-type", ""),
                    ))
            else:
                walk(child)

    walk(article)
    return found


def parse_articles(data: bytes) -> list[Article]:
    """Every article in ``data`` (an ``<article>`` or a ``<pmc-articleset>``)."""
    root = _parse(data)
    _strip_namespaces(root)
    if root.tag == "article":
        nodes = [root]
    else:  # <pmc-articleset>: its articles are its children
        nodes = [c for c in root if c.tag == "article"] or list(root.iter("article"))
    if not nodes:
        raise JatsError(f"no <article> in the XML (root element <{root.tag}>)")
    return [Article(metadata=_article_metadata(a), figures=_figures(a)) for a in nodes]
