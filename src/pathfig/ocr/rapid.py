"""The default OCR engine: RapidOCR (PaddleOCR models on onnxruntime), fully offline.

Only the models bundled in the ``rapidocr`` wheel, and pathfig's int8 copies of two of them
(``pathfig/ocr/models``, made by ``scripts/quantize_ocr_models.py``), are used, by explicit
path: RapidOCR would download any other model on first use, and pathfig never downloads
behind the user's back.
Each process loads the models once (lazily, on the first ``read``) and runs onnxruntime on
one thread, so parallelism comes from worker processes, not from threads fighting for cores.

RapidOCR's own ``__call__`` drops what we need (which crops were turned, per-character
positions) and shrinks images over 2000 px, so :meth:`RapidOcrEngine.read` runs its
detection → orientation → recognition steps itself and builds :class:`Line` records.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import platform
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from pathfig.errors import OcrError
from pathfig.models import Line
from pathfig.ocr.geometry import Quad
from pathfig.ocr.words import line_from_quad

__all__ = ["BUNDLED_MODELS", "INT8_MODELS", "MODEL_CHOICES", "RapidOcrEngine", "int8_supported"]

logger = logging.getLogger(__name__)

#: The model files shipped in the rapidocr wheel (``rapidocr/models/``), by task.
BUNDLED_MODELS = {
    "det": "PP-OCRv6_det_small.onnx",
    "cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
    "rec": "PP-OCRv6_rec_small.onnx",
}

#: pathfig's int8 copies of the detector and recogniser (``pathfig/ocr/models``): about a third
#: less OCR time for about one point fewer labels read (BENCHMARKS.md, "OCR").
INT8_MODELS = {
    "det": "PP-OCRv6_det_small.int8.onnx",
    "rec": "PP-OCRv6_rec_small.int8.onnx",
}
INT8_DIR = Path(__file__).resolve().parent / "models"

#: ``models=``: ``int8`` (pathfig's copies), ``float`` (the wheel's), ``auto`` (int8 where
#: the CPU multiplies 8-bit numbers exactly, see :func:`int8_supported`, else float).
MODEL_CHOICES = ("auto", "int8", "float")

#: RapidOCR keys a caller may not set: they would select a model that is not bundled.
_FORBIDDEN = ("model_path", "model_dir", "model_root_dir", "engine_type", "ocr_version",
              "model_type", "lang_type", "rec_keys_path")


def _models_dir() -> Path:
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        raise OcrError("the rapidocr package is not installed; pip install rapidocr==3.10.0")
    return Path(next(iter(spec.submodule_search_locations))) / "models"


def int8_supported(cpuinfo: str | Path = "/proc/cpuinfo", machine: str | None = None) -> bool:
    """Whether this CPU runs the int8 models as they were measured: x86-64 with VNNI.

    x86 CPUs without VNNI (AVX2/AVX-512 only) add uint8×int8 products pairwise in 16 bits,
    which saturates and costs accuracy on models like these; other CPUs are not measured.
    """
    if (machine or platform.machine()).lower() not in ("x86_64", "amd64"):
        return False
    try:
        with open(cpuinfo, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    return bool(flags & {"avx512_vnni", "avx_vnni"})
    except OSError:
        pass
    return False


def _sha12(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except OSError:
        return "missing"


def _dist_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


class RapidOcrEngine:
    """RapidOCR with the PP-OCRv6 small detector and recogniser of its wheel.

    ``models`` picks their precision (:data:`MODEL_CHOICES`): ``auto`` (default) uses
    pathfig's int8 copies on CPUs with VNNI and the wheel's float models elsewhere. With int8
    models, an image whose median line confidence is below ``float_below`` is read again with
    the float ones: quantization costs labels only where text is at the edge of legibility
    (blurred 6-px type), which is also where the recogniser is unsure.

    Detector settings (RapidOCR's ``config.yaml``): ``box_thresh`` (minimum mean score of a
    detected box), ``unclip_ratio`` (how far a box is grown around its text), ``det_thresh``
    (pixel threshold of the text map), ``det_limit_side_len`` (the detector enlarges the
    *short* side to at least this, as long as the long side stays within ``det_max_side``).

    ``use_cls`` runs the 0°/180° line classifier, which tells vertical text reading up from
    text reading down; ``cls_horizontal`` also runs it on horizontal lines (off: upside-down
    labels do not occur in figures and the classifier sometimes flips upright ones).

    Recogniser input: each line crop, scaled to 48 px high, gets a grey right margin of
    ``rec_margin`` × its height and is padded to at least ``rec_min_width`` px; crops are
    recognised ``rec_batch`` at a time (batches are padded to their widest crop). RapidOCR's
    own choice (320 px minimum, batches of 6) reads as well but costs about a third more.

    ``params`` passes further RapidOCR keys (``{"Det.max_candidates": 2000}``); keys that
    choose models are refused. The defaults were chosen with ``bench/ocr_label_recall.py``.
    """

    name = "rapidocr"

    def __init__(
        self,
        *,
        box_thresh: float = 0.4,
        unclip_ratio: float = 1.6,
        det_thresh: float = 0.3,
        det_limit_side_len: int = 736,
        det_max_side: int = 2000,
        use_cls: bool = True,
        cls_horizontal: bool = False,
        rec_min_width: int = 48,
        rec_margin: float = 1.0,
        rec_batch: int = 1,
        models: str = "auto",
        float_below: float = 0.95,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        if models not in MODEL_CHOICES:
            raise OcrError(f"models must be one of {', '.join(MODEL_CHOICES)}, got {models!r}")
        if models == "auto":
            models = "int8" if int8_supported() else "float"
        elif models == "int8" and not int8_supported():
            logger.warning("int8 OCR models on a CPU without VNNI: expect fewer labels read than measured")
        self.models = models
        extra = dict(params or {})
        for key in extra:
            if key.rsplit(".", 1)[-1] in _FORBIDDEN:
                raise OcrError(f"RapidOCR parameter {key!r} is not allowed: pathfig only uses the bundled models")
        self.use_cls = bool(use_cls)
        self.cls_horizontal = bool(cls_horizontal)
        self.det_limit_side_len = int(det_limit_side_len)
        self.det_max_side = int(det_max_side)
        self.rec_margin = float(rec_margin)
        #: RapidOCR parameters (passed on) and pathfig's own (``pathfig.*``): all in the version.
        self.settings: dict[str, Any] = {
            "Det.box_thresh": float(box_thresh),
            "Det.unclip_ratio": float(unclip_ratio),
            "Det.thresh": float(det_thresh),
            "Det.limit_side_len": self.det_limit_side_len,
            "Det.limit_type": "min",
            "Global.use_cls": self.use_cls,
            "Rec.rec_img_shape": [3, 48, int(rec_min_width)],
            "Rec.rec_batch_num": int(rec_batch),
            **extra,
            "pathfig.det_max_side": self.det_max_side,
            "pathfig.cls_horizontal": self.cls_horizontal,
            "pathfig.rec_margin": self.rec_margin,
        }
        self.float_below = float(float_below) if models == "int8" else 0.0
        if self.float_below:
            self.settings["pathfig.float_below"] = self.float_below
        self._ocr: Any = None
        self._float_ocr: Any = None
        self._lock = threading.Lock()
        self._read_lock = threading.Lock()
        self._version: str | None = None

    @property
    def version(self) -> str:
        """Library versions, model files and settings: anything that changes the output."""
        if self._version is None:
            settings = json.dumps(self.settings, sort_keys=True, default=str)
            digest = hashlib.sha256(settings.encode()).hexdigest()[:12]
            models = ",".join(f"{task}={name}" for task, name in sorted(self._model_files().items()))
            if self.models == "int8":
                models += ";int8=" + ",".join(_sha12(INT8_DIR / name) for _, name in sorted(INT8_MODELS.items()))
            self._version = (
                f"rapidocr={_dist_version('rapidocr')};onnxruntime={_dist_version('onnxruntime')};"
                f"{models};settings={digest}"
            )
        return self._version

    def _model_files(self) -> dict[str, str]:
        """Model file names by task, for this engine's precision."""
        if self.models == "int8":
            return {**BUNDLED_MODELS, **INT8_MODELS}
        return dict(BUNDLED_MODELS)

    def _load(self) -> Any:
        """Build the RapidOCR pipeline once; models load on its first use."""
        with self._lock:
            if self._ocr is not None:
                return self._ocr
            models = _models_dir()
            paths = {task: (INT8_DIR if task in INT8_MODELS and self.models == "int8" else models) / name
                     for task, name in self._model_files().items()}
            missing = [str(p) for p in paths.values() if not p.is_file()]
            if missing:
                raise OcrError(
                    f"OCR model files are missing: {', '.join(missing)}; reinstall rapidocr==3.10.0 "
                    "and pathfig, or use the float models (engine rapidocr-float); pathfig does "
                    "not download models"
                )
            from rapidocr import RapidOCR

            params: dict[str, Any] = {
                # One thread per process: run several worker processes instead.
                "EngineConfig.onnxruntime.intra_op_num_threads": 1,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                "Global.log_level": "warning",
                "Global.return_word_box": True,    # per-character positions for word boxes
                "Det.model_path": str(paths["det"]),
                "Cls.model_path": str(paths["cls"]),
                "Rec.model_path": str(paths["rec"]),
                **{k: v for k, v in self.settings.items() if not k.startswith("pathfig.")},
            }
            self._ocr = RapidOCR(params=params)
            if self.float_below:
                # For hard images; RapidOCR loads its models on first use, so only then.
                floats = {task: str(models / name) for task, name in BUNDLED_MODELS.items()}
                self._float_ocr = RapidOCR(params={
                    **params, "Det.model_path": floats["det"], "Rec.model_path": floats["rec"],
                })
            return self._ocr

    def read(self, image: np.ndarray) -> list[Line]:
        """Read an ``(H, W, 3)`` RGB ``uint8`` image at its own resolution."""
        ocr = self._load()
        # RapidOCR keeps per-call state; threads sharing this engine take turns.
        with self._read_lock:
            lines = self._read(ocr, image)
            # Lines under 0.5 (the stage's default cut: arrowheads, specks) say nothing of legibility.
            read = [ln.confidence for ln in lines if ln.confidence >= 0.5]
            if self._float_ocr is not None and read and float(np.median(read)) < self.float_below:
                lines = self._read(self._float_ocr, image)
            return lines

    def _read(self, ocr: Any, image: np.ndarray) -> list[Line]:
        if image.ndim != 3 or image.shape[2] != 3 or image.dtype != np.uint8:
            raise OcrError(f"expected an (H, W, 3) uint8 RGB array, got {image.shape} {image.dtype}")
        from rapidocr.main import RapidOCRError

        bgr = np.ascontiguousarray(image[:, :, ::-1])   # the PaddleOCR models expect BGR
        op_record: dict[str, Any] = {"preprocess": {"ratio_h": 1.0, "ratio_w": 1.0}}
        # The detector enlarges the short side to det_limit_side_len; for a wide strip (one
        # line of labels) that would make a 4000 px wide input. Cap the long side instead.
        short, long_ = min(image.shape[:2]), max(image.shape[:2])
        limit = min(self.det_limit_side_len, int(short * self.det_max_side / long_))
        det_model = ocr._load_det_model()
        det_model.limit_side_len = max(limit, 32)
        # RapidOCR normalises the detector input with float64 mean/std (a float64 copy of the
        # whole image, ~20 ms a figure); float32 ones keep it in float32, the model's own type.
        det_model.mean = np.asarray(det_model.mean, dtype=np.float32)
        det_model.std = np.asarray(det_model.std, dtype=np.float32)
        try:
            crops, det = ocr.detect_and_crop(bgr, op_record)
        except RapidOCRError:      # "the text detection result is empty"
            return []
        cls_labels: list[tuple[str, float]] = [("0", 0.0)] * len(crops)
        if self.use_cls:
            # Upside-down horizontal text does not occur in figures, and the classifier
            # sometimes flips upright labels (then read as garbage); vertical crops need it
            # to tell text reading up from text reading down.
            todo = [i for i in range(len(crops)) if self.cls_horizontal or _is_vertical(det.boxes[i])]
            if todo:
                turned, cls = ocr.cls_and_rotate([crops[i] for i in todo])
                for j, i in enumerate(todo):
                    crops[i] = turned[j]
                    cls_labels[i] = cls.cls_res[j]
        padded, keep = _pad_right(crops, self.rec_margin)
        rec = ocr.recognize_txt(padded)
        pad = op_record.get("padding_1", {})
        top, left = float(pad.get("top", 0)), float(pad.get("left", 0))
        h, w = image.shape[:2]
        cls_thresh = float(ocr.cfg.Cls.cls_thresh)
        lines: list[Line] = []
        for i, (text, score) in enumerate(zip(rec.txts, rec.scores)):
            if not text or not text.strip():
                continue
            pts = np.asarray(det.boxes[i], dtype=np.float64).copy()
            pts[:, 0] = np.clip(pts[:, 0] - left, 0, w)
            pts[:, 1] = np.clip(pts[:, 1] - top, 0, h)
            label, cls_score = cls_labels[i]
            flipped = "180" in str(label) and float(cls_score) > cls_thresh
            quad, orientation = _reading_quad(pts, flipped, vertical=_is_vertical(det.boxes[i]))
            info = rec.word_results[i] if rec.word_results else None
            centres, confs = _char_positions(text, info, keep[i])
            lines.append(line_from_quad(
                text, quad, confidence=float(score), orientation=orientation,
                char_centres=centres, char_confidences=confs,
            ))
        return lines


def _pad_right(crops: list[np.ndarray], margin: float) -> tuple[list[np.ndarray], list[float]]:
    """Give each line crop a blank right margin of ``margin`` × its height.

    The recogniser tends to drop a line's last character when the text runs to the end of
    its input; RapidOCR's fixed minimum width (320 px at height 48) hides this for short
    words at a large cost, a margin proportional to the text height does it cheaply. The
    margin is the grey RapidOCR pads with. Returns the crops and, for each, the share of
    its width that is text.
    """
    if margin <= 0:
        return crops, [1.0] * len(crops)
    out, keep = [], []
    for c in crops:
        h, w = c.shape[:2]
        extra = int(round(margin * h))
        if extra <= 0 or w == 0:
            out.append(c)
            keep.append(1.0)
            continue
        padded = np.full((h, w + extra, c.shape[2]), 128, dtype=c.dtype)
        padded[:, :w] = c
        out.append(padded)
        keep.append(w / (w + extra))
    return out, keep


def _is_vertical(pts: np.ndarray) -> bool:
    """Whether RapidOCR turns this box's crop a quarter (at least 1.5× taller than wide)."""
    pts = np.asarray(pts, dtype=np.float64)
    width = int(max(np.linalg.norm(pts[0] - pts[1]), np.linalg.norm(pts[2] - pts[3])))
    height = int(max(np.linalg.norm(pts[0] - pts[3]), np.linalg.norm(pts[1] - pts[2])))
    return width > 0 and height / width >= 1.5


def _reading_quad(pts: np.ndarray, flipped: bool, *, vertical: bool) -> tuple[Quad, int]:
    """Corners in reading order and the reading direction, as RapidOCR cropped the line.

    RapidOCR crops ``pts`` (TL, TR, BR, BL) to a rectangle and turns crops at least 1.5× taller
    than wide a quarter turn anticlockwise, which sets text reading top-to-bottom upright;
    the classifier then flips upside-down crops (text reading bottom-to-top).
    """
    p = [(float(x), float(y)) for x, y in pts]
    if vertical:
        quad: Quad = (p[1], p[2], p[3], p[0])
        orientation = 270
    else:
        quad = (p[0], p[1], p[2], p[3])
        orientation = 0
    if flipped:
        quad = (quad[2], quad[3], quad[0], quad[1])
        orientation = (orientation + 180) % 360
    return quad, orientation


def _char_positions(
    text: str, info: Any, keep: float = 1.0,
) -> tuple[list[float] | None, list[float] | None]:
    """Centre of every character of ``text`` as a fraction of the line, from CTC columns.

    ``keep`` is the share of the recogniser's input that was the line (the rest a margin).
    """
    if info is None or not getattr(info, "word_cols", None) or not info.line_txt_len:
        return None, None
    cols = [c for word in info.word_cols for c in word]
    confs: Sequence[float] | None = info.confs if len(info.confs) == len(text) else None
    slots = [i for i, ch in enumerate(text) if not ch.isspace()]
    if len(cols) != len(slots):
        return None, list(confs) if confs else None
    length = float(info.line_txt_len) * keep
    centres: list[float | None] = [None] * len(text)
    for i, col in zip(slots, cols):
        centres[i] = min(1.0, (col + 0.5) / length)
    # Spaces sit halfway between their neighbours.
    known = [i for i, c in enumerate(centres) if c is not None]
    for i, c in enumerate(centres):
        if c is None:
            before = max((k for k in known if k < i), default=None)
            after = min((k for k in known if k > i), default=None)
            lo = centres[before] if before is not None else 0.0
            hi = centres[after] if after is not None else 1.0
            centres[i] = (lo + hi) / 2  # type: ignore[operator]
    return [float(c) for c in centres if c is not None], list(confs) if confs else None
