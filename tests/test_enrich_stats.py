"""Enrichment statistics against references: scipy's Fisher test, exact integer sums, R's BH."""

from __future__ import annotations

import math
from decimal import Decimal, getcontext

import numpy as np
import pytest
from scipy.stats import fisher_exact

from pathfig.enrich.stats import (
    _STIRLERR_SMALL,
    benjamini_hochberg,
    hypergeom_log_pmf,
    hypergeom_log_sf,
    odds_ratio,
)


def exact_log_sf(x: int, n: int, k: int, total: int) -> float:
    """ln P(X >= x) from exact big-integer sums: the reference where floats underflow."""
    num = sum(math.comb(n, j) * math.comb(total - n, k - j) for j in range(x, min(n, k) + 1))
    return math.log(num) - math.log(math.comb(total, k))


def scipy_p(x: int, n: int, k: int, total: int) -> float:
    return float(fisher_exact([[x, n - x], [k - x, total - n - k + x]], alternative="greater").pvalue)


def _random_tables(rng: np.random.Generator, count: int) -> list[tuple[int, int, int, int]]:
    """(x, n, k, total) over many shapes: tiny universes, enrichment-like ones, extreme overlaps."""
    tables = []
    for i in range(count):
        regime = i % 4
        if regime == 0:   # tiny universes, every edge reachable
            total = int(rng.integers(2, 40))
        elif regime == 1:  # gene-list shaped: N ~ 20k, small sets, queries of 10–3000
            total = int(rng.integers(5_000, 60_000))
        elif regime == 2:  # anything up to 30k
            total = int(rng.integers(2, 30_000))
        else:              # extreme overlaps, small enough for the exact integer reference
            total = int(rng.integers(2, 5_000))
        if regime == 1:
            n = int(min(total - 1, max(1, rng.lognormal(math.log(20), 1.0))))
            k = int(rng.integers(10, min(3000, total - 1) + 1))
        else:
            n = int(rng.integers(1, total))
            k = int(rng.integers(1, total))
        lo, hi = max(0, n + k - total), min(n, k)
        if regime == 3:   # extreme: overlap near its maximum, p-values far below 1e-300 when large
            x = int(hi - rng.integers(0, max(1, (hi - lo) // 20 + 1)))
        else:
            x = int(rng.integers(lo, hi + 1))
        tables.append((max(x, lo), n, k, total))
    return tables


def test_p_values_equal_scipy_fisher_exact_on_thousands_of_random_tables() -> None:
    rng = np.random.default_rng(20240611)
    tables = _random_tables(rng, 3000)
    worst = 0.0
    underflowing = 0
    for x, n, k, total in tables:
        ours = float(hypergeom_log_sf([x], [n], k, total)[0])
        ref = scipy_p(x, n, k, total)
        if ref > 1e-290:   # scipy in its normal range: compare p-values
            rel = abs(math.exp(ours) - ref) / ref
            worst = max(worst, rel)
            assert rel < 1e-9, (x, n, k, total, math.exp(ours), ref)
        else:              # scipy underflows (0 or subnormal): compare logs with exact integers
            underflowing += 1
            assert math.isfinite(ours)
            if total <= 5000:
                exact = exact_log_sf(x, n, k, total)
                assert abs(ours - exact) <= 1e-12 * abs(exact), (x, n, k, total, ours, exact)
    assert underflowing > 50  # the extreme regime really reached p < 1e-290
    assert worst < 1e-9


@pytest.mark.parametrize(("x", "n", "k", "total"), [
    (2000, 2000, 2000, 20000),     # a set equal to the query: p ≈ 10^-2800
    (500, 500, 3000, 20000),
    (300, 3000, 300, 20000),
    (1, 1, 1, 20000),              # p = 1/20000
    (150, 151, 862, 1047),
    (5000, 5000, 5000, 10001),
])
def test_extreme_tables_are_exact_in_log_space(x: int, n: int, k: int, total: int) -> None:
    ours = float(hypergeom_log_sf([x], [n], k, total)[0])
    exact = exact_log_sf(x, n, k, total)
    assert ours == pytest.approx(exact, rel=1e-12, abs=1e-14)


def test_vectorised_calls_agree_with_one_at_a_time() -> None:
    rng = np.random.default_rng(7)
    n = rng.integers(1, 3000, 500)
    x = np.array([int(rng.integers(0, min(v, 300) + 1)) for v in n])
    together = hypergeom_log_sf(x, n, 300, 20000)
    alone = np.array([hypergeom_log_sf([a], [b], 300, 20000)[0] for a, b in zip(x, n, strict=True)])
    np.testing.assert_allclose(together, alone, rtol=1e-14, atol=1e-300)


@pytest.mark.parametrize(("x", "n", "k", "total", "expected"), [
    (0, 10, 5, 100, 0.0),        # x = 0: P(X >= 0) = 1
    (3, 10, 95, 100, 0.0),       # x below the lower support bound n + k - N = 5
    (6, 5, 10, 100, -np.inf),    # x above min(n, k): impossible
    (5, 5, 100, 100, 0.0),       # the query is the whole universe
    (1, 1, 1, 1, 0.0),
])
def test_support_edges(x: int, n: int, k: int, total: int, expected: float) -> None:
    assert hypergeom_log_sf([x], [n], k, total)[0] == expected


def test_log_pmf_sums_to_one_and_matches_exact() -> None:
    for n, k, total in [(20, 300, 20000), (3000, 2000, 20000), (7, 7, 14), (1, 1, 2)]:
        xs = np.arange(max(0, n + k - total), min(n, k) + 1)
        pmf = np.exp(hypergeom_log_pmf(xs, np.full(xs.size, n), k, total))
        assert math.fsum(pmf) == pytest.approx(1.0, rel=1e-12)
    for x, n, k, total in [(3, 20, 300, 20000), (1200, 3000, 2000, 20000)]:
        exact = math.log(math.comb(n, x) * math.comb(total - n, k - x)) - math.log(math.comb(total, k))
        assert hypergeom_log_pmf([x], [n], k, total)[0] == pytest.approx(exact, rel=1e-13)


def test_stirling_error_table() -> None:
    getcontext().prec = 50
    pi = Decimal("3.14159265358979323846264338327950288419716939937510582097494459")
    half_ln_2pi = (2 * pi).ln() / 2
    for n in range(1, 16):
        exact = Decimal(math.factorial(n)).ln() - (Decimal(n) + Decimal("0.5")) * Decimal(n).ln() + n - half_ln_2pi
        assert _STIRLERR_SMALL[n] == pytest.approx(float(exact), rel=1e-15)


def _bh_reference(p: np.ndarray) -> np.ndarray:
    """R's p.adjust(p, "BH"), written the textbook way."""
    m = p.size
    order = np.argsort(p)[::-1]
    ranks = np.arange(m, 0, -1)
    q = np.minimum.accumulate(p[order] * m / ranks)
    out = np.empty(m)
    out[order] = np.minimum(q, 1.0)
    return out


def test_benjamini_hochberg_matches_reference_with_ties_weights_and_implicit_ones() -> None:
    rng = np.random.default_rng(3)
    p = np.round(rng.random(400) ** 4, 3)  # many ties
    p[:5] = [1e-320, 0.0, 1.0, 1.0, 1e-12]
    with np.errstate(divide="ignore"):
        log_p = np.log(p)
    np.testing.assert_allclose(benjamini_hochberg(log_p), _bh_reference(p), rtol=1e-12, atol=0)
    # Weighted distinct values (identical sets tested once) and untested-overlap sets as p = 1.
    values, counts = np.unique(p, return_counts=True)
    with np.errstate(divide="ignore"):
        weighted = benjamini_hochberg(np.log(values), counts, m=p.size + 250)
    full = _bh_reference(np.concatenate([p, np.ones(250)]))
    for v, q in zip(values, weighted, strict=True):
        assert q == pytest.approx(full[np.flatnonzero(p == v)[0]], rel=1e-12)


def test_odds_ratio_sample_and_haldane() -> None:
    # a=3 b=7 c=2 d=88: no zero cell, the plain sample odds ratio
    assert odds_ratio([3], [10], 5, 100)[0] == pytest.approx(3 * 88 / (7 * 2))
    # a=5 b=0: every cell gets +0.5
    assert odds_ratio([5], [5], 10, 100)[0] == pytest.approx(5.5 * 90.5 / (0.5 * 5.5))
    # a=0: finite, below 1
    assert 0 < odds_ratio([0], [10], 5, 100)[0] < 1
