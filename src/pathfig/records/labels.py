"""Figure numbers: ``Figure 3``, ``Fig. 3A``, ``Scheme 1``, ``Figure S2``, ``Graphical abstract``,
a roman numeral, or only a graphic name such as ``gr3`` → a short code (``F3``, ``S1``, ``SF2``,
``GA``), a figure type, and the figure's alias ``PMCID__F3``.

The codes and types are the reference system's (``F`` Figure, ``S`` Scheme, ``SF`` Supplemental
figure, ``GA`` Graphical abstract, ``AF`` Appendix figure, ``EV`` Extended view), so aliases
and GMT names stay comparable with it.

>>> figure_number("Fig. 3A")
FigureNumber(number='F3A', figtype='Figure')
>>> figure_number("Supplementary Figure S2").number, figure_number("", graphic="gr5_lrg").number
('SF2', 'F5')
>>> figid_alias("PMC7349227", "F3")
'PMC7349227__F3'
"""

from __future__ import annotations

import hashlib
import re
from typing import NamedTuple

__all__ = ["FIGURE_TYPES", "FigureNumber", "figid_alias", "figure_number", "roman_to_int", "safe_filename"]

#: Number prefix → figure type (the reference system's vocabulary).
FIGURE_TYPES: dict[str, str] = {
    "F": "Figure",
    "S": "Scheme",
    "SF": "Supplemental figure",
    "GA": "Graphical abstract",
    "AF": "Appendix figure",
    "EV": "Extended view",
}


class FigureNumber(NamedTuple):
    """A normalised figure number (``""`` when unknown) and its type."""

    number: str
    figtype: str


_N = r"(\d+[A-Za-z]?)"          # a figure number with an optional panel letter: 3, 3A, 12b
_ROMAN = r"([IVXLC]+)"
_FIG = r"fig(?:ure)?s?\.?"      # Fig, Fig., Figure, Figs.
_SUPP = r"(?:supplementa(?:ry|l)|suppl?\.?|supporting|additional)"

# Label rules, tried in order; the first that matches gives (prefix, number). Case-insensitive,
# except where a capital S/EV/A marks the kind (``Figure S2`` but not ``Figures 2``).
_LABEL_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"graphical\s+abstract|\btoc\s+graphic|\bvisual\s+abstract", re.I), "GA"),
    (re.compile(rf"{_FIG}\s*{_N}\s*[—–-]\s*figure\s+supplement\s*{_N}", re.I), "SF_"),  # eLife
    (re.compile(rf"{_SUPP}\s*(?:{_FIG})?\s*S?\s*{_N}", re.I), "SF"),
    (re.compile(rf"(?i:{_FIG})\s*S\s*{_N}"), "SF"),
    (re.compile(rf"scheme\s*{_N}", re.I), "S"),
    (re.compile(rf"(?i:scheme)\s*{_ROMAN}\b"), "S"),
    (re.compile(rf"appendix\s*(?:{_FIG})?\s*A?\s*{_N}", re.I), "AF"),
    (re.compile(rf"(?:expanded\s+view\s+{_FIG}|(?i:{_FIG}))\s*EV\s*{_N}", re.I), "EV"),
    (re.compile(rf"{_FIG}\s*\(?{_N}\)?", re.I), "F"),
    (re.compile(rf"(?i:{_FIG})\s*{_ROMAN}\b"), "F"),
    (re.compile(rf"^\s*{_N}\s*$"), "F"),
)

# Graphic file names (without extension) and figure-page links, when the label says nothing.
# Publisher conventions: Elsevier gr3 / gr3_lrg / fx1 (graphical abstract) / sc1 (scheme),
# Springer 41467_2023_37310_Fig7_HTML, MDPI cells-09-01450-g003, PLoS ppat.0010039.g007,
# BMC 1465-9921-7-97-2, Rockefeller JCB.14658f1, Frontiers fimmu-14-1063018-g008.
_GRAPHIC_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:^|[^a-z])(?:fx|ga|abs(?:fig)?|toc)(\d*)(?:_lrg)?$", re.I), "GA"),
    (re.compile(r"(?:^|[^a-z])(?:sc|sch|scheme)(\d+)(?:_lrg)?$", re.I), "S"),
    (re.compile(r"(?:^|[^a-z])gr(\d+[a-z]?)(?:_lrg)?$", re.I), "F"),
    (re.compile(r"(?:^|[^a-z])fig(?:ure)?[-_]?(\d+[a-z]?)(?:_HTML|_lrg)?$", re.I), "F"),
    (re.compile(r"(?:^|[-_.\d])(?:g|f|fig|i)0*(\d+)$", re.I), "F"),
    (re.compile(r"[-.]0*(\d{1,2})$"), "F"),
    (re.compile(r"^[a-z]{3,4}\d{7,}?0+([1-9]\d?)$", re.I), "F"),  # ASM: zjw0101037020005
)
# Applied to the last segment of a figure link (``pmc/articles/PMC1/figure/F3/``), then the
# graphic rules are tried on it too (links often repeat the graphic name).
_LINK_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:sch|sc)(\d+)$", re.I), "S"),
    (re.compile(r"^(?:FU|F|fig|f|g)0*(\d+[A-Za-z]?)(?:$|[-_])", re.I), "F"),
)
_DECIMAL = re.compile(r"\d+\.\d+")


def roman_to_int(text: str) -> int | None:
    """The value of a roman numeral (I … CCC), or None when ``text`` is not one."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    s = text.upper()
    if not s or any(c not in values for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = values[c]
        total += -v if i + 1 < len(s) and values[s[i + 1]] > v else v
    return total if 0 < total < 400 else None


def _code(prefix: str, match: re.Match[str]) -> str:
    groups = [g for g in match.groups() if g is not None]
    if prefix == "GA":
        digits = groups[0] if groups and groups[0] and groups[0] != "1" else ""
        return "GA" + digits
    if prefix == "SF_":
        return f"SF{_clean(groups[0])}_{_clean(groups[1])}"
    num = groups[0]
    if not num[0].isdigit():
        value = roman_to_int(num)
        if value is None:
            return ""
        num = str(value)
    return prefix + _clean(num)


def _clean(num: str) -> str:
    digits = num.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    letter = num[len(digits):].upper()
    return str(int(digits)) + letter if digits else letter


def figure_number(label: str = "", *, graphic: str = "", figlink: str = "", fig_type: str = "") -> FigureNumber:
    """Normalise a figure label; fall back to the graphic file name, then the figure link.

    ``graphic`` may carry an extension. ``fig_type`` is JATS ``<fig fig-type=…>`` (``scheme``,
    ``graphical-abstract``), used when the label gives a bare number. An already normalised
    number (``F3``, ``SF2``, ``GA``) is returned as it is. Labels with decimals (``Figure 1.2``)
    are ambiguous and left to the fallbacks.
    """
    text = (label or "").strip()
    if re.fullmatch(r"(?:F|S|SF|AF|EV)\d+[A-Z]?(?:_\d+[A-Z]?)?|GA\d*", text):
        return FigureNumber(text, _figtype(text))
    number = ""
    if text and not _DECIMAL.search(text):
        for pattern, prefix in _LABEL_RULES:
            m = pattern.search(text)
            if m:
                number = _code(prefix, m)
                if number:
                    break
    if not number and graphic:
        stem = re.sub(r"\.(?:jpe?g|png|gif|tiff?|webp|bmp|eps|svg)$", "", graphic.strip(), flags=re.I)
        number = _first(_GRAPHIC_RULES, stem)
    if not number and figlink:
        segment = figlink.strip().rstrip("/").rsplit("/", 1)[-1]
        number = _first(_LINK_RULES, segment) or _first(_GRAPHIC_RULES, segment)
    # The element's type speaks when the label did not name a kind (no label, or a bare number).
    kind = fig_type.lower()
    if number.startswith("F") and (not text or re.fullmatch(r"\d+[A-Za-z]?", text)):
        if "scheme" in kind:
            number = "S" + number[1:]
        elif "abstract" in kind:
            number = "GA"
    return FigureNumber(number, _figtype(number))


def _first(rules: tuple[tuple[re.Pattern[str], str], ...], text: str) -> str:
    for pattern, prefix in rules:
        m = pattern.search(text)
        if m:
            if prefix == "GA":
                return _code("GA", m)
            return prefix + _clean(m.group(1))
    return ""


def _figtype(number: str) -> str:
    prefix = re.match(r"[A-Z]*", number).group(0) if number else ""  # type: ignore[union-attr]
    return FIGURE_TYPES.get(prefix, "Figure")


def figid_alias(pmcid: str, number: str, *, figid: str = "") -> str:
    """``PMCID__number``; without both parts, the figure id itself (an alias must stay unique)."""
    if pmcid and number:
        return f"{pmcid}__{number}"
    return figid


def safe_filename(figid: str) -> str:
    """A file name (no extension) for a figure id that is safe on every file system.

    Ids made only of letters, digits, ``.``, ``_`` and ``-`` are kept as they are; any other id is
    reduced to those characters and suffixed with a hash of the id, so distinct ids stay distinct.
    """
    if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,150}", figid) and not figid.endswith("."):
        return figid
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", figid).strip("._-")[:100]
    digest = hashlib.sha256(figid.encode("utf-8")).hexdigest()[:10]
    return f"{base}-{digest}" if base else digest
