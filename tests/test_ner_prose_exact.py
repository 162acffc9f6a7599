"""``Options.prose_exact``: lower-case gene names of organisms that write genes in lower case (fly ``foxo``)."""

from __future__ import annotations

from pathfig.lexicon import Lexicon, LexiconEntry
from pathfig.ner import GeneRecognizer, Options

FLY = Lexicon([
    LexiconEntry.make("foxo", "symbol", "41709", "foxo", taxon_id="7227"),
    LexiconEntry.make("Tor", "symbol", "2768885", "Tor", taxon_id="7227"),
    LexiconEntry.make("hop", "symbol", "32012", "hop", taxon_id="7227"),
])


def found(rec: GeneRecognizer, text: str) -> list[str]:
    return [m.ncbigene_symbol for m in rec.recognize_text(text)]


def test_default_keeps_the_prose_rule():
    # Default behaviour is unchanged: an all-lower-case word is prose, whatever the lexicon holds.
    rec = GeneRecognizer(FLY)
    assert Options().prose_exact is False
    assert found(rec, "foxo and hop") == []


def test_prose_exact_accepts_names_written_exactly():
    rec = GeneRecognizer(FLY, Options(prose_exact=True))
    assert found(rec, "foxo and hop") == ["foxo", "hop"]
    # Only exact spellings pass: "tor" is not how the lexicon writes Tor.
    assert found(rec, "tor") == []
    assert found(rec, "Tor") == ["Tor"]
