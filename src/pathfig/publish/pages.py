"""Figure pages: Jekyll Markdown files whose YAML front matter is a figure record.

The front matter has the seed pages' keys, order and value types (see
:data:`pathfig.records.PAGE_KEYS`); every value is written by PyYAML, so captions, titles and
OCR text cannot break out of the YAML or the front matter, whatever characters they hold.

>>> page = read_page(Path("_figures/PMC7349227__cells-09-01450-g003.md"))   # doctest: +SKIP
>>> render_page(page) == Path("_figures/PMC7349227__cells-09-01450-g003.md").read_text()  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pathfig.errors import PathfigError
from pathfig.records import JSONLD_KEY, FigureMeta, JsonLd, safe_filename

__all__ = ["FigurePage", "PageError", "jsonld_from_block", "read_page", "render_page"]

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


class PageError(PathfigError):
    """A figure page cannot be read: no front matter, invalid YAML, or not a mapping."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FigurePage:
    """A figure record, how its schema.org block is built, and the page body (usually empty)."""

    meta: FigureMeta
    jsonld: JsonLd
    body: str = ""

    def front_matter(self) -> dict[str, Any]:
        return self.meta.to_page(self.jsonld)


def render_page(page: FigurePage) -> str:
    """The page file's text: ``---``, the front matter, ``---``, the body."""
    front = yaml.safe_dump(page.front_matter(), sort_keys=False, allow_unicode=True, default_flow_style=False)
    return f"---\n{front}---\n{page.body}"


def jsonld_from_block(block: Any, figid: str) -> JsonLd:
    """Recover the base URL, licence, creator and keywords from a page's schema.org block."""
    if not isinstance(block, Mapping):
        return JsonLd()
    page_id = str(block.get("@id") or "")
    suffix = f"/figures/{safe_filename(figid)}.html"
    base = page_id[: -len(suffix)] if page_id.endswith(suffix) else ""
    creator = block.get("creator")
    creator_name = str(creator.get("name")) if isinstance(creator, Mapping) and creator.get("name") else JsonLd.creator
    keywords = block.get("keywords") or []
    if isinstance(keywords, str):
        keywords = [keywords]
    return JsonLd(base_url=base, keywords=tuple(str(k) for k in keywords),
                  license=str(block.get("license") or JsonLd.license), creator=creator_name)


def read_page(source: str | Path, *, text: str | None = None) -> FigurePage:
    """Read a figure page (a path, or its ``text`` with ``source`` naming it in errors).

    The record is cleaned as it is read (:meth:`FigureMeta.from_mapping`), so writing it back
    gives the same page with its defects repaired.
    """
    label = str(source)
    if text is None:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PageError(f"{label}: cannot read ({exc})") from exc
    m = _FRONT.match(text)
    if not m:
        raise PageError(f"{label}: no YAML front matter (a page starts with a '---' line)")
    try:
        front = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        raise PageError(f"{label}: invalid YAML front matter ({str(exc).splitlines()[0]})") from exc
    if not isinstance(front, dict):
        raise PageError(f"{label}: front matter is not a mapping")
    meta = FigureMeta.from_mapping(front)
    return FigurePage(meta=meta, jsonld=jsonld_from_block(front.get(JSONLD_KEY), meta.figid), body=text[m.end():])
