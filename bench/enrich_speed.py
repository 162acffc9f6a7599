"""Enrichment speed, memory and agreement on a 100k-set synthetic library, against gseapy and scipy.

usage: python bench/enrich_speed.py [--rounds 3] [--queries 30] [--baseline-queries 5] [--gseapy-queries 1]
                                    [--no-gseapy] [--no-scipy] [--gseapy-default-background]
                                    [--out bench/out/enrich]

The library and queries come from ``bench/enrich_synthetic.py`` (written on first use). Every
measurement runs in a fresh interpreter so load time and peak memory are those of a real process:

* ``pathfig`` (``--rounds`` processes, ids; one more with symbols): load time, peak RSS
  (``VmHWM``, the whole process), median/p90 wall and CPU time of ``library.enrich(query)``
  (every set tested, FDR over all, rows sorted) and of the same plus the top-50 rows as dicts.
* ``scipy`` baseline: a CSR matrix (sets × genes) times the query indicator for the overlaps,
  ``scipy.stats.hypergeom.sf`` on the sets that overlap, BH in numpy — the plain approach.
* ``gseapy`` (if installed): ``gseapy.enrich(gene_list, gene_sets=dict, background=<library
  genes>)`` offline, the same universe as pathfig's default; with ``--gseapy-default-background``
  also ``background=None`` (gseapy builds the union of the sets itself, much slower).

Then p-values of the queries both tools ran are compared set by set (same universe, same
one-sided test, so they must agree; gseapy's own FDR covers only sets with an overlap, and its
odds ratio always adds 0.5, so those columns are not compared). Writes ``OUT/bench.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from enrich_synthetic import DEFAULT_OUT, QUERY_SIZES, make_library  # noqa: E402


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _summary(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {"median_ms": statistics.median(values) * 1e3, "p90_ms": values[int(0.9 * (len(values) - 1))] * 1e3,
            "min_ms": values[0] * 1e3, "n": len(values)}


# -- children -----------------------------------------------------------------------------------------


def child_pathfig(gmt: Path, qfile: Path, n: int, symbols: bool, save: Path | None, keep: int) -> dict[str, Any]:
    rss_start = _status_mb("VmRSS")
    from pathfig.enrich import GeneSetLibrary

    data = json.loads(qfile.read_text())
    queries = {int(k): v[:n] for k, v in data["queries"].items()}
    if symbols:
        sym = data["symbols"]
        queries = {k: [[sym[g] for g in q] for q in qs] for k, qs in queries.items()}
    del data
    rss_import = _status_mb("VmRSS")
    t0, c0 = time.perf_counter(), time.process_time()
    lib = GeneSetLibrary.from_gmt(gmt)
    load_s, load_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    rss_loaded = _status_mb("VmRSS")
    out: dict[str, Any] = {"load_s": load_s, "load_cpu_s": load_cpu_s, "rss_start_mb": rss_start, "rss_import_mb": rss_import,
                           "rss_loaded_mb": rss_loaded, "index_mb": lib.nbytes() / 2**20, "sets": lib.n_terms,
                           "distinct_sets": lib.n_sets, "genes": lib.n_genes, "problems": len(lib.problems)}
    # The first query prepares the universe (and, for symbols, loads the lexicon): timed apart.
    t0 = time.perf_counter()
    first = lib.enrich(queries[QUERY_SIZES[1]][0])
    out["first_query_s"] = time.perf_counter() - t0
    out["rss_first_query_mb"] = _status_mb("VmRSS")
    saved: dict[str, Any] = {}
    for k in QUERY_SIZES:
        wall, cpu, wall_top, rows = [], [], [], []
        for i, q in enumerate(queries[k]):
            w0, c0 = time.perf_counter(), time.process_time()
            res = lib.enrich(q)
            wall.append(time.perf_counter() - w0)
            cpu.append(time.process_time() - c0)
            w0 = time.perf_counter()
            res2 = lib.enrich(q)
            res2.records(top=50)
            wall_top.append(time.perf_counter() - w0)
            rows.append(len(res))
            if save is not None and i < keep:
                saved[f"{k}/{i}"] = {lib.terms[t]: [float(lp), int(x)] for t, lp, x in zip(
                    res._expand()[1].tolist(), res.log_p.tolist(), res.overlap.tolist(), strict=True)}
        out[str(k)] = {"wall": _summary(wall), "cpu": _summary(cpu), "wall_with_top50": _summary(wall_top),
                       "rows_median": statistics.median(rows), "query_size_used": res.query_size}
    out["peak_rss_mb"] = _status_mb("VmHWM")
    # A DataFrame of every row (pandas import, one dict per row): measured after the peak above.
    t0 = time.perf_counter()
    first.to_frame()
    out["to_frame_all_rows_s"] = time.perf_counter() - t0
    out["rows_in_frame"] = len(first)
    out["peak_rss_after_frame_mb"] = _status_mb("VmHWM")
    if save is not None:
        save.write_text(json.dumps(saved))
    return out


def child_scipy(gmt: Path, qfile: Path, n: int) -> dict[str, Any]:
    import numpy as np
    from scipy import sparse
    from scipy.stats import hypergeom

    from pathfig.enrich import GeneSetLibrary

    lib = GeneSetLibrary.from_gmt(gmt)
    matrix = sparse.csr_matrix((np.ones(lib.set_genes.size, dtype=np.int32), lib.set_genes, lib.set_ptr),
                               shape=(lib.n_sets, lib.n_genes))
    sizes = np.diff(lib.set_ptr)
    big_n = lib.n_genes
    queries = {int(k): v[:n] for k, v in json.loads(qfile.read_text())["queries"].items()}
    out: dict[str, Any] = {}
    for k in QUERY_SIZES:
        wall, wall_overlap = [], []
        for q in queries[k]:
            t0 = time.perf_counter()
            v = np.zeros(lib.n_genes, dtype=np.int32)
            v[[lib.gene_index[g] for g in q if g in lib.gene_index]] = 1
            kk = int(v.sum())
            overlap = matrix @ v
            idx = np.flatnonzero(overlap)
            wall_overlap.append(time.perf_counter() - t0)
            p = np.ones(lib.n_sets)
            p[idx] = hypergeom.sf(overlap[idx] - 1, big_n, sizes[idx], kk)
            order = np.argsort(p)
            q_bh = np.minimum.accumulate((p[order] * lib.n_sets / np.arange(1, lib.n_sets + 1))[::-1])[::-1]
            fdr = np.empty_like(q_bh)
            fdr[order] = np.minimum(q_bh, 1)
            wall.append(time.perf_counter() - t0)
        out[str(k)] = {"wall": _summary(wall), "wall_overlaps_only": _summary(wall_overlap)}
    return out


def child_gseapy(gmt: Path, qfile: Path, n: int, default_bg: bool, save: Path) -> dict[str, Any]:
    import gseapy

    t0 = time.perf_counter()
    sets: dict[str, list[str]] = {}
    with open(gmt, encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            sets[cells[0]] = cells[2:]
    # gseapy turns an all-numeric gene list and the sets into ints (NCBI ids); the background must match.
    background = sorted({int(g) for genes in sets.values() for g in genes})
    out: dict[str, Any] = {"version": gseapy.__version__, "read_s": time.perf_counter() - t0}
    queries = {int(k): v[:n] for k, v in json.loads(qfile.read_text())["queries"].items()}
    saved: dict[str, Any] = {}
    for k in QUERY_SIZES:
        wall = []
        for i, q in enumerate(queries[k]):
            t0 = time.perf_counter()
            enr = gseapy.enrich(gene_list=q, gene_sets=sets, background=background, outdir=None, no_plot=True)
            wall.append(time.perf_counter() - t0)
            df = enr.res2d
            saved[f"{k}/{i}"] = {t: [float(p), int(o.split("/")[0])] for t, p, o in
                                 zip(df["Term"], df["P-value"], df["Overlap"], strict=True)}
        out[str(k)] = {"wall": _summary(wall)}
    if default_bg:
        q = queries[300][0]
        t0 = time.perf_counter()
        gseapy.enrich(gene_list=q, gene_sets=sets, background=None, outdir=None, no_plot=True)
        out["300_default_background_s"] = time.perf_counter() - t0
    save.write_text(json.dumps(saved))
    out["peak_rss_mb"] = _status_mb("VmHWM")
    return out


# -- parent ---------------------------------------------------------------------------------------------


def _run_child(args: list[str]) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", *args]
    proc = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def compare(ours_file: Path, theirs_file: Path) -> dict[str, Any]:
    import math

    ours = json.loads(ours_file.read_text())
    theirs = json.loads(theirs_file.read_text())
    worst, compared, underflow, missing, extra = 0.0, 0, 0, 0, 0
    for key, rows in theirs.items():
        mine = ours.get(key)
        if mine is None:
            continue
        missing += sum(1 for t in rows if t not in mine)
        extra += sum(1 for t in mine if t not in rows)
        for term, (p, overlap) in rows.items():
            if term not in mine:
                continue
            log_p, x = mine[term]
            assert x == overlap, (key, term, x, overlap)
            if p > 1e-300:
                compared += 1
                worst = max(worst, abs(math.exp(log_p) - p) / p)
            else:
                underflow += 1
    return {"queries": len(theirs), "sets_compared": compared, "max_rel_diff_p": worst,
            "gseapy_p_below_1e-300": underflow, "sets_only_in_gseapy": missing, "sets_only_in_pathfig": extra}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--rounds", type=int, default=3, help="fresh pathfig processes (ids)")
    ap.add_argument("--queries", type=int, default=30, help="queries per size for pathfig and scipy")
    ap.add_argument("--baseline-queries", type=int, default=5, help="queries per size for the scipy baseline (seconds each)")
    ap.add_argument("--gseapy-queries", type=int, default=1, help="queries per size for gseapy (~10–60 s each)")
    ap.add_argument("--no-gseapy", action="store_true")
    ap.add_argument("--no-scipy", action="store_true")
    ap.add_argument("--gseapy-default-background", action="store_true")
    ap.add_argument("--child", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    if args.child:
        kind, gmt, qfile, n, *rest = args.child
        if kind == "pathfig":
            save = Path(rest[1]) if rest[1] != "-" else None
            res = child_pathfig(Path(gmt), Path(qfile), int(n), rest[0] == "symbols", save, int(rest[2]))
        elif kind == "scipy":
            res = child_scipy(Path(gmt), Path(qfile), int(n))
        else:
            res = child_gseapy(Path(gmt), Path(qfile), int(n), rest[0] == "1", Path(rest[1]))
        print(json.dumps(res))
        return

    gmt, qfile = make_library(args.out)
    report: dict[str, Any] = {"library": str(gmt), "cpus": os.cpu_count(), "load_average_start": os.getloadavg()}
    rounds = []
    ours_p = args.out / "pathfig-p.json"
    for r in range(args.rounds):
        save = str(ours_p) if r == 0 else "-"
        rounds.append(_run_child(["pathfig", str(gmt), str(qfile), str(args.queries), "ids", save,
                                  str(args.gseapy_queries)]))
        print(f"pathfig round {r + 1}: load {rounds[-1]['load_s']:.2f}s, "
              + ", ".join(f"{k} genes {rounds[-1][str(k)]['wall']['median_ms']:.1f} ms" for k in QUERY_SIZES)
              + f", peak RSS {rounds[-1]['peak_rss_mb']:.0f} MB", flush=True)
    report["pathfig_rounds"] = rounds
    report["pathfig_symbols"] = _run_child(["pathfig", str(gmt), str(qfile), str(args.queries), "symbols", "-", "0"])
    if not args.no_scipy:
        report["scipy_baseline"] = _run_child(["scipy", str(gmt), str(qfile), str(args.baseline_queries)])
    if not args.no_gseapy:
        try:
            import gseapy  # noqa: F401
        except ImportError:
            print("gseapy is not installed: skipping the gseapy comparison", flush=True)
        else:
            theirs_p = args.out / "gseapy-p.json"
            report["gseapy"] = _run_child(["gseapy", str(gmt), str(qfile), str(args.gseapy_queries),
                                           "1" if args.gseapy_default_background else "0", str(theirs_p)])
            report["agreement"] = compare(ours_p, theirs_p)
    report["load_average_end"] = os.getloadavg()
    (args.out / "bench.json").write_text(json.dumps(report, indent=1))
    _print(report)


def _print(report: dict[str, Any]) -> None:
    rounds = report["pathfig_rounds"]
    med = statistics.median
    print(f"\nlibrary {report['library']}: {rounds[0]['sets']} sets, {rounds[0]['genes']} genes; "
          f"load average {report['load_average_start'][0]:.1f} → {report['load_average_end'][0]:.1f}")
    print(f"load {med(r['load_s'] for r in rounds):.2f} s wall, {med(r['load_cpu_s'] for r in rounds):.2f} s CPU "
          f"(median of {len(rounds)}), index arrays "
          f"{rounds[0]['index_mb']:.0f} MB, peak RSS {max(r['peak_rss_mb'] for r in rounds):.0f} MB "
          f"(ids); with symbols (lexicon loaded) {report['pathfig_symbols']['peak_rss_mb']:.0f} MB")
    print("| genes | pathfig wall median (per round) | CPU median | p90 | + top-50 rows | symbols | scipy baseline "
          "| gseapy | ratio |")
    for k in QUERY_SIZES:
        walls = [r[str(k)]["wall"]["median_ms"] for r in rounds]
        cpu = med(r[str(k)]["cpu"]["median_ms"] for r in rounds)
        p90 = med(r[str(k)]["wall"]["p90_ms"] for r in rounds)
        top = med(r[str(k)]["wall_with_top50"]["median_ms"] for r in rounds)
        sym = report["pathfig_symbols"][str(k)]["wall"]["median_ms"]
        base = report.get("scipy_baseline", {}).get(str(k), {}).get("wall", {}).get("median_ms", float("nan"))
        gs = report.get("gseapy", {}).get(str(k), {}).get("wall", {}).get("median_ms", float("nan"))
        print(f"| {k} | {med(walls):.1f} ms ({', '.join(f'{w:.1f}' for w in walls)}) | {cpu:.1f} ms | {p90:.1f} ms "
              f"| {top:.1f} ms | {sym:.1f} ms | {base:.1f} ms | {gs / 1e3:.1f} s | {gs / med(walls):.0f}× |")
    if "agreement" in report:
        print("agreement with gseapy:", json.dumps(report["agreement"]))
    if "gseapy" in report and "300_default_background_s" in report["gseapy"]:
        print(f"gseapy with background=None (300 genes): {report['gseapy']['300_default_background_s']:.1f} s")


if __name__ == "__main__":
    main()
