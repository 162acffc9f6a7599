"""Figure titles: the caption's own title, else its first sentence, else the paper title.

A title is usable when, after cleaning, it has 10 to 250 characters. Cleaning strips what
precedes the title proper — the label (``Figure 3.``, ``Fig. 2:``, ``FIGURE 3 |``), a panel mark
(``(A)``) and a framing phrase (``Schematic of``, ``Proposed model of``) when what is left is
still a proper title — and trailing periods.

>>> clean_title("Figure 2. Schematic representation of the mTOR signalling pathway.")
'mTOR signalling pathway'
>>> figure_title(caption="(A) Overview. Details follow.", papertitle="The paper title.")
'The paper title'
"""

from __future__ import annotations

import re

from pathfig.records.text import repair_text

__all__ = ["MAX_TITLE", "MIN_TITLE", "clean_title", "figure_title", "first_sentence"]

MIN_TITLE = 10
MAX_TITLE = 250

_LABEL = re.compile(
    r"^(?:(?:supplementa(?:ry|l)\s+)?(?:fig(?:ure)?s?\.?|scheme|graphical\s+abstract)\s*"
    r"(?:S|EV)?\s*(?:\d+[A-Za-z]?|[IVX]+\b)?(?:\s*[—–-]\s*figure\s+supplement\s*\d+)?\s*[.:|—–-]?\s+)",
    re.IGNORECASE,
)
_PANEL = re.compile(r"^(?:\(\s*[A-Za-z]\s*\)|\[\s*[A-Za-z]\s*\])\s*")
# Framing phrases, longest alternatives first. "of the" is removed with them: what is left must
# then pass _is_proper, or the original is kept.
_FRAME = re.compile(
    r"^(?:an?\s+)?(?:(?:simplified|proposed|putative|hypothetical|working|general|graphical|"
    r"detailed|summary|conceptual)\s+)*"
    r"(?:schematic(?:\s+(?:diagram|representation|illustration|model|overview|drawing|depiction|"
    r"summary|view|presentation))?|model|diagram|illustration|overview|cartoon|depiction|"
    r"representation|scheme|summary)s?\s+(?:of|for|showing|depicting|illustrating|summari[sz]ing)\s+"
    r"(?:the\s+)?",
    re.IGNORECASE,
)
_FUNCTION_WORDS = frozenset(
    "how what which why where when whether that this these those and or but in on at by for with to "
    "from of as is are was were be its their a an".split()
)
# Abbreviations after which a period does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:e\.g|i\.e|et\s+al|vs|cf|ca|approx|resp|fig|figs|ref|refs|no|nos|sp|spp|var|ssp|"
    r"st|dr|mr|mrs|ms|prof|inc|ltd|co|jr|sr|min|max|eq|eqs|suppl|vol)"
    r"|\b[A-Z])$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"'“‘(\[]?[A-Z0-9])")


def _is_proper(title: str) -> bool:
    words = title.split()
    return len(title) >= MIN_TITLE and bool(words) and words[0].lower() not in _FUNCTION_WORDS


def _capitalise(title: str) -> str:
    # Only a plain lower-case word is capitalised: "mTOR", "p53" and "cAMP" keep their case.
    first = title.split(" ", 1)[0]
    if first.isalpha() and first.islower():
        return title[0].upper() + title[1:]
    return title


def clean_title(text: str) -> str:
    """Strip label, panel mark, framing phrase (when a proper title remains) and trailing periods."""
    title = repair_text(text)
    for _ in range(3):  # "Figure 2. (A) Schematic of …": each prefix once, in any order
        before = title
        title = _LABEL.sub("", title, count=1)
        title = _PANEL.sub("", title, count=1)
        framed = _FRAME.sub("", title, count=1)
        if framed != title and _is_proper(framed):
            title = _capitalise(framed)
        if title == before:
            break
    title = title.strip()
    while title.endswith(".") and not title.endswith("..."):
        title = title[:-1].rstrip()
    return title


def first_sentence(text: str) -> str:
    """The first sentence of a caption (periods after abbreviations and initials do not count)."""
    text = repair_text(text)
    for m in _SENTENCE_END.finditer(text):
        head = text[: m.start()]
        if _ABBREV.search(head):
            continue
        return head + text[m.start()]
    return text


def _usable(title: str) -> bool:
    return MIN_TITLE <= len(title) <= MAX_TITLE


def figure_title(*, figtitle: str = "", caption_title: str = "", caption: str = "", papertitle: str = "") -> str:
    """The figure's title by the rules above; ``figtitle`` (a title given by the user) comes first.

    When no candidate is usable, the paper title is used whatever its length; failing that, the
    longest non-empty candidate cut at a word boundary.
    """
    candidates = [clean_title(t) for t in (figtitle, caption_title) if t]
    if caption:
        candidates.append(clean_title(first_sentence(_strip_caption_label(caption))))
    paper = clean_title(papertitle) if papertitle else ""
    for title in [*candidates, paper]:
        if _usable(title):
            return title
    if paper:
        return paper
    longest = max(candidates, key=len, default="")
    if len(longest) > MAX_TITLE:
        cut = longest[: MAX_TITLE - 1].rsplit(" ", 1)[0]
        return cut + "…"
    return longest


def _strip_caption_label(caption: str) -> str:
    # "Figure 3. Title. More" — the label's period must not end the first sentence.
    return _LABEL.sub("", repair_text(caption), count=1)
