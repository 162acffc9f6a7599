"""Wrapped node labels: a number or Greek letter printed under a name continues it (stacked_join)."""

from __future__ import annotations

import pytest

from pathfig.lexicon import Lexicon, LexiconEntry
from pathfig.models import Box, Word
from pathfig.ner import GeneRecognizer, Options

E = LexiconEntry.make
LEX = Lexicon([
    E("TLR2", "symbol", "7097", "TLR2"),
    E("TLR4", "symbol", "7099", "TLR4"),
    E("TLR", "family", "7097", "TLR2", family="TLR"),
    E("TLR", "family", "7099", "TLR4", family="TLR"),
    E("CDH1", "symbol", "999", "CDH1"),
    E("CDH15", "symbol", "1013", "CDH15"),
    E("caspase 8", "name", "841", "CASP8"),
    E("CASP8", "symbol", "841", "CASP8"),
    E("MYD88", "symbol", "4615", "MYD88"),
])


def _w(text: str, x0: float, y0: float, x1: float, y1: float, line: int) -> Word:
    return Word(text=text, box=Box(x0, y0, x1, y1), line=line)


def found(words: list[Word], on: bool = True) -> list[tuple[str, str, int]]:
    rec = GeneRecognizer(LEX, Options(stacked_join=on))
    return sorted((m.word, m.ncbigene_symbol, m.word_index) for m in rec.recognize_words(words))


FIGURE = [
    _w("TLRs", 107, 113, 138, 130, 0),
    _w("MyD88", 300, 113, 340, 130, 1),     # another node on the same row
    _w("2/4", 112, 129, 130, 148, 2),       # under TLRs: its continuation
    _w("Caspase", 10, 300, 60, 315, 3),
    _w("8", 30, 317, 38, 332, 4),
]


def test_wrapped_labels_join() -> None:
    assert found(FIGURE) == [("Caspase 8", "CASP8", 3), ("MyD88", "MYD88", 1),
                             ("TLR 2/4", "TLR2", 0), ("TLR 2/4", "TLR4", 0)]


def test_switched_off_the_lines_stay_apart() -> None:
    # (the one-member toy caspase family still gives CASP8 from the word alone)
    assert found(FIGURE, on=False) == [("Caspase", "CASP8", 3), ("MyD88", "MYD88", 1), ("TLRs", "TLR2", 0)]


@pytest.mark.parametrize(
    ("upper", "lower"),
    [
        (_w("CDH1", 100, 100, 140, 116, 0), _w("5", 115, 118, 123, 134, 1)),     # a symbol stays itself
        (_w("TLRs", 100, 100, 140, 116, 0), _w("2/4", 112, 150, 130, 166, 1)),  # too far below
        (_w("TLRs", 100, 100, 140, 116, 0), _w("2/4", 200, 118, 218, 134, 1)),  # not under it
        (_w("TLRs", 100, 100, 140, 116, 0), _w("2/4", 112, 118, 130, 150, 1)),  # twice as tall
        (_w("TLRs", 100, 100, 140, 116, 0), _w("A", 112, 118, 122, 134, 1)),    # a bare letter
    ],
)
def test_what_does_not_join(upper: Word, lower: Word) -> None:
    # The upper word is read alone, as with the rule off.
    words = found([upper, lower])
    assert words == found([upper, lower], on=False) == [(upper.text, words[0][1], 0)], words


def test_words_without_boxes_are_untouched() -> None:
    words = [Word(text="TLRs", line=0), Word(text="2/4", line=1)]
    assert found(words) == found(words, on=False) == [("TLRs", "TLR2", 0)]
