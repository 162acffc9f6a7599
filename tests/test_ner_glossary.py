"""Abbreviations a caption defines, and what they do to the same words in the image."""

from __future__ import annotations

import pytest

from pathfig.models import Box, Word
from pathfig.ner import glossary
from pathfig.ner.annotate import annotate_figure, default_annotator


@pytest.fixture(scope="module")
def recognizer():
    return default_annotator().recognizer("9606")


@pytest.fixture(scope="module")
def recognize(recognizer):
    return recognizer.recognize_text


@pytest.mark.parametrize("text,expected", [
    ("Apoptosis by mitochondrial membrane permeabilization (MMP). After MMP,",
     [("MMP", "membrane permeabilization")]),
    ("Golgi stacks. MCS, membrane contact site; TGN, trans-Golgi network.",
     [("MCS", "membrane contact site"), ("TGN", "trans-Golgi network")]),
    ("IPS-1 with TRAF3, NAK-associated protein 1 (NAP1), and NEMO",
     [("NAP1", "NAK-associated protein 1")]),
    # The long form stops at its clause: (Hel1) ends the clause before "and 2 (Hel2)".
    ("helicase domains 1 (Hel1) and 2 (Hel2) with", [("Hel1", "helicase domains 1")]),
    # A list is no definition, nor a bracket whose letters the words before do not hold.
    ("ERK, p38 and JNK are kinases.", []),
    ("activated by stress (see Figure 2B) and by (ROS)", []),
])
def test_definitions(text, expected):
    assert [(d.abbreviation, d.long_form) for d in glossary.definitions(text)] == expected


@pytest.mark.parametrize("abbr,phrase,action", [
    # Long forms that name no gene: a process, a protein's part, a class of microbial toxins.
    ("MMP", "mitochondrial membrane permeabilization", "none"),
    ("Hel1", "helicase domains 1", "none"),
    ("PA-C", "PA C-terminal", "none"),
    ("MCS", "membrane contact site", "none"),
    ("SAgs", "superantigens", "none"),
    # Long forms worded unlike any lexicon name that read as a protein's name keep the genes.
    ("IRE1", "inositol-requiring enzyme 1", "keep"),
    ("ATF6", "activated transcription factor 6", "keep"),
    ("NEMO", "NF-κB essential modulator", "keep"),
    ("WIPI", "WD-repeat domain PtdIns(3)P-interacting", "keep"),
    ("NICD", "Notch intracellular domain", "keep"),      # a word of it is the gene
    ("RTN", "Reticulon", "keep"),                          # a family's own name
    ("OS9", "osteosarcoma amplified 9", "keep"),           # an official symbol with its number
    ("TBK1", "TANK-binding kinase 1", "keep"),             # the gene's own name
    # Worded like one of the gene's names (HGNC, MeSH): kept.
    ("VHL", "von Hippel-Lindau", "keep"),
    ("SOS", "son of sevenless", "keep"),
    ("STAT", "signal transduction and activators of transcription", "keep"),
    ("NOD1", "nucleotide-binding oligomerization domain 1", "keep"),   # a part word, but the name's
    # A metabolite, a tumour, a tissue: one shared word or a shared stem is not the gene's name.
    ("GAA", "guanidinoacetic acid", "none"),
    ("LAC", "lactate", "none"),
    ("UBC", "urinary bladder cancer", "none"),
    ("GALT", "gut-associated lymphoid tissue", "none"),
])
def test_judge(recognizer, recognize, abbr, phrase, action):
    verdict = glossary.judge(abbr, recognize(abbr), phrase, recognize, recognizer.lexicon.names_of)
    assert verdict.action == action


@pytest.mark.parametrize("phrase,names,expected", [
    ("signal transduction and activators", ["signal transducer and activator of transcription 3"], True),
    ("lunatic fringe", ["lunatic fringe homolog (Drosophila) protein"], True),
    ("guanidinoacetic acid", ["glucosidase alpha, acid"], False),    # one shared word of two
    ("lactate", ["lactase"], False),                                 # six letters tell them apart
    ("ferroportin", ["ferroportin 1"], True),
    ("of the", ["of the"], False),
])
def test_names_like(phrase, names, expected):
    assert glossary.names_like(phrase, names) is expected


def test_long_form_of_another_gene_names_that_gene(recognize):
    # FAS is the death receptor's symbol; a caption's "fatty acid synthase (FAS)" is FASN.
    verdict = glossary.judge("FAS", recognize("FAS"), "fatty acid synthase", recognize)
    assert verdict.action == "genes" and [m.ncbigene_symbol for m in verdict.genes] == ["FASN"]


def test_image_words_follow_the_caption():
    words = [Word(text=t, line=i, box=Box(0, 20 * i, 60, 20 * i + 12), confidence=0.9)
             for i, t in enumerate(["MMP", "MMP9", "FAS", "Bax", "IRE1"])]
    record = {"figid": "F", "figtitle": "Mitochondrial apoptosis in human cells",
              "caption": "Bax triggers mitochondrial membrane permeabilization (MMP). Lipids are made by fatty "
                         "acid synthase (FAS); inositol-requiring enzyme 1 (IRE1) senses stress."}
    ann = annotate_figure(record, words)
    got = [(m.word, m.ncbigene_symbol) for m in ann.genes]
    assert got == [("MMP9", "MMP9"), ("FAS", "FASN"), ("Bax", "BAX"), ("IRE1", "ERN1")]
    fasn = next(m for m in ann.genes if m.ncbigene_symbol == "FASN")
    assert fasn.box == words[2].box and fasn.confidence == 0.9 and "caption_definition" in fasn.transforms
    # Without the caption every word is read as usual.
    plain = annotate_figure({"figid": "F", "figtitle": "Mitochondrial apoptosis in human cells"}, words)
    assert {m.ncbigene_symbol for m in plain.genes} >= {"FAS", "BAX", "ERN1"}
    assert any(m.word == "MMP" for m in plain.genes)


def test_caption_text_keeps_genes_defined_in_other_words(recognize):
    # In the caption itself: a protein's long form keeps its abbreviation; a process's drops it.
    got = [m.ncbigene_symbol for m in recognize(
        "activated transcription factor 6 (ATF6) and mitochondrial membrane permeabilization (MMP)")]
    assert "ATF6" in got and not any(s.startswith("MMP") for s in got)


def test_lexicon_names_of_a_gene():
    from pathfig.lexicon import Lexicon, LexiconEntry

    lex = Lexicon([LexiconEntry.make("VHL", "symbol", "7428", "VHL"),
                   LexiconEntry.make("von Hippel-Lindau tumor suppressor", "name", "7428", "VHL"),
                   LexiconEntry.make("pVHL", "alias", "7428", "VHL")])
    assert lex.names_of("7428") == ("von Hippel-Lindau tumor suppressor",)
    assert lex.names_of("1") == ()


def test_prepare_builds_the_name_index_before_first_use():
    # `pathfig run` prepares the recogniser before its workers fork, so they share the index.
    from pathfig.lexicon import Lexicon, LexiconEntry
    from pathfig.ner import GeneRecognizer

    lex = Lexicon([LexiconEntry.make("VHL", "symbol", "7428", "VHL"),
                   LexiconEntry.make("von Hippel-Lindau tumor suppressor", "name", "7428", "VHL")])
    rec = GeneRecognizer(lex)
    assert lex._names is None
    assert rec.prepare() is rec
    index = lex._names
    assert index == {"7428": ("von Hippel-Lindau tumor suppressor",)}
    assert [m.ncbigene_symbol for m in rec.recognize_text("VHL")] == ["VHL"]
    assert lex.names_of("7428") == ("von Hippel-Lindau tumor suppressor",) and lex._names is index
