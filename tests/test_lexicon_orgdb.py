"""Bioconductor org.*.eg.db SQLite: a tiny database with the real schema, built in code."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pathfig.errors import LexiconError
from pathfig.lexicon.orgdb import load_orgdb, parse_orgdb, read_orgdb_metadata

# The subset of org.Hs.eg.db's schema the loader reads (same column names and types).
SCHEMA = """
CREATE TABLE metadata (name VARCHAR(80) PRIMARY KEY, value VARCHAR(255));
CREATE TABLE genes (_id INTEGER PRIMARY KEY, gene_id VARCHAR(10) NOT NULL UNIQUE);
CREATE TABLE gene_info (_id INTEGER NOT NULL UNIQUE, gene_name VARCHAR(255) NOT NULL,
                        symbol VARCHAR(80) NOT NULL, FOREIGN KEY (_id) REFERENCES genes (_id));
CREATE TABLE alias (_id INTEGER NOT NULL, alias_symbol VARCHAR(80) NOT NULL,
                    FOREIGN KEY (_id) REFERENCES genes (_id));
CREATE TABLE genetype (_id INTEGER NOT NULL, gene_type VARCHAR(20) NOT NULL,
                       FOREIGN KEY (_id) REFERENCES genes (_id));
"""
METADATA = [("DBSCHEMA", "HUMAN_DB"), ("ORGANISM", "Homo sapiens"), ("TAXID", "9606"),
            ("EGSOURCEDATE", "2022-Sep12"), ("EGSOURCEURL", "ftp://ftp.ncbi.nlm.nih.gov/gene/DATA")]
GENES = [
    (1, "1", "alpha-1-B glycoprotein", "A1BG", "protein-coding", ["A1B", "ABG", "GAB", "HYST2477", "A1BG"]),
    (2, "7157", "tumor protein p53", "TP53", "protein-coding", ["BCC7", "LFS1", "P53", "TRP53", "TP53"]),
    (3, "5594", "mitogen-activated protein kinase 1", "MAPK1", "protein-coding", ["ERK", "ERK2", "MAPK1", "p41"]),
    (4, "100128977", "uncharacterized LOC100128977", "LOC100128977", "ncRNA", ["LOC100128977"]),
]


def make_orgdb(path: Path, *, genetype: bool = True, metadata=METADATA) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA if genetype else SCHEMA.replace("CREATE TABLE genetype", "CREATE TABLE x_genetype"))
    conn.executemany("INSERT INTO metadata VALUES (?, ?)", metadata)
    for _id, gene_id, name, symbol, gtype, aliases in GENES:
        conn.execute("INSERT INTO genes VALUES (?, ?)", (_id, gene_id))
        conn.execute("INSERT INTO gene_info VALUES (?, ?, ?)", (_id, name, symbol))
        if genetype:
            conn.execute("INSERT INTO genetype VALUES (?, ?)", (_id, gtype))
        conn.executemany("INSERT INTO alias VALUES (?, ?)", [(_id, a) for a in aliases])
    conn.commit()
    conn.close()
    return path


@pytest.fixture()
def orgdb(tmp_path: Path) -> Path:
    return make_orgdb(tmp_path / "org.Hs.eg.sqlite")


@pytest.mark.parametrize(
    "gene_id,expected",
    [
        ("1", {("A1BG", "symbol"), ("A1B", "ncbi_synonym"), ("ABG", "ncbi_synonym"), ("GAB", "ncbi_synonym"),
               ("HYST2477", "ncbi_synonym")}),
        ("7157", {("TP53", "symbol"), ("BCC7", "ncbi_synonym"), ("LFS1", "ncbi_synonym"), ("P53", "ncbi_synonym"),
                  ("TRP53", "ncbi_synonym")}),
        ("100128977", {("LOC100128977", "symbol")}),
    ],
)
def test_symbol_and_synonyms_without_repeating_the_symbol(orgdb, gene_id, expected):
    entries = [e for e in load_orgdb(orgdb) if e.ncbigene_id == gene_id]
    assert {(e.name, e.kind) for e in entries} == expected
    assert len(entries) == len(expected)


def test_taxon_locus_type_and_symbol_on_every_row(orgdb):
    mapk1 = [e for e in load_orgdb(orgdb) if e.ncbigene_id == "5594"]
    assert {(e.symbol, e.taxon_id, e.locus_type, e.hgnc_id) for e in mapk1} == {("MAPK1", "9606", "protein-coding", "")}


def test_metadata_and_provenance(orgdb):
    assert read_orgdb_metadata(orgdb)["EGSOURCEDATE"] == "2022-Sep12"
    info = parse_orgdb(orgdb).info
    assert (info["file"], info["taxon_id"], info["organism"], info["ncbi_gene_source_date"], info["genes"]) == (
        "org.Hs.eg.sqlite", "9606", "Homo sapiens", "2022-Sep12", 4)


def test_bytes_source(orgdb):
    assert load_orgdb(orgdb.read_bytes()) == load_orgdb(orgdb)


def test_genetype_table_is_optional(tmp_path):
    entries = load_orgdb(make_orgdb(tmp_path / "old.sqlite", genetype=False))
    assert {e.locus_type for e in entries} == {""} and len(entries) == 5 + 5 + 4 + 1


@pytest.mark.parametrize(
    "setup,message",
    [
        ("text", "not an SQLite database"),
        ("no_alias", "not a Bioconductor org.*.eg.db file: missing table(s) alias"),
        ("no_taxid", "metadata has no TAXID"),
        ("missing", "file not found"),
    ],
)
def test_bad_input_names_the_file_and_problem(tmp_path, setup, message):
    path = tmp_path / "org.Xx.eg.sqlite"
    if setup == "text":
        path.write_text("this is not a database, just text that happens to be long enough " * 20)
    elif setup == "no_alias":
        conn = sqlite3.connect(path)
        conn.executescript(SCHEMA.replace("CREATE TABLE alias", "CREATE TABLE aliases"))
        conn.close()
    elif setup == "no_taxid":
        make_orgdb(path, metadata=[("ORGANISM", "Homo sapiens")])
    with pytest.raises(LexiconError) as err:
        load_orgdb(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_bytes_that_are_not_sqlite():
    with pytest.raises(LexiconError, match="upload: not an SQLite database"):
        load_orgdb(b"PK\x03\x04 definitely a zip" * 50, name="upload")
