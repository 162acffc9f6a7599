#!/usr/bin/env python3
"""Speed of the pathway-figure classifier: seconds per figure on one core.

usage: taskset -c 0 python bench/classify_speed.py [--shared ../shared] [--n 60] [--json OUT]

Scores ``--n`` images from each of ``figures/``, ``wikipathways/`` and ``negatives/`` and reports,
per set, the median, p90 and max of: decoding the file (``load_image``, the same call the OCR
stage makes), computing the features, evaluating the model, and the total — as CPU seconds of
this process (``time.process_time``), which a busy machine does not inflate, and wall seconds.
Also the time to import ``pathfig.classify`` and load the model. Target (issue 7): ≤ 0.1 s per
figure on one core, excluding OCR.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _stats(values: list[float]) -> dict[str, float]:
    v = sorted(values)
    return {"median": round(statistics.median(v), 4), "p90": round(v[int(0.9 * (len(v) - 1))], 4),
            "max": round(v[-1], 4)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("PATHFIG_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--n", type=int, default=60, help="images per set")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    t0, c0 = time.perf_counter(), time.process_time()
    from pathfig.classify import default_classifier, image_features
    from pathfig.ocr.images import load_image

    clf = default_classifier()
    load = {"wall": round(time.perf_counter() - t0, 3), "cpu": round(time.process_time() - c0, 3)}
    image_features(load_image(next((args.shared / "figures").glob("*.jpg"))))  # warm caches (OpenCV init)

    sets = {"figures": sorted((args.shared / "figures").glob("*.jpg")),
            "wikipathways": sorted((args.shared / "wikipathways").glob("WP*.png")),
            "negatives": sorted((args.shared / "negatives").glob("*.jpg"))}
    report: dict[str, object] = {"import_and_load_model_s": load, "affinity": sorted(os.sched_getaffinity(0)),
                                 "load_average_1m": round(os.getloadavg()[0], 2)}
    for name, paths in sets.items():
        step = max(1, len(paths) // args.n)
        rows: dict[str, list[float]] = {k: [] for k in ("decode_cpu", "features_cpu", "model_cpu", "total_cpu",
                                                        "total_wall")}
        for p in paths[::step][: args.n]:
            w0, c0 = time.perf_counter(), time.process_time()
            rgb = load_image(p)
            c1 = time.process_time()
            x = image_features(rgb)
            c2 = time.process_time()
            clf.score_features(x)
            c3 = time.process_time()
            rows["decode_cpu"].append(c1 - c0)
            rows["features_cpu"].append(c2 - c1)
            rows["model_cpu"].append(c3 - c2)
            rows["total_cpu"].append(c3 - c0)
            rows["total_wall"].append(time.perf_counter() - w0)
        report[name] = {"n": len(rows["total_cpu"]), **{k: _stats(v) for k, v in rows.items()}}
    text = json.dumps(report, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
