"""Drawing helpers shared by the generated schemes: arrows, inhibition bars, boxes, wrapped text."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from pathfig.classify.synth.text import text_size

__all__ = ["Rect", "arrow", "clip_to_rect", "downsample", "shape", "wrap"]

Rect = tuple[float, float, float, float]
Colour = str | tuple[int, int, int]


def clip_to_rect(x0: float, y0: float, x1: float, y1: float, rect: Rect, pad: float = 2.0) -> tuple[float, float]:
    """Where the segment from (x0, y0) (outside) to (x1, y1) (centre of ``rect``) meets the rectangle."""
    l, t, r, b = rect[0] - pad, rect[1] - pad, rect[2] + pad, rect[3] + pad
    dx, dy = x1 - x0, y1 - y0
    best = 1.0
    for edge, d, lo in ((l, dx, x0), (r, dx, x0), (t, dy, y0), (b, dy, y0)):
        if abs(d) < 1e-9:
            continue
        s = (edge - lo) / d
        if 0 <= s <= best:
            px, py = x0 + s * dx, y0 + s * dy
            if l - 0.5 <= px <= r + 0.5 and t - 0.5 <= py <= b + 0.5:
                best = s
    return x0 + best * dx, y0 + best * dy


def arrow(
    d: ImageDraw.ImageDraw, pts: list[tuple[float, float]], *, head: str = "arrow", width: int = 2,
    colour: Colour = "black", size: float = 10.0, dashed: bool = False,
) -> None:
    """A polyline ending in an arrowhead (``arrow``, ``open``, ``bar`` for inhibition, ``none``)."""
    segs = list(zip(pts[:-1], pts[1:], strict=True))
    for (ax, ay), (bx, by) in segs:
        if dashed:
            length = math.hypot(bx - ax, by - ay)
            n = max(1, int(length / (size * 0.8)))
            for i in range(0, n, 2):
                s0, s1 = i / n, min(1.0, (i + 1) / n)
                d.line((ax + (bx - ax) * s0, ay + (by - ay) * s0, ax + (bx - ax) * s1, ay + (by - ay) * s1),
                       fill=colour, width=width)
        else:
            d.line((ax, ay, bx, by), fill=colour, width=width)
    (ax, ay), (bx, by) = pts[-2], pts[-1]
    ang = math.atan2(by - ay, bx - ax)
    if head == "arrow":
        p1 = (bx - size * math.cos(ang - 0.4), by - size * math.sin(ang - 0.4))
        p2 = (bx - size * math.cos(ang + 0.4), by - size * math.sin(ang + 0.4))
        d.polygon([(bx, by), p1, p2], fill=colour)
    elif head == "open":
        for s in (-0.5, 0.5):
            d.line((bx, by, bx - size * math.cos(ang + s), by - size * math.sin(ang + s)), fill=colour, width=width)
    elif head == "bar":
        px, py = -math.sin(ang) * size * 0.7, math.cos(ang) * size * 0.7
        d.line((bx + px, by + py, bx - px, by - py), fill=colour, width=width + 1)


def shape(
    d: ImageDraw.ImageDraw, kind: str, rect: Rect, *, fill: Colour | None, outline: Colour | None, width: int = 2,
) -> None:
    """A node outline: ``rect``, ``round``, ``ellipse``, ``hexagon`` or ``none`` (text only)."""
    x0, y0, x1, y1 = rect
    if kind == "rect":
        d.rectangle(rect, fill=fill, outline=outline, width=width)
    elif kind == "round":
        d.rounded_rectangle(rect, radius=min(x1 - x0, y1 - y0) * 0.35, fill=fill, outline=outline, width=width)
    elif kind == "ellipse":
        d.ellipse(rect, fill=fill, outline=outline, width=width)
    elif kind == "hexagon":
        k = (y1 - y0) / 2
        d.polygon([(x0, (y0 + y1) / 2), (x0 + k, y0), (x1 - k, y0), (x1, (y0 + y1) / 2), (x1 - k, y1), (x0 + k, y1)],
                  fill=fill, outline=outline, width=width)


def wrap(text: str, f: ImageFont.FreeTypeFont | ImageFont.ImageFont, max_width: float) -> list[str]:
    """``text`` broken into lines no wider than ``max_width`` (a long word stays whole)."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if cur and text_size(trial, f)[0] > max_width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


def downsample(img: Image.Image, factor: float) -> Image.Image:
    """Shrink a supersampled drawing (smooth edges, as a real renderer would give)."""
    if factor == 1:
        return img
    return img.resize((max(1, int(img.width / factor)), max(1, int(img.height / factor))), Image.Resampling.LANCZOS)


def jitter_colour(rng: np.random.Generator, base: tuple[int, int, int], amount: int = 25) -> tuple[int, int, int]:
    """``base`` with each channel moved by up to ``amount``."""
    c = np.clip(np.array(base) + rng.integers(-amount, amount + 1, 3), 0, 255)
    return int(c[0]), int(c[1]), int(c[2])
