"""Mouse and rat lexicons from MGI/RGD tables (+ NCBI ids from goatools data); the bundled files."""

from __future__ import annotations

import pytest

from pathfig.errors import LexiconError
from pathfig.lexicon.bundled import BUNDLED_LEXICONS, load_lexicon, resolve_lexicon_path
from pathfig.lexicon.keys import normalize_key
from pathfig.lexicon.ncbi import load_gene_info
from pathfig.lexicon.rodents import iter_goatools_genes, mouse_entries, rat_entries

MGI = (
    "ID\tsymbol\tsynonyms\tensembl\n"
    "1890081\tFoxo3\tFKHRL1|Fkhr2|Foxo3a\tENSMUSG00000048756\n"
    "1928394\tMtor\tFrap1|RAFT1|mechanistic target of rapamycin\tENSMUSG00000028991\n"
    "99999\tNewname\tOldname\t\n"
    "1918911\t0610005C13Rik\t\tENSMUSG00000109644\n"
)
# goatools writes NCBI Gene records as Python literals; a quote inside switches the string to "...".
GOA = (
    'GENEID2NT = {\n'
    "  56484 : NtData(tax_id=10090, Org_name='Mus musculus', GeneID=56484, CurrentID=0, Status='live', "
    "Symbol='Foxo3', Aliases='FKHRL1, Fkhr2a', description='forkhead box O3', other_designations=''),\n"
    "  56717 : NtData(tax_id=10090, Org_name='Mus musculus', GeneID=56717, CurrentID=0, Status='live', "
    "Symbol='Mtor', Aliases=\"A10', Frap1\", description='mechanistic target of rapamycin', other_designations=''),\n"
    "  11111 : NtData(tax_id=10090, Org_name='Mus musculus', GeneID=11111, CurrentID=0, Status='live', "
    "Symbol='Oldname', Aliases='', description='renamed gene', other_designations=''),\n"
    "}\n"
)


def test_goatools_records_are_read_as_literals():
    genes = list(iter_goatools_genes(GOA, protein_coding=True))
    assert [(g.gene_id, g.symbol, g.aliases) for g in genes][:2] == [
        ("56484", "Foxo3", ("FKHRL1", "Fkhr2a")), ("56717", "Mtor", ("A10'", "Frap1"))]


def test_goatools_without_records_is_an_error():
    with pytest.raises(LexiconError, match="no NCBI gene records"):
        list(iter_goatools_genes("x = 1\ny = 2\n"))


def test_mouse_entries_take_ncbi_ids_and_mgi_ids():
    load = mouse_entries(MGI, [(GOA, True)])
    by_name = {(e.name, e.kind): e for e in load.entries}
    foxo3 = by_name[("Foxo3", "symbol")]
    assert (foxo3.ncbigene_id, foxo3.hgnc_id, foxo3.taxon_id) == ("56484", "MGI:1890081", "10090")
    assert ("Foxo3a", "alias") in by_name and ("forkhead box O3", "name") in by_name
    assert by_name[("mechanistic target of rapamycin", "name")].ncbigene_id == "56717"
    # Renamed since the NCBI snapshot: the old symbol (now an MGI synonym) finds the record.
    assert by_name[("Newname", "symbol")].ncbigene_id == "11111"
    assert load.info["mapped_to_ncbi"] == 3 and load.info["left_out_without_ncbi_id"] == 1


def test_rat_entries_carry_rgd_curies():
    rgd = "ID\tsymbol\tsynonyms\tensembl\n2003\tAsip\tA;ASP|LOC100911545\tENSRNOG00000017701\n9\tPlaceholder\t\t\n"
    load = rat_entries(rgd)
    assert {(e.name, e.ncbigene_id, e.hgnc_id) for e in load.entries} == {
        ("Asip", "RGD:2003", "RGD:2003"), ("A;ASP", "RGD:2003", "RGD:2003")}
    assert load.info["skipped_placeholders"] == 1


def test_gene_info_entries_carry_the_organism_database_id(resources):
    mouse = {(e.symbol, e.hgnc_id) for e in load_gene_info(resources / "lexicon" / "gene_info_two_taxa.tsv",
                                                           taxon="10090")}
    assert mouse == {("Trp53", "MGI:98834"), ("Mapk1", "MGI:1346858")}


@pytest.mark.parametrize("organism,symbol,gene_id,authority", [
    ("mouse", "Foxo3", "56484", "MGI:1890081"),
    ("mouse", "Trp53", "22059", "MGI:98834"),
    ("rat", "Foxo3", "RGD:1309196", "RGD:1309196"),
])
def test_bundled_rodent_lexicons(organism, symbol, gene_id, authority, monkeypatch, tmp_path):
    monkeypatch.setenv("PATHFIG_CACHE_DIR", str(tmp_path))  # an empty cache: the bundled file is used
    assert resolve_lexicon_path(organism) == BUNDLED_LEXICONS[organism]
    best = load_lexicon(organism).lookup(normalize_key(symbol))[0]
    assert (best.symbol, best.ncbigene_id, best.hgnc_id) == (symbol, gene_id, authority)


@pytest.mark.parametrize("organism,name,symbol", [
    ("mouse", "Calbindin 1", "Calb1"),       # MeSH record "Calb1 protein, mouse"
    ("rat", "osteopontin", "Spp1"),          # "Spp1 protein, rat": "osteopontin protein, rat"
])
def test_bundled_rodent_lexicons_have_mesh_protein_names(organism, name, symbol, monkeypatch, tmp_path):
    monkeypatch.setenv("PATHFIG_CACHE_DIR", str(tmp_path))
    lex = load_lexicon(organism)
    assert symbol in {e.symbol for e in lex.lookup(normalize_key(name))}
    assert lex.provenance["sources"]["mesh"]["entries"] > 1000
