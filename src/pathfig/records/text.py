"""Text repair for metadata from the wild: mojibake, HTML entities and tags, control characters,
R-style missing values.

Metadata reaches pathfig through several encodings and tools (JATS XML, R data frames written
as YAML, spreadsheets), and each leaves its own damage. The reference system's pages show them:
``Lingâ€™ao`` (UTF-8 read as Windows-1252), ``NF-Œ∫B`` (UTF-8 read as Mac Roman), and
``.na.character`` (R's ``NA_character_`` written by the R yaml package).

Mojibake is repaired by `ftfy <https://ftfy.readthedocs.io>`_, which recognises these
encodings from the byte patterns they leave; curly quotes are kept (``Ling’ao``, not ``Ling'ao``).

>>> repair_text("Lingâ€™ao Meng")
'Ling’ao Meng'
>>> repair_text("the NF-Œ∫B pathway &amp; <i>TNF</i>")
'the NF-κB pathway & TNF'
>>> is_missing(".na.character"), is_missing("NA"), is_missing("NAD")
(True, True, False)
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import ftfy

__all__ = ["MISSING_STRINGS", "is_missing", "repair_metadata", "repair_text", "repair_value"]

#: Whole-field values that mean "no value" (R's NA family as R, pandas and the R yaml package
#: write them). Compared after stripping white space.
MISSING_STRINGS = frozenset({
    "NA", "N/A", "NaN", "nan", "NAN", "<NA>", "NULL", "null",
    ".na", ".na.character", ".na.real", ".na.integer", ".nan", "NA_character_",
})

_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,      # ’ is the right character; only the mojibake around it is wrong
    unescape_html=False,      # done below, where we also decide about tags
    fix_character_width=False,  # full-width characters are rare and deliberate in captions
    explain=False,
)

# Inline markup that leaks from HTML or JATS into plain-text fields. Only these names are removed,
# so text such as "p < 0.05" or "<10 µm" survives.
_TAG = re.compile(
    r"</?(?:i|b|em|strong|sub|sup|italic|bold|span|a|br|p|div|font|u|sc|monospace|underline)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_SPACE = re.compile(r"\s+")
#: Breaks that not every tool treats as white space; they become spaces, not nothing. (U+0085 is
#: left to ftfy: in mojibake it is usually Windows-1252's "…".)
_BREAKS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\u2028\u2029")


def _is_control(ch: str) -> bool:
    # Cc (C0/C1 controls), Cf (format: zero-width space, BOM, bidi marks) and unassigned/private
    # code points have no business in a caption; white space is handled separately.
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Cf", "Co", "Cn", "Cs") and ch not in "\t\n\r"


def repair_text(text: str, *, single_line: bool = True) -> str:
    """Repair one text value: HTML entities (also double-escaped), inline tags, mojibake, control
    characters, and white space (runs become one space; ``single_line=False`` keeps line breaks).
    """
    if not text:
        return ""
    out = text
    for _ in range(2):  # "&amp;lt;" is an escaped escape; two rounds undo it, more would be guessing
        if not _ENTITY.search(out):
            break
        out = html.unescape(out)
    out = _TAG.sub("", out)
    out = "".join(" " if ch in _BREAKS else ch for ch in out)
    out = ftfy.fix_text(out, _FTFY)
    out = "".join(ch for ch in out if not _is_control(ch))
    out = unicodedata.normalize("NFC", out)
    if single_line:
        return _SPACE.sub(" ", out).strip()
    lines = [_SPACE.sub(" ", ln).strip() for ln in out.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def is_missing(value: Any) -> bool:
    """True for values that mean "no value": None, NaN, empty text and R-style NA strings."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        stripped = value.strip()
        return not stripped or stripped in MISSING_STRINGS
    if isinstance(value, list | tuple | dict | set):
        return len(value) == 0
    return False


def repair_value(value: Any) -> Any:
    """Repair every string in a JSON-like value; missing items are dropped from lists and maps.

    Returns ``None`` when the whole value is missing.
    """
    if isinstance(value, str):
        fixed = repair_text(value)
        return None if is_missing(fixed) else fixed
    if isinstance(value, list | tuple):
        items = [repair_value(v) for v in value]
        kept = [v for v in items if v is not None]
        return kept or None
    if isinstance(value, Mapping):
        return repair_metadata(value) or None
    if is_missing(value):
        return None
    return value


def repair_metadata(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a metadata mapping with every text value repaired and missing values removed.

    Only values change: no field is renamed, derived or reinterpreted here (see
    :func:`pathfig.records.figure_meta` for that), so it is safe on any sidecar.
    """
    out: dict[str, Any] = {}
    for key, value in metadata.items():
        fixed = repair_value(value)
        if fixed is not None:
            out[str(key)] = fixed
    return out
