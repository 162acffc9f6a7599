"""OCR label recall, speed and memory on real published figures with curated labels.

For every scored figure of the gold file, run the OCR stage (no cache) and count a gold label
as *read* when its normalised text (upper case, Greek letters spelled in Latin — κ→K —,
everything but letters and digits removed) is a substring of the normalised text of one line,
or of a few adjacent lines joined (the next line in reading order, or the line stacked right
below it: node labels often wrap). Reports the fraction of labels read, seconds per figure
(wall clock and CPU time of the one-thread process: the CPU figure is what one core costs
and is robust to other load on the machine) and peak RSS.

    python bench/ocr_label_recall.py                       # defaults, the 37 scored figures
    python bench/ocr_label_recall.py --all-figures         # + speed on all 161 figures
    python bench/ocr_label_recall.py --upscale 1 --vertical --box-thresh 0.4 --json out.json

Needs ../shared (figures and gold); not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np

from pathfig.models import Line, OcrResult
from pathfig.ocr import OcrOptions, get_engine, ocr_image

__all__ = ["label_read", "main", "normalise"]

DEFAULTS = OcrOptions()
CONFIDENCE_CUTS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7)
SHARED = Path(os.environ.get("PATHFIG_SHARED", Path(__file__).resolve().parents[2] / "shared"))
GREEK = str.maketrans({
    "α": "A", "β": "B", "γ": "G", "δ": "D", "ε": "E", "ζ": "Z", "η": "H", "θ": "Q", "ι": "I",
    "κ": "K", "λ": "L", "μ": "M", "ν": "N", "ξ": "X", "π": "P", "ρ": "R", "σ": "S", "τ": "T",
    "υ": "U", "φ": "F", "χ": "C", "ψ": "Y", "ω": "W",
})
NON_ALNUM = re.compile(r"[^0-9A-Z]+")


def normalise(text: str, *, greek: bool = True) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    if greek:
        text = text.translate(GREEK)
    return NON_ALNUM.sub("", text.upper())


def _candidates(lines: list[Line], *, greek: bool) -> list[str]:
    """Normalised texts of single lines and of chains of up to three adjacent lines."""
    norm = [normalise(ln.text, greek=greek) for ln in lines]
    nxt: list[set[int]] = [set() for _ in lines]
    for i, a in enumerate(lines):
        if i + 1 < len(lines):
            nxt[i].add(i + 1)
        if a.box is None:
            continue
        h = max(a.box.height if a.orientation in (0, 180) else a.box.width, 1.0)
        below = [
            j for j, b in enumerate(lines)
            if j != i and b.box is not None and 0 <= b.box.y0 - a.box.y1 + h * 0.3 <= 1.8 * h
            and min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0) > 0
        ]
        if below:
            nxt[i].add(min(below, key=lambda j: lines[j].box.y0))  # type: ignore[union-attr]
    out = list(norm)
    for i in range(len(lines)):
        for j in nxt[i]:
            out.append(norm[i] + norm[j])
            for k in nxt[j]:
                if k != i:
                    out.append(norm[i] + norm[j] + norm[k])
    return out


def label_read(label: str, lines: list[Line], *, greek: bool = True) -> bool:
    target = normalise(label, greek=greek)
    return bool(target) and any(target in c for c in _candidates(lines, greek=greek))


def _degrade(path: Path, scale: float) -> bytes:
    """The image shrunk by ``scale`` and saved as JPEG quality 75, like a journal's copy."""
    import io

    from PIL import Image

    with Image.open(path) as im:
        rgb = im.convert("RGB")
        rgb = rgb.resize((max(1, round(rgb.width * scale)), max(1, round(rgb.height * scale))),
                         Image.Resampling.LANCZOS)
        buf = io.BytesIO()
        rgb.save(buf, "JPEG", quality=75)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--figures", type=Path, default=SHARED / "figures")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "gold_dev.json")
    ap.add_argument("--all-figures", action="store_true", help="time all figures, not only scored ones")
    ap.add_argument("--wikipathways", type=Path, nargs="?", const=SHARED / "wikipathways",
                    help="use the WikiPathways renders and truth.json (gene labels) instead")
    ap.add_argument("--degrade", type=float, metavar="SCALE",
                    help="shrink each image by SCALE and re-encode as JPEG q75 first (harder WikiPathways)")
    ap.add_argument("--min-long-side", type=int, default=0, help="only figures at least this long")
    ap.add_argument("--every", type=int, default=1, help="take every n-th figure (a spread sample)")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", type=Path, help="write per-figure results here")
    ap.add_argument("--dump", type=Path, help="write each OcrResult as JSON into this directory")
    ap.add_argument("--upscale", type=float, default=DEFAULTS.upscale)
    ap.add_argument("--upscale-below", type=int, default=DEFAULTS.upscale_below)
    ap.add_argument("--small-text-upscale", type=float, default=DEFAULTS.small_text_upscale,
                    help="second reading of small text at this scale (1: off)")
    ap.add_argument("--small-text-below", type=float, default=DEFAULTS.small_text_below)
    ap.add_argument("--small-text-unsure", type=float, default=DEFAULTS.small_text_unsure)
    ap.add_argument("--vertical", action=argparse.BooleanOptionalAction, default=DEFAULTS.vertical)
    ap.add_argument("--vertical-min-confidence", type=float, default=DEFAULTS.vertical_min_confidence)
    ap.add_argument("--min-confidence", type=float, default=DEFAULTS.min_confidence)
    ap.add_argument("--tile-above", type=int, default=DEFAULTS.tile_above)
    ap.add_argument("--tile-size", type=int, default=DEFAULTS.tile_size)
    ap.add_argument("--tile-overlap", type=int, default=DEFAULTS.tile_overlap)
    ap.add_argument("--box-thresh", type=float)
    ap.add_argument("--unclip-ratio", type=float)
    ap.add_argument("--det-thresh", type=float)
    ap.add_argument("--det-limit", type=int, help="Det.limit_side_len")
    ap.add_argument("--cls", action=argparse.BooleanOptionalAction, default=None)
    ap.add_argument("--rec-min-width", type=int)
    ap.add_argument("--rec-margin", type=float)
    ap.add_argument("--rec-batch", type=int)
    ap.add_argument("--models", choices=["auto", "int8", "float"], help="model precision (default: auto)")
    ap.add_argument("--float-below", type=float,
                    help="int8: read again with float models below this median line confidence (0: never)")
    ap.add_argument("--param", action="append", default=[], metavar="KEY=JSON",
                    help="extra RapidOCR parameter, e.g. Rec.rec_batch_num=12")
    args = ap.parse_args(argv)

    if args.wikipathways:
        truth: dict[str, Any] = json.loads((args.wikipathways / "truth.json").read_text())
        scored = {
            k: {"labels": [{"text": t} for t in sorted({g["label"] for g in v["genes"]})]}
            for k, v in truth.items() if (args.wikipathways / f"{k}.png").exists()
        }
        figs = [args.wikipathways / f"{k}.png" for k in sorted(scored)]
    else:
        gold: dict[str, Any] = json.loads(args.gold.read_text())
        scored = {k: v for k, v in gold.items() if v.get("scored")}
        figs = sorted(args.figures.glob("*.jpg")) if args.all_figures else [
            args.figures / f"{k}.jpg" for k in sorted(scored)
        ]
    if args.min_long_side:
        from PIL import Image

        def long_side(p: Path) -> int:
            with Image.open(p) as im:
                return max(im.size)

        figs = [p for p in figs if long_side(p) >= args.min_long_side]
    figs = figs[:: args.every]
    if args.limit:
        figs = figs[: args.limit]

    engine_params: dict[str, Any] = {}
    for flag, key in (("box_thresh", "box_thresh"), ("unclip_ratio", "unclip_ratio"),
                      ("det_thresh", "det_thresh"), ("det_limit", "det_limit_side_len"), ("cls", "use_cls"),
                      ("rec_min_width", "rec_min_width"), ("rec_margin", "rec_margin"), ("rec_batch", "rec_batch"),
                      ("models", "models"), ("float_below", "float_below")):
        if getattr(args, flag) is not None:
            engine_params[key] = getattr(args, flag)
    if args.param:
        engine_params["params"] = {k: json.loads(v) for k, v in (p.split("=", 1) for p in args.param)}
    engine = get_engine("rapidocr", **engine_params)
    # Read with no confidence cut and apply the thresholds here, to report several at once.
    cuts = sorted({args.min_confidence, *CONFIDENCE_CUTS})
    options = OcrOptions(
        upscale=args.upscale, upscale_below=args.upscale_below, vertical=args.vertical,
        small_text_upscale=args.small_text_upscale, small_text_below=args.small_text_below,
        small_text_unsure=args.small_text_unsure,
        vertical_min_confidence=args.vertical_min_confidence, min_confidence=0.0,
        tile_above=max(args.tile_above, args.tile_size), tile_size=args.tile_size,
        tile_overlap=args.tile_overlap,
    )
    # Load the models before timing anything (a worker pays this once).
    # A word to read, so that detection, direction and recognition models all load.
    from PIL import Image, ImageDraw

    warm = Image.new("RGB", (256, 64), "white")
    ImageDraw.Draw(warm).text((20, 16), "EGFR", fill="black", font_size=24)
    t0 = time.perf_counter()
    ocr_image(np.asarray(warm), engine=engine, options=options)
    load_s = time.perf_counter() - t0
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)

    rows = []
    n_labels = n_read = n_read_strict = 0
    read_at = dict.fromkeys(cuts, 0)
    for path in figs:
        c0, w0 = time.process_time(), time.perf_counter()
        source: Path | bytes = _degrade(path, args.degrade) if args.degrade else path
        res: OcrResult = ocr_image(source, engine=engine, options=options, name=str(path))
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        figid = path.stem
        row: dict[str, Any] = {"figid": figid, "cpu": cpu, "wall": wall, "lines": len(res.lines),
                               "size": [res.width, res.height]}
        if figid in scored:
            labels = [lab["text"] for lab in scored[figid]["labels"]]
            for cut in cuts:
                kept = [ln for ln in res.lines if ln.confidence >= cut]
                read_at[cut] += sum(label_read(lab, kept) for lab in labels)
            lines = [ln for ln in res.lines if ln.confidence >= args.min_confidence]
            read = [lab for lab in labels if label_read(lab, lines)]
            strict = [lab for lab in labels if label_read(lab, lines, greek=False)]
            row.update(labels=len(labels), read=len(read), read_strict=len(strict),
                       missed=[lab for lab in labels if lab not in read])
            n_labels += len(labels)
            n_read += len(read)
            n_read_strict += len(strict)
        rows.append(row)
        if args.dump:
            (args.dump / f"{figid}.json").write_text(json.dumps(res.to_dict(), ensure_ascii=False))
        print(f"{figid}\t{cpu:.2f}s\t{row.get('read', '-')}/{row.get('labels', '-')}", file=sys.stderr)

    cpus = sorted(r["cpu"] for r in rows)
    walls = sorted(r["wall"] for r in rows)

    def p90(xs: list[float]) -> float:
        return xs[min(len(xs) - 1, int(round(0.9 * (len(xs) - 1))))]

    summary = {
        "figures": len(rows),
        "scored_figures": sum(1 for r in rows if "labels" in r),
        "labels": n_labels,
        "label_read_rate": round(n_read / n_labels, 4) if n_labels else None,
        "label_read_rate_strict": round(n_read_strict / n_labels, 4) if n_labels else None,
        "label_read_rate_by_min_confidence": {
            str(c): round(v / n_labels, 4) for c, v in read_at.items()
        } if n_labels else None,
        "cpu_s_median": round(statistics.median(cpus), 3),
        "cpu_s_p90": round(p90(cpus), 3),
        "wall_s_median": round(statistics.median(walls), 3),
        "wall_s_p90": round(p90(walls), 3),
        "model_load_s": round(load_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "engine_version": engine.version,
        "options": {k: getattr(options, k) for k in options.__dataclass_fields__},
        "engine_params": engine_params,
    }
    print(json.dumps(summary, indent=1, default=str))
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "figures": rows}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
