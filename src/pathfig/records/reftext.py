"""Reference text in the seeds' style: ``First Author, et al. Journal. Year Mon;Vol(Issue):Pages.``

>>> format_reftext(first_author="Patrick Santos", author_count=3, journal="Cells", year="2020",
...                month="6", volume="9", issue="6", pages="1450")
'Patrick Santos, et al. Cells. 2020 Jun;9(6):1450.'
>>> format_reftext(first_author="Stefan Hippenstiel", author_count=4, journal="Respir Res",
...                year="2006", volume="7", issue="1", pages="97-97")
'Stefan Hippenstiel, et al. Respir Res. 2006;7(1):97-97.'
"""

from __future__ import annotations

__all__ = ["MONTHS", "format_reftext", "month_abbrev"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_abbrev(month: str) -> str:
    """``6``/``06``/``June``/``jun`` → ``Jun``; a season or other text is returned as written."""
    m = (month or "").strip()
    if m.isdigit() and 1 <= int(m) <= 12:
        return MONTHS[int(m) - 1]
    for abbrev in MONTHS:
        if m[:3].lower() == abbrev.lower() and m.isalpha():
            return abbrev
    return m


def format_reftext(
    *,
    first_author: str = "",
    author_count: int = 1,
    journal: str = "",
    year: str = "",
    month: str = "",
    day: str = "",
    volume: str = "",
    issue: str = "",
    pages: str = "",
) -> str:
    """Build a reference; parts that are missing are left out with their punctuation."""
    parts: list[str] = []
    if first_author:
        parts.append(f"{first_author}, et al." if author_count > 1 else f"{first_author}.")
    if journal:
        parts.append(journal.rstrip(".") + ".")
    date = " ".join(p for p in (year, month_abbrev(month) if year else "", day if year and month else "") if p)
    where = ""
    if volume:
        where = volume + (f"({issue})" if issue else "")
    elif issue:
        where = f"({issue})"
    if pages:
        where = f"{where}:{pages}" if where else pages
    tail = ";".join(p for p in (date, where) if p)
    if tail:
        parts.append(tail + ".")
    return " ".join(parts)
