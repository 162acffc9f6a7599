"""Split a recognised line into words, each with an approximate box.

Engines such as RapidOCR detect lines, not words. Gene recognition wants words with boxes,
so a line is split on whitespace and each word gets the slice of the line's quadrilateral
its characters occupy. Where the engine knows where each character sits along the line
(RapidOCR's CTC decoder does), that position is used; otherwise characters share the line
equally, which is close enough for the monospaced-ish sans fonts of most figures.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from pathfig.models import Box, Line, Word
from pathfig.ocr.geometry import Quad, lerp, quad_box

__all__ = ["box_quad", "line_from_quad", "split_words"]


def box_quad(box: Box, orientation: int = 0) -> Quad:
    """The reading-order quadrilateral of an axis-aligned box read at ``orientation``."""
    tl, tr, br, bl = (box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)
    quads: dict[int, Quad] = {
        0: (tl, tr, br, bl),
        90: (bl, tl, tr, br),     # reads bottom to top: starts at the bottom-left corner
        180: (br, bl, tl, tr),
        270: (tr, br, bl, tl),    # reads top to bottom: starts at the top-right corner
    }
    return quads[orientation % 360]


def split_words(
    text: str,
    quad: Quad,
    *,
    orientation: int = 0,
    char_centres: Sequence[float] | None = None,
    char_confidences: Sequence[float] | None = None,
    confidence: float = 1.0,
) -> tuple[Word, ...]:
    """Words of ``text`` with boxes apportioned along the reading axis of ``quad``.

    ``char_centres`` gives, for every character of ``text`` (spaces included), its centre as
    a fraction 0..1 of the line's length; ``char_confidences`` likewise gives per-character
    confidences (a word's confidence is their mean, else the line's ``confidence``).

    >>> ws = split_words("TP53 MDM2", box_quad(Box(0, 0, 90, 10)))
    >>> [(w.text, round(w.box.x0), round(w.box.x1)) for w in ws]
    [('TP53', 0, 40), ('MDM2', 50, 90)]
    """
    n = len(text)
    if n == 0:
        return ()
    if char_centres is None or len(char_centres) != n:
        char_centres = [(i + 0.5) / n for i in range(n)]
    use_char_conf = char_confidences is not None and len(char_confidences) == n
    pitch = _pitch(char_centres, text)
    a, b, c, d = quad
    words: list[Word] = []
    i = 0
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        j = i
        while j < n and not text[j].isspace():
            j += 1
        f0 = max(0.0, min(1.0, char_centres[i] - pitch / 2))
        f1 = max(0.0, min(1.0, char_centres[j - 1] + pitch / 2))
        if f1 < f0:
            f0, f1 = f1, f0
        box = quad_box([lerp(a, b, f0), lerp(a, b, f1), lerp(d, c, f0), lerp(d, c, f1)])
        conf = (
            float(statistics.fmean(char_confidences[i:j]))  # type: ignore[index]
            if use_char_conf else confidence
        )
        words.append(Word(text=text[i:j], box=box, confidence=round(conf, 5), orientation=orientation))
        i = j
    return tuple(words)


def _pitch(centres: Sequence[float], text: str) -> float:
    """Typical distance between neighbouring character centres (one character's width)."""
    gaps = [
        centres[k + 1] - centres[k]
        for k in range(len(centres) - 1)
        if not text[k].isspace() and not text[k + 1].isspace() and centres[k + 1] > centres[k]
    ]
    if gaps:
        return statistics.median(gaps)
    return 1.0 / len(text)


def line_from_quad(
    text: str,
    quad: Quad,
    *,
    confidence: float,
    orientation: int = 0,
    char_centres: Sequence[float] | None = None,
    char_confidences: Sequence[float] | None = None,
) -> Line:
    """A :class:`Line` (box = the quad's bounds) with its words split and boxed."""
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    if char_centres is not None and len(char_centres) == len(text):
        char_centres = list(char_centres)[lead:lead + len(stripped)]
    if char_confidences is not None and len(char_confidences) == len(text):
        char_confidences = list(char_confidences)[lead:lead + len(stripped)]
    words = split_words(
        stripped, quad, orientation=orientation, char_centres=char_centres,
        char_confidences=char_confidences, confidence=confidence,
    )
    return Line(
        text=stripped, box=quad_box(quad), confidence=round(float(confidence), 5),
        orientation=orientation, words=words,
    )
