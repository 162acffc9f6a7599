"""HGNC complete set: official TSV and custom-download layouts."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from pathfig.errors import LexiconError
from pathfig.lexicon.hgnc import iter_hgnc_records, load_hgnc, parse_hgnc

LEX = Path(__file__).parent / "resources" / "lexicon"
OFFICIAL = LEX / "hgnc_complete_set.txt"
CUSTOM = LEX / "hgnc_custom.tsv"


def _names(entries, symbol):
    # EC numbers (family entries) are checked in test_ec_numbers_become_family_entries.
    return {(e.name, e.kind) for e in entries if e.symbol == symbol and e.kind != "family"}


@pytest.mark.parametrize("path", [OFFICIAL, CUSTOM], ids=["official", "custom"])
@pytest.mark.parametrize(
    "symbol,expected",
    [
        ("TP53", {("TP53", "symbol"), ("p53", "alias"), ("LFS1", "alias"), ("tumor protein p53", "name")}),
        ("MAPK1", {("MAPK1", "symbol"), ("ERK", "alias"), ("ERK2", "alias"), ("p41mapk", "alias"),
                   ("MAPK2", "alias"), ("PRKM2", "previous"), ("PRKM1", "previous"),
                   ("mitogen-activated protein kinase 1", "name")}),
    ],
)
def test_names_and_kinds_in_both_layouts(path, symbol, expected):
    assert _names(load_hgnc(path), symbol) == expected


@pytest.mark.parametrize("path", [OFFICIAL, CUSTOM], ids=["official", "custom"])
def test_ids_taxon_and_locus_type(path):
    tp53 = next(e for e in load_hgnc(path) if e.name == "TP53")
    assert (tp53.ncbigene_id, tp53.hgnc_id, tp53.taxon_id, tp53.locus_type) == (
        "7157", "HGNC:11998", "9606", "gene with protein product")
    assert tp53.key == "TP53"


@pytest.mark.parametrize(
    "path,rows,not_approved,no_ncbigene",
    [(OFFICIAL, 10, 1, 1), (CUSTOM, 5, 1, 1)],
    ids=["official", "custom"],
)
def test_withdrawn_skipped_and_genes_without_ncbi_id_counted(path, rows, not_approved, no_ncbigene):
    loaded = parse_hgnc(path)
    assert loaded.info["rows"] == rows
    assert loaded.info["skipped_not_approved"] == not_approved
    assert loaded.info["skipped_no_ncbigene"] == no_ncbigene
    symbols = {e.symbol for e in loaded.entries}
    assert "AKAP2" not in symbols  # Approved, but no NCBI Gene id
    assert not any("withdrawn" in s or s == "A1S9T" for s in symbols)


def test_quoted_pipe_lists_are_unquoted():
    nfkb1 = _names(load_hgnc(OFFICIAL), "NFKB1")
    assert ("NF-kappaB", "alias") in nfkb1 and ("p50", "alias") in nfkb1
    assert not any('"' in name for name, _ in nfkb1)


@pytest.mark.parametrize("path", [OFFICIAL, CUSTOM], ids=["official", "custom"])
def test_approved_names_become_name_entries(path):
    loaded = parse_hgnc(path)
    names = {e.symbol: e for e in loaded.entries if e.kind == "name"}
    mapk1 = names["MAPK1"]
    assert (mapk1.name, mapk1.key, mapk1.ncbigene_id, mapk1.hgnc_id, mapk1.taxon_id, mapk1.locus_type) == (
        "mitogen-activated protein kinase 1", "MITOGENACTIVATEDPROTEINKINASE1", "5594", "HGNC:6871", "9606",
        "gene with protein product")
    # Only genes with a protein product: not the lncRNA A1BG-AS1 ("A1BG antisense RNA 1").
    assert {e.locus_type for e in loaded.entries if e.kind == "name"} == {"gene with protein product"}
    assert "A1BG-AS1" not in names
    assert loaded.info["full_names"] == len(names)
    assert not any(e.kind == "name" for e in parse_hgnc(path, names=False).entries)


def _hgnc_row(name: str, locus_type: str = "gene with protein product", layout: str = "official") -> str:
    if layout == "official":
        return ("hgnc_id\tsymbol\tname\tlocus_type\tstatus\tentrez_id\n"
                f"HGNC:1\tGENE1\t{name}\t{locus_type}\tApproved\t100\n")
    return ("HGNC ID\tApproved symbol\tApproved name\tStatus\tNCBI Gene ID(supplied by NCBI)\tLocus type\n"
            f"HGNC:1\tGENE1\t{name}\tApproved\t100\t{locus_type}\n")


@pytest.mark.parametrize("layout", ["official", "custom"])
@pytest.mark.parametrize(
    "name,locus_type,kept",
    [
        ("insulin receptor", "gene with protein product", True),
        ("cyclin dependent kinase 6", "gene with protein product", True),
        ("SPRY domain containing 7, family member 2", "gene with protein product", True),
        ("dual specificity tyrosine phosphorylation regulated kinase 1A", "gene with protein product", True),
        ("x" * 100, "gene with protein product", True),
        ("x" * 101, "gene with protein product", False),                         # too long
        ("chromosome 1 open reading frame 112", "gene with protein product", False),
        ("MT-ND1 pseudogene 4", "gene with protein product", False),
        ("A1BG antisense RNA 1", "gene with protein product", False),
        ("long intergenic non-protein coding RNA 1", "gene with protein product", False),
        ("CHURC1-FNTB readthrough", "gene with protein product", False),
        ("Uncharacterized protein 5", "gene with protein product", False),     # case-insensitive
        ("microRNA 21", "RNA, micro", False),                                     # not a protein product
        ("metastasis associated lung adenocarcinoma transcript 1", "RNA, long non-coding", False),
        ("immunoglobulin heavy constant mu", "immunoglobulin gene", False),
    ],
)
def test_name_exclusions(layout, name, locus_type, kept):
    loaded = parse_hgnc(_hgnc_row(name, locus_type, layout))
    assert [(e.name, e.kind) for e in loaded.entries if e.kind == "name"] == ([(name, "name")] if kept else [])
    assert loaded.info["full_names"] == int(kept)
    excluded_by_text = locus_type == "gene with protein product" and not kept
    assert loaded.info["dropped_full_names"] == int(excluded_by_text)
    assert [e.name for e in loaded.entries if e.kind == "symbol"] == ["GENE1"]


def test_files_without_a_name_column_have_no_names():
    text = "hgnc_id\tsymbol\tlocus_type\tstatus\tentrez_id\nHGNC:1\tA\tgene with protein product\tApproved\t1\n"
    assert [e.kind for e in load_hgnc(text)] == ["symbol"]


def test_custom_layout_lncrna_previous_symbols():
    entries = load_hgnc(CUSTOM)
    assert _names(entries, "A1BG-AS1") == {
        ("A1BG-AS1", "symbol"), ("FLJ23569", "alias"),
        ("NCRNA00181", "previous"), ("A1BGAS", "previous"), ("A1BG-AS", "previous"),
    }
    assert {e.locus_type for e in entries if e.symbol == "A1BG-AS1"} == {"RNA, long non-coding"}


@pytest.mark.parametrize("as_type", [str, bytes, "gzip"])
def test_text_bytes_and_gzip_give_the_same_entries(as_type):
    text = OFFICIAL.read_text(encoding="utf-8")
    source = {str: text, bytes: text.encode(), "gzip": gzip.compress(text.encode())}[as_type]
    assert load_hgnc(source) == load_hgnc(OFFICIAL)


def test_gzipped_file_on_disk(tmp_path):
    gz = tmp_path / "hgnc_complete_set.txt.gz"
    gz.write_bytes(gzip.compress(CUSTOM.read_bytes()))
    assert load_hgnc(gz) == load_hgnc(CUSTOM)


@pytest.mark.parametrize(
    "alias,kept",
    [
        ("p53", True),
        ("", False),                      # empty between separators
        ("x" * 61, False),                # longer than 60 characters
        ("--", False),                    # no letters or digits: empty key
        ("x" * 60, True),
    ],
)
def test_junk_names_dropped(alias, kept):
    text = f'hgnc_id\tsymbol\tstatus\talias_symbol\tentrez_id\nHGNC:11998\tTP53\tApproved\t"{alias}|LFS1"\t7157\n'
    names = {e.name for e in load_hgnc(text)}
    assert (alias in names) is kept
    assert {"TP53", "LFS1"} <= names


def test_old_numeric_hgnc_ids_get_the_prefix():
    text = "HGNC ID\tApproved symbol\tStatus\tNCBI Gene ID\n5\tA1BG\tApproved\t1\n"
    assert [(e.hgnc_id, e.ncbigene_id) for e in load_hgnc(text)] == [("HGNC:5", "1")]


def test_iter_records_keeps_every_status():
    statuses = [r.status for r in iter_hgnc_records(CUSTOM)]
    assert statuses.count("Symbol Withdrawn") == 1 and len(statuses) == 5


@pytest.mark.parametrize(
    "text,message",
    [
        ("gene\tname\nTP53\tx\n", "neither 'hgnc_id' (official TSV) nor 'HGNC ID'"),
        ("hgnc_id\tsymbol\tstatus\nHGNC:1\tA\tApproved\n", "missing column(s): 'entrez_id'"),
        ("HGNC ID\tApproved symbol\tNCBI Gene ID\nHGNC:1\tA\t1\n", "missing column(s): Status"),
        ("hgnc_id\tsymbol\tstatus\tentrez_id\nHGNC:1\tA\tApproved\tabc\n", "line 2: NCBI Gene id 'abc' is not a number"),
    ],
)
def test_bad_input_names_the_file_and_problem(tmp_path, text, message):
    bad = tmp_path / "hgnc.tsv"
    bad.write_text(text)
    with pytest.raises(LexiconError) as err:
        load_hgnc(bad)
    assert str(bad) in str(err.value) and message in str(err.value)


def test_missing_file_and_not_utf8(tmp_path):
    with pytest.raises(LexiconError, match="nothere.tsv: file not found"):
        load_hgnc(tmp_path / "nothere.tsv")
    binary = tmp_path / "binary.tsv"
    binary.write_bytes(b"hgnc_id\tsymbol\n\xff\xfe\x00\n")
    with pytest.raises(LexiconError, match="binary.tsv: cannot read"):
        load_hgnc(binary)


def test_in_memory_source_can_be_named_in_errors():
    with pytest.raises(LexiconError, match=r"^upload\.tsv: empty file"):
        load_hgnc(b"", name="upload.tsv")


@pytest.mark.parametrize(
    "text",
    [
        "hgnc_id\tsymbol\tstatus\tentrez_id\tenzyme_id\n"
        'HGNC:4289\tGK\tApproved\t2710\t"2.7.1.30|2.7.1.-|3.1.3.n1"\n',
        "HGNC ID\tApproved symbol\tStatus\tNCBI Gene ID(supplied by NCBI)\tEnzyme IDs\n"
        "HGNC:4289\tGK\tApproved\t2710\t2.7.1.30, 2.7.1.-, 3.1.3.n1\n",
    ],
    ids=["official", "custom"],
)
def test_ec_numbers_become_family_entries(text):
    loaded = parse_hgnc(text)
    ec = [(e.name, e.key, e.kind, e.symbol, e.family) for e in loaded.entries if e.family]
    # The partial number 2.7.1.- is a class of enzymes and is left out.
    assert ec == [("EC:2.7.1.30", "EC:2.7.1.30", "family", "GK", "EC:2.7.1.30"),
                  ("EC:3.1.3.n1", "EC:3.1.3.n1", "family", "GK", "EC:3.1.3.n1")]
    assert loaded.info["enzyme_numbers"] == 2


def test_custom_fixture_ec_number():
    assert [e.name for e in load_hgnc(CUSTOM) if e.symbol == "MAPK1" and e.kind == "family"] == ["EC:2.7.11.1"]


@pytest.mark.parametrize("name,variants", [
    ("isocitrate dehydrogenase (NADP(+)) 1", ["isocitrate dehydrogenase 1"]),
    ("acetylcholinesterase (Yt blood group)", ["acetylcholinesterase"]),
    ("hypoxia inducible factor 1 subunit alpha", ["hypoxia inducible factor 1 alpha"]),
    ("lipoprotein(a)", []),                         # a bracket glued to the word is the name
    ("insulin receptor", []),
])
def test_full_name_variants(name, variants):
    from pathfig.lexicon._common import full_name_variants

    assert full_name_variants(name) == variants


def test_name_variants_become_name_entries():
    text = ("hgnc_id\tsymbol\tname\tlocus_type\tstatus\tentrez_id\n"
            "HGNC:5382\tIDH1\tisocitrate dehydrogenase (NADP(+)) 1\tgene with protein product\tApproved\t3417\n")
    assert {e.name for e in load_hgnc(text) if e.kind == "name"} == {
        "isocitrate dehydrogenase (NADP(+)) 1", "isocitrate dehydrogenase 1"}
