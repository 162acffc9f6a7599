"""The statistics of over-representation, vectorised over many gene sets at once (numpy only).

For a universe of ``N`` genes, a query of ``K`` of them and a gene set of ``n`` of them sharing
``x`` genes with the query, the 2×2 table is::

                      in query     not in query
    in set            a = x        b = n - x
    not in set        c = K - x    d = N - n - K + x

The one-sided Fisher exact test ("greater") is the hypergeometric upper tail
``P(X >= x)``, ``X ~ Hypergeometric(N, n, K)``, the same quantity as
``scipy.stats.fisher_exact(table, alternative="greater")``.

How it is computed, and why it never underflows:

* The point probability ``P(X = x)`` is evaluated in log space with Loader's saddle-point
  form (the one R's ``dhyper`` uses): Stirling-series remainders plus deviance terms, each
  computed without the catastrophic cancellation of ``lgamma`` differences, so its relative
  error stays ~1e-15 even for universes of 10⁶ genes.
* The tail is then a sum of terms that *decrease* away from the mode (the hypergeometric pmf is
  log-concave): above the mode, ``P(X >= x) = P(X = x) · Σ_j Π ratios``; at or below it,
  ``P(X >= x) = 1 - P(X <= x - 1)`` with the lower tail summed downwards from ``x - 1``. Every sum
  is relative to its first term, so nothing underflows and ``log P`` is exact to ~1e-15
  relative even when ``P`` is 1e-3000.
* Sums run in blocks over all pending tables at once and stop when a geometric bound on the
  rest of the series (valid because the ratios keep falling) is below 1e-17 of the sum.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "benjamini_hochberg",
    "hypergeom_log_pmf",
    "hypergeom_log_sf",
    "odds_ratio",
]

FloatArray = NDArray[np.float64]

_LN_2PI = math.log(2.0 * math.pi)

# stirlerr(n) = ln n! - (n + 1/2) ln n + n - ln sqrt(2π) for n = 0..15, computed with 50-digit
# decimals (tests/test_enrich_stats.py recomputes them); index 0 is never used.
_STIRLERR_SMALL = np.array([
    0.0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093,
    0.016644691189821193, 0.013876128823070748, 0.01189670994589177, 0.010411265261972096,
    0.009255462182712733, 0.00833056343336287, 0.007573675487951841, 0.00694284010720953,
    0.006408994188004207, 0.0059513701127588475, 0.005554733551962801,
])
_S0, _S1, _S2, _S3, _S4 = 1 / 12, 1 / 360, 1 / 1260, 1 / 1680, 1 / 1188

#: A tail sum stops when the rest of the series is provably below this fraction of it.
_TAIL_TOL = 1e-17


def _stirlerr(n: FloatArray) -> FloatArray:
    """Error of Stirling's formula for ln n!, for integer ``n >= 1`` (table up to 15, series above)."""
    nn = n * n
    with np.errstate(divide="ignore", invalid="ignore"):
        series = (_S0 - (_S1 - (_S2 - (_S3 - _S4 / nn) / nn) / nn) / nn) / n
    # Branch-free (np.where) because the arrays are short and every numpy call costs ~µs.
    return np.where(n <= 15, _STIRLERR_SMALL[np.minimum(n, 15).astype(np.intp)], series)


def _bd0(x: FloatArray, m: FloatArray) -> FloatArray:
    """Deviance term ``x ln(x / m) + m - x`` (for ``x > 0``) without cancellation when ``x ≈ m``.

    Near ``m`` it is ``(x - m)·v + 2x·(atanh v - v)`` with ``v = (x - m)/(x + m)``: Loader's
    series summed in closed form. ``atanh v - v`` loses ~3ε/v² to cancellation, but it is only
    ~v²/3 of the first term, so the sum stays exact to a few ulps.
    """
    d = x - m
    s = x + m
    v = d / s
    with np.errstate(divide="ignore", invalid="ignore"):
        far = x * np.log(x / m) - d
    near = d * v + 2.0 * x * (np.arctanh(v) - v)
    return np.where(np.abs(d) < 0.1 * s, near, far)


def _log_dbinom_mid(x: FloatArray, n: FloatArray, p: float, q: float) -> FloatArray:
    # 0 < x < n: Loader's saddle-point form.
    lc = _stirlerr(n) - _stirlerr(x) - _stirlerr(n - x) - _bd0(x, n * p) - _bd0(n - x, n * q)
    return lc - 0.5 * (_LN_2PI + np.log(x) + np.log1p(-x / n))


def _log_dbinom_raw(x: FloatArray, n: FloatArray, p: float, q: float) -> FloatArray:
    """ln of the binomial pmf ``C(n, x) p^x q^(n-x)`` (Loader 2000), for ``0 <= x <= n``, ``0 < p < 1``."""
    edge = (x <= 0) | (x >= n)
    if not edge.any():
        return _log_dbinom_mid(x, n, p, q)
    out = _log_dbinom_mid(np.where(edge, 1.0, x), np.where(edge, 2.0, n), p, q)
    # x = 0 or x = n (including n = 0, probability 1).
    zero = (x <= 0) & (n > 0)
    full = (x >= n) & (n > 0)
    out[edge] = 0.0
    if zero.any():
        nz = n[zero]
        out[zero] = -_bd0(nz, nz * q) - nz * p if p < 0.1 else nz * math.log(q)
    if full.any():
        nf = n[full]
        out[full] = -_bd0(nf, nf * p) - nf * q if q < 0.1 else nf * math.log(p)
    return out


def hypergeom_log_pmf(x: ArrayLike, n: ArrayLike, k: int, total: int) -> FloatArray:
    """ln P(X = x) for X ~ Hypergeometric(total, n, k): ``n`` marked of ``total``, ``k`` drawn.

    ``-inf`` outside the support. Vectorised over ``x`` and ``n``; ``k`` and ``total`` are fixed
    (one query against many sets).
    """
    x, n = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(n, dtype=float))
    out = np.full(x.shape, -np.inf)
    lo = np.maximum(0.0, n + k - total)
    hi = np.minimum(n, k)
    ok = (x >= lo) & (x <= hi)
    if k == 0 or k == total:
        out[ok] = 0.0  # the support is one point
        return out
    if not ok.any():
        return out
    whole = bool(ok.all())
    xs, ns = (x, n) if whole else (x[ok], n[ok])
    p = k / total
    q = (total - k) / total
    # R's dhyper(x, r = n, b = total - n, n = k): three binomial pmfs at the same p.
    log_p1 = _log_dbinom_raw(xs, ns, p, q)
    log_p2 = _log_dbinom_raw(k - xs, total - ns, p, q)
    log_p3 = _log_dbinom_raw(np.array([float(k)]), np.array([float(total)]), p, q)[0]
    if whole:
        return log_p1 + log_p2 - log_p3
    out[ok] = log_p1 + log_p2 - log_p3
    return out


def _tail_sums(start: FloatArray, n: FloatArray, k: int, total: int, upward: bool) -> FloatArray:
    """Σ_j pmf(start ± j) / pmf(start) for each table, over terms that fall away from the mode.

    The step ratios are exact rational expressions in the table cells; they reach 0 at the
    edge of the support, so terms past it vanish on their own. Blocks of 8, 16, 32... terms run
    for every unfinished table at once (steps × tables, so numpy's cumulative product runs
    along contiguous rows); finished tables drop out.
    """
    sums = np.ones_like(start)
    active = np.arange(start.size)
    pos = start.copy()
    nn = n.copy()
    term = np.ones_like(start)
    kk = float(k)
    rest_n = float(total) - kk  # N - K
    width = 8
    while True:
        steps = np.arange(width, dtype=float)[:, None]
        kx = pos[None, :] + steps if upward else pos[None, :] - steps
        row_n = nn[None, :]
        if upward:   # pmf(k+1)/pmf(k)
            ratio = (row_n - kx) * (kk - kx) / ((kx + 1.0) * (rest_n - row_n + kx + 1.0))
        else:        # pmf(k-1)/pmf(k)
            ratio = kx * (rest_n - row_n + kx) / ((row_n - kx + 1.0) * (kk - kx + 1.0))
        np.maximum(ratio, 0.0, out=ratio)  # past the support edge: 0, and it stays 0
        r_last = ratio[-1].copy()
        np.cumprod(ratio, axis=0, out=ratio)
        ratio *= term[None, :]
        sums[active] += ratio.sum(axis=0)
        last = ratio[-1]
        # Ratios fall monotonically away from the mode, so the rest is < last·r/(1 - r).
        more = (r_last > 0.0) & (last * r_last > _TAIL_TOL * sums[active] * (1.0 - r_last))
        if not more.any():
            return sums
        active = active[more]
        pos = pos[more] + (width if upward else -width)
        nn = nn[more]
        term = last[more]
        width = min(width * 2, 1024)


def hypergeom_log_sf(x: ArrayLike, n: ArrayLike, k: int, total: int) -> FloatArray:
    """ln P(X >= x) for X ~ Hypergeometric(total, n, k), exact in log space (no underflow).

    ``x`` and ``n`` are arrays of overlaps and set sizes; ``k`` (query size) and ``total``
    (universe size) are shared. Equals ``log(scipy.stats.hypergeom.sf(x - 1, total, n, k))``.

    >>> float(np.exp(hypergeom_log_sf([3], [10], 5, 100))[0])  # doctest: +ELLIPSIS
    0.00663...
    """
    x, n = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(n, dtype=float))
    x = x.ravel()
    n = n.ravel()
    out = np.zeros(x.shape)
    if x.size == 0:
        return out
    lo = np.maximum(0.0, n + k - total)
    hi = np.minimum(n, k)
    out[x > hi] = -np.inf
    mode = np.floor((n + 1.0) * (k + 1.0) / (total + 2.0))
    inside = (x > lo) & (x <= hi)
    upper = x > mode
    # One log-pmf call for both directions: the first term is pmf(x) above the mode, pmf(x-1) below.
    first = np.where(upper, x, x - 1.0)
    sel = np.flatnonzero(inside)
    if sel.size == 0:
        return out
    log_first = hypergeom_log_pmf(first[sel], n[sel], k, total)
    up = upper[sel]
    if up.any():
        su = sel[up]
        out[su] = log_first[up] + np.log(_tail_sums(x[su], n[su], k, total, upward=True))
    if not up.all():
        sl = sel[~up]
        log_cdf = log_first[~up] + np.log(_tail_sums(x[sl] - 1.0, n[sl], k, total, upward=False))
        # x at or below the mode: P(X <= x-1) is at most about 1/2, so 1 - it loses nothing.
        out[sl] = np.log1p(-np.exp(np.minimum(log_cdf, 0.0)))
    return out


def benjamini_hochberg(log_p: ArrayLike, counts: ArrayLike | None = None, m: int | None = None) -> FloatArray:
    """Benjamini–Hochberg adjusted p-values (FDR), from natural-log p-values.

    ``counts[i]`` says how many tests share ``log_p[i]`` (default 1 each); ``m`` is the number of
    tests in the family (default ``sum(counts)``): tests not passed in are taken to have p = 1,
    which is how sets without overlap enter the correction without being listed. Ties get the
    adjusted value of the last of them, as in R's ``p.adjust(method = "BH")``.
    """
    lp = np.asarray(log_p, dtype=float).ravel()
    c = np.ones(lp.size) if counts is None else np.asarray(counts, dtype=float).ravel()
    m_total = float(c.sum()) if m is None else float(m)
    if lp.size == 0:
        return np.zeros(0)
    order = np.argsort(lp, kind="stable")
    rank = np.cumsum(c[order])  # the last position each group of tied tests occupies
    q = np.exp(lp[order] + math.log(m_total) - np.log(rank))
    q = np.minimum.accumulate(q[::-1])[::-1]
    out = np.empty_like(q)
    out[order] = np.minimum(q, 1.0)
    return out


def odds_ratio(x: ArrayLike, n: ArrayLike, k: int, total: int) -> FloatArray:
    """Sample odds ratio ``a·d / (b·c)``; with the Haldane correction (+0.5 to every cell) when a cell is 0.

    The correction keeps the ratio finite and the combined score defined for sets that hold
    every query gene or none.
    """
    a = np.asarray(x, dtype=float)
    n = np.asarray(n, dtype=float)
    b = n - a
    c = k - a
    d = total - n - k + a
    zero = (a == 0) | (b == 0) | (c == 0) | (d == 0)
    half = np.where(zero, 0.5, 0.0)
    return ((a + half) * (d + half)) / ((b + half) * (c + half))
