#!/usr/bin/env python3
"""Benchmark ``pathfig run`` on the real figures of ``../shared/figures``: quality, speed, memory.

usage: python bench/run_figures.py [--out bench/out/figures] [--workers N] [--keep] [--threshold T]

Runs ``pathfig run ../shared/figures --out OUT`` through the library as the CLI does (pathway
classifier first, threshold 0.5; a fresh OUT, so nothing comes from the OCR cache, unless
``--keep``), then scores ``OUT/genes.tsv`` with
``../shared/tools/score_gold.py`` against ``gold_dev.json`` (37 scored figures), and reports
seconds per figure (median / p90, wall and CPU, one figure on one core), figures per minute with
all workers, and each worker's peak resident memory. Targets (issue 3): recall ≥ 0.80 and
precision ≥ 0.90 (micro); median ≤ 1.0 s per figure per core; ≤ 1.5 GB per worker.
Writes ``OUT/bench.json`` with every number.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_common import SHARED, run_and_time, score, speed_report  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "figures")
    ap.add_argument("--workers", type=int, default=None, help="worker processes (default: cores)")
    ap.add_argument("--threshold", type=float, default=0.5,
                    help="pathway-classifier gate as in `pathfig run` (default 0.5); a negative value skips it")
    ap.add_argument("--engine", default="rapidocr", help="OCR engine as in `pathfig run --engine`")
    ap.add_argument("--keep", action="store_true", help="reuse OUT (store and OCR cache) instead of starting fresh")
    args = ap.parse_args(argv)

    summary, wall = run_and_time([SHARED / "figures"], args.out, workers=args.workers, fresh=not args.keep,
                               threshold=args.threshold if args.threshold >= 0 else None, engine=args.engine)
    print("\n".join(summary.lines(max_failures=5)))
    quality = score("score_gold.py", SHARED / "gold" / "gold_dev.json", SHARED / "gold" / "hgnc_entries.tsv",
                    args.out / "genes.tsv")
    print("\n== quality (score_gold.py, 37 scored figures) ==")
    print(quality)
    speed = speed_report(summary, wall, args.out)
    print("\n== speed and memory ==")
    for key, value in speed.items():
        print(f"{key}: {value}")
    (args.out / "bench.json").write_text(json.dumps({"quality": quality, "speed": speed}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
