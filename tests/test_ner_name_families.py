"""``name_families``: an enzyme's or one-word protein's full name without its number names
the numbered genes."""

from __future__ import annotations

from pathfig.lexicon import Lexicon, LexiconEntry
from pathfig.ner import GeneRecognizer, Options
from pathfig.ner.families import name_families

P = "gene with protein product"


def _entries() -> list[LexiconEntry]:
    return [
        LexiconEntry.make("ARG1", "symbol", "383", "ARG1", locus_type=P),
        LexiconEntry.make("arginase 1", "name", "383", "ARG1", locus_type=P),
        LexiconEntry.make("ARG2", "symbol", "384", "ARG2", locus_type=P),
        LexiconEntry.make("arginase 2", "name", "384", "ARG2", locus_type=P),
        LexiconEntry.make("CPT2", "symbol", "1376", "CPT2", locus_type=P),
        LexiconEntry.make("carnitine palmitoyltransferase 2", "name", "1376", "CPT2", locus_type=P),
        LexiconEntry.make("TAF1", "symbol", "6872", "TAF1", locus_type=P),
        LexiconEntry.make("transcription factor 1", "name", "6872", "TAF1", locus_type=P),
        LexiconEntry.make("TAF2", "symbol", "6873", "TAF2", locus_type=P),
        LexiconEntry.make("transcription factor 2", "name", "6873", "TAF2", locus_type=P),
        LexiconEntry.make("NLGN1", "symbol", "22871", "NLGN1", locus_type=P),
        LexiconEntry.make("neuroligin 1", "name", "22871", "NLGN1", locus_type=P),
        LexiconEntry.make("NLGN2", "symbol", "57555", "NLGN2", locus_type=P),
        LexiconEntry.make("neuroligin 2", "name", "57555", "NLGN2", locus_type=P),
        LexiconEntry.make("UCP1", "symbol", "7350", "UCP1", locus_type=P),
        LexiconEntry.make("uncoupling protein 1", "name", "7350", "UCP1", locus_type=P),
        LexiconEntry.make("UCP2", "symbol", "7351", "UCP2", locus_type=P),
        LexiconEntry.make("uncoupling protein 2", "name", "7351", "UCP2", locus_type=P),
    ]


def test_enzyme_and_protein_series_only() -> None:
    fams = name_families(_entries(), limit=30)
    # One numbered name is no series; class words (``transcription factor``, ``uncoupling
    # protein``: two words) name no family.
    assert set(fams) == {"ARGINASE", "NEUROLIGIN"}
    assert [e.symbol for e in fams["NEUROLIGIN"]] == ["NLGN1", "NLGN2"]
    assert [e.symbol for e in fams["ARGINASE"]] == ["ARG1", "ARG2"]
    assert all(e.kind == "family" and e.name == "arginase" for e in fams["ARGINASE"])
    assert name_families(_entries(), limit=1) == {}


def test_recogniser_reads_the_family_and_can_be_turned_off() -> None:
    lex = Lexicon(_entries())
    prior = {"383": 900, "384": 100}
    rec = GeneRecognizer(lex, prior=prior)
    (m,) = rec.recognize_text("Arginase")
    assert m.ncbigene_symbol == "ARG1" and m.source == "family"
    assert {c.ncbigene_symbol for c in m.candidates} == {"ARG1", "ARG2"}
    assert GeneRecognizer(lex, Options(name_families=False), prior).recognize_text("Arginase") == []
    assert rec.recognize_text("Transcription factor") == []
