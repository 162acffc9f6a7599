"""Image features for the pathway-figure classifier: what a diagram looks like, in numbers.

A pathway diagram is many short labels spread over the page, inside or beside boxes and
ellipses, joined by lines and arrowheads at every angle, on a mostly white background with a
few flat fill colours. Charts have axes, ticks and labels along two edges; tables align their
text in rows and columns; blots, micrographs and photos are continuous tone; heatmaps are
large blocks of colour. :func:`image_features` measures those traits on a copy of the image
scaled to :data:`WORK_SIDE` pixels on its long side, so that every number is relative to the
figure, not to its resolution. It uses OpenCV and numpy only and takes ~20–40 ms per figure
on one core.

The order of :data:`FEATURE_NAMES` is part of the shipped model: changing a feature means
bumping :data:`FEATURES_VERSION` and retraining (``scripts/train_classifier.py``).
"""

from __future__ import annotations

import math
from functools import cache

import cv2
import numpy as np

__all__ = ["FEATURES_VERSION", "FEATURE_NAMES", "WORK_SIDE", "feature_names", "image_features", "prepare"]

#: Bump when any feature changes; the shipped model records the version it was trained on.
FEATURES_VERSION = 1

#: Long side, in pixels, of the working copy every feature is measured on.
WORK_SIDE = 640

# Grid used for the spatial spread of text and ink.
_GRID = 8


def prepare(rgb: np.ndarray) -> np.ndarray:
    """The working copy: ``rgb`` resized so that its long side is :data:`WORK_SIDE`."""
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise ValueError(f"expected an (H, W, 3) uint8 RGB array, got {rgb.shape} {rgb.dtype}")
    h, w = rgb.shape[:2]
    s = WORK_SIDE / max(h, w)
    size = (max(1, round(w * s)), max(1, round(h * s)))
    if size == (w, h):
        return np.ascontiguousarray(rgb)
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR)


def _entropy(counts: np.ndarray) -> float:
    total = float(counts.sum())
    if total <= 0:
        return 0.0
    p = counts[counts > 0] / total
    return float(-(p * np.log2(p)).sum())


def _frac(mask: np.ndarray) -> float:
    return float(np.count_nonzero(mask)) / mask.size if mask.size else 0.0


def _background(rgb: np.ndarray) -> np.ndarray:
    """The most common colour (quantized to 16 levels per channel) as an RGB triple."""
    q = (rgb >> 4).reshape(-1, 3).astype(np.int32)
    codes = (q[:, 0] << 8) | (q[:, 1] << 4) | q[:, 2]
    mode = int(np.bincount(codes, minlength=4096).argmax())
    return np.array([(mode >> 8) * 16 + 8, ((mode >> 4) & 15) * 16 + 8, (mode & 15) * 16 + 8], dtype=np.float32)


class _Features:
    """Collects named values in order; the names make the training report readable."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.values: list[float] = []

    def add(self, name: str, value: float) -> None:
        self.names.append(name)
        v = float(value)
        self.values.append(v if math.isfinite(v) else 0.0)

    def extend(self, prefix: str, values: np.ndarray | list[float]) -> None:
        for i, v in enumerate(values):
            self.add(f"{prefix}{i}", float(v))


def _colour_features(f: _Features, rgb: np.ndarray, gray: np.ndarray, bg: np.ndarray) -> None:
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    sat = hsv[:, :, 1].astype(np.float32) / 255.0
    val = hsv[:, :, 2].astype(np.float32) / 255.0
    f.add("bg_brightness", float(bg.mean()) / 255.0)
    f.add("bg_saturation", float(bg.max() - bg.min()) / 255.0)
    f.add("white_frac", _frac(gray > 235))
    f.add("black_frac", _frac(gray < 50))
    f.add("mid_frac", _frac((gray >= 50) & (gray <= 235)))
    coloured = (sat > 0.25) & (val > 0.2)
    f.add("saturated_frac", _frac(coloured))
    f.add("saturation_mean", float(sat.mean()))
    hue = hsv[:, :, 0][coloured]
    hist = np.bincount((hue.astype(np.int32) * 12) // 180, minlength=12)[:12].astype(np.float64)
    f.add("hue_entropy", _entropy(hist))
    f.add("hue_bins_used", float((hist > 0.02 * max(1.0, hist.sum())).sum()))
    # Palette: flat graphics use a few colours, photos and micrographs thousands.
    q = (rgb >> 5).reshape(-1, 3).astype(np.int32)
    codes = np.bincount((q[:, 0] << 6) | (q[:, 1] << 3) | q[:, 2], minlength=512).astype(np.float64)
    n = codes.sum()
    f.add("palette_entropy", _entropy(codes))
    f.add("palette_major", float((codes > 0.005 * n).sum()))
    f.add("palette_minor", float(((codes > 0) & (codes <= 0.005 * n)).sum()))
    ghist = np.bincount(gray.ravel() >> 4, minlength=16).astype(np.float64)
    f.extend("gray_hist", ghist / max(1.0, ghist.sum()))
    f.add("gray_entropy", _entropy(np.bincount(gray.ravel(), minlength=256).astype(np.float64)))
    f.add("gray_levels_used", float((np.bincount(gray.ravel(), minlength=256) > 0.0005 * gray.size).sum()))


def _texture_features(f: _Features, gray: np.ndarray) -> None:
    g = gray.astype(np.float32)
    mean = cv2.blur(g, (5, 5))
    sq = cv2.blur(g * g, (5, 5))
    std = np.sqrt(np.maximum(sq - mean * mean, 0))
    f.add("flat_frac", _frac(std < 2))
    f.add("soft_frac", _frac((std >= 2) & (std < 12)))   # gradients, photo texture
    f.add("tone_frac", _frac((std >= 12) & (std < 35)))
    f.add("sharp_frac", _frac(std >= 35))                 # crisp strokes of line art and text
    lap = cv2.Laplacian(gray, cv2.CV_32F)
    f.add("laplacian_absmean", float(np.abs(lap).mean()) / 255.0)
    gx = cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3)
    mag = np.hypot(gx, gy)
    strong = mag > 60
    f.add("edge_frac", _frac(strong))
    ang = (np.degrees(np.arctan2(gy[strong], gx[strong])) % 180.0)
    w = mag[strong]
    hist = np.histogram(ang, bins=12, range=(0, 180), weights=w)[0]
    hist = hist / max(1e-9, hist.sum())
    f.extend("grad_orient", hist)
    # Axis-aligned energy (charts, tables) against every other direction (diagram connectors).
    f.add("grad_axis_frac", float(hist[0] + hist[6] + hist[11] + hist[5]))


def _grid_counts(xs: np.ndarray, ys: np.ndarray, w: int, h: int, n: int = _GRID) -> np.ndarray:
    if len(xs) == 0:
        return np.zeros((n, n))
    gx = np.clip((xs * n / max(1, w)).astype(int), 0, n - 1)
    gy = np.clip((ys * n / max(1, h)).astype(int), 0, n - 1)
    return np.bincount(gy * n + gx, minlength=n * n).reshape(n, n).astype(np.float64)


def _alignment(values: np.ndarray, tol: float) -> float:
    """Share of items that share a coordinate (± tol) with at least two others: rows, columns."""
    if len(values) < 3:
        return 0.0
    v = np.sort(values)
    keys = np.round(v / max(tol, 1e-6)).astype(np.int64)
    _, inv, counts = np.unique(keys, return_inverse=True, return_counts=True)
    # Neighbouring bins count too: a row straddling a bin edge is still a row.
    c = counts.astype(np.int64)
    padded = np.concatenate([[0], c, [0]])
    uniq = np.unique(keys)
    near = c.copy()
    adj_prev = np.concatenate([[False], np.diff(uniq) == 1])
    adj_next = np.concatenate([np.diff(uniq) == 1, [False]])
    near = near + np.where(adj_prev, padded[:-2], 0) + np.where(adj_next, padded[2:], 0)
    return float((near[inv] >= 3).mean())


def _structure_features(f: _Features, rgb: np.ndarray, gray: np.ndarray, bg: np.ndarray) -> None:
    h, w = gray.shape
    area = float(h * w)
    diff = np.abs(rgb.astype(np.int16) - bg.astype(np.int16)).max(axis=2)
    ink = (diff > 60).astype(np.uint8)
    f.add("ink_frac", _frac(ink))

    # -- connected components -----------------------------------------------------------------
    n, labels, stats, cents = cv2.connectedComponentsWithStats(ink, connectivity=8)
    stats, cents = stats[1:], cents[1:]
    cw, ch, ca = stats[:, 2].astype(np.float64), stats[:, 3].astype(np.float64), stats[:, 4].astype(np.float64)
    f.add("cc_count", len(ca) / 100.0)
    la = np.log10(np.maximum(ca, 1) / area)
    hist = np.histogram(la, bins=8, range=(-6.0, 0.0))[0].astype(np.float64)
    f.extend("cc_logarea_hist", hist / max(1.0, hist.sum()))
    f.extend("cc_logarea_count", np.log1p(hist))
    ink_total = max(1.0, float(ca.sum()))
    if len(ca):
        big = int(ca.argmax())
        f.add("cc_largest_ink_share", ca[big] / ink_total)
        f.add("cc_largest_bbox_frac", cw[big] * ch[big] / area)
        f.add("cc_largest_fill", ca[big] / max(1.0, cw[big] * ch[big]))
        f.add("cc_largest_span", max(cw[big] / w, ch[big] / h))
        top = np.sort(ca)[::-1]
        f.add("cc_top5_ink_share", float(top[:5].sum()) / ink_total)
    else:
        for name in ("cc_largest_ink_share", "cc_largest_bbox_frac", "cc_largest_fill", "cc_largest_span",
                     "cc_top5_ink_share"):
            f.add(name, 0.0)
    fill = ca / np.maximum(1.0, cw * ch)

    # -- character-like components and words ---------------------------------------------------
    max_char = max(8.0, 0.05 * max(h, w))
    is_char = (ch >= 4) & (ch <= max_char) & (cw <= 1.6 * ch + 2) & (cw >= 1) & (fill > 0.12) & (fill < 0.95)
    f.add("char_count", float(is_char.sum()) / 100.0)
    f.add("char_ink_share", float(ca[is_char].sum()) / ink_total)
    char_h = float(np.median(ch[is_char])) if is_char.any() else 0.0
    f.add("char_height_rel", char_h / max(h, w))
    words = np.zeros((0, 4))
    if is_char.sum() >= 2:
        mask = np.zeros((h, w), np.uint8)
        for x, y, bw, bh in stats[is_char, :4]:
            mask[y:y + bh, x:x + bw] = 1
        k = max(3, int(round(char_h * 0.7)))
        mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
        _, _, wstats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
        words = wstats[1:, :4].astype(np.float64)
    nw = len(words)
    f.add("word_count", nw / 100.0)
    if nw:
        wx, wy, ww, wh = words[:, 0], words[:, 1], words[:, 2], words[:, 3]
        length = ww / max(1.0, char_h)  # width in character heights ≈ characters
        f.add("word_len_median", float(np.median(length)))
        f.add("word_len_p90", float(np.percentile(length, 90)))
        f.add("word_long_frac", float((length > 14).mean()))
        f.add("word_short_frac", float((length < 5).mean()))
        cx, cy = wx + ww / 2, wy + wh / 2
        grid = _grid_counts(cx, cy, w, h)
        f.add("word_grid_occupied", float((grid > 0).mean()))
        f.add("word_grid_entropy", _entropy(grid.ravel()) / math.log2(_GRID * _GRID))
        f.add("word_row_aligned", _alignment(cy, max(2.0, char_h * 0.5)))
        f.add("word_col_aligned", _alignment(wx, max(2.0, char_h * 0.5)))
        f.add("word_center_aligned", _alignment(cx, max(2.0, char_h * 0.5)))
        edge = (cx < 0.15 * w) | (cx > 0.85 * w) | (cy < 0.15 * h) | (cy > 0.85 * h)
        f.add("word_border_frac", float(edge.mean()))
        f.add("word_spread_x", float(np.std(cx) / w))
        f.add("word_spread_y", float(np.std(cy) / h))
        f.add("word_area_frac", float((ww * wh).sum()) / area)
    else:
        for name in ("word_len_median", "word_len_p90", "word_long_frac", "word_short_frac", "word_grid_occupied",
                     "word_grid_entropy", "word_row_aligned", "word_col_aligned", "word_center_aligned",
                     "word_border_frac", "word_spread_x", "word_spread_y", "word_area_frac"):
            f.add(name, 0.0)

    # -- enclosed regions (boxes, ellipses, table cells) and what they hold ---------------------
    contours, hier = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    holes: list[tuple[float, float, float, float, float, float]] = []
    if hier is not None:
        for c, (_, _, _, parent) in zip(contours, hier[0], strict=False):
            if parent < 0:
                continue
            a = cv2.contourArea(c)
            if a < 0.0004 * area or a > 0.2 * area:
                continue
            x, y, bw, bh = cv2.boundingRect(c)
            per = cv2.arcLength(c, True)
            holes.append((x, y, bw, bh, a / max(1.0, bw * bh), 4 * math.pi * a / max(1.0, per * per)))
    hs = np.array(holes, dtype=np.float64).reshape(-1, 6)
    f.add("hole_count", len(hs) / 10.0)
    if len(hs):
        hx, hy, hw, hh, rect, circ = hs.T
        harea = hw * hh
        f.add("hole_area_frac", float(harea.sum()) / area)
        f.add("hole_rect_frac", float((rect > 0.85).mean()))
        f.add("hole_round_frac", float(((circ > 0.6) & (rect <= 0.85)).mean()))
        f.add("hole_area_cv", float(np.std(harea) / max(1.0, np.mean(harea))))
        f.add("hole_aspect_median", float(np.median(np.maximum(hw, hh) / np.maximum(1.0, np.minimum(hw, hh)))))
        f.add("hole_row_aligned", _alignment(hy + hh / 2, max(3.0, 0.01 * h)))
        f.add("hole_col_aligned", _alignment(hx, max(3.0, 0.01 * w)))
        # Holes that hold a word: labelled nodes (or table cells).
        if nw:
            cx, cy = words[:, 0] + words[:, 2] / 2, words[:, 1] + words[:, 3] / 2
            inside = ((cx[None, :] > hx[:, None]) & (cx[None, :] < (hx + hw)[:, None])
                      & (cy[None, :] > hy[:, None]) & (cy[None, :] < (hy + hh)[:, None]))
            labelled = inside.any(axis=1)
            f.add("hole_labelled_frac", float(labelled.mean()))
            f.add("hole_labelled_count", float(labelled.sum()) / 10.0)
            f.add("word_in_hole_frac", float(inside.any(axis=0).mean()))
        else:
            f.add("hole_labelled_frac", 0.0)
            f.add("hole_labelled_count", 0.0)
            f.add("word_in_hole_frac", 0.0)
        grid = _grid_counts(hx + hw / 2, hy + hh / 2, w, h, 4)
        f.add("hole_grid_occupied", float((grid > 0).mean()))
    else:
        for name in ("hole_area_frac", "hole_rect_frac", "hole_round_frac", "hole_area_cv", "hole_aspect_median",
                     "hole_row_aligned", "hole_col_aligned", "hole_labelled_frac", "hole_labelled_count",
                     "word_in_hole_frac", "hole_grid_occupied"):
            f.add(name, 0.0)

    # -- filled shapes: flat non-white blobs of medium size (coloured nodes, bars, heat cells) --
    light_fill = ((diff > 25) & (gray > 110)).astype(np.uint8)
    light_fill = cv2.morphologyEx(light_fill, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    n2, _, st2, _ = cv2.connectedComponentsWithStats(light_fill, connectivity=4)
    st2 = st2[1:]
    a2 = st2[:, 4].astype(np.float64)
    med = (a2 > 0.0004 * area) & (a2 < 0.05 * area)
    f.add("fill_frac", _frac(light_fill))
    f.add("fill_blob_count", float(med.sum()) / 10.0)
    if med.any():
        bw2, bh2 = st2[med, 2].astype(np.float64), st2[med, 3].astype(np.float64)
        solid = a2[med] / np.maximum(1.0, bw2 * bh2)
        f.add("fill_blob_solidity", float(np.median(solid)))
        f.add("fill_blob_rect_frac", float((solid > 0.9).mean()))
        f.add("fill_blob_area_cv", float(np.std(a2[med]) / max(1.0, np.mean(a2[med]))))
        f.add("fill_blob_aspect", float(np.median(np.maximum(bw2, bh2) / np.maximum(1.0, np.minimum(bw2, bh2)))))
        f.add("fill_blob_bottom_aligned", _alignment(st2[med, 1] + st2[med, 3], max(3.0, 0.01 * h)))
    else:
        for name in ("fill_blob_solidity", "fill_blob_rect_frac", "fill_blob_area_cv", "fill_blob_aspect",
                     "fill_blob_bottom_aligned"):
            f.add(name, 0.0)
    f.add("fill_big_frac", float(a2[a2 >= 0.05 * area].sum()) / area)

    # -- strokes: lines and arrowheads, with text removed --------------------------------------
    thick = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    thin = ink & (1 - thick)
    keep = np.ones(n, bool)
    keep[0] = False
    keep[1:][is_char] = False
    strokes = (thin & keep[labels].astype(np.uint8)).astype(np.uint8)
    f.add("stroke_frac", _frac(strokes))
    segs = cv2.HoughLinesP(strokes * 255, 1, np.pi / 180, threshold=25, minLineLength=max(12, w // 40), maxLineGap=3)
    segs = np.zeros((0, 4)) if segs is None else segs.reshape(-1, 4).astype(np.float64)
    f.add("line_count", len(segs) / 100.0)
    if len(segs):
        dx, dy = segs[:, 2] - segs[:, 0], segs[:, 3] - segs[:, 1]
        length = np.hypot(dx, dy) / max(h, w)
        ang = np.degrees(np.arctan2(np.abs(dy), np.abs(dx)))
        horiz, vert = ang < 4, ang > 86
        diag = ~(horiz | vert)
        total = max(1e-9, float(length.sum()))
        f.add("line_horiz_share", float(length[horiz].sum()) / total)
        f.add("line_vert_share", float(length[vert].sum()) / total)
        f.add("line_diag_share", float(length[diag].sum()) / total)
        f.add("line_diag_count", float(diag.sum()) / 100.0)
        f.add("line_long_count", float((length > 0.5).sum()))
        f.add("line_len_median", float(np.median(length)))
        # Diagonal angles spread evenly in diagrams; molecules favour 30°/60°, plots ±few slopes.
        ah = np.histogram(ang[diag], bins=6, range=(4, 86))[0].astype(np.float64)
        f.add("line_diag_angle_entropy", _entropy(ah))
    else:
        for name in ("line_horiz_share", "line_vert_share", "line_diag_share", "line_diag_count", "line_long_count",
                     "line_len_median", "line_diag_angle_entropy"):
            f.add(name, 0.0)
    _rule_features(f, ink, w, h)

    # Arrowheads: small solid blobs that survive an opening, with a pointed (triangular) outline.
    solid = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3)))
    cs, _ = cv2.findContours(solid, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    tri = rnd = 0
    for c in cs:
        a = cv2.contourArea(c)
        if a < 8 or a > 0.0015 * area:
            continue
        hull = cv2.convexHull(c)
        ha = cv2.contourArea(hull)
        if ha <= 0 or a / ha < 0.8:
            continue
        per = cv2.arcLength(hull, True)
        circ = 4 * math.pi * ha / max(1e-9, per * per)
        if circ > 0.8:
            rnd += 1
        elif len(cv2.approxPolyDP(hull, 0.12 * per, True)) == 3:
            tri += 1
    f.add("arrowhead_count", tri / 10.0)
    f.add("dot_count", rnd / 10.0)
    f.add("arrowhead_per_line", tri / max(1.0, len(segs)))

    # -- layout: empty gutters split multi-panel figures ----------------------------------------
    rows = ink.any(axis=1)
    cols = ink.any(axis=0)
    f.add("empty_row_frac", 1.0 - float(rows.mean()))
    f.add("empty_col_frac", 1.0 - float(cols.mean()))
    f.add("row_gutters", float(_gutters(rows, max(3, h // 60))))
    f.add("col_gutters", float(_gutters(cols, max(3, w // 60))))
    grid = np.add.reduceat(np.add.reduceat(ink.astype(np.float64), np.linspace(0, h, 5, dtype=int)[:-1], axis=0),
                           np.linspace(0, w, 5, dtype=int)[:-1], axis=1)
    cells = grid / max(1.0, grid.sum())
    f.add("ink_grid_entropy", _entropy(cells.ravel()) / 4.0)
    f.add("ink_grid_max", float(cells.max()))


def _rule_features(f: _Features, ink: np.ndarray, w: int, h: int) -> None:
    """Long straight rules: table lines, chart grids, and axes (a horizontal and a vertical meeting)."""
    kh = max(8, int(0.2 * w))
    kv = max(8, int(0.15 * h))
    hor = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (kh, 1)))
    ver = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, kv)))
    _, _, hs, _ = cv2.connectedComponentsWithStats(hor, connectivity=8)
    _, _, vs, _ = cv2.connectedComponentsWithStats(ver, connectivity=8)
    # Rules are thin; a filled block that survives the opening is not one.
    hs = hs[1:][(hs[1:, 3] <= max(4, h // 80))]
    vs = vs[1:][(vs[1:, 2] <= max(4, w // 80))]
    f.add("rule_h_count", float(len(hs)))
    f.add("rule_v_count", float(len(vs)))
    f.add("rule_h_span", float(hs[:, 2].max()) / w if len(hs) else 0.0)
    f.add("rule_v_span", float(vs[:, 3].max()) / h if len(vs) else 0.0)
    tol = 0.02 * max(w, h)
    axes = 0
    for vx, vy, vw, vh, _ in vs[:40]:
        bottom = vy + vh
        for hx, hy, hw, hh, _ in hs[:40]:
            # The vertical's lower end sits on the horizontal's left end (an L), or crosses it.
            if abs(bottom - hy) < tol and hx - tol < vx < hx + 0.2 * hw:
                axes += 1
                break
    f.add("axes_like", float(axes))


def _gutters(occupied: np.ndarray, min_run: int) -> int:
    """Runs of at least ``min_run`` empty rows (or columns) strictly inside the ink's extent."""
    idx = np.flatnonzero(occupied)
    if len(idx) < 2:
        return 0
    inner = ~occupied[idx[0]:idx[-1] + 1]
    if not inner.any():
        return 0
    d = np.diff(np.concatenate([[0], inner.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
    return int(((ends - starts) >= min_run).sum())


def _compute(rgb: np.ndarray) -> _Features:
    small = prepare(rgb)
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    bg = _background(small)
    f = _Features()
    h, w = gray.shape
    f.add("aspect_log", math.log(w / h))
    # How much of the image is the background colour: low for photos and micrographs, where the
    # ink-based measures below describe texture rather than drawn marks.
    near_bg = np.abs(small.astype(np.int16) - bg.astype(np.int16)).max(axis=2) <= 24
    f.add("bg_share", _frac(near_bg))
    _colour_features(f, small, gray, bg)
    _texture_features(f, gray)
    _structure_features(f, small, gray, bg)
    return f


def image_features(rgb: np.ndarray) -> np.ndarray:
    """The feature vector of an ``(H, W, 3)`` RGB ``uint8`` image, in :data:`FEATURE_NAMES` order."""
    return np.asarray(_compute(rgb).values, dtype=np.float32)


@cache
def feature_names() -> tuple[str, ...]:
    """Names of the values :func:`image_features` returns, in order (also ``FEATURE_NAMES``)."""
    probe = np.full((48, 64, 3), 255, np.uint8)
    probe[10:30, 10:40] = 0
    return tuple(_compute(probe).names)


def __getattr__(name: str) -> object:
    # FEATURE_NAMES is computed on first use, not at import: OpenCV work in a parent process
    # before it forks workers can deadlock them, and importing this module must stay cheap.
    if name == "FEATURE_NAMES":
        return feature_names()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
