"""``stem_families``: the root of numbered official symbols names their family."""

from __future__ import annotations

import pytest

from pathfig.lexicon import Lexicon, LexiconEntry
from pathfig.ner import GeneRecognizer, Options
from pathfig.ner.families import stem_families

P = "gene with protein product"


def _entries() -> list[LexiconEntry]:
    return [
        LexiconEntry.make("NOX1", "symbol", "27035", "NOX1", locus_type=P),
        LexiconEntry.make("NOX3", "symbol", "50508", "NOX3", locus_type=P),
        LexiconEntry.make("THY1", "symbol", "7070", "THY1", locus_type=P),
        LexiconEntry.make("FDFT1", "symbol", "2222", "FDFT1", locus_type=P),
    ]


def test_roots_of_one_gene_need_four_letters() -> None:
    fams = stem_families(_entries(), limit=30, min_stem=3, min_single=4)
    assert {k: [e.symbol for e in v] for k, v in fams.items()} == {
        "NOX": ["NOX1", "NOX3"],   # two genes: a three-letter root is enough
        "FDFT": ["FDFT1"],         # one gene: its root has four letters
    }
    assert "THY" in stem_families(_entries(), limit=30, min_stem=3, min_single=3)
    assert stem_families(_entries(), limit=1, min_stem=3, min_single=4) == {"FDFT": fams["FDFT"]}


@pytest.mark.parametrize(("text", "single", "expected"), [
    ("NOX", 4, ["NOX1"]),
    ("FDFT", 4, ["FDFT1"]),
    ("THY", 4, []),
    ("THY", 3, ["THY1"]),
])
def test_recogniser_option(text: str, single: int, expected: list[str]) -> None:
    rec = GeneRecognizer(Lexicon(_entries()), options=Options(min_single_stem=single),
                         prior={"27035": 50, "50508": 10})
    assert [m.ncbigene_symbol for m in rec.recognize_text(text)] == expected
