"""Word layout: boxes of joined words, and node labels wrapped onto a second line."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from pathfig.models import Box, Word
from pathfig.ner import transforms as T

__all__ = ["stack_wrapped", "union_box"]

_HAS_LETTER = re.compile(r"[A-Za-zα-ωΑ-Ω]")


def union_box(boxes: Iterable[Box | None]) -> Box | None:
    out: Box | None = None
    for b in boxes:
        if b is not None:
            out = b if out is None else out.union(b)
    return out


_STACKED_NEXT = re.compile(r"^(?:\d{1,3}[A-Za-z]?|[A-Za-z]\d{1,2}|[IVX]{2,4}|[α-ωΑ-Ω]\d?|\d{1,2}(?:/\d{1,2})+)$")


# Figures repeat their words: both tests are cached by text (bounded, process-wide).
@functools.lru_cache(maxsize=1 << 16)
def _continuation(text: str) -> bool:
    return bool(_STACKED_NEXT.match(T.strip_punct(text)))


@functools.lru_cache(maxsize=1 << 16)
def _wordy(text: str) -> bool:
    return len(_HAS_LETTER.findall(text)) >= 3


def stack_wrapped(words: list[Word], is_symbol: Callable[[str], bool]) -> list[int] | None:
    """The word order with wrapped label continuations moved after the word they continue.

    A one-word line whose word is a short continuation (a number, number list, letter+digits,
    roman numeral or Greek letter; a bare Latin letter is too often something else) and sits
    right under the last word of another line (horizontal overlap, gap under 0.6 of its height,
    similar height) joins that line, unless that word is already a gene's official symbol
    (``CDH1`` over a count ``5`` is not CDH15). Returns None when nothing moves.
    """
    lines: dict[int, list[int]] = {}
    for k, w in enumerate(words):
        lines.setdefault(w.line, []).append(k)
    nexts = [
        ks[0] for ks in lines.values()
        if len(ks) == 1 and words[ks[0]].box is not None and not words[ks[0]].orientation
        and _continuation(words[ks[0]].text)
    ]
    if not nexts:
        return None
    moved: dict[int, int] = {}   # continuation word index -> index of the word it follows
    # Line ends that may carry a continuation, sorted by their bottom edge so each candidate
    # only looks at the ends just above it (figures have thousands of one-word lines).
    ends = sorted(
        (words[ks[-1]].box.y1, ks[-1]) for ks in lines.values()
        if words[ks[-1]].box is not None and not words[ks[-1]].orientation
        and _wordy(words[ks[-1]].text)
    )
    bottoms = [y for y, _ in ends]
    for k in nexts:
        b = words[k].box
        h_b = b.y1 - b.y0
        if h_b <= 0:
            continue
        best, gap_best = -1, float("inf")
        # The gap under the word above must be within [-0.3, 0.6] of this word's height.
        lo = bisect.bisect_left(bottoms, b.y0 - 0.6 * h_b)
        hi = bisect.bisect_right(bottoms, b.y0 + 0.3 * h_b)
        for _, j in ends[lo:hi]:
            if j == k or j in moved:
                continue
            a = words[j].box
            h_a = a.y1 - a.y0
            if h_a <= 0 or max(h_a, h_b) > 1.6 * min(h_a, h_b):
                continue
            gap = b.y0 - a.y1
            overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
            if overlap >= 0.5 * min(a.x1 - a.x0, b.x1 - b.x0) and (gap, j) < (gap_best, best):
                best, gap_best = j, gap
        if best >= 0 and not is_symbol(words[best].text):
            moved[k] = best
    if not moved:
        return None
    after: dict[int, list[int]] = {}
    for k, j in moved.items():
        after.setdefault(j, []).append(k)
    order: list[int] = []
    for k in range(len(words)):
        if k in moved:
            continue
        order.append(k)
        order.extend(after.get(k, ()))
    # The moved word takes its new line's number, so the line loop sees one line.
    for k, j in moved.items():
        words[k] = replace(words[k], line=words[j].line)
    return order
