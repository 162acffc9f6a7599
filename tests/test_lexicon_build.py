"""build_lexicon: combining sources, aligning NCBI to HGNC, collapsing, provenance, round trip."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pathfig.errors import LexiconError
from pathfig.lexicon.build import build_lexicon, gene_map
from pathfig.lexicon.hgnc import load_hgnc
from pathfig.lexicon.model import Lexicon, LexiconEntry, read_lexicon, write_lexicon

LEX = Path(__file__).parent / "resources" / "lexicon"
HGNC = LEX / "hgnc_complete_set.txt"
GENE_INFO = LEX / "gene_info_two_taxa.tsv"
FAMPLEX = LEX / "famplex"


@pytest.fixture(scope="module")
def human() -> Lexicon:
    return build_lexicon(hgnc=HGNC, gene_info=GENE_INFO, famplex=FAMPLEX, exclude_locus_types=("biological-region",))


def kinds(lex: Lexicon, name: str) -> list[tuple[str, str, str]]:
    from pathfig.lexicon.keys import normalize_key

    return [(e.kind, e.symbol, e.family) for e in lex.lookup(normalize_key(name))]


@pytest.mark.parametrize(
    "name,expected",
    [
        ("TP53", [("symbol", "TP53", "")]),
        ("p53", [("alias", "TP53", "")]),             # HGNC alias beats NCBI synonym P53 (same key)
        ("BCC7", [("ncbi_synonym", "TP53", "")]),
        ("ERK2", [("alias", "MAPK1", "")]),
        ("ERK", [("alias", "MAPK1", ""), ("family", "MAPK1", "ERK"), ("family", "MAPK3", "ERK")]),
        ("NF-kB", [("alias", "NFKB1", ""), ("family", "NFKB1", "NFkappaB"), ("family", "REL", "NFkappaB"),
                   ("family", "RELA", "NFkappaB")]),   # same kind: by NCBI id (4790, 5966, 5970)
        ("mTORC1", [("family", "MTOR", "mTORC1"), ("family", "RPTOR", "mTORC1")]),
        ("c-Rel", [("alias", "REL", "")]),
        ("20MER2", []),                               # biological-region excluded
        ("Trp53", [("ncbi_synonym", "TP53", "")]),   # NCBI's human synonym TRP53, not the mouse gene
    ],
)
def test_combined_human_lexicon(human, name, expected):
    assert kinds(human, name) == expected


def test_taxon_defaults_to_human_with_hgnc(human):
    assert human.taxa() == ["9606"]


def test_ncbi_rows_aligned_to_hgnc(human):
    bcc7 = human.lookup("BCC7")[0]
    assert (bcc7.hgnc_id, bcc7.locus_type, bcc7.taxon_id) == ("HGNC:11998", "gene with protein product", "9606")


def test_stale_ncbi_symbol_becomes_a_synonym():
    hgnc = ("hgnc_id\tsymbol\tstatus\tlocus_type\tprev_symbol\tentrez_id\n"
            "HGNC:25565\tFIRRM\tApproved\tgene with protein product\tC1orf112\t55732\n")
    lex = build_lexicon(hgnc=hgnc, gene_info=GENE_INFO)
    rows = {(e.name, e.kind, e.symbol) for e in lex.entries if e.ncbigene_id == "55732"}
    # C1orf112 is both an HGNC previous symbol and NCBI's (stale) symbol: previous wins.
    assert rows == {("FIRRM", "symbol", "FIRRM"), ("C1orf112", "previous", "FIRRM"), ("FLJ10706", "ncbi_synonym", "FIRRM")}
    assert [e.name for e in lex.entries if e.kind == "symbol" and e.ncbigene_id == "55732"] == ["FIRRM"]
    assert lex.provenance["ncbi_symbols_demoted"] == 1


def test_one_row_per_key_gene_and_family(human):
    counts = Counter((e.key, e.taxon_id, e.ncbigene_id, e.family) for e in human.entries)
    assert max(counts.values()) == 1


def test_provenance_names_sources_and_counts(human):
    prov = human.provenance
    assert prov["organism"] == "human" and prov["taxon_id"] == "9606"
    assert set(prov["sources"]) == {"hgnc", "gene_info", "famplex"}
    assert prov["sources"]["hgnc"]["file"] == "hgnc_complete_set.txt"
    assert prov["sources"]["gene_info"]["latest_modification_date"] == "20240623"
    assert prov["rows_excluded_by_locus_type"] == 2  # LOC107198089 and its synonym 20MER2
    assert prov["built"].endswith("Z")


def test_non_human_from_gene_info_alone():
    mouse = build_lexicon(gene_info=GENE_INFO, taxon=10090, organism="mouse")
    assert mouse.taxa() == ["10090"]
    assert [(e.symbol, e.ncbigene_id) for e in mouse.lookup("P53")] == [("Trp53", "22059")]
    assert mouse.provenance["taxon_id"] == "10090" and mouse.provenance["organism"] == "mouse"


def test_gene_info_full_names_by_default_only_without_hgnc(human):
    mouse = build_lexicon(gene_info=GENE_INFO, taxon=10090)
    assert kinds(mouse, "Transformation related protein 53") == [("name", "Trp53", "")]
    assert mouse.provenance["sources"]["gene_info"]["full_names"] == 2
    assert not build_lexicon(gene_info=GENE_INFO, taxon=10090, gene_info_names=False).lookup(
        "TRANSFORMATIONRELATEDPROTEIN53")
    # With HGNC its approved names serve: one name row per gene, from HGNC.
    rows = [e for e in human.entries if e.kind == "name" and e.symbol == "TP53"]
    assert [(e.name, e.hgnc_id) for e in rows] == [("tumor protein p53", "HGNC:11998")]
    assert "full_names" not in human.provenance["sources"]["gene_info"]
    both = build_lexicon(hgnc=HGNC, gene_info=GENE_INFO, gene_info_names=True)
    assert kinds(both, "tumor protein p53") == [("name", "TP53", "")]  # HGNC and NCBI rows collapsed


def test_name_rows_survive_collapse_unless_the_gene_has_the_key_as_a_better_kind():
    hgnc = ("hgnc_id\tsymbol\tname\tlocus_type\tstatus\talias_symbol\tentrez_id\n"
            "HGNC:6091\tINSR\tinsulin receptor\tgene with protein product\tApproved\tCD220\t3643\n"
            "HGNC:1\tCATX\tcatalase X\tgene with protein product\tApproved\tcatalase-X\t1\n")
    lex = build_lexicon(hgnc=hgnc)
    assert kinds(lex, "Insulin receptor") == [("name", "INSR", "")]
    assert kinds(lex, "catalase X") == [("alias", "CATX", "")]  # the alias has the same key
    assert lex.provenance["rows_collapsed"] == 1


def test_organism_name_inferred_from_the_taxon():
    fly = build_lexicon(gene_info=LEX / "Drosophila_melanogaster.gene_info.gz")
    assert (fly.provenance["organism"], fly.provenance["taxon_id"]) == ("fly", "7227")


def test_orgdb_source_combines_with_hgnc(tmp_path):
    from test_lexicon_orgdb import make_orgdb

    lex = build_lexicon(hgnc=HGNC, orgdb=make_orgdb(tmp_path / "org.Hs.eg.sqlite"))
    assert kinds(lex, "TRP53") == [("ncbi_synonym", "TP53", "")]
    assert lex.provenance["sources"]["orgdb"]["ncbi_gene_source_date"] == "2022-Sep12"
    # A1BG is not in the HGNC fixture: it keeps NCBI's symbol and no HGNC id.
    assert [(e.kind, e.hgnc_id) for e in lex.lookup("A1BG")] == [("symbol", "")]


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({}, "at least one of"),
        ({"famplex": FAMPLEX}, "at least one of"),
        ({"gene_info": GENE_INFO, "famplex": FAMPLEX, "taxon": "10090"}, "FamPlex describes human genes"),
    ],
)
def test_build_errors(kwargs, message):
    with pytest.raises(LexiconError, match=message):
        build_lexicon(**kwargs)


def test_build_without_any_gene_is_an_error(tmp_path):
    header_only = tmp_path / "hgnc.tsv"
    header_only.write_text(HGNC.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=f"no genes in HGNC {header_only}: nothing to build"):
        build_lexicon(hgnc=header_only)
    # gene_info of other organisms only.
    with pytest.raises(LexiconError, match=f"no genes of taxon 4932 in gene_info {GENE_INFO}"):
        build_lexicon(gene_info=GENE_INFO, taxon="4932")


def test_gene_map_adds_unambiguous_previous_symbols():
    genes = gene_map(load_hgnc(HGNC))
    assert genes["MAPK1"] == ("5594", "HGNC:6871", "MAPK1")
    assert genes["FRAP1"] == ("2475", "HGNC:3942", "MTOR")     # previous symbol of MTOR
    assert "ERK" not in genes                                  # aliases are not used


@pytest.mark.parametrize("suffix", [".tsv.gz", ".tsv"])
def test_write_then_read_round_trip(human, tmp_path, suffix):
    path = write_lexicon(human, tmp_path / f"human{suffix}")
    back = read_lexicon(path)
    assert sorted(back.entries, key=repr) == sorted(human.entries, key=repr)
    assert back.provenance["sources"]["hgnc"]["file"] == "hgnc_complete_set.txt"
    assert back.provenance["counts"]["families"] == 6  # ERK, MAPK, NFkappaB, NFkappaB_1, NFkappaB_2, mTORC1


def test_same_inputs_same_bytes(tmp_path):
    a = write_lexicon(build_lexicon(hgnc=HGNC, gene_info=GENE_INFO, famplex=FAMPLEX), tmp_path / "a.tsv.gz")
    b = write_lexicon(build_lexicon(hgnc=HGNC, gene_info=GENE_INFO, famplex=FAMPLEX), tmp_path / "b.tsv.gz")
    assert a.read_bytes() == b.read_bytes()


def test_read_handles_quoted_fields(tmp_path):
    odd = LexiconEntry.make('5"-nucleotidase', "alias", "4907", "NT5E", hgnc_id="HGNC:8021")
    tab = LexiconEntry.make("TP53", "symbol", "7157", "TP53")
    path = write_lexicon(Lexicon(entries=[odd, tab]), tmp_path / "odd.tsv.gz")
    assert sorted(read_lexicon(path).entries, key=repr) == sorted([odd, tab], key=repr)


@pytest.mark.parametrize(
    "content,message",
    [
        ("name\tkey\n", "not a pathfig lexicon"),
        ("\t".join(("name", "key", "kind", "ncbigene_id", "symbol", "hgnc_id", "taxon_id", "locus_type", "family"))
         + "\nTP53\tTP53\tsymbol\n", "line 2 has 3 columns, expected 9"),
    ],
)
def test_read_bad_lexicon(tmp_path, content, message):
    path = tmp_path / "bad.tsv"
    path.write_text(content)
    with pytest.raises(LexiconError, match=message):
        read_lexicon(path)
