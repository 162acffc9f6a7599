"""Hard negatives from the bench: western blots, gels, micrographs and photographs.

Blots, gels and fluorescence or histology micrographs are drawn procedurally (noise, blobs,
bands) with their usual labels; photographs and some micrographs are crops of the sample
images that ship inside scikit-image (a training-only dependency; without it the procedural
images are used alone). Each function takes a seeded ``numpy`` generator and returns a PIL
RGB image.
"""

from __future__ import annotations

import string
from functools import cache

import cv2
import numpy as np
from PIL import Image, ImageDraw

from pathfig.classify.synth.text import font, text_size
from pathfig.classify.synth.words import CELL_LINES, PROTEINS, TREATMENTS, pick

__all__ = ["SKIMAGE_MICROGRAPHS", "SKIMAGE_PHOTOS", "blot", "micrograph", "photo", "skimage_image"]

#: scikit-image sample images bundled in its wheel (no download), by what they look like.
SKIMAGE_PHOTOS = ("astronaut", "camera", "chelsea", "coffee", "rocket", "horse", "page", "text", "clock",
                  "brick", "grass", "gravel", "moon", "motorcycle", "colorwheel", "logo", "coins")
SKIMAGE_MICROGRAPHS = ("immunohistochemistry", "cell", "hubble_deep_field", "retina", "microaneurysms",
                       "binary_blobs", "coins")


@cache
def skimage_image(name: str) -> np.ndarray | None:
    """A scikit-image sample image as RGB ``uint8``, or None when scikit-image is missing."""
    try:
        import skimage.data as data
    except ImportError:
        return None
    if name == "motorcycle":
        img = data.stereo_motorcycle()[0]
    else:
        img = getattr(data, name)()
    img = np.asarray(img)
    if img.dtype == bool:
        img = img.astype(np.uint8) * 255
    if img.ndim == 2:
        img = np.repeat(img[:, :, None], 3, axis=2)
    if img.shape[2] == 4:
        alpha = img[:, :, 3:4].astype(np.float32) / 255
        img = (img[:, :, :3] * alpha + 255 * (1 - alpha)).astype(np.uint8)
    return np.ascontiguousarray(img[:, :, :3].astype(np.uint8))


def _noise(rng: np.random.Generator, h: int, w: int, octaves: int = 5) -> np.ndarray:
    """Smooth fractal noise in 0..1 (sum of upsampled random grids)."""
    out = np.zeros((h, w), np.float32)
    amp, total = 1.0, 0.0
    for o in range(octaves):
        cells = 2 ** (o + 2)
        small = rng.random((cells, cells)).astype(np.float32)
        out += amp * cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
        total += amp
        amp *= 0.55
    out /= total
    return (out - out.min()) / max(1e-6, float(out.max() - out.min()))


def _crop(rng: np.random.Generator, img: np.ndarray, h: int, w: int) -> np.ndarray:
    ih, iw = img.shape[:2]
    s = max(h / ih, w / iw) * float(rng.uniform(1.0, 2.0))
    img = cv2.resize(img, (max(w, int(iw * s)), max(h, int(ih * s))), interpolation=cv2.INTER_LINEAR)
    y = int(rng.integers(0, img.shape[0] - h + 1))
    x = int(rng.integers(0, img.shape[1] - w + 1))
    out = img[y:y + h, x:x + w]
    if rng.random() < 0.5:
        out = out[:, ::-1]
    return np.ascontiguousarray(out)


# -- blots and gels -------------------------------------------------------------------------------


def _blot_strip(rng: np.random.Generator, lanes: int, lane_w: int, h: int, dark_bg: bool) -> np.ndarray:
    w = lanes * lane_w
    base = 0.08 + 0.08 * _noise(rng, h, w, 3) if dark_bg else 0.93 - 0.1 * _noise(rng, h, w, 3)
    img = base.astype(np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    level = rng.uniform(0.2, 1.0, lanes) * (1 if rng.random() < 0.5 else np.linspace(0.3, 1.0, lanes))
    for i in range(lanes):
        cx = (i + 0.5) * lane_w + rng.normal(0, 1)
        cy = h / 2 + rng.normal(0, 1.5)
        sx = lane_w * rng.uniform(0.28, 0.4)
        sy = h * rng.uniform(0.08, 0.22)
        band = np.exp(-(((xx - cx) / sx) ** 6) - ((yy - cy) / sy) ** 2) * level[i]
        img = img + band * 0.8 if dark_bg else img - band * 0.85
    img += rng.normal(0, 0.02, img.shape).astype(np.float32)
    return np.clip(img * 255, 0, 255).astype(np.uint8)


def blot(rng: np.random.Generator) -> Image.Image:
    """A western blot (strips of bands labelled with proteins and kDa) or a DNA gel."""
    gel = rng.random() < 0.2
    lanes = int(rng.integers(3, 13))
    lane_w = int(rng.integers(18, 40))
    n_strips = 1 if gel else int(rng.integers(2, 9))
    strip_h = int(rng.integers(16, 36))
    gap = int(rng.integers(4, 14))
    left = int(rng.integers(70, 140))
    top = int(rng.integers(40, 110))
    width = left + lanes * lane_w + int(rng.integers(40, 90))
    height = top + (n_strips * (strip_h + gap) if not gel else int(rng.integers(150, 300))) + 20
    canvas = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(canvas)
    f = font(int(rng.integers(10, 15)))
    if gel:
        h = height - top - 20
        img = np.full((h, lanes * lane_w), 20, np.uint8)
        for i in range(lanes):
            for _ in range(int(rng.integers(1, 6)) if i else 10):
                y = int(rng.integers(5, h - 5))
                img[y:y + 3, i * lane_w + 4:(i + 1) * lane_w - 4] = int(rng.integers(120, 255))
        img = cv2.GaussianBlur(img, (3, 3), 0)
        canvas.paste(Image.fromarray(img).convert("RGB"), (left, top))
        d.text((5, top), "bp", fill="black", font=f)
    else:
        dark = rng.random() < 0.15
        for s in range(n_strips):
            strip = _blot_strip(rng, lanes, lane_w, strip_h, dark)
            y = top + s * (strip_h + gap)
            canvas.paste(Image.fromarray(strip).convert("RGB"), (left, y))
            d.text((5, y + strip_h // 4), PROTEINS[int(rng.integers(0, len(PROTEINS)))], fill="black", font=f)
            d.text((left + lanes * lane_w + 5, y + strip_h // 4), f"{int(rng.integers(15, 180))} kDa",
                   fill="black", font=f)
    # Lane labels: +/- rows or rotated treatment names.
    for r in range(int(rng.integers(1, 4))):
        y = top - 18 * (r + 1)
        if y < 2:
            break
        name = str(rng.choice(TREATMENTS))
        d.text((5, y), name, fill="black", font=f)
        for i in range(lanes):
            d.text((left + i * lane_w + lane_w // 3, y), "+" if rng.random() < 0.5 else "−", fill="black", font=f)
    return canvas


# -- micrographs ----------------------------------------------------------------------------------


def _fluorescence(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    img = np.zeros((h, w, 3), np.float32)
    n = int(rng.integers(5, 80))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r = float(rng.uniform(4, 18))
    channels = rng.permutation(3)[: int(rng.integers(1, 4))]
    for _ in range(n):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        rx, ry = r * rng.uniform(0.7, 1.3), r * rng.uniform(0.7, 1.3)
        blob = np.exp(-(((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2))
        for c in channels:
            img[:, :, c] += blob * rng.uniform(0.3, 1.0)
        if rng.random() < 0.6:  # cytoplasm halo in another channel
            halo = np.exp(-(((xx - cx) / (rx * 2.5)) ** 2 + ((yy - cy) / (ry * 2.5)) ** 2))
            img[:, :, int(rng.integers(0, 3))] += halo * rng.uniform(0.1, 0.5) * _noise(rng, h, w, 3)
    img += rng.normal(0, 0.03, img.shape).astype(np.float32)
    return np.clip(img * 255, 0, 255).astype(np.uint8)


def _histology(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    tissue = _noise(rng, h, w, 6)
    pink = np.array(rng.choice([[235, 170, 200], [225, 190, 170], [240, 220, 210], [200, 150, 120]]), np.float32)
    purple = np.array(rng.choice([[90, 50, 140], [120, 70, 40], [60, 40, 110]]), np.float32)
    img = 255 - (255 - pink)[None, None, :] * (0.4 + 0.8 * tissue[:, :, None])
    nuclei = np.zeros((h, w), np.float32)
    for _ in range(int(rng.integers(20, 300))):
        cv2.ellipse(nuclei, (int(rng.uniform(0, w)), int(rng.uniform(0, h))),
                    (int(rng.integers(2, 7)), int(rng.integers(2, 7))), float(rng.uniform(0, 180)), 0, 360, 1.0, -1)
    nuclei = cv2.GaussianBlur(nuclei, (3, 3), 0)
    img = img * (1 - nuclei[:, :, None] * 0.8) + purple[None, None, :] * nuclei[:, :, None] * 0.8
    img += rng.normal(0, 4, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def _grey_em(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    g = 0.5 + 0.35 * (_noise(rng, h, w, 6) - 0.5)
    for _ in range(int(rng.integers(3, 30))):
        cv2.circle(g, (int(rng.uniform(0, w)), int(rng.uniform(0, h))), int(rng.integers(3, 25)),
                   float(rng.uniform(0.1, 0.9)), int(rng.choice([-1, 1, 2])))
    g += rng.normal(0, 0.05, g.shape).astype(np.float32)
    g8 = np.clip(g * 255, 0, 255).astype(np.uint8)
    return np.repeat(g8[:, :, None], 3, axis=2)


def _tile(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    kind = rng.random()
    if kind < 0.35:
        return _fluorescence(rng, h, w)
    if kind < 0.6:
        return _histology(rng, h, w)
    if kind < 0.75:
        return _grey_em(rng, h, w)
    src = skimage_image(str(rng.choice(SKIMAGE_MICROGRAPHS)))
    return _fluorescence(rng, h, w) if src is None else _crop(rng, src, h, w)


def _scale_bar(d: ImageDraw.ImageDraw, x: int, y: int, w: int, h: int, dark: bool) -> None:
    c = "white" if dark else "black"
    d.rectangle((x + w - w // 4 - 6, y + h - 10, x + w - 6, y + h - 7), fill=c)


def _grid_figure(rng: np.random.Generator, tile: object) -> Image.Image:
    rows, cols = int(rng.integers(1, 4)), int(rng.integers(1, 5))
    th = int(rng.integers(90, 220))
    tw = int(th * rng.uniform(0.8, 1.5))
    gap = int(rng.integers(2, 10))
    left = int(rng.integers(0, 90)) if rows > 1 else 0
    top = int(rng.integers(0, 40))
    canvas = Image.new("RGB", (left + cols * (tw + gap), top + rows * (th + gap)), "white")
    d = ImageDraw.Draw(canvas)
    f = font(int(rng.integers(10, 16)))
    col_labels = pick(rng, ("DAPI", "GFP", "Merge", "F-actin", "LC3", "CD31", "Ki-67", "TUNEL", "H&E", "IHC")
                      + TREATMENTS, cols)
    row_labels = pick(rng, TREATMENTS + CELL_LINES, rows)
    for r in range(rows):
        for c in range(cols):
            arr = tile(rng, th, tw)  # type: ignore[operator]
            x, y = left + c * (tw + gap), top + r * (th + gap)
            canvas.paste(Image.fromarray(arr), (x, y))
            dark = float(arr.mean()) < 100
            if rng.random() < 0.5:
                d.text((x + 4, y + 2), string.ascii_uppercase[r * cols + c], fill="white" if dark else "black",
                       font=f)
            if rng.random() < 0.6:
                _scale_bar(d, x, y, tw, th, dark)
        if left:
            d.text((2, top + r * (th + gap) + th // 2), row_labels[r], fill="black", font=f)
    if top >= 14:
        for c in range(cols):
            lab = col_labels[c]
            tw_, _ = text_size(lab, f)
            d.text((left + c * (tw + gap) + (tw - tw_) // 2, 2), lab, fill="black", font=f)
    return canvas


def micrograph(rng: np.random.Generator) -> Image.Image:
    """Fluorescence, histology or electron micrographs, alone or as a labelled grid of panels."""
    return _grid_figure(rng, _tile)


def _photo_tile(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    src = skimage_image(str(rng.choice(SKIMAGE_PHOTOS)))
    if src is None:
        base = (_noise(rng, h, w, 6)[:, :, None] * rng.uniform(80, 255, 3)[None, None, :]).astype(np.uint8)
        return base
    out = _crop(rng, src, h, w).astype(np.float32)
    out = out * rng.uniform(0.8, 1.2, 3)[None, None, :] + rng.uniform(-20, 20)
    return np.clip(out, 0, 255).astype(np.uint8)


def photo(rng: np.random.Generator) -> Image.Image:
    """Photographs (people, animals, objects, textures, a page of text), single or in a grid."""
    if rng.random() < 0.5:
        h = int(rng.integers(250, 700))
        w = int(h * rng.uniform(0.7, 1.6))
        return Image.fromarray(_photo_tile(rng, h, w))
    return _grid_figure(rng, _photo_tile)
