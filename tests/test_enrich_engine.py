"""The enrichment engine against brute force: every row's table, p-value, FDR family and report."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import fisher_exact

from pathfig.enrich import COLUMNS, EnrichError, GeneMapper, GeneSetLibrary, enrich
from pathfig.lexicon.model import Lexicon, LexiconEntry


def _bh(p: np.ndarray) -> np.ndarray:
    m = p.size
    order = np.argsort(p)[::-1]
    q = np.minimum.accumulate(p[order] * m / np.arange(m, 0, -1))
    out = np.empty(m)
    out[order] = np.minimum(q, 1.0)
    return out


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    """A lexicon of six genes with a previous symbol, an alias, an ambiguous alias and a family."""
    e = LexiconEntry.make
    pc = {"locus_type": "gene with protein product"}
    return Lexicon([
        e("TP53", "symbol", "7157", "TP53", **pc), e("p53", "alias", "7157", "TP53", **pc),
        e("MDM2", "symbol", "4193", "MDM2", **pc), e("HDM2", "alias", "4193", "MDM2", **pc),
        e("CDKN1A", "symbol", "1026", "CDKN1A", **pc), e("CIP1", "previous", "1026", "CDKN1A", **pc),
        e("p21", "alias", "1026", "CDKN1A", **pc), e("p21", "alias", "9338", "TCEAL1", **pc),
        e("TCEAL1", "symbol", "9338", "TCEAL1", **pc),
        e("EGFR", "symbol", "1956", "EGFR", **pc),
        e("MIR21", "symbol", "406991", "MIR21", locus_type="RNA, micro"),
        e("Akt", "family", "207", "AKT1", family="AKT", **pc),
    ])


def _random_library(seed: int, n_sets: int = 300, n_genes: int = 400) -> dict[str, list[str]]:
    rng = np.random.default_rng(seed)
    sets: dict[str, list[str]] = {}
    for i in range(n_sets):
        size = int(min(n_genes, max(1, rng.lognormal(math.log(12), 0.9))))
        sets[f"S{i}"] = [str(g) for g in rng.choice(np.arange(1, n_genes + 1), size, replace=False)]
    sets["DUP_A"] = sets["S1"][:]           # identical to S1 (other order below)
    sets["DUP_B"] = list(reversed(sets["S1"]))
    return sets


def test_every_row_matches_brute_force_fisher_and_bh_over_all_tested_sets() -> None:
    sets = _random_library(1)
    lib = GeneSetLibrary.from_sets(sets)
    universe = sorted({g for genes in sets.values() for g in genes})
    rng = np.random.default_rng(2)
    query = [str(g) for g in rng.choice(np.array(universe), 60, replace=False)]
    result = lib.enrich(query)
    n_total, k = len(universe), len(query)
    assert (result.universe_size, result.query_size) == (n_total, k)
    # Reference: every distinct set once (S1, DUP_A, DUP_B are one test), p = 1 without overlap.
    distinct: dict[frozenset[str], list[str]] = {}
    for name, genes in sets.items():
        distinct.setdefault(frozenset(genes), []).append(name)
    assert result.tested_sets == len(distinct) == len(sets) - 2
    qs = set(query)
    ref_p = {}
    for genes, names in distinct.items():
        x, n = len(genes & qs), len(genes)
        p = fisher_exact([[x, n - x], [k - x, n_total - n - k + x]], alternative="greater").pvalue
        for name in names:
            ref_p[name] = (x, n, p, genes)
    keys = list(distinct)
    fdr = dict(zip(keys, _bh(np.array([ref_p[distinct[g][0]][2] for g in keys])), strict=True))
    rows = result.records()
    assert len(rows) == sum(1 for v in ref_p.values() if v[0] > 0)
    for row in rows:
        x, n, p, genes = ref_p[row["term"]]
        assert (row["overlap"], row["set_size"]) == (x, n)
        assert row["p_value"] == pytest.approx(p, rel=1e-9)
        assert row["log10_p"] == pytest.approx(math.log10(p), rel=1e-9, abs=1e-12)
        assert row["fdr"] == pytest.approx(fdr[genes], rel=1e-9)
        assert row["genes"] == sorted(genes & qs)
        assert row["fold_enrichment"] == pytest.approx((x / k) / (n / n_total))
    assert [r["p_value"] for r in rows] == sorted(r["p_value"] for r in rows)
    # Identical sets: one test, a row for every name, same numbers.
    dup = [r for r in rows if r["term"] in ("S1", "DUP_A", "DUP_B")]
    if dup:
        assert {r["term"] for r in dup} == {"S1", "DUP_A", "DUP_B"}
        assert len({(r["p_value"], r["fdr"]) for r in dup}) == 1


def test_columns_and_combined_score() -> None:
    lib = GeneSetLibrary.from_sets({"A": ["1", "2", "3"], "B": ["3", "4", "5", "6"], "C": ["7", "8"]})
    rec = lib.enrich(["1", "2", "4"]).records()
    assert list(rec[0]) == list(COLUMNS)
    a = rec[0]
    assert a["term"] == "A" and a["overlap"] == 2
    # a=2 b=1 c=1 d=4: no zero cell, the sample odds ratio.
    assert a["odds_ratio"] == pytest.approx(2 * 4 / (1 * 1))
    assert a["combined_score"] == pytest.approx(-math.log(a["p_value"]) * a["odds_ratio"])


def test_size_filters_change_the_family() -> None:
    sets = {f"S{i}": [str(j) for j in range(i, i + size)] for i, size in enumerate([2, 3, 5, 8, 13, 21])}
    lib = GeneSetLibrary.from_sets(sets)
    q = ["5", "6", "7"]
    everything = lib.enrich(q)
    filtered = lib.enrich(q, min_size=3, max_size=13)
    assert everything.tested_sets == 6 and filtered.tested_sets == 4
    assert {r["term"] for r in filtered.records()} <= {"S1", "S2", "S3", "S4"}
    assert all(3 <= r["set_size"] <= 13 for r in filtered.records())
    # Same p-values (same universe), larger FDR multiplier for the bigger family.
    p_all = {r["term"]: r for r in everything.records()}
    for r in filtered.records():
        assert r["p_value"] == p_all[r["term"]]["p_value"]
        assert r["fdr"] <= p_all[r["term"]]["fdr"] + 1e-15


def test_background_universe_intersects_sets_and_counts_unannotated_genes() -> None:
    lib = GeneSetLibrary.from_sets({"A": ["1", "2", "3", "4"], "B": ["4", "5", "6"], "C": ["9"]})
    background = ["1", "2", "4", "5", "6", "100", "101", "102"]
    res = lib.enrich(["1", "2", "5", "100", "3"], background=background)
    assert res.universe.kind == "background" and res.universe_size == 8
    # "3" is in the library but not in the background; "100" is in the background, in no set.
    assert res.report.not_in_universe == ["3"] and res.query_size == 4
    rows = {r["term"]: r for r in res.records()}
    assert rows["A"]["set_size"] == 3 and rows["A"]["overlap"] == 2  # A ∩ background = {1, 2, 4}
    p = fisher_exact([[2, 1], [2, 3]], alternative="greater").pvalue
    assert rows["A"]["p_value"] == pytest.approx(p, rel=1e-12)
    assert res.tested_sets == 2  # C has no background gene: size 0, not tested


def test_symbols_map_through_the_lexicon_and_the_report_says_how(lexicon: Lexicon) -> None:
    lib = GeneSetLibrary.from_sets({"P53": ["7157", "4193", "1026"], "EGF": ["1956", "9338"]},
                                   lexicon=lexicon)
    res = lib.enrich(["p53", "HDM2", "cip1", "7157", "p21", "NOPE1", "Akt", "MIR21"])
    rep = res.report
    assert rep.given == 8
    assert rep.resolved == {"p53": "TP53", "HDM2": "MDM2", "cip1": "CDKN1A"}
    assert rep.duplicates == {"7157": "p53"}
    assert rep.ambiguous == {"p21": ["CDKN1A (1026)", "TCEAL1 (9338)"]}
    assert rep.unmapped == ["NOPE1", "Akt"]  # families never map a gene-list token
    assert rep.not_in_universe == ["MIR21"]
    assert res.query_size == 3
    top = res.records()[0]
    assert top["term"] == "P53" and top["genes"] == ["HDM2", "cip1", "p53"]


def test_library_symbols_and_ids_name_the_same_genes(lexicon: Lexicon) -> None:
    lib = GeneSetLibrary.from_sets({"A": ["TP53", "MDM2", "1026", "p53"], "B": ["EGFR", "mystery"]},
                                   lexicon=lexicon)
    assert sorted(lib.genes_of("A")) == ["1026", "4193", "7157"]
    # An unmapped library token still matches the same literal token in a query.
    res = lib.enrich(["MYSTERY"])
    assert res.records()[0]["term"] == "B" and res.report.unmapped == ["MYSTERY"]


def test_protein_coding_universe(lexicon: Lexicon) -> None:
    lib = GeneSetLibrary.from_sets({"A": ["7157", "4193", "406991"], "B": ["1956"]}, lexicon=lexicon)
    res = lib.enrich(["7157", "406991"], universe="protein-coding")
    assert res.universe_size == 5  # protein-coding genes with a symbol row: MIR21 and AKT1 (family only) excluded
    assert res.records()[0]["set_size"] == 2 and res.report.not_in_universe == ["406991"]


def test_include_all_lists_sets_without_overlap_with_p_one() -> None:
    lib = GeneSetLibrary.from_sets({"A": ["1", "2"], "B": ["3", "4"], "C": ["5"]})
    rows = lib.enrich(["1"], include_all=True).records()
    assert [r["term"] for r in rows] == ["A", "B", "C"]
    assert rows[1]["p_value"] == 1.0 and rows[1]["fdr"] == 1.0 and rows[1]["overlap"] == 0


def test_query_with_no_gene_in_the_universe_gives_no_rows() -> None:
    lib = GeneSetLibrary.from_sets({"A": ["1", "2"]})
    res = lib.enrich(["99"])
    assert res.query_size == 0 and len(res) == 0 and res.report.not_in_universe == ["99"]


def test_extreme_overlap_does_not_underflow() -> None:
    genes = [str(i) for i in range(1, 20001)]
    lib = GeneSetLibrary.from_sets({"BIG": genes[:1500], "REST": genes[1500:]})
    row = lib.enrich(genes[:1500]).records()[0]
    assert row["term"] == "BIG" and row["p_value"] == 0.0
    exact = -math.log10(math.comb(20000, 1500))   # P = 1 / C(20000, 1500)
    assert row["log10_p"] == pytest.approx(exact, rel=1e-12)
    assert math.isfinite(row["combined_score"]) and row["combined_score"] > 0


def test_dataframe_api(lexicon: Lexicon) -> None:
    lib = GeneSetLibrary.from_sets({"A": ["7157", "4193"], "B": ["1956"]}, mapper=GeneMapper(lexicon))
    df = enrich(["TP53", "NOPE1"], lib, top=5)
    assert list(df.columns) == list(COLUMNS)
    assert df.iloc[0]["term"] == "A" and df.iloc[0]["genes"] == ["TP53"]
    assert df.attrs["mapping"]["unmapped"] == ["NOPE1"]
    assert df.attrs["universe_size"] == 3 and df.attrs["tested_sets"] == 2


def test_gene_search_ranks_sets_holding_all_genes() -> None:
    lib = GeneSetLibrary.from_sets({
        "big": ["1", "2", "3", "4", "5", "6"], "small": ["1", "2", "3"], "partial": ["1", "9"],
        "small_copy": ["3", "2", "1"],
    })
    hits = lib.search(["1", "2"]).hits
    assert [h.term for h in hits] == ["small", "small_copy", "big"]
    assert hits[0].genes == ("1", "2") and hits[0].set_size == 3
    anyhits = lib.search(["1", "9"], require_all=False).hits
    assert [h.term for h in anyhits][:1] == ["partial"] and len(anyhits) == 4
    missing = lib.search(["1", "404"])
    assert missing.hits == [] and missing.report.not_in_universe == ["404"]


def test_empty_library_is_an_error() -> None:
    with pytest.raises(EnrichError, match="no usable gene sets"):
        GeneSetLibrary.from_sets({})


def test_sorted_fallback_equals_lookup_table(monkeypatch: pytest.MonkeyPatch) -> None:
    from pathfig.enrich import engine

    lib = GeneSetLibrary.from_sets(_random_library(4))
    query = [str(g) for g in range(1, 120, 2)]
    table = lib.enrich(query).records()
    monkeypatch.setattr(engine, "_MAX_TABLE", 0)  # force np.unique instead of the dense table
    assert lib.enrich(query).records() == table
