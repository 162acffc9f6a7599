"""Hand-curated lexicon corrections (pathfig.lexicon.curated_genes) and the bundled table."""

from __future__ import annotations

import pytest

from pathfig.errors import LexiconError
from pathfig.lexicon.curated_genes import CURATED_GENES, apply_curated_genes, read_curated_genes
from pathfig.lexicon.keys import normalize_key
from pathfig.lexicon.model import LexiconEntry

E = LexiconEntry.make

ENTRIES = [
    E("HLA-A", "symbol", "3105", "HLA-A"), E("HLA-DRA", "symbol", "3122", "HLA-DRA"),
    E("MYH9", "symbol", "4627", "MYH9"), E("WWTR1", "symbol", "25937", "WWTR1"),
    E("TAFAZZIN", "symbol", "6901", "TAFAZZIN"), E("CYCS", "symbol", "54205", "CYCS"),
    E("HLA1", "family", "3105", "HLA-A", family="HLA1"),
    E("HLA2_alpha", "family", "3122", "HLA-DRA", family="HLA2_alpha"),
    E("Mhc", "family", "4627", "MYH9", family="MYH"),           # FamPlex's fly myosin grounding
    E("MHC", "ncbi_synonym", "3105", "HLA-A"),
    E("TAZ", "previous", "6901", "TAFAZZIN"), E("TAZ", "alias", "25937", "WWTR1"),
    E("AIFM1", "symbol", "9131", "AIFM1"), E("AIF", "alias", "9131", "AIFM1"),
]
TABLE = (
    "# comment\n"
    "name\ttarget\treason\n"
    "MHC\tfplx:HLA1+HLA2_alpha\tthe histocompatibility complex, not a myosin\n"
    "TAZ\t-TAFAZZIN\tHippo's TAZ\n"
    "cytochrome c\tCYCS\tthe apoptosis protein\n"
    "AIF\t=AIFM1\tnot the root of AIF1/AIF1L\n"
    "HWC\tgenes:WWTR1+CYCS\ta family FamPlex lacks\n"
)


def by_key(entries, name):
    return sorted((e.symbol, e.kind, e.family) for e in entries if e.key == normalize_key(name))


def test_apply_family_drop_and_alias():
    out, info = apply_curated_genes(ENTRIES, read_curated_genes(TABLE))
    # The myosin family reading of MHC is replaced; the NCBI synonym stays (the recogniser ranks it).
    assert by_key(out, "MHC") == [("HLA-A", "family", "HLA1+HLA2_alpha"), ("HLA-A", "ncbi_synonym", ""),
                                  ("HLA-DRA", "family", "HLA1+HLA2_alpha")]
    assert by_key(out, "TAZ") == [("WWTR1", "alias", "")]
    assert by_key(out, "cytochrome c") == [("CYCS", "alias", "")]
    assert by_key(out, "TAFAZZIN") == [("TAFAZZIN", "symbol", "")]   # the gene itself stays
    # A one-gene family entry: the recogniser adds a numbered root only where no family is.
    assert by_key(out, "AIF") == [("AIFM1", "alias", ""), ("AIFM1", "family", "AIFM1")]
    assert by_key(out, "HWC") == [("CYCS", "family", "HWC"), ("WWTR1", "family", "HWC")]
    assert info == {"rows": 5, "entries_added": 6, "entries_removed": 2}


@pytest.mark.parametrize(("row", "message"), [
    ("X\tfplx:NOPE\twhy", "no FamPlex family NOPE"),
    ("X\tNOGENE\twhy", "no gene NOGENE"),
    ("X\t-NOGENE\twhy", "no gene NOGENE"),
    ("X\t=NOGENE\twhy", "no gene NOGENE"),
    ("X\tgenes:CYCS+NOGENE\twhy", "no gene NOGENE"),
])
def test_unknown_targets_are_errors(row, message):
    with pytest.raises(LexiconError, match=message):
        apply_curated_genes(ENTRIES, read_curated_genes("name\ttarget\treason\n" + row + "\n"), label="t.tsv")


def test_lenient_mode_skips_unknown_targets_and_keeps_the_rest():
    rows = read_curated_genes(TABLE + "X\tNOGENE\twhy\nY\tfplx:NOPE\twhy\n")
    out, info = apply_curated_genes(ENTRIES, rows, strict=False)
    assert info["rows_skipped"] == 2 and by_key(out, "TAZ") == [("WWTR1", "alias", "")]


@pytest.mark.parametrize(("text", "message"), [
    ("name\ttarget\n", "expected columns name, target, reason"),
    ("name\ttarget\treason\nMHC\tfplx:HLA1\n", "row 2: expected a name, a target and a reason"),
])
def test_bad_tables_name_the_problem(text, message):
    with pytest.raises(LexiconError, match=message):
        read_curated_genes(text)


def test_bundled_table_has_a_reason_per_row_and_applies_to_the_bundled_lexicon():
    from pathfig.lexicon.bundled import load_default_lexicon

    rows = read_curated_genes(CURATED_GENES)
    assert rows and all(len(r.reason) > 10 for r in rows)
    lex = load_default_lexicon()
    assert lex.provenance["sources"]["curated"]["rows"] == len(rows)
    assert {e.symbol for e in lex.lookup(normalize_key("MHC-II"))} >= {"HLA-DRA", "HLA-DRB1"}
    assert "MYH9" not in {e.symbol for e in lex.lookup(normalize_key("MHC"))}
