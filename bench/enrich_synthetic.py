"""A synthetic gene-set library with the shape of the reference system's human library, and queries.

usage: python bench/enrich_synthetic.py [--out bench/out/enrich] [--sets 100000] [--seed 1]

* 20,000 genes: protein-coding human NCBI Gene ids drawn from the bundled lexicon (so queries can
  also be written as official symbols).
* 100,000 sets; sizes from a log-normal (median 20, σ = 1.1) clipped to [3, 4000]: long-tailed,
  maximum a few thousand.
* Gene popularity is long-tailed too (weight ∝ 1/(rank + 30)): a few genes (think TP53, AKT1)
  sit in ~10 % of the sets, most in a few dozen, as in published pathway figures.
* Queries of 50, 300 and 2,000 genes: up to 30 % taken from one to three library sets (the
  signal a real list has), the rest uniform over the universe.

Files (deterministic for a seed): ``synthetic-<sets>.gmt`` and ``queries-<sets>.json``
(``{"50": [[gene, ...], ...], ...}`` as NCBI ids, plus ``symbols``: id → official symbol).
"""

from __future__ import annotations

import argparse
import json
import math
import time
from pathlib import Path

import numpy as np

DEFAULT_OUT = Path(__file__).parent / "out" / "enrich"
QUERY_SIZES = (50, 300, 2000)


def _universe(rng: np.random.Generator, n_genes: int) -> tuple[list[str], dict[str, str]]:
    from pathfig.enrich.genes import PROTEIN_CODING_LOCUS_TYPES
    from pathfig.lexicon.bundled import load_default_lexicon

    symbols = {e.ncbigene_id: e.symbol for e in load_default_lexicon().entries
               if e.kind == "symbol" and e.locus_type in PROTEIN_CODING_LOCUS_TYPES}
    ids = sorted(symbols, key=int)
    chosen = sorted(rng.choice(np.array(ids), n_genes, replace=False).tolist(), key=int)
    return chosen, {g: symbols[g] for g in chosen}


def make_library(out: Path, *, n_sets: int = 100_000, n_genes: int = 20_000, seed: int = 1,
                 queries_per_size: int = 40) -> tuple[Path, Path]:
    """Write (or reuse) the library and the queries; returns their paths."""
    gmt = out / f"synthetic-{n_sets}.gmt"
    qfile = out / f"queries-{n_sets}.json"
    if gmt.is_file() and qfile.is_file():
        return gmt, qfile
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    genes, symbols = _universe(rng, n_genes)
    gene_arr = np.array(genes)
    sizes = np.clip(np.rint(rng.lognormal(math.log(20), 1.1, n_sets)), 3, 4000).astype(np.int64)
    # Popularity: a random gene order, weight 1/(rank + 30).
    popularity = rng.permutation(n_genes)
    weights = 1.0 / (np.arange(n_genes) + 30.0)
    cdf = np.cumsum(weights / weights.sum())
    sets: list[np.ndarray] = []
    with open(gmt.with_suffix(".tmp"), "w", encoding="utf-8") as f:
        for i, size in enumerate(sizes.tolist()):
            picked: dict[int, None] = {}
            while len(picked) < size:
                draw = np.searchsorted(cdf, rng.random(int(size * 1.3) + 8))
                picked.update(dict.fromkeys(popularity[np.minimum(draw, n_genes - 1)].tolist()))
            members = np.fromiter(picked, dtype=np.int64)[:size]
            if i < 2000:
                sets.append(members)
            f.write(f"SYN{i:06d}\tsynthetic figure {i} ({size} genes)\t" + "\t".join(gene_arr[members]) + "\n")
    gmt.with_suffix(".tmp").replace(gmt)
    queries: dict[str, list[list[str]]] = {}
    for k in QUERY_SIZES:
        qs = []
        for _ in range(queries_per_size):
            signal: dict[int, None] = {}
            for _ in range(int(rng.integers(1, 4))):
                src = sets[int(rng.integers(len(sets)))]
                take = min(src.size, max(1, int(0.1 * k)))
                signal.update(dict.fromkeys(rng.choice(src, take, replace=False).tolist()))
            chosen = list(signal)[: int(0.3 * k)]
            rest = rng.permutation(n_genes).tolist()
            seen = set(chosen)
            chosen += [g for g in rest if g not in seen][: k - len(chosen)]
            qs.append([genes[g] for g in chosen])
        queries[str(k)] = qs
    qfile.write_text(json.dumps({"queries": queries, "symbols": symbols}), encoding="utf-8")
    print(f"wrote {gmt} ({n_sets} sets, sizes median {int(np.median(sizes))}, max {int(sizes.max())}) "
          f"and {qfile} in {time.perf_counter() - t0:.1f}s")
    return gmt, qfile


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--sets", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    make_library(args.out, n_sets=args.sets, seed=args.seed)


if __name__ == "__main__":
    main()
