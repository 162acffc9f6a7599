"""The real RapidOCR engine on a few small figures drawn in code (offline, bundled models).

Kept few and small: each figure costs the detector and recogniser about a second on one core.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pathfig.errors import OcrError
from pathfig.models import Box, OcrResult
from pathfig.ocr import get_engine, ocr_image
from pathfig.ocr.geometry import containment
from pathfig.ocr.rapid import BUNDLED_MODELS, INT8_DIR, INT8_MODELS, RapidOcrEngine, _models_dir, int8_supported


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _label(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, size: int) -> Box:
    """Draw ``text`` in a node box; return the box of the ink."""
    font = _font(size)
    x0, y0, x1, y1 = draw.textbbox(xy, text, font=font)
    draw.rectangle([x0 - 8, y0 - 6, x1 + 8, y1 + 6], outline="black", width=2)
    draw.text(xy, text, fill="black", font=font)
    return Box(x0, y0, x1, y1)


def _word_box(result: OcrResult, text: str) -> Box:
    hits = [w for w in result.words if w.text == text]
    assert hits, f"{text!r} not read; got {[w.text for w in result.words]}"
    assert hits[0].box is not None
    return hits[0].box


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    eng = get_engine("rapidocr")
    assert isinstance(eng, RapidOcrEngine)
    return eng


@pytest.mark.parametrize("models", ["default", "float", "int8"])
def test_reads_gene_labels_with_boxes(engine: RapidOcrEngine, models: str) -> None:
    if models != "default":
        engine = RapidOcrEngine(models=models)
    img = Image.new("RGB", (420, 150), "white")
    d = ImageDraw.Draw(img)
    drawn = {
        "TP53": _label(d, (30, 30), "TP53", 22),
        "MDM2": _label(d, (170, 30), "MDM2", 22),
        "AKT1": _label(d, (300, 95), "AKT1", 22),
    }
    d.line([(95, 42), (160, 42)], fill="black", width=2)
    res = ocr_image(np.asarray(img), engine=engine)
    assert (res.width, res.height) == (420, 150)
    assert res.engine == "rapidocr" and res.engine_version == engine.version
    for text, box in drawn.items():
        got = _word_box(res, text)
        assert containment(got, box) > 0.6, f"{text}: read at {got}, drawn at {box}"
    assert all(w.confidence > 0.8 for w in res.words if w.text in drawn)
    assert all(ln.orientation == 0 for ln in res.lines)


def test_words_of_a_line_get_their_own_boxes(engine: RapidOcrEngine) -> None:
    img = Image.new("RGB", (420, 80), "white")
    d = ImageDraw.Draw(img)
    font = _font(22)
    d.text((20, 25), "EGFR activates KRAS", fill="black", font=font)
    res = ocr_image(np.asarray(img), engine=engine)
    line = next(ln for ln in res.lines if "KRAS" in ln.text)
    egfr, kras = _word_box(res, "EGFR"), _word_box(res, "KRAS")
    start = d.textbbox((20, 25), "EGFR activates ", font=font)[2]
    assert egfr.x1 < kras.x0
    assert abs(kras.x0 - start) < 12, "the word box starts where the word was drawn"
    assert {w.line for w in line.words} == {res.lines.index(line)}


@pytest.mark.parametrize(("turn", "orientation"), [(90, 90), (-90, 270)])
def test_vertical_label(engine: RapidOcrEngine, turn: int, orientation: int) -> None:
    # A compartment name written along the side: turn 90 reads bottom to top.
    strip = Image.new("RGB", (260, 44), "white")
    ImageDraw.Draw(strip).text((10, 8), "CYTOPLASM", fill="black", font=_font(24))
    img = Image.new("RGB", (300, 320), "white")
    img.paste(strip.rotate(turn, expand=True), (20, 20))
    d = ImageDraw.Draw(img)
    _label(d, (140, 150), "JAK2", 22)
    res = ocr_image(np.asarray(img), engine=engine)
    vertical = [ln for ln in res.lines if "CYTOPLASM" in ln.text.replace(" ", "")]
    assert vertical, f"vertical label not read; got {[ln.text for ln in res.lines]}"
    (ln,) = vertical
    assert ln.orientation == orientation
    assert ln.box is not None and ln.box.height > 3 * ln.box.width
    assert containment(ln.box, Box(20, 20, 64, 280)) > 0.8
    assert _word_box(res, "JAK2")


def test_large_figure_small_label_in_far_corner(engine: RapidOcrEngine) -> None:
    # RapidOCR alone would shrink 4000 px to 2000 and lose 14 px text; tiles keep it.
    img = Image.new("RGB", (4000, 3000), "white")
    d = ImageDraw.Draw(img)
    drawn = _label(d, (3800, 2940), "BRCA1", 14)
    d.rectangle([10, 10, 300, 200], outline="black", width=3)    # something in another tile
    res = ocr_image(np.asarray(img), engine=engine)
    got = _word_box(res, "BRCA1")
    assert containment(got, drawn) > 0.6


def test_version_names_libraries_and_models(engine: RapidOcrEngine) -> None:
    v = engine.version
    assert "rapidocr=3.10.0" in v and "onnxruntime=" in v
    for name in engine._model_files().values():
        assert name in v
    assert RapidOcrEngine(box_thresh=0.3).version != v, "thresholds are part of the version"
    assert get_engine("rapidocr") is engine, "one engine (one model load) per process"


def test_model_choosing_parameters_are_refused() -> None:
    with pytest.raises(OcrError, match="bundled"):
        RapidOcrEngine(params={"Rec.model_path": "/elsewhere/rec.onnx"})



def test_model_precision_is_part_of_the_version() -> None:
    floats, int8 = RapidOcrEngine(models="float"), RapidOcrEngine(models="int8")
    assert floats.models == "float" and int8.models == "int8"
    for task, name in BUNDLED_MODELS.items():
        assert name in floats.version
        assert (INT8_MODELS.get(task, name)) in int8.version
    assert "int8" not in floats.version
    assert floats.version != int8.version, "OCR cached with one precision is not reused for the other"
    assert RapidOcrEngine().models == ("int8" if int8_supported() else "float")
    with pytest.raises(OcrError, match="models must be one of"):
        RapidOcrEngine(models="fp16")
    assert get_engine("rapidocr-float").models == "float"   # type: ignore[attr-defined]
    assert get_engine("rapidocr-int8").models == "int8"     # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("machine", "flags", "expected"),
    [
        ("x86_64", "fpu sse2 avx2 avx512f avx512_vnni", True),
        ("x86_64", "fpu sse2 avx2 avx_vnni", True),
        ("x86_64", "fpu sse2 avx2 avx512f", False),   # 16-bit pairwise sums saturate
        ("aarch64", "fp asimd asimddp", False),       # not measured
    ],
)
def test_int8_needs_vnni(tmp_path, machine: str, flags: str, expected: bool) -> None:
    info = tmp_path / "cpuinfo"
    info.write_text(f"processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: {flags}\n\n")
    assert int8_supported(info, machine=machine) is expected
    assert int8_supported(tmp_path / "absent", machine="x86_64") is False


def test_int8_models_are_the_ones_their_provenance_names() -> None:
    import hashlib
    import json

    prov = json.loads((INT8_DIR / "PROVENANCE.json").read_text(encoding="utf-8"))
    for task, name in INT8_MODELS.items():
        assert prov["models"][task]["file"] == name
        assert hashlib.sha256((INT8_DIR / name).read_bytes()).hexdigest() == prov["models"][task]["sha256"]
        # Derived from the float model of the pinned rapidocr wheel, not from some other file.
        wheel_model = _models_dir() / BUNDLED_MODELS[task]
        assert hashlib.sha256(wheel_model.read_bytes()).hexdigest() == prov["sources"][task]["sha256"]
    assert prov["calibration_figures"], "the calibration figures are listed"


def test_hard_images_are_read_again_with_float_models(monkeypatch: pytest.MonkeyPatch) -> None:
    from pathfig.models import Line

    eng = RapidOcrEngine(models="int8", float_below=0.95)
    assert eng.settings["pathfig.float_below"] == 0.95
    int8, floats = object(), object()
    eng._ocr, eng._float_ocr = int8, floats
    confidences: dict[object, list[float]] = {}

    def read(ocr: object, image: np.ndarray) -> list[Line]:
        return [Line(text=f"L{i}", confidence=c) for i, c in enumerate(confidences[ocr])]

    monkeypatch.setattr(eng, "_read", read)
    monkeypatch.setattr(eng, "_load", lambda: int8)
    img = np.zeros((8, 8, 3), np.uint8)
    confidences[floats] = [0.99, 0.98]
    confidences[int8] = [0.99, 0.97, 0.96, 0.2, 0.1]     # specks under 0.5 do not count
    assert [ln.confidence for ln in eng.read(img)] == confidences[int8]
    confidences[int8] = [0.99, 0.93, 0.90, 0.94]          # median 0.935: read again
    assert [ln.confidence for ln in eng.read(img)] == [0.99, 0.98]
    confidences[int8] = []
    assert eng.read(img) == []
    # Float models have nothing to fall back to; int8 without the rule never re-reads.
    assert RapidOcrEngine(models="float").float_below == 0.0
    assert "pathfig.float_below" not in RapidOcrEngine(models="int8", float_below=0).settings
