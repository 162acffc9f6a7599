"""The engine-independent OCR stage, driven by a fake engine that "reads" coloured blocks.

Each label is drawn as a solid block of its own colour; the fake engine finds the blocks in
whatever image it is given (enlarged, a tile, turned a quarter) and reports their boxes in
that image. The stage must map every box back to the original figure exactly.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pathfig.errors import OcrError
from pathfig.models import Box, Line, OcrResult
from pathfig.ocr import ENGINES, OcrOptions, get_engine, ocr_image
from pathfig.ocr.geometry import containment, iou, rotate_box_back
from pathfig.ocr.stage import content_box, merge_readings, merge_tiles, merge_vertical, plan_tiles
from pathfig.ocr.words import box_quad, line_from_quad, split_words

Colour = tuple[int, int, int]


class ColourEngine:
    """Reads blocks of known colours: wide blocks as their label, tall ones as noise."""

    name = "colour"

    def __init__(self, labels: dict[Colour, str], version: str = "1") -> None:
        self.labels = labels
        self.version = version
        self.calls = 0
        self.shapes: list[tuple[int, ...]] = []
        self.seen: dict[str, tuple[float, float]] = {}   # label → block size as last seen

    def read(self, image: np.ndarray) -> list[Line]:
        self.calls += 1
        self.shapes.append(image.shape)
        lines = []
        # Each pixel belongs to the nearest of white and the label colours, so resampled
        # edges count half-way, as ink would.
        palette = [(255, 255, 255), *self.labels]
        px = image.astype(int)
        nearest = np.argmin([np.abs(px - c).sum(axis=2) for c in palette], axis=0)
        for k, (colour, text) in enumerate(self.labels.items(), start=1):
            mask = nearest == k
            ys, xs = np.nonzero(mask)
            if len(xs) < 4:
                continue
            box = Box(float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1))
            self.seen[text] = (box.width, box.height)
            if box.width >= box.height:
                lines.append(line_from_quad(text, box_quad(box), confidence=0.95))
            else:  # vertical text read upright: garbage, as real engines do
                lines.append(line_from_quad("|||", box_quad(box), confidence=0.3))
        return lines


RED, GREEN, BLUE, TEAL = (220, 20, 20), (20, 200, 20), (20, 20, 220), (0, 128, 128)


def _canvas(w: int, h: int, blocks: dict[Colour, tuple[int, int, int, int]]) -> np.ndarray:
    a = np.full((h, w, 3), 255, np.uint8)
    for colour, (x0, y0, x1, y1) in blocks.items():
        a[y0:y1, x0:x1] = colour
    return a


def _find(result: OcrResult, text: str) -> list[Line]:
    return [ln for ln in result.lines if ln.text == text]


def _near(box: Box | None, expected: tuple[int, int, int, int], tol: float = 2.0) -> bool:
    assert box is not None
    return all(abs(a - b) <= tol for a, b in zip((box.x0, box.y0, box.x1, box.y1), expected))


def test_small_figure_is_upscaled_and_boxes_come_back() -> None:
    blocks = {RED: (10, 10, 60, 22), GREEN: (100, 50, 180, 64)}
    eng = ColourEngine({RED: "TP53 MDM2", GREEN: "AKT1"})
    res = ocr_image(_canvas(300, 100, blocks), engine=eng, options=OcrOptions(upscale=2.0))
    assert eng.seen["TP53 MDM2"] == pytest.approx((100, 24), abs=1), "the engine saw it twice as large"
    assert (res.width, res.height) == (300, 100)
    (tp,) = _find(res, "TP53 MDM2")
    assert _near(tp.box, blocks[RED])
    assert [w.text for w in tp.words] == ["TP53", "MDM2"]
    left, right = tp.words
    assert left.box and right.box and left.box.x1 <= right.box.x0, "words split the line left to right"
    (akt,) = _find(res, "AKT1")
    assert _near(akt.box, blocks[GREEN])


def test_no_upscale_for_larger_figures() -> None:
    eng = ColourEngine({RED: "TP53"})
    ocr_image(_canvas(1200, 300, {RED: (10, 10, 60, 22)}), engine=eng, options=OcrOptions(upscale_below=1000))
    assert eng.seen["TP53"] == (50, 12)


def test_word_line_index_is_the_line_position() -> None:
    blocks = {RED: (10, 10, 60, 22), GREEN: (10, 40, 60, 52), BLUE: (80, 10, 130, 22)}
    eng = ColourEngine({RED: "A B", GREEN: "C", BLUE: "D"})
    res = ocr_image(_canvas(200, 80, blocks), engine=eng, options=OcrOptions(upscale=1.0))
    assert [ln.text for ln in res.lines] == ["A B", "D", "C"], "reading order: rows, then left to right"
    for i, ln in enumerate(res.lines):
        assert all(w.line == i for w in ln.words)
    assert [w.text for w in res.words] == ["A", "B", "D", "C"]


def test_large_figure_is_tiled_and_far_corner_labels_found() -> None:
    # 4000×3000 with labels in the far corner, across a tile seam, and at the origin.
    blocks = {
        RED: (3890, 2960, 3990, 2990),      # far bottom-right corner
        GREEN: (1550, 700, 1650, 730),      # across the seam between the first two columns
        BLUE: (5, 5, 80, 30),               # top-left
    }
    eng = ColourEngine({RED: "MDM2", GREEN: "AKT1", BLUE: "TP53"})
    opts = OcrOptions(tile_above=2000, tile_size=1600, tile_overlap=200)
    res = ocr_image(_canvas(4000, 3000, blocks), engine=eng, options=opts)
    assert all(max(s[:2]) <= 1600 for s in eng.shapes), "every tile at most 1600 px"
    for colour, text in ((RED, "MDM2"), (GREEN, "AKT1"), (BLUE, "TP53")):
        found = _find(res, text)
        assert len(found) == 1, f"{text} found once, not once per tile"
        assert _near(found[0].box, blocks[colour])
    assert eng.calls < len(plan_tiles(4000, 3000, 1600, 200)), "blank tiles are skipped"


class SmallTextEngine(ColourEngine):
    """Misses text under ``min_height`` px in the image it is given; reads the rest unsure."""

    def __init__(self, labels: dict[Colour, str], min_height: float, confidence: float = 0.85) -> None:
        super().__init__(labels)
        self.min_height = min_height
        self.confidence = confidence

    def read(self, image: np.ndarray) -> list[Line]:
        return [
            replace(ln, confidence=self.confidence)
            for ln in super().read(image) if ln.box is not None and ln.box.height >= self.min_height
        ]


def test_small_text_is_read_again_larger_and_merged() -> None:
    # RED (10 px) is missed at 1.5× (15 px < 18) and found at 2× (20 px); GREEN (12 px) is
    # found at both scales and makes the figure's median text 12 px.
    blocks = {RED: (10, 10, 70, 20), GREEN: (100, 50, 180, 62)}
    labels = {RED: "MDM2", GREEN: "TP53"}
    opts = OcrOptions(upscale=1.5, small_text_upscale=2.0, small_text_below=13.0)

    eng = SmallTextEngine(labels, min_height=18)
    res = ocr_image(_canvas(300, 100, blocks), engine=eng, options=opts)
    assert eng.calls == 2
    assert eng.seen["TP53"] == pytest.approx((160, 24), abs=1), "the second reading at 2×"
    (mdm2,) = _find(res, "MDM2")
    assert _near(mdm2.box, blocks[RED]), "the second reading's box comes back to the figure's pixels"
    assert len(_find(res, "TP53")) == 1, "read alike at both scales: kept once"
    assert [w.line for w in res.words] == [0, 1]

    off = SmallTextEngine(labels, min_height=18)
    res = ocr_image(_canvas(300, 100, blocks), engine=off, options=OcrOptions(upscale=1.5, small_text_upscale=1.0))
    assert off.calls == 1 and _find(res, "MDM2") == []

    sure = SmallTextEngine(labels, min_height=18, confidence=0.97)
    res = ocr_image(_canvas(300, 100, blocks), engine=sure, options=opts)
    assert sure.calls == 1, "small text read with confidence is read once"
    assert _find(res, "MDM2") == []

    large = SmallTextEngine(labels, min_height=18)
    tall = {RED: (10, 10, 70, 30), GREEN: (100, 50, 180, 70)}
    res = ocr_image(_canvas(300, 100, tall), engine=large, options=opts)
    assert large.calls == 1, "20-px text is read once"
    assert sorted(ln.text for ln in res.lines) == ["MDM2", "TP53"]

    wide = SmallTextEngine(labels, min_height=16.5)   # MDM2: 15 px at 1.5×, 17.8 px at 1.78×
    res = ocr_image(_canvas(900, 100, blocks), engine=wide, options=opts)
    assert wide.calls == 2, "the second reading is not tiled"
    assert wide.seen["TP53"] == pytest.approx((80 * 1600 / 900, 12 * 1600 / 900), abs=1), "2× capped at 1600 px"
    assert len(_find(res, "MDM2")) == 1


def test_vertical_pass_reads_vertical_labels() -> None:
    blocks = {TEAL: (20, 20, 34, 120), RED: (60, 20, 140, 34)}
    eng = ColourEngine({TEAL: "Cytoplasm", RED: "TP53"})
    img = _canvas(200, 150, blocks)

    plain = ocr_image(img, engine=eng, options=OcrOptions(upscale=1.0, vertical=False))
    assert _find(plain, "Cytoplasm") == []

    res = ocr_image(img, engine=eng, options=OcrOptions(upscale=1.0, vertical=True))
    (vert,) = _find(res, "Cytoplasm")
    assert vert.orientation == 90 and all(w.orientation == 90 for w in vert.words)
    assert _near(vert.box, blocks[TEAL])
    assert [ln.text for ln in res.lines if ln.text == "TP53"] == ["TP53"], "no duplicate from the turned pass"
    assert not _find(res, "|||"), "the weak upright reading of the vertical label is replaced"


def test_blank_margins_are_trimmed_before_reading() -> None:
    # A lone label on a large empty canvas: the engine gets its surroundings only.
    eng = ColourEngine({RED: "BRCA1"})
    res = ocr_image(_canvas(1500, 1200, {RED: (1300, 1100, 1360, 1112)}), engine=eng, upscale=1.0)
    (shape,) = eng.shapes
    assert shape[0] < 100 and shape[1] < 150
    assert _near(res.lines[0].box, (1300, 1100, 1360, 1112))
    assert (res.width, res.height) == (1500, 1200)


def test_content_box_uses_the_border_colour() -> None:
    a = np.full((100, 200, 3), (30, 60, 90), np.uint8)     # dark blue background
    a[40:50, 120:160] = 255
    assert content_box(a, margin=5) == (115, 35, 165, 55)
    assert content_box(np.full((20, 20, 3), 7, np.uint8)) is None


def test_low_confidence_lines_are_dropped() -> None:
    eng = ColourEngine({TEAL: "x"})
    res = ocr_image(_canvas(100, 100, {TEAL: (10, 10, 20, 90)}), engine=eng,
                    options=OcrOptions(upscale=1.0, min_confidence=0.5))
    assert res.lines == ()


def test_blank_image_gives_no_lines_without_calling_the_engine() -> None:
    eng = ColourEngine({RED: "x"})
    res = ocr_image(np.full((50, 80, 3), 255, np.uint8), engine=eng)
    assert res.lines == () and eng.calls == 0


def test_engine_failure_names_the_figure(tmp_path: Path) -> None:
    class Broken(ColourEngine):
        def read(self, image: np.ndarray) -> list[Line]:
            raise RuntimeError("onnx exploded")

    path = tmp_path / "fig7.png"
    Image.fromarray(_canvas(100, 60, {RED: (5, 5, 50, 20)})).save(path)
    with pytest.raises(OcrError, match=r"fig7\.png.*onnx exploded"):
        ocr_image(path, engine=Broken({RED: "x"}))


def test_options_overrides_and_unknown_option() -> None:
    eng = ColourEngine({RED: "TP53"})
    img = _canvas(100, 60, {RED: (5, 5, 50, 20)})
    ocr_image(img, engine=eng, upscale=1.0)
    assert eng.seen["TP53"] == (45, 15)
    with pytest.raises(TypeError, match="unknown option"):
        ocr_image(img, engine=eng, upscael=2)


def test_array_modes_accepted_and_bad_arrays_refused() -> None:
    eng = ColourEngine({RED: "TP53"})
    grey = np.full((40, 60), 255, np.uint8)
    grey[5:20, 5:50] = 0
    res = ocr_image(grey, engine=eng)
    assert (res.width, res.height) == (60, 40)
    assert eng.shapes and all(len(shape) == 3 and shape[2] == 3 for shape in eng.shapes)
    with pytest.raises(OcrError, match="uint8"):
        ocr_image(np.zeros((10, 10, 3), np.float32), engine=eng)


def test_engine_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[ColourEngine] = []

    def factory(**params: object) -> ColourEngine:
        made.append(ColourEngine({RED: "EGFR"}, **params))  # type: ignore[arg-type]
        return made[-1]

    monkeypatch.setitem(ENGINES, "colour-test", factory)
    res = ocr_image(_canvas(100, 60, {RED: (5, 5, 50, 20)}), engine="colour-test")
    assert [ln.text for ln in res.lines] == ["EGFR"]
    assert res.engine == "colour"
    assert get_engine("colour-test") is made[0], "one instance per process"
    assert get_engine("colour-test", version="2") is not made[0]
    with pytest.raises(OcrError, match="unknown OCR engine 'nope'.*rapidocr"):
        get_engine("nope")


# --- pieces --------------------------------------------------------------------------------


@pytest.mark.parametrize(("w", "h"), [(4000, 3000), (2001, 500), (1600, 1600), (5000, 1700)])
def test_plan_tiles_cover_with_overlap(w: int, h: int) -> None:
    tiles = plan_tiles(w, h, 1600, 200)
    cover = np.zeros((h, w), bool)
    for x0, y0, x1, y1 in tiles:
        assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h
        assert x1 - x0 <= 1600 and y1 - y0 <= 1600
        cover[y0:y1, x0:x1] = True
    assert cover.all()
    xs = sorted({t[0] for t in tiles})
    ends = sorted({t[2] for t in tiles})
    assert all(e - s >= 200 for s, e in zip(xs[1:], ends[:-1])), "neighbours overlap by >= 200 px"


def _line(text: str, box: Box, conf: float = 0.9, orientation: int = 0) -> Line:
    return line_from_quad(text, box_quad(box, orientation), confidence=conf, orientation=orientation)


def test_merge_tiles_prefers_uncut_copy_and_keeps_same_tile_neighbours() -> None:
    full = _line("MAPK14", Box(1500, 10, 1560, 22), conf=0.8)
    cut = _line("MAPK1", Box(1500, 10, 1600, 22), conf=0.99)
    a, b = _line("A", Box(10, 10, 20, 20)), _line("B", Box(12, 12, 22, 22))
    kept = merge_tiles([(0, cut, True), (1, full, False), (0, a, False), (0, b, False)])
    assert sorted(ln.text for ln in kept) == ["A", "B", "MAPK14"]


def test_merge_vertical_rules() -> None:
    horizontal = _line("TP53", Box(100, 10, 140, 22), conf=0.97)
    noise = _line("|", Box(10, 10, 20, 100), conf=0.4)
    vert = _line("Nucleus", Box(8, 8, 22, 102), conf=0.95, orientation=90)
    flat = _line("TP53", Box(100, 10, 140, 22), conf=0.99, orientation=90)  # not tall: ignored
    weak = _line("Golgi", Box(200, 10, 214, 90), conf=0.5, orientation=270)
    out = merge_vertical([horizontal, noise], [vert, flat, weak], min_confidence=0.8)
    assert sorted(ln.text for ln in out) == ["Nucleus", "TP53"]
    assert [ln.orientation for ln in out if ln.text == "TP53"] == [0]


def test_merge_readings_keeps_both_where_they_differ() -> None:
    first = [
        _line("PDGF", Box(55, 151, 79, 163), conf=0.94),
        _line("TP53 MDM2", Box(100, 10, 180, 22), conf=0.9),
        _line("RAF1", Box(200, 10, 230, 22), conf=0.7),
    ]
    again = [
        _line("FDGF", Box(56, 151, 78, 161), conf=0.98),     # read otherwise: both kept
        _line("TP53", Box(100, 10, 135, 22)),                # the first reading holds it
        _line("MDM2", Box(140, 10, 180, 22)),
        _line("RAF1", Box(201, 11, 229, 21), conf=0.99),     # same text: the first stands
        _line("AKT1", Box(300, 40, 330, 52)),                # only the second found it
    ]
    out = merge_readings(first, again)
    assert sorted((ln.text, ln.confidence) for ln in out) == [
        ("AKT1", 0.9), ("FDGF", 0.98), ("PDGF", 0.94), ("RAF1", 0.7), ("TP53 MDM2", 0.9),
    ]
    assert merge_readings(first, []) == first


def test_split_words_uses_character_positions() -> None:
    # "AB CD": with positions, the second word sits where the engine saw it, not evenly.
    centres = [0.05, 0.15, 0.5, 0.85, 0.95]
    ws = split_words("AB CD", box_quad(Box(0, 0, 100, 10)), char_centres=centres,
                     char_confidences=[0.9, 0.7, 1.0, 0.5, 0.5])
    assert [w.text for w in ws] == ["AB", "CD"]
    assert _near(ws[0].box, (0, 0, 20, 10), tol=1e-6) and _near(ws[1].box, (80, 0, 100, 10), tol=1e-6)
    assert ws[0].confidence == pytest.approx(0.8)


@pytest.mark.parametrize(("orientation", "first_half"), [
    (0, Box(0, 0, 50, 100)),       # reads left to right: first word on the left
    (90, Box(0, 50, 100, 100)),    # reads bottom to top: first word at the bottom
    (270, Box(0, 0, 100, 50)),     # reads top to bottom: first word at the top
    (180, Box(50, 0, 100, 100)),   # upside down: first word on the right
])
def test_word_boxes_follow_reading_direction(orientation: int, first_half: Box) -> None:
    first, second = split_words("ab cd", box_quad(Box(0, 0, 100, 100), orientation),
                                char_centres=[0.1, 0.3, 0.5, 0.7, 0.9])
    assert containment(first.box, first_half) > 0.99  # type: ignore[arg-type]
    assert iou(first.box, second.box) == 0  # type: ignore[arg-type]


def test_rotate_box_back_inverts_a_clockwise_turn() -> None:
    img = np.zeros((30, 50), np.uint8)
    img[5:10, 20:40] = 1                       # a box x 20..40, y 5..10
    turned = np.rot90(img, k=-1)               # clockwise
    ys, xs = np.nonzero(turned)
    found = Box(xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)
    assert rotate_box_back(found, height=30) == Box(20, 5, 40, 10)
