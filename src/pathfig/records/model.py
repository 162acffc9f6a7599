"""The figure record: one model for metadata sidecars, the store's metadata and figure pages.

:class:`FigureMeta` lists every field once, in the order of the reference system's figure
pages (the seeds). Field metadata says which fields appear on pages (``page``) and which are
computed from others (``derived``: never read from input, never written to sidecars, so they
cannot go stale). Everything else follows from that one list:

- :meth:`FigureMeta.from_mapping` reads a sidecar, a store row's metadata or a page's front
  matter, repairing text and applying the title, number and reference rules;
- :meth:`FigureMeta.to_mapping` gives the sparse dict written to sidecars;
- :meth:`FigureMeta.to_page` gives a page's front matter, every page key in order.

Unknown input keys are kept in ``extra`` (and written back to sidecars), so nothing a user put
in a sidecar is lost.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from pathfig.records.labels import figid_alias, figure_number, safe_filename
from pathfig.records.reftext import format_reftext
from pathfig.records.text import is_missing, repair_metadata
from pathfig.records.titles import figure_title

__all__ = [
    "JSONLD_KEY",
    "PAGE_KEYS",
    "SIDECAR_KEYS",
    "FigureMeta",
    "JsonLd",
    "normalize_figlink",
    "normalize_pmcid",
    "vouched_organisms",
]

#: The page key holding the schema.org block (not a field: it is built from the fields).
JSONLD_KEY = "schema-jsonld"


def _f(default: Any = "", *, page: bool = False, derived: bool = False) -> Any:
    if isinstance(default, tuple | dict):
        factory = type(default)
        return field(default_factory=factory, metadata={"page": page, "derived": derived})
    return field(default=default, metadata={"page": page, "derived": derived})


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureMeta:
    """One published figure: where it comes from, what it shows, how pages name it."""

    # -- page fields, in page order ----------------------------------------------------------------
    figid: str = _f(page=True)                        # PMCID__<graphic name>: "PMC7349227__cells-09-01450-g003"
    figtitle: str = _f(page=True)                     # see pathfig.records.titles
    organisms: tuple[str, ...] = _f((), page=True)    # organisms the article is about (curated or inferred)
    organisms_ner: tuple[str, ...] = _f((), page=True)  # organisms of the genes recognised in the figure
    pmcid: str = _f(page=True)
    filename: str = _f(page=True)                     # image file name at PMC: "cells-09-01450-g003.jpg"
    figlink: str = _f(page=True)                      # "pmc/articles/PMC7349227/figure/cells-09-01450-f003/"
    number: str = _f(page=True)                       # "F3", "SF2", "GA" (pathfig.records.labels)
    caption: str = _f(page=True)
    papertitle: str = _f(page=True)
    reftext: str = _f(page=True)                      # "First Author, et al. Journal. 2020 Jun;9(6):1450."
    year: str = _f(page=True)                         # four digits, as text (as on the seed pages)
    doi: str = _f(page=True)
    journal_title: str = _f(page=True)
    journal_nlm_ta: str = _f(page=True)
    publisher_name: str = _f(page=True)
    keywords: tuple[str, ...] = _f((), page=True)     # the article's keywords ("a | b" on pages)
    automl_pathway: float | None = _f(None, page=True)  # pathway-figure score, when a classifier gave one
    figid_alias: str = _f(page=True, derived=True)    # "PMC7349227__F3"
    figtype: str = _f(page=True, derived=True)        # "Figure", "Scheme", …
    redirect_from: str = _f(page=True, derived=True)  # "/figures/PMC7349227__F3"
    ndex: str = _f(page=True)                         # NDEx network id, when one exists
    seo: str = _f("CreativeWork", page=True, derived=True)
    # -- article and figure details (sidecars and store only) --------------------------------------
    label: str = _f()                                 # the figure label as printed: "Figure 3"
    caption_title: str = _f()                         # the caption's own <title>
    graphic: str = _f()                               # JATS graphic href
    first_author: str = _f()                          # "Given Surname"
    author_count: int = _f(0)
    month: str = _f()
    day: str = _f()
    volume: str = _f()
    issue: str = _f()
    pages: str = _f()                                 # "1411-1418", or an elocation id "e39"
    license: str = _f()                               # the article's licence (URL or type)
    source: str = _f()                                # where it was collected: "europepmc", "pmc"
    image_url: str = _f()
    extra: dict[str, Any] = _f({})                    # input keys this model does not know

    # -- reading -----------------------------------------------------------------------------------

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, figid: str = "") -> FigureMeta:
        """Read a sidecar / store metadata / page front matter; repairs and derives as it goes.

        Never raises on odd values: a value of the wrong shape is coerced (``year: 2020`` →
        ``"2020"``, ``organisms: Homo sapiens`` → one item) or, if it cannot be, dropped.
        """
        raw = repair_metadata({k: v for k, v in data.items() if k != JSONLD_KEY})
        values: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        known = {f.name: f for f in fields(cls)}
        for key, value in raw.items():
            f = known.get(key)
            if f is None or key == "extra":
                extra[key] = value
            elif not f.metadata["derived"]:
                coerced = _coerce(f.type, value)
                if coerced is not None:
                    values[key] = coerced
        if isinstance(raw.get("extra"), Mapping):
            extra = {**raw["extra"], **extra}
        return cls._derive(values, extra, figid=figid)

    @classmethod
    def _derive(cls, v: dict[str, Any], extra: dict[str, Any], *, figid: str) -> FigureMeta:
        fid = figid or v.get("figid", "")
        pmcid = normalize_pmcid(v.get("pmcid", "")) or _pmcid_from_figid(fid)
        figlink = normalize_figlink(v.get("figlink", ""))
        given = v.get("number", "")
        graphic = v.get("graphic") or v.get("filename") or fid.partition("__")[2]
        num = figure_number(given or v.get("label", ""), graphic=graphic, figlink=figlink)
        if given and given != num.number and "label" not in v:
            v["label"] = given  # keep the label as printed when it was given as the number
        year_match = re.search(r"\b(1[89]\d\d|2\d\d\d)\b", v.get("year", ""))
        reftext = v.get("reftext", "") or format_reftext(
            first_author=v.get("first_author", ""), author_count=v.get("author_count", 0),
            journal=v.get("journal_nlm_ta") or v.get("journal_title", ""),
            year=year_match.group(1) if year_match else "", month=v.get("month", ""), day=v.get("day", ""),
            volume=v.get("volume", ""), issue=v.get("issue", ""), pages=v.get("pages", ""),
        )
        if not (v.get("first_author") or v.get("journal_nlm_ta") or v.get("journal_title")):
            reftext = v.get("reftext", "")  # a bare year or page is no reference
        alias = figid_alias(pmcid, num.number, figid=fid)
        v.update(
            figid=fid,
            pmcid=pmcid,
            figlink=figlink,
            number=num.number,
            year=year_match.group(1) if year_match else "",
            doi=re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", v.get("doi", ""), flags=re.I),
            reftext=reftext,
            figtitle=figure_title(figtitle=v.get("figtitle", ""), caption_title=v.get("caption_title", ""),
                                  caption=v.get("caption", ""), papertitle=v.get("papertitle", "")),
            organisms_ner=vouched_organisms(v.get("organisms_ner", ()), v.get("organisms", ())),
        )
        return cls(**v, extra=extra, figid_alias=alias, figtype=num.figtype,
                   redirect_from=f"/figures/{safe_filename(alias)}" if alias else "")

    # -- writing -----------------------------------------------------------------------------------

    def to_mapping(self) -> dict[str, Any]:
        """The sparse dict written to sidecars: given fields only, derived ones left out."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.metadata["derived"] or f.name == "extra":
                continue
            value = getattr(self, f.name)
            if not is_missing(value) and not (f.name == "author_count" and value == 0):
                out[f.name] = _page_value(f.name, value)
        out.update(self.extra)
        return out

    def to_page(self, jsonld: JsonLd) -> dict[str, Any]:
        """A page's front matter: every page key in order, then the schema.org block."""
        page = {f.name: _page_value(f.name, getattr(self, f.name)) for f in fields(self) if f.metadata["page"]}
        page[JSONLD_KEY] = jsonld.block(self)
        return page

    def with_annotations(self, *, organisms_ner: Sequence[str], automl_pathway: float | None = None) -> FigureMeta:
        """A copy carrying what pathfig itself found in the figure: the organisms of its recognised
        genes (trusted, not vouched) and, when it classified the figure, its pathway score."""
        score = self.automl_pathway if automl_pathway is None else float(automl_pathway)
        return replace(self, organisms_ner=tuple(organisms_ner), automl_pathway=score)


@dataclass(frozen=True, slots=True, kw_only=True)
class JsonLd:
    """How the schema.org block of a page is built: the site's base URL and the entity keywords.

    ``keywords`` are the recognised entities (gene symbols, then chemicals, then diseases).
    """

    base_url: str = ""
    keywords: tuple[str, ...] = ()
    license: str = "CC0"
    creator: str = "WikiPathways"

    def block(self, meta: FigureMeta) -> dict[str, Any]:
        # The seeds name every figure "CreativeWork" (the page's `seo` value leaked into `name`);
        # schema.org's Dataset.name is the dataset's title, so the figure title goes here.
        return {
            "@context": "https://schema.org/",
            # The page's URL: its file is named for the id (`safe_filename`), as is the page.
            "@id": f"{self.base_url.rstrip('/')}/figures/{safe_filename(meta.figid)}.html",
            "@type": "Dataset",
            "description": meta.caption or meta.figtitle,
            "license": self.license,
            "name": meta.figtitle,
            "creator": {"@type": "Organization", "name": self.creator},
            "keywords": list(self.keywords),
        }


#: Page keys in order (the seed's), and the keys a sidecar may carry.
PAGE_KEYS: tuple[str, ...] = (*(f.name for f in fields(FigureMeta) if f.metadata["page"]), JSONLD_KEY)
SIDECAR_KEYS: tuple[str, ...] = tuple(
    f.name for f in fields(FigureMeta) if not f.metadata["derived"] and f.name != "extra"
)


def _page_value(name: str, value: Any) -> Any:
    # The seeds' value types: keywords one " | "-joined string, other sequences lists.
    if name == "keywords":
        return " | ".join(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _coerce(annotation: Any, value: Any) -> Any:
    kind = str(annotation)
    if kind == "str":
        if isinstance(value, list | tuple):
            return "; ".join(str(v) for v in value)
        if isinstance(value, bool | dict):
            return None
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    if kind.startswith("tuple"):
        if isinstance(value, str):
            items = value.split("|") if "|" in value else [value]
        elif isinstance(value, list | tuple):
            items = [str(v) for v in value if not isinstance(v, dict | list)]
        else:
            return None
        return tuple(dict.fromkeys(s.strip() for s in items if not is_missing(s)))
    if kind.startswith("float"):
        try:
            return float(value)
        except (TypeError, ValueError):
            return None
    if kind == "int":
        try:
            return int(value)
        except (TypeError, ValueError):
            return None
    return value


def normalize_pmcid(value: str) -> str:
    """``PMC7349227``, ``pmc7349227``, ``7349227`` → ``PMC7349227``; anything else → ``""``."""
    m = re.fullmatch(r"\s*(?:PMC)?(\d+)\s*", value or "", flags=re.I)
    return f"PMC{m.group(1)}" if m else ""


def _pmcid_from_figid(figid: str) -> str:
    m = re.match(r"(PMC\d+)__", figid or "")
    return m.group(1) if m else ""


def normalize_figlink(link: str) -> str:
    """A PMC figure link relative to ``https://www.ncbi.nlm.nih.gov/``, without a leading slash.

    The reference site builds ``https://www.ncbi.nlm.nih.gov/{{ page.figlink }}``; its older
    pages carry ``/pmc/…`` (a double slash in that URL), its newer ones ``pmc/…``.
    """
    link = (link or "").strip()
    link = re.sub(r"^https?://(?:www\.)?ncbi\.nlm\.nih\.gov/", "", link)
    return link.lstrip("/") if link.lower().lstrip("/").startswith("pmc/") else link


def vouched_organisms(claimed: Sequence[str], organisms: Sequence[str]) -> tuple[str, ...]:
    """NER organisms read from input, kept only where the article's organisms confirm them.

    The reference pages list fly and fish for human cancer figures because fly/fish symbols
    (foxo, Tor, Mtor) matched case-insensitively; a claim pathfig did not make itself and that
    the figure's organisms do not support is dropped. Organisms pathfig recognises itself are
    set with :meth:`FigureMeta.with_annotations` and are not filtered.
    """
    confirmed = {o.strip().lower() for o in organisms}
    return tuple(o for o in claimed if o.strip().lower() in confirmed)
