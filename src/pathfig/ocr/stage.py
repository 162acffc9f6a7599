"""Engine-independent OCR: upscale small figures, tile large ones, recover vertical text.

An engine reads what it is given. This module decides what to give it:

* **Small figures** (journal images are 400–800 px with 6–8 px labels) are enlarged before
  reading: the detector then finds small labels it otherwise misses or merges.
* **Large figures** are cut into overlapping tiles, each read at full resolution (engines
  shrink big images, which erases small labels), and the lines found twice in an overlap
  are merged: the copy not cut by a tile edge wins.
* **Small text** (a median line under ~13 px, many lines read unsure) is read a second time at a
  larger scale, and the lines of that reading the first one lacks or read otherwise are added
  (:func:`merge_readings`): blurred 6-px type is read differently at each scale, and neither
  reading is reliably the better one.
* **Vertical text** (axis titles, compartment names along a membrane) can be read by a
  second pass over the figure turned a quarter turn; its confident vertical lines replace
  weaker readings of the same place.

Boxes always end up in the original image's pixels.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import asdict, dataclass, replace

import numpy as np
from PIL import Image

from pathfig.errors import OcrError
from pathfig.models import Box, Line
from pathfig.ocr.engine import OcrEngine
from pathfig.ocr.geometry import (
    box_area,
    clip_box,
    containment,
    intersection,
    map_line,
    rotate_box_back,
    scale_box,
    shift_box,
)
from pathfig.ocr.images import DEFAULT_MAX_PIXELS

__all__ = [
    "OcrOptions", "content_box", "merge_readings", "merge_tiles", "merge_vertical", "plan_tiles", "read_lines",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class OcrOptions:
    """How the OCR stage prepares a figure for the engine (defaults chosen in ``bench/``)."""

    #: Enlarge figures whose long side is at most ``upscale_below`` px by this factor (1: never).
    upscale: float = 1.5
    upscale_below: int = 1000
    #: An enlarged figure whose median line height (its own px) is at most ``small_text_below``
    #: is read again enlarged ``small_text_upscale`` times (1: never; at most to ``tile_above``
    #: px), and that reading's lines from ``small_text_min_confidence`` up are merged in
    #: (:func:`merge_readings`).
    small_text_upscale: float = 2.0
    small_text_below: float = 13.0
    #: ... and only when at least this share of its lines were read with confidence under 0.9:
    #: clean small type (rendered diagrams) reads the same at both scales.
    small_text_unsure: float = 0.15
    small_text_min_confidence: float = 0.8
    #: Figures whose long side exceeds ``tile_above`` px are read in overlapping tiles. The
    #: detector needs ~200 bytes per input pixel (a 1900-px figure read whole: ~700 MB); 1280-px
    #: tiles keep a worker well under 1.5 GB and read more labels than 1600-px ones.
    tile_above: int = 1600
    tile_size: int = 1280
    #: Labels shorter than the overlap are whole in at least one tile.
    tile_overlap: int = 200
    #: Second pass on the figure turned 90° to read vertical text.
    vertical: bool = False
    #: A vertical-pass line is kept only from this confidence up.
    vertical_min_confidence: float = 0.8
    #: Lines the engine is less sure of than this are dropped.
    min_confidence: float = 0.5
    #: Refuse images above this many pixels (a decompression-bomb guard).
    max_pixels: int = DEFAULT_MAX_PIXELS

    def __post_init__(self) -> None:
        if self.upscale < 1:
            raise ValueError(f"upscale must be >= 1, got {self.upscale}")
        if self.small_text_upscale < 1:
            raise ValueError(f"small_text_upscale must be >= 1, got {self.small_text_upscale}")
        if not 0 <= self.tile_overlap < self.tile_size // 2:
            raise ValueError(f"tile_overlap must be in [0, tile_size/2), got {self.tile_overlap}")
        if self.tile_above < self.tile_size:
            raise ValueError("tile_above must be >= tile_size")

    def fingerprint(self) -> str:
        """A short hash of every option that changes the output (part of the cache key)."""
        d = asdict(self)
        d.pop("max_pixels")   # only decides whether we read at all
        return hashlib.sha256(json.dumps(d, sort_keys=True).encode()).hexdigest()[:12]


def read_lines(image: np.ndarray, engine: OcrEngine, options: OcrOptions, *, label: str = "<array>") -> list[Line]:
    """Read an RGB image with ``engine``; lines in reading order, boxes in its pixels.

    ``Word.line`` of every word is the index of its line in the returned list.
    """
    h, w = image.shape[:2]
    small_figure = options.upscale > 1 and max(h, w) <= options.upscale_below
    lines = _reading_order(_read_scaled(image, engine, options, options.upscale if small_figure else 1.0, label=label))
    # Never tiled: a 1600-px read bounds the cost (tiles would double a 900-px figure's).
    again_scale = min(options.small_text_upscale, options.tile_above / max(h, w))
    if small_figure and again_scale > options.upscale and lines and (
        _median_text_height(lines) <= options.small_text_below
        and sum(ln.confidence < _UNSURE for ln in lines) >= options.small_text_unsure * len(lines)
    ):
        logger.debug("[%s] small text: reading again at %.2g×", label, again_scale)
        again = _read_scaled(image, engine, options, again_scale, label=label)
        again = [ln for ln in _reading_order(again) if ln.confidence >= options.small_text_min_confidence]
        lines = _reading_order(merge_readings(lines, again))
    return _index(lines)


def _read_scaled(image: np.ndarray, engine: OcrEngine, options: OcrOptions, scale: float, *, label: str) -> list[Line]:
    """The lines of ``image`` enlarged ``scale`` times (plus the vertical pass), in its own pixels."""
    h, w = image.shape[:2]
    sx = sy = 1.0
    work = image
    if scale > 1:
        nw, nh = round(w * scale), round(h * scale)
        work = np.asarray(Image.fromarray(image).resize((nw, nh), Image.Resampling.BICUBIC))
        sx, sy = nw / w, nh / h
    lines = _read_tiled(work, engine, options, label=label)
    if options.vertical:
        turned = np.ascontiguousarray(np.rot90(work, k=-1))   # clockwise: upward text is level
        wh = work.shape[0]
        extra = [
            map_line(ln, lambda b: rotate_box_back(b, wh), turn=90)
            for ln in _read_tiled(turned, engine, options, label=label)
        ]
        lines = merge_vertical(lines, extra, min_confidence=options.vertical_min_confidence)
    if (sx, sy) != (1.0, 1.0):
        lines = [map_line(ln, lambda b: scale_box(b, 1 / sx, 1 / sy)) for ln in lines]
    lines = [map_line(ln, lambda b: clip_box(b, w, h)) for ln in lines]
    return [ln for ln in lines if ln.confidence >= options.min_confidence and ln.text]


#: A line read with less confidence than this counts as unsure (small-text reading).
_UNSURE = 0.9


def _median_text_height(lines: list[Line]) -> float:
    """The median height of the lines' text (a vertical line's width)."""
    sizes = [min(ln.box.height, ln.box.width) for ln in lines if ln.box is not None]
    return float(np.median(sizes)) if sizes else float("inf")


#: A pixel differing from the background colour by more than this (any channel) is content.
_INK = 24
#: Blank margin kept around the content when an image or tile is trimmed.
_TRIM_MARGIN = 24


def content_box(img: np.ndarray, margin: int = _TRIM_MARGIN) -> tuple[int, int, int, int] | None:
    """The region of ``img`` holding anything but background, plus ``margin``; None if blank.

    The background is the median colour of the image's border.
    """
    h, w = img.shape[:2]
    if h == 0 or w == 0:
        return None
    import cv2

    border = np.concatenate([img[0], img[-1], img[:, 0], img[:, -1]])
    bg = np.median(border, axis=0)
    # 255 where every channel is within _INK of the background (cv2: ~15× faster than numpy).
    plain = cv2.inRange(np.ascontiguousarray(img), np.clip(bg - _INK, 0, 255), np.clip(bg + _INK, 0, 255))
    rows = np.flatnonzero(plain.min(axis=1) == 0)
    if rows.size == 0:
        return None
    cols = np.flatnonzero(plain.min(axis=0) == 0)
    return (
        max(0, int(cols[0]) - margin), max(0, int(rows[0]) - margin),
        min(w, int(cols[-1]) + 1 + margin), min(h, int(rows[-1]) + 1 + margin),
    )


def _read(img: np.ndarray, engine: OcrEngine, label: str) -> list[Line]:
    """Read the part of ``img`` that holds something; boxes in ``img``'s pixels.

    Blank regions cost a detector pass and hold nothing. Trimming also matters for sparse
    images: the detector misses small text on a large, mostly empty canvas (a 10 px label alone
    on a 1600 px tile is not found; cropped to its surroundings it is).
    """
    region = content_box(img)
    if region is None:
        return []
    x0, y0, x1, y1 = region
    part = img if (x0, y0, x1, y1) == (0, 0, img.shape[1], img.shape[0]) else np.ascontiguousarray(img[y0:y1, x0:x1])
    try:
        lines = list(engine.read(part))
    except OcrError as exc:
        raise OcrError(f"{label}: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - an engine crash on one figure must name it
        raise OcrError(f"{label}: OCR engine {engine.name!r} failed: {type(exc).__name__}: {exc}") from exc
    if x0 or y0:
        lines = [map_line(ln, lambda b: shift_box(b, x0, y0)) for ln in lines]
    return lines


def _read_tiled(img: np.ndarray, engine: OcrEngine, options: OcrOptions, *, label: str) -> list[Line]:
    h, w = img.shape[:2]
    if max(h, w) <= options.tile_above:
        return _read(img, engine, label)
    tiles = plan_tiles(w, h, options.tile_size, options.tile_overlap)
    logger.debug("[%s] reading %d×%d px in %d tiles", label, w, h, len(tiles))
    found: list[tuple[int, Line, bool]] = []
    for t, (x0, y0, x1, y1) in enumerate(tiles):
        for ln in _read(np.ascontiguousarray(img[y0:y1, x0:x1]), engine, label):
            moved = map_line(ln, lambda b, dx=x0, dy=y0: shift_box(b, dx, dy))
            found.append((t, moved, _is_cut(moved.box, (x0, y0, x1, y1), w, h)))
    return merge_tiles(found)


def plan_tiles(width: int, height: int, size: int, overlap: int) -> list[tuple[int, int, int, int]]:
    """Tiles ``(x0, y0, x1, y1)`` of at most ``size`` px overlapping by at least ``overlap``.

    Tiles are spread evenly so none is a thin sliver (engines enlarge thin images a lot).

    >>> plan_tiles(4000, 1000, 1600, 200)
    [(0, 0, 1600, 1000), (1200, 0, 2800, 1000), (2400, 0, 4000, 1000)]
    """

    def starts(length: int) -> list[int]:
        if length <= size:
            return [0]
        n = -(-(length - overlap) // (size - overlap))   # ceil
        step = (length - size) / (n - 1)
        return [round(i * step) for i in range(n)]

    return [
        (x, y, min(x + size, width), min(y + size, height))
        for y in starts(height) for x in starts(width)
    ]


def _is_cut(box: Box | None, tile: tuple[int, int, int, int], width: int, height: int, margin: float = 3.0) -> bool:
    """Whether a box touches a tile edge that lies inside the image (its text may be cut)."""
    if box is None:
        return False
    x0, y0, x1, y1 = tile
    return (
        (x0 > 0 and box.x0 <= x0 + margin) or (y0 > 0 and box.y0 <= y0 + margin)
        or (x1 < width and box.x1 >= x1 - margin) or (y1 < height and box.y1 >= y1 - margin)
    )


def merge_tiles(found: list[tuple[int, Line, bool]], *, overlap: float = 0.5) -> list[Line]:
    """Keep one line per place: ``found`` holds ``(tile, line, cut)``.

    A line from one tile that mostly overlaps a better line from another tile is a duplicate
    (or a fragment cut by the tile edge) and is dropped. Better: not cut, then more confident,
    then larger. Lines of the same tile never suppress each other.
    """
    order = sorted(found, key=lambda f: (f[2], -f[1].confidence, -(box_area(f[1].box) if f[1].box else 0)))
    kept: list[tuple[int, Line]] = []
    for tile, ln, _cut in order:
        if ln.box is not None and any(
            t != tile and k.box is not None and containment(ln.box, k.box) > overlap for t, k in kept
        ):
            continue
        kept.append((tile, ln))
    return [ln for _t, ln in kept]


def merge_vertical(
    lines: list[Line], extra: list[Line], *, min_confidence: float = 0.8, overlap: float = 0.5,
) -> list[Line]:
    """Add vertical lines from the turned pass to the lines of the upright pass.

    A turned-pass line counts only if it is vertical in the figure (taller than wide, at
    least two letters or digits) and confident. Where it overlaps upright-pass lines, the
    more confident reading wins; a same-text reading from the upright pass is kept as is.
    """
    out = list(lines)
    for cand in sorted(extra, key=lambda ln: -ln.confidence):
        if cand.orientation not in (90, 270) or cand.box is None or cand.confidence < min_confidence:
            continue
        if cand.box.height <= cand.box.width or len(_norm(cand.text)) < 2:
            continue
        clashes = [
            i for i, ln in enumerate(out)
            if ln.box is not None and intersection(ln.box, cand.box) > 0
            and containment(ln.box, cand.box) > overlap
        ]
        if any(_norm(out[i].text) == _norm(cand.text) or out[i].confidence >= cand.confidence for i in clashes):
            continue
        gone = set(clashes)
        out = [ln for i, ln in enumerate(out) if i not in gone]
        out.append(cand)
    return out


_NON_ALNUM = re.compile(r"[\W_]+")


def _norm(text: str) -> str:
    return _NON_ALNUM.sub("", text).upper()


def merge_readings(lines: list[Line], again: list[Line], *, overlap: float = 0.5) -> list[Line]:
    """Add the lines of a second reading of the same image (``again``) to the first's.

    Lines of either reading that overlap (one mostly inside the other) describe one place,
    whose texts are compared in reading order. A place only the second reading found gets its
    lines. Where both read the same text the first reading stands; where they differ both
    are kept, less the second reading's lines whose text the first already holds there: the
    engine's confidence does not tell which reading of blurred small type is right (at 2× a
    6-px `PDGF` became `FDGF` with 0.975 against 0.938), and the gene recogniser finds the
    genes in either.
    """
    n = len(lines)
    parent = list(range(n + len(again)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for j, b in enumerate(again, start=n):
        for i, a in enumerate(lines):
            if a.box is not None and b.box is not None and containment(a.box, b.box) > overlap:
                parent[root(j)] = root(i)
    places: dict[int, tuple[list[Line], list[Line]]] = {}
    for k, ln in enumerate([*lines, *again]):
        places.setdefault(root(k), ([], []))[k >= n].append(ln)
    out: list[Line] = []
    for first, second in places.values():
        held = "".join(_norm(ln.text) for ln in first)
        if not first:
            out.extend(second)
        elif held == "".join(_norm(ln.text) for ln in second):
            out.extend(first)
        else:
            out.extend(first)
            out.extend(ln for ln in second if _norm(ln.text) not in held)
    return out


def _reading_order(lines: list[Line]) -> list[Line]:
    """Top to bottom, then left to right within a band of about half a text height."""
    if not lines:
        return []
    heights = sorted(min(ln.box.height, ln.box.width) for ln in lines if ln.box is not None) or [10.0]
    band = max(2.0, heights[len(heights) // 2] / 2)
    by_top = sorted(lines, key=lambda ln: (ln.box.y0, ln.box.x0) if ln.box else (0.0, 0.0))
    keyed: list[tuple[int, float, Line]] = []
    row, last_top = 0, None
    for ln in by_top:
        top = ln.box.y0 if ln.box else 0.0
        if last_top is not None and top - last_top >= band:
            row += 1
        last_top = top
        keyed.append((row, ln.box.x0 if ln.box else 0.0, ln))
    return [ln for _r, _x, ln in sorted(keyed, key=lambda k: (k[0], k[1]))]


def _index(lines: list[Line]) -> list[Line]:
    return [
        replace(ln, words=tuple(replace(w, line=i) for w in ln.words))
        for i, ln in enumerate(lines)
    ]

