"""Box geometry for the OCR stage: quadrilaterals to boxes, overlaps, moving lines between frames.

Engines see transformed images (an upscaled figure, a tile, the figure turned by 90°); every
box they return is mapped back here to the original image's pixels. Boxes are axis-aligned
and the transforms are scalings, shifts and quarter turns, so the mapping is exact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from pathfig.models import Box, Line, Word

__all__ = [
    "Point",
    "Quad",
    "box_area",
    "clip_box",
    "containment",
    "intersection",
    "iou",
    "lerp",
    "map_line",
    "quad_box",
    "rotate_box_back",
    "scale_box",
    "shift_box",
]

Point = tuple[float, float]
#: Four corners in reading order: start-top, end-top, end-bottom, start-bottom.
Quad = tuple[Point, Point, Point, Point]


def lerp(p: Point, q: Point, f: float) -> Point:
    return (p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f)


def quad_box(points: Sequence[Sequence[float]]) -> Box:
    xs = [float(p[0]) for p in points]
    ys = [float(p[1]) for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


def box_area(b: Box) -> float:
    return max(0.0, b.x1 - b.x0) * max(0.0, b.y1 - b.y0)


def intersection(a: Box, b: Box) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def iou(a: Box, b: Box) -> float:
    inter = intersection(a, b)
    union = box_area(a) + box_area(b) - inter
    return inter / union if union > 0 else 0.0


def containment(a: Box, b: Box) -> float:
    """Share of the smaller box that lies inside the other (1.0: one contains the other)."""
    inter = intersection(a, b)
    smaller = min(box_area(a), box_area(b))
    return inter / smaller if smaller > 0 else 0.0


def scale_box(b: Box, sx: float, sy: float | None = None) -> Box:
    sy = sx if sy is None else sy
    return Box(b.x0 * sx, b.y0 * sy, b.x1 * sx, b.y1 * sy)


def shift_box(b: Box, dx: float, dy: float) -> Box:
    return Box(b.x0 + dx, b.y0 + dy, b.x1 + dx, b.y1 + dy)


def rotate_box_back(b: Box, height: int) -> Box:
    """Map a box found in the image turned 90° clockwise back to the image of ``height`` rows.

    Turning clockwise sends ``(x, y)`` to ``(height - y, x)``; this is the inverse.
    """
    return Box(b.y0, height - b.x1, b.y1, height - b.x0)


def clip_box(b: Box, width: float, height: float) -> Box:
    return Box(
        min(max(b.x0, 0.0), width), min(max(b.y0, 0.0), height),
        min(max(b.x1, 0.0), width), min(max(b.y1, 0.0), height),
    )


def map_line(line: Line, fn: Callable[[Box], Box], *, turn: int = 0) -> Line:
    """Apply a box transform to a line and its words; ``turn`` adds to their orientation."""

    def word(w: Word) -> Word:
        return replace(
            w, box=fn(w.box) if w.box else None, orientation=(w.orientation + turn) % 360,
        )

    return replace(
        line,
        box=fn(line.box) if line.box else None,
        orientation=(line.orientation + turn) % 360,
        words=tuple(word(w) for w in line.words),
    )
