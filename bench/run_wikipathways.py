#!/usr/bin/env python3
"""Benchmark ``pathfig run`` on 200 rendered WikiPathways diagrams, as given and as journals publish.

usage: python bench/run_wikipathways.py [--out bench/out/wikipathways] [--workers N] [--keep] [--threshold T]
                                        [--only png|jpeg75]

Two variants, each a fresh ``pathfig run`` (figure id = WP id = file stem):
  png     ``../shared/wikipathways/WP*.png`` as given;
  jpeg75  the same images at 75 % size saved as JPEG quality 75 (how journals publish).
Each is scored by ``../shared/tools/score_wp.py truth.json genes.tsv``. Target (issue 3): median
recall ≥ 0.95 and precision ≥ 0.98 on both. Speed and memory are reported as in run_figures.py.
Writes ``OUT/<variant>/bench.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_common import SHARED, run_and_time, score, speed_report  # noqa: E402


def make_jpeg75(src: Path, dst: Path) -> list[Path]:
    """JPEG quality 75 at 75 % size of every PNG in ``src`` (made once, kept in ``dst``)."""
    dst.mkdir(parents=True, exist_ok=True)
    out = []
    for png in sorted(src.glob("WP*.png")):
        jpg = dst / (png.stem + ".jpg")
        if not jpg.exists():
            with Image.open(png) as im:
                rgb = im.convert("RGB")
                size = (max(1, round(rgb.width * 0.75)), max(1, round(rgb.height * 0.75)))
                rgb.resize(size, Image.Resampling.LANCZOS).save(jpg, quality=75)
        out.append(jpg)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "wikipathways")
    ap.add_argument("--workers", type=int, default=None, help="worker processes (default: cores)")
    ap.add_argument("--threshold", type=float, default=0.5,
                    help="pathway-classifier gate as in `pathfig run` (default 0.5); a negative value skips it")
    ap.add_argument("--engine", default="rapidocr", help="OCR engine as in `pathfig run --engine`")
    ap.add_argument("--keep", action="store_true", help="reuse the stores and OCR caches")
    ap.add_argument("--only", choices=("png", "jpeg75"), default=None)
    args = ap.parse_args(argv)

    wp = SHARED / "wikipathways"
    variants = {"png": sorted(wp.glob("WP*.png"))}
    if args.only in (None, "jpeg75"):
        variants["jpeg75"] = make_jpeg75(wp, args.out / "jpeg75-inputs")
    if args.only == "jpeg75":
        del variants["png"]
    results = {}
    for name, images in variants.items():
        out = args.out / name
        print(f"\n=== {name}: {len(images)} images ===")
        summary, wall = run_and_time(list(images), out, workers=args.workers, fresh=not args.keep,
                               threshold=args.threshold if args.threshold >= 0 else None, engine=args.engine)
        print("\n".join(summary.lines(max_failures=5)))
        quality = score("score_wp.py", wp / "truth.json", out / "genes.tsv")
        print(quality)
        speed = speed_report(summary, wall, out)
        for key, value in speed.items():
            print(f"{key}: {value}")
        results[name] = {"quality": quality, "speed": speed}
        (out / "bench.json").write_text(json.dumps(results[name], indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
