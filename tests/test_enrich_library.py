"""Gene-set libraries: GMT reading with problems reported, identical sets, stores, gene lists."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from pathfig.enrich import GeneSetLibrary, load_library, parse_gmt, read_gene_list, read_gmt
from pathfig.enrich.library import _identical_sets, _identical_sets_exact
from pathfig.errors import InputFileError
from pathfig.models import FigureInput, Mention, Word
from pathfig.store import open_store


@pytest.mark.parametrize(("text", "sets", "problems"), [
    ("A\tdesc\tG1\tG2\n", [("A", "desc", ("G1", "G2"))], []),
    ("A\t\tG1\t\tG2\t\n", [("A", "", ("G1", "G2"))], []),                       # blank cells
    ("A\td\tG1,1.0\tG2, 0.5\tG1\n", [("A", "d", ("G1", "G2"))], []),             # weights, repeats
    ("\ufeffA\td\tG1\r\nB\td\tG2\r\n", [("A", "d", ("G1",)), ("B", "d", ("G2",))], []),  # BOM, CRLF
    ("# comment\n\nA\td\tG1\n", [("A", "d", ("G1",))], []),
    ("A\td\tG1\nA\td2\tG2\n", [("A", "d", ("G1",))],
     [(2, "A", "duplicate name (first defined on line 1); this line is skipped")]),
    ("A\td\n", [], [(1, "A", "no genes; skipped")]),
    ("\td\tG1\n", [], [(1, "", "empty set name; skipped")]),
    ("just words\n", [], [(1, "just words", "not a GMT line (no tab between name, description and genes); skipped")]),
])
def test_parse_gmt(text: str, sets: list[tuple[str, str, tuple[str, ...]]], problems: list[tuple[int, str, str]]) -> None:
    got, found = parse_gmt(text)
    assert [(s.name, s.description, s.genes) for s in got] == sets
    assert [(p.line, p.term, p.problem) for p in found] == problems


def test_library_from_gmt_file_reports_problems(resources: Path) -> None:
    lib = GeneSetLibrary.from_gmt(resources / "enrich" / "tiny.gmt")
    assert lib.terms == ["PMC1/F1", "PMC2/F3", "PMC4/F1"]
    assert lib.descriptions[0] == "p53 signalling"
    assert sorted(lib.genes_of("PMC4/F1")) == ["207", "4193", "7157"]  # weights dropped
    assert [(p.line, p.term) for p in lib.problems] == [(4, "PMC1/F1"), (5, "PMC3/F2"), (7, "not a gmt line")]
    assert "tiny.gmt:4: PMC1/F1: duplicate name" in str(lib.problems[0])
    assert lib.n_genes == 9 and lib.n_sets == 3


def test_gzip_and_invalid_utf8(tmp_path: Path) -> None:
    gz = tmp_path / "lib.gmt.gz"
    gz.write_bytes(gzip.compress(b"A\td\t1\t2\n"))
    sets, problems = read_gmt(gz)
    assert sets[0].genes == ("1", "2") and problems == []
    bad = tmp_path / "bad.gmt"
    bad.write_bytes(b"A\tcaf\xe9\t1\n")
    sets, problems = read_gmt(bad)
    assert sets[0].description == "caf\ufffd" and "not valid UTF-8" in problems[0].problem


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="nope.gmt: cannot read gene-set file"):
        GeneSetLibrary.from_gmt(tmp_path / "nope.gmt")


def test_identical_sets_share_one_test_and_keep_every_name() -> None:
    lib = GeneSetLibrary.from_sets({"A": ["1", "2", "3"], "B": ["4"], "C": ["3", "1", "2", "2"], "D": ["4"]})
    assert lib.n_terms == 4 and lib.n_sets == 2
    assert lib.term_set.tolist() == [0, 1, 0, 1]
    rows = lib.enrich(["1", "2"]).records()
    assert [r["term"] for r in rows] == ["A", "C"]


def test_vectorised_identical_set_grouping_equals_exact_grouping() -> None:
    rng = np.random.default_rng(5)
    sets = [np.unique(rng.choice(50, int(rng.integers(1, 6)), replace=False)) for _ in range(3000)]
    ptr = np.concatenate(([0], np.cumsum([s.size for s in sets])))
    genes = np.concatenate(sets).astype(np.int32)
    fast = _identical_sets(ptr, genes, 50)
    exact = _identical_sets_exact(ptr, genes)
    assert fast[0].tolist() == exact[0].tolist() and fast[1].tolist() == exact[1].tolist()
    assert len(exact[1]) < 3000  # small random sets do repeat


def test_library_from_a_pathfig_store(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with open_store(out) as store:
        for figid, genes in [("F1", ["7157", "4193", "1026"]), ("F2", ["1956", "2885"]), ("F3", ["1", "2", "3"])]:
            store.mark_pending(FigureInput(figid=figid, path=f"/in/{figid}.png", metadata={"figtitle": f"T {figid}"}),
                               sha256="s", size=1)
            mentions = [Mention(word=g, match=g, ncbigene_id=g, ncbigene_symbol=g,
                                organism_id="9606" if figid != "F3" else "10090") for g in genes]
            store.record_ok(figid, words=[Word(text=g) for g in genes], mentions=mentions, width=1, height=1,
                            ocr_engine="fake", ocr_engine_version="1", lexicon_version="l", pathfig_version="0",
                            timings={})
    lib = load_library(out)
    # F2 has 2 human genes (< 3, as in the published GMT) and F3 is mouse: only F1 is a set.
    assert lib.terms == ["F1"] and lib.descriptions == ["T F1"]
    assert sorted(lib.genes_of("F1")) == ["1026", "4193", "7157"]


def test_load_library_from_output_folder_gmt(tmp_path: Path) -> None:
    gmt = tmp_path / "out" / "gmt" / "pathfig-Homo_sapiens.gmt"
    gmt.parent.mkdir(parents=True)
    gmt.write_text("F1\tt\t1\t2\t3\n", encoding="utf-8")
    assert load_library(tmp_path / "out").terms == ["F1"]
    with pytest.raises(InputFileError, match="without a pathfig store"):
        load_library(tmp_path)


@pytest.mark.parametrize(("text", "genes"), [
    ("TP53\nMDM2\n", ["TP53", "MDM2"]),
    ("\ufeffTP53\r\n\n# note\nEGFR\t2.5\tup\nKRAS,1.0\n\"BRAF\"\n", ["TP53", "EGFR", "KRAS", "BRAF"]),
    # several genes on a line: all of them; a ranked row (a number after the gene): the gene
    ("TP53 MDM2 ATM\nCHEK2,EGFR; KRAS\nMYC\t-1.2e-3\nJUN\tNA\tdown\n",
     ["TP53", "MDM2", "ATM", "CHEK2", "EGFR", "KRAS", "MYC", "JUN"]),
    ("7157 4193\t207\nBRAF 3\n", ["7157", "4193", "207", "BRAF"]),   # ids on a line; a symbol and its rank
])
def test_read_gene_list(text: str, genes: list[str]) -> None:
    assert read_gene_list(text) == genes


def test_symbol_index_from_file_equals_index_from_lexicon(tmp_path: Path) -> None:
    from pathfig.enrich.symbols import SymbolIndex, load_symbol_index
    from pathfig.lexicon.model import Lexicon, LexiconEntry, write_lexicon

    e = LexiconEntry.make
    lex = Lexicon([
        e("TP53", "symbol", "7157", "TP53", locus_type="gene with protein product"),
        e("p53", "alias", "7157", "TP53"), e('p"53', "alias", "7157", "TP53"),  # a quoted cell in the file
        e("p21", "alias", "9338", "TCEAL1"), e("p21", "alias", "1026", "CDKN1A"),
        e("p21", "ncbi_synonym", "5", "OTHER"), e("CIP1", "previous", "1026", "CDKN1A"),
        e("Akt", "family", "207", "AKT1", family="AKT"), e("insulin receptor", "name", "3643", "INSR"),
    ])
    path = write_lexicon(lex, tmp_path / "mini.tsv.gz")
    from_file, from_object = load_symbol_index(path), SymbolIndex.from_lexicon(lex)
    for key in ("TP53", "P53", "P21", "CIP1", "AKT", "INSULINRECEPTOR"):
        assert from_file.lookup(key) == from_object.lookup(key)
    assert from_file.lookup("P21") == ("alias", (("1026", "CDKN1A"), ("9338", "TCEAL1")))
    assert from_file.lookup("AKT") is None and from_file.lookup("INSULINRECEPTOR") is None
    assert from_file.protein_coding == {"7157"}


def test_bundled_symbol_index_maps_real_names() -> None:
    from pathfig.enrich import GeneMapper

    mapper = GeneMapper()
    assert mapper.map("TP53").gene == "7157" and mapper.map("HDM2").status == "alias"
    assert mapper.map("p21").status == "ambiguous" and "CDKN1A (1026)" in mapper.map("p21").candidates
    assert mapper.map("ncbigene:7157").gene == "7157" and mapper.map("NOT-A-GENE-XYZ").status == "unmapped"
    assert len(mapper.protein_coding()) > 19_000
