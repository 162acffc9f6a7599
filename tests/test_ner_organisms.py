"""Organism inference: species names in text, gene spelling as evidence, the rules that decide."""

from __future__ import annotations

import pytest

from pathfig.lexicon import Lexicon, LexiconEntry
from pathfig.lexicon.taxonomy import Taxonomy, iter_binomials, parse_organism_names, write_taxa
from pathfig.models import Word
from pathfig.ner.annotate import Annotator
from pathfig.ner.genecase import is_human_case, own_case_genes
from pathfig.ner.organisms import OrganismOptions, infer_organisms
from pathfig.ner.species import SpeciesFinder

SEED_CAPTION = (
    "Mechanisms by which exosomes derived from cancer stem cells (CSCs) regulate drug resistance in the tumor "
    "microenvironment. Exosomal miRNAs secreted by CSCs are transferred to sensitive cancer cells and inhibit the "
    "pro-apoptotic property of FOXO3a and activates the mTOR signaling pathway, which is directly associated with "
    "inhibition of apoptosis and tumor progression, thereby blocking the drug-induced apoptosis. Exosomes can "
    "promote drug resistance to sensitive cells by transferring ABC transporters (drug efflux pumps) that actively "
    "export drugs out of the cell."
)


@pytest.fixture(scope="module")
def finder() -> SpeciesFinder:
    return SpeciesFinder.default()


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    ann = Annotator.default(entities=False)
    ann.evidence_taxa = ()  # no gene evidence from lexicons that happen to be in this machine's cache
    return ann


def taxa(annotator: Annotator, **fields: str) -> list[str]:
    return annotator.organisms(fields).taxa


# Text → (mention as written, taxon, kind) found by the species finder.
MENTIONS = [
    ("in Homo sapiens cells", [("Homo sapiens", "9606", "scientific")]),
    ("the yeast Saccharomyces Cerevisiae", [("yeast", "4932", "common"), ("Saccharomyces Cerevisiae", "4932", "scientific")]),
    ("Wnt signalling in D. melanogaster", [("D. melanogaster", "7227", "abbreviation")]),
    ("Drosophila mojavensis and D. virilis", [("Drosophila mojavensis", "7230", "scientific"), ("D. virilis", "7244", "abbreviation")]),
    ("C57BL/6 mice and HEK293T cells", [("C57BL/6", "10090", "cell_line"), ("mice", "10090", "common"), ("HEK293T", "9606", "cell_line")]),
    ("in fruit-flies and zebrafish", [("fruit-flies", "7227", "common"), ("zebrafish", "7955", "common")]),
    ("Chinese Narcissus tazetta var. chinensis", [("Narcissus tazetta", "54860", "scientific")]),
    ("Solanum viarumDunal", [("Solanum viarum", "215581", "scientific")]),
    # Food, reagents and antibodies are not organisms.
    ("soybean oil, fetal bovine serum, rabbit anti-AKT, yeast two-hybrid", []),
    # A species as the source of an extract is context.
    ("Moringa oleifera leaves extract", [("Moringa oleifera", "3735", "source")]),
    # Ordinary capitalised words never make a species.
    ("Cancer cells and Insulin signaling", []),
]


@pytest.mark.parametrize("text,expected", MENTIONS)
def test_species_mentions(finder, text, expected):
    found = [(m.text, m.taxon_id, m.kind) for m in finder.find_fields({"caption": text})]
    assert found == expected


@pytest.mark.parametrize("text,expected", [
    # A binomial takes the group of the curated names of its taxon (``silkworm``).
    ("Larval midgut of Bombyx mori", [("Bombyx mori", "invertebrate")]),
    # A species of unknown lineage takes the one animal group its figure's words name.
    ("the Manila clam Ruditapes philippinarum", [("clam", "invertebrate"), ("Ruditapes philippinarum", "invertebrate")]),
    ("Ruditapes philippinarum and snails and insects", [("Ruditapes philippinarum", "invertebrate"), ("snails", "invertebrate"), ("insects", "invertebrate")]),
    ("Ruditapes philippinarum hemocytes", [("Ruditapes philippinarum", "unknown")]),
    # Words of two groups, or of a plant, give no lineage.
    ("Isatis tinctoria plants", [("Isatis tinctoria", "unknown"), ("plants", "plant")]),
    ("Ruditapes philippinarum, mussels and plants", [("Ruditapes philippinarum", "unknown"), ("mussels", "invertebrate"), ("plants", "plant")]),
    # The EMT transcription factor Snail is no mollusc.
    ("Snail and Twist drive EMT", []),
])
def test_species_groups(finder, text, expected):
    assert [(m.text, m.group) for m in finder.find_fields({"caption": text})] == expected


def test_seed_case_is_human_never_fly_or_fish(annotator):
    # The reference system tagged this figure Drosophila and zebrafish (foxo, Tor matched case-blind).
    words = [Word(text=t, line=i) for i, t in enumerate(
        ["FOXO3a", "mTOR", "miR-210", "miR-155", "SRPK1", "ABC", "transporter"])]
    result = annotator.organisms({
        "figtitle": "Mechanisms by which exosomes derived from cancer stem cells (CSCs) regulate drug resistance "
                    "in the tumor microenvironment",
        "caption": SEED_CAPTION,
        "papertitle": "Role of Exosomal miRNAs and the Tumor Microenvironment in Drug Resistance.",
    }, words)
    assert result.taxa[0] == "9606"
    assert set(result.taxa) <= {"9606", "10090"}
    assert not {"7227", "7955"} & {c.taxon_id for c in result.candidates}


@pytest.mark.parametrize("fields,expected", [
    # Nothing names an organism: human by default.
    ({"figtitle": "MAPK signalling"}, ["9606"]),
    ({"figtitle": "Nutrient activation of PKA in the yeast", "caption": "in the yeast Saccharomyces cerevisiae."}, ["4932"]),
    ({"figtitle": "Flavonoid biosynthesis", "papertitle": "Autophagy in Arabidopsis."}, ["3702"]),
    # A group word alone: the group's model organism.
    ({"papertitle": "Molecular Regulation of Nitrate Responses in Plants."}, ["3702"]),
    ({"papertitle": "Metabolic engineering of Escherichia coli for acetone."}, ["562"]),
    # Worm figures draw human orthologues: human beside the worm.
    ({"papertitle": "Dissection of Genetic Pathways in C. elegans."}, ["6239", "9606"]),
    # A microbe in a host is context: a figure about the host's macrophages.
    ({"figtitle": "Macrophage response to cpsA deletion",
      "papertitle": "Mycobacterium tuberculosis is protected from LC3-associated phagocytosis."}, ["9606"]),
    ({"figtitle": "Complex metabolic disruption",
      "papertitle": "Death of Mycobacterium tuberculosis by l-arginine starvation."}, ["1773"]),
    # Viruses are never subjects.
    ({"figtitle": "SARS-CoV-2 entry and the interferon response"}, ["9606"]),
])
def test_organisms_of_figures(annotator, fields, expected):
    assert sorted(taxa(annotator, **fields)) == sorted(expected)


HOST_GENES = ["GBF1", "CERT", "VAP-A", "SMS2", "ARF1", "RAB6", "RAB14"]


@pytest.mark.parametrize("papertitle,words,expected", [
    # Capitals beside a host word: the human host's genes, beside the bacterium.
    ("Chlamydia trachomatis co-opts GBF1 and CERT to acquire host sphingomyelin.", HOST_GENES, ["813", "9606"]),
    # No host word: a bacterium's own enzymes in capitals (OTC, ASL) stay the bacterium's.
    ("Chlamydia trachomatis co-opts GBF1 and CERT to acquire sphingomyelin.", HOST_GENES, ["813"]),
    # Too few human symbols: the bacterium alone.
    ("Chlamydia trachomatis co-opts GBF1 and CERT to acquire host sphingomyelin.", HOST_GENES[:3], ["813"]),
    # Yeasts write their own genes in capitals: a fungus never gains a human host this way.
    ("Candida albicans hyphae invade the host.", ["ALS3", "HWP1", "EFG1", "TUP1", "NRG1", "CPH1", "RAS1"],
     ["5476"]),
])
def test_bacterium_with_host_genes(annotator, papertitle, words, expected):
    ws = [Word(text=t, line=i) for i, t in enumerate(words)]
    result = annotator.organisms({"papertitle": papertitle}, ws)
    assert sorted(result.taxa) == sorted(expected)
    assert any("the host" in n for n in result.notes) is ("9606" in expected)


def test_lab_animals_stand_for_human_unless_asked():
    fields = {"papertitle": "Insulin signalling in liver of male mice."}
    human = Annotator.default(entities=False)
    human.evidence_taxa = ()
    assert human.organisms(fields).taxa == ["9606"]
    assert any("lab animal" in n for n in human.organisms(fields).notes)
    own = Annotator.default(organism_options=OrganismOptions(lab_animals="own"), entities=False,
                            gene_evidence=False)
    assert own.organisms(fields).taxa == ["10090"]


def test_human_and_mouse_named_together_are_both_subjects(annotator):
    got = annotator.organisms({"caption": "Senescence pathways in human and mouse cells."})
    assert sorted(got.taxa) == ["10090", "9606"]


def test_evidence_is_kept(annotator):
    result = annotator.organisms({"figtitle": "Wnt in zebrafish", "caption": "zebrafish fins"})
    call = next(c for c in result.organisms if c.taxon_id == "7955")
    assert call.evidence == ("figtitle: zebrafish (common)", "caption: zebrafish (common)")
    assert call.score > 1.5 and call.name == "Danio rerio"


@pytest.mark.parametrize("word,expected", [
    ("FOXO3", True), ("FOXO3a", True), ("p-AKT1", True), ("mTOR", True), ("NF-κB", True), ("DAF-16", True),
    ("Foxo3", False), ("foxo", False), ("Akt1", False), ("miR-21", False),
])
def test_human_case(word, expected):
    assert is_human_case(word) is expected


def test_own_case_gene_evidence():
    fly = Lexicon([LexiconEntry.make("foxo", "symbol", "41709", "foxo", taxon_id="7227"),
                   LexiconEntry.make("Tor", "symbol", "2768885", "Tor", taxon_id="7227")])
    ann = Annotator(SpeciesFinder.default(), gene_lexicons={"7227": fly}, evidence_taxa=("7227",))
    from pathfig.ner import GeneRecognizer, Options

    rec = GeneRecognizer(fly, Options(prose_exact=True))
    # "foxo" as the fly writes it is evidence; "FOXO" (human style) and "TOR" (capitals) are not.
    assert set(own_case_genes(rec.recognize_text("foxo Tor FOXO TOR"), set()).values()) == {"foxo", "Tor"}
    result = ann.organisms({"caption": "dilp2 and foxo in the fat body"})
    assert "7227" in {c.taxon_id for c in result.candidates}
    assert result.taxa == ["9606"]  # one gene is weak evidence, never enough alone


def test_infer_without_mentions_is_the_human_default():
    result = infer_organisms([])
    assert result.taxa == ["9606"] and result.default


def test_taxa_file_round_trip(tmp_path):
    rows = [("9606", "Homo sapiens"), ("9605", "Homo"), ("7227", "Drosophila melanogaster"),
            ("1", "Herbaspirillum sp. BA12"), ("2", "Betacoronavirus pandemicum")]
    path = write_taxa(iter_binomials(rows), tmp_path / "taxa.tsv.gz", {"source": "test"})
    import gzip

    tx = Taxonomy.from_text(gzip.decompress(path.read_bytes()).decode())
    assert tx.lookup("Homo", "sapiens") == "9606" and tx.lookup("Drosophila", "melanogaster") == "7227"
    assert len(tx) == 2 and tx.lookup("Betacoronavirus", "pandemicum") is None
    assert tx.genera_with("D", "melanogaster") == ["Drosophila"]


def test_curated_names_table_errors():
    from pathfig.errors import LexiconError

    with pytest.raises(LexiconError, match="expected columns"):
        parse_organism_names(text="name\tkind\nmouse\tcommon\n")
    with pytest.raises(LexiconError, match="weight 'x' is not a number"):
        parse_organism_names(text="name\tkind\ttaxon_id\tscientific_name\tgroup\tweight\tcase\n"
                                  "mouse\tcommon\t10090\tMus musculus\tmammal\tx\tno\n")
