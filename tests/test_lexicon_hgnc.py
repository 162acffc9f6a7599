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
    return {(e.name, e.kind) for e in entries if e.symbol == symbol}


@pytest.mark.parametrize("path", [OFFICIAL, CUSTOM], ids=["official", "custom"])
@pytest.mark.parametrize(
    "symbol,expected",
    [
        ("TP53", {("TP53", "symbol"), ("p53", "alias"), ("LFS1", "alias")}),
        ("MAPK1", {("MAPK1", "symbol"), ("ERK", "alias"), ("ERK2", "alias"), ("p41mapk", "alias"),
                   ("MAPK2", "alias"), ("PRKM2", "previous"), ("PRKM1", "previous")}),
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
