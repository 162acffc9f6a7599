"""Derive pathfig's int8 OCR models from the float PP-OCR models in the rapidocr wheel.

usage: python scripts/quantize_ocr_models.py FIGURE... [--out src/pathfig/ocr/models]
           [--sample N] [--seed S] [--percentile P]

The detector's convolutions and the recogniser's convolutions and matrix products are
quantized statically (onnxruntime ``quantize_static``: QDQ, per-channel int8 weights, uint8
activations). Activation ranges come from the inputs the two models see while pathfig reads
real figures with the float models (``FIGURE...``: image files or folders; ``--sample`` of them
at random), clipped at the ``--percentile`` of each activation's values: min/max ranges let a
few outliers stretch the scale and cost 3 points of labels read, the 99.999th percentile ~1.

Needs ``onnx`` (``pip install -e ".[models]"``) and ~11 GB of memory for the detector's
calibration; run time is not affected (the models only need onnxruntime). Writes
``PP-OCRv6_det_small.int8.onnx``, ``PP-OCRv6_rec_small.int8.onnx`` and ``PROVENANCE.json``
(sources, their sha256, calibration figures, settings, date). The figures for the bundled
models and their measured effect are in BENCHMARKS.md ("OCR").
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.metadata
import json
import random
import sys
import tempfile
from pathlib import Path

import numpy as np

from pathfig.ocr.rapid import BUNDLED_MODELS, INT8_MODELS, _models_dir

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".webp"}
#: Recogniser inputs are padded or cut to this width, detector inputs cut into squares of this
#: side: the histogram calibrators need one shape per model.
REC_WIDTH = 320
DET_SIDE = 640


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def figures(inputs: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in inputs:
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.suffix.lower() in IMAGE_SUFFIXES)
        elif p.suffix.lower() in IMAGE_SUFFIXES:
            out.append(p)
        else:
            sys.exit(f"{p}: not an image file or folder")
    return out


def capture(paths: list[Path], models: Path) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The detector's and recogniser's inputs while pathfig reads ``paths`` with float models."""
    import onnxruntime as ort

    from pathfig.ocr import ocr_image
    from pathfig.ocr.rapid import RapidOcrEngine

    det_in: list[np.ndarray] = []
    rec_in: list[np.ndarray] = []
    run = ort.InferenceSession.run

    def spy(self, output_names, feed, *args, **kwargs):  # type: ignore[no-untyped-def]
        path = str(getattr(self, "_model_path", ""))
        x = next(iter(feed.values()))
        if path.endswith(BUNDLED_MODELS["det"]):
            det_in.append(np.array(x))
        elif path.endswith(BUNDLED_MODELS["rec"]):
            rec_in.extend(np.array(x[i : i + 1]) for i in range(x.shape[0]))
        return run(self, output_names, feed, *args, **kwargs)

    ort.InferenceSession.run = spy  # type: ignore[method-assign]
    try:
        engine = RapidOcrEngine(models="float")
        for p in paths:
            ocr_image(p, engine=engine)
    finally:
        ort.InferenceSession.run = run  # type: ignore[method-assign]
    return det_in, rec_in


def fixed_shapes(det_in: list[np.ndarray], rec_in: list[np.ndarray], rng: random.Random,
                 ) -> tuple[list[np.ndarray], list[np.ndarray]]:
    rec = []
    for x in rec_in:
        y = np.zeros((1, 3, x.shape[2], REC_WIDTH), np.float32)
        w = min(REC_WIDTH, x.shape[3])
        y[..., :w] = x[..., :w]
        rec.append(y)
    det = []
    for x in det_in:
        h, w = x.shape[2:]
        if h < DET_SIDE or w < DET_SIDE:
            continue
        for _ in range(2):
            top, left = rng.randrange(h - DET_SIDE + 1), rng.randrange(w - DET_SIDE + 1)
            det.append(np.ascontiguousarray(x[:, :, top : top + DET_SIDE, left : left + DET_SIDE]))
    return det, rec


def quantize(src: Path, out: Path, data: list[np.ndarray], ops: list[str], percentile: float) -> None:
    import onnx
    from onnx import version_converter
    from onnxruntime.quantization import (
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )
    from onnxruntime.quantization.shape_inference import quant_pre_process

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.items = iter(data)

        def get_next(self) -> dict[str, np.ndarray] | None:
            x = next(self.items, None)
            return None if x is None else {"x": x}

    with tempfile.TemporaryDirectory() as tmp:
        # Per-channel QDQ needs opset >= 13; the PP-OCR exports are older.
        converted = Path(tmp) / "opset17.onnx"
        onnx.save(version_converter.convert_version(onnx.load(str(src)), 17), str(converted))
        prepared = Path(tmp) / "prepared.onnx"
        quant_pre_process(str(converted), str(prepared), skip_symbolic_shape=True)
        quantize_static(
            str(prepared), str(out), Reader(), quant_format=QuantFormat.QDQ, per_channel=True,
            activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
            calibrate_method=CalibrationMethod.Percentile, op_types_to_quantize=ops,
            extra_options={"CalibPercentile": percentile},
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("figures", type=Path, nargs="+")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "src/pathfig/ocr/models")
    ap.add_argument("--sample", type=int, default=25, help="figures read for calibration")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--percentile", type=float, default=99.999)
    ap.add_argument("--det-crops", type=int, default=30)
    ap.add_argument("--rec-lines", type=int, default=200)
    a = ap.parse_args()

    rng = random.Random(a.seed)
    paths = figures(a.figures)
    rng.shuffle(paths)
    paths = sorted(paths[: a.sample])
    if not paths:
        sys.exit("no figures to calibrate on")
    models = _models_dir()
    print(f"reading {len(paths)} figures with the float models ...", flush=True)
    det_in, rec_in = capture(paths, models)
    det, rec = fixed_shapes(det_in, rec_in, rng)
    rng.shuffle(det)
    rng.shuffle(rec)
    det, rec = det[: a.det_crops], rec[: a.rec_lines]
    print(f"calibration: {len(det)} detector crops of {DET_SIDE} px, {len(rec)} recogniser lines", flush=True)
    a.out.mkdir(parents=True, exist_ok=True)
    jobs = {"det": (["Conv"], det), "rec": (["Conv", "MatMul"], rec)}
    for task, (ops, data) in jobs.items():
        print(f"quantizing {BUNDLED_MODELS[task]} ({', '.join(ops)}) ...", flush=True)
        quantize(models / BUNDLED_MODELS[task], a.out / INT8_MODELS[task], data, ops, a.percentile)
    provenance = {
        "created": dt.date.today().isoformat(),
        "script": "scripts/quantize_ocr_models.py",
        "license": "Apache-2.0 (PaddleOCR PP-OCR models, as shipped in the rapidocr wheel)",
        "sources": {
            task: {"file": f"rapidocr=={importlib.metadata.version('rapidocr')}:rapidocr/models/{BUNDLED_MODELS[task]}",
                   "sha256": sha256(models / BUNDLED_MODELS[task])}
            for task in jobs
        },
        "models": {task: {"file": INT8_MODELS[task], "sha256": sha256(a.out / INT8_MODELS[task])} for task in jobs},
        "quantization": {
            "tool": f"onnxruntime=={importlib.metadata.version('onnxruntime')} quantize_static",
            "format": "QDQ, per-channel int8 weights, uint8 activations",
            "operators": {task: ops for task, (ops, _) in jobs.items()},
            "calibration": f"percentile {a.percentile}",
            "detector_crops": len(det), "recogniser_lines": len(rec), "seed": a.seed,
        },
        "calibration_figures": [{"name": p.name, "sha256": sha256(p)} for p in paths],
    }
    (a.out / "PROVENANCE.json").write_text(json.dumps(provenance, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
