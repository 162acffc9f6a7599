"""Hard negatives that are drawings but not pathways: study flowcharts, molecules, gene tables.

A CONSORT/PRISMA flowchart or an analysis workflow has boxes and arrows like a pathway, but
its boxes hold sentences and follow a column or a row; a chemical structure is lines at fixed
angles with a few atom letters; a table of genes is text in rows and columns. Each function
takes a seeded ``numpy`` generator and returns a PIL RGB image.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from pathfig.classify.synth.draw import arrow, downsample, jitter_colour, shape, wrap
from pathfig.classify.synth.text import font, text_size
from pathfig.classify.synth.words import GENES, STUDY_STEPS, WORKFLOW_STEPS, pick

__all__ = ["flowchart", "gene_table", "molecule"]

_PASTELS = ((220, 235, 250), (250, 230, 210), (225, 245, 225), (245, 225, 240), (255, 250, 205), (235, 235, 235))


def _box_text(d: ImageDraw.ImageDraw, rect: tuple[float, float, float, float], lines: list[str], f: object) -> None:
    x0, y0, x1, y1 = rect
    lh = text_size("Ag", f)[1] + 4  # type: ignore[arg-type]
    y = (y0 + y1) / 2 - lh * len(lines) / 2
    for line in lines:
        tw = text_size(line, f)[0]  # type: ignore[arg-type]
        d.text(((x0 + x1) / 2 - tw / 2, y), line, fill="black", font=f)  # type: ignore[arg-type]
        y += lh


def flowchart(rng: np.random.Generator) -> Image.Image:
    """A study-design flowchart (sentences in a column, exclusions at the side) or a workflow."""
    ss = 2
    study = rng.random() < 0.6
    f = font(int(rng.integers(11, 16)) * ss, str(rng.choice(["sans", "sans", "serif", "condensed"])))
    fill = None if rng.random() < 0.5 else _PASTELS[int(rng.integers(0, len(_PASTELS)))]
    kind = str(rng.choice(["rect", "rect", "round"]))
    lw = int(rng.integers(1, 3)) * ss
    if study:
        steps = [s.format(n=int(rng.integers(10, 5000))) for s in pick(rng, STUDY_STEPS, int(rng.integers(4, 9)))]
        W = int(rng.integers(600, 900)) * ss
        bw = W * rng.uniform(0.35, 0.5)
        bh = int(rng.integers(50, 80)) * ss
        gap = int(rng.integers(35, 60)) * ss
        H = len(steps) * (bh + gap) + gap
        img = Image.new("RGB", (W, H), "white")
        d = ImageDraw.Draw(img)
        cx = W * rng.uniform(0.3, 0.4)
        prev = None
        for i, s in enumerate(steps):
            y = gap // 2 + i * (bh + gap)
            side = i > 0 and rng.random() < 0.35
            rect = (cx - bw / 2, y, cx + bw / 2, y + bh)
            if side:  # an exclusion box to the right, fed by a horizontal arrow from the main line
                rect = (W - bw * 0.9 - 10 * ss, y - gap / 2 + 4 * ss, W - 10 * ss, y - gap / 2 + bh * 0.8)
                arrow(d, [(cx, (rect[1] + rect[3]) / 2), (rect[0], (rect[1] + rect[3]) / 2)], width=lw,
                      size=9 * ss)
                shape(d, kind, rect, fill=fill, outline="black", width=lw)
                _box_text(d, rect, wrap(s, f, rect[2] - rect[0] - 12 * ss), f)
                continue
            shape(d, kind, rect, fill=fill, outline="black", width=lw)
            _box_text(d, rect, wrap(s, f, bw - 14 * ss), f)
            if prev is not None:
                arrow(d, [(cx, prev), (cx, y)], width=lw, size=9 * ss)
            prev = y + bh
        return downsample(img, ss)
    # Workflow: short steps in a row, a column or a snake.
    steps = pick(rng, WORKFLOW_STEPS, int(rng.integers(4, 11)))
    per_row = int(rng.integers(2, 6))
    rows = math.ceil(len(steps) / per_row)
    bw, bh = int(rng.integers(110, 170)) * ss, int(rng.integers(45, 70)) * ss
    gx, gy = int(rng.integers(30, 60)) * ss, int(rng.integers(35, 60)) * ss
    W, H = per_row * (bw + gx) + gx, rows * (bh + gy) + gy
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    centres = []
    for i, s in enumerate(steps):
        r, c = divmod(i, per_row)
        if r % 2 == 1 and rng.random() < 0.7:
            c = per_row - 1 - c  # snake
        x, y = gx + c * (bw + gx), gy // 2 + r * (bh + gy)
        rect = (x, y, x + bw, y + bh)
        colour = jitter_colour(rng, _PASTELS[(i if rng.random() < 0.5 else 0) % len(_PASTELS)]) if fill else None
        shape(d, kind, rect, fill=colour, outline="black", width=lw)
        _box_text(d, rect, wrap(s, f, bw - 10 * ss), f)
        centres.append(rect)
    for a, b in zip(centres[:-1], centres[1:], strict=True):
        if abs(a[1] - b[1]) < 1:
            y = (a[1] + a[3]) / 2
            pts = [(a[2], y), (b[0], y)] if a[0] < b[0] else [(a[0], y), (b[2], y)]
        else:
            x = (a[0] + a[2]) / 2
            pts = [(x, a[3]), (x, b[1])]
        arrow(d, pts, width=lw, size=9 * ss)
    return downsample(img, ss)


# -- chemical structures --------------------------------------------------------------------------

_NAMES = ("Quercetin", "Curcumin", "Resveratrol", "Baicalein", "Berberine", "Remdesivir", "Chloroquine",
          "Compound 1", "Compound 2", "Compound 3", "Luteolin", "Kaempferol", "Emodin", "Tanshinone IIA")


def _molecule(rng: np.random.Generator, d: ImageDraw.ImageDraw, ox: float, oy: float, bond: float, lw: int,
              f: object) -> tuple[float, float, float, float]:
    """Fused hexagons with side chains; returns the drawing's bounding box."""
    pts: list[tuple[float, float]] = []
    bonds: list[tuple[int, int, int]] = []

    def add(p: tuple[float, float]) -> int:
        for i, q in enumerate(pts):
            if math.hypot(p[0] - q[0], p[1] - q[1]) < bond * 0.2:
                return i
        pts.append(p)
        return len(pts) - 1

    cx, cy = ox, oy
    for _ in range(int(rng.integers(1, 4))):
        ring = [add((cx + bond * math.cos(math.pi / 6 + k * math.pi / 3),
                     cy + bond * math.sin(math.pi / 6 + k * math.pi / 3))) for k in range(6)]
        for k in range(6):
            bonds.append((ring[k], ring[(k + 1) % 6], 2 if k % 2 == 0 and rng.random() < 0.7 else 1))
        cx += bond * math.sqrt(3) * (1 if rng.random() < 0.8 else -1)
        cy += bond * (1.5 if rng.random() < 0.3 else 0)
    for _ in range(int(rng.integers(1, 6))):  # zig-zag side chains from ring atoms
        a = int(rng.integers(0, len(pts)))
        ang = float(rng.choice([-150, -90, -30, 30, 90, 150])) * math.pi / 180
        for step in range(int(rng.integers(1, 4))):
            p = pts[a]
            q = add((p[0] + bond * math.cos(ang), p[1] + bond * math.sin(ang)))
            bonds.append((a, q, 2 if rng.random() < 0.15 else 1))
            a = q
            ang += (1 if step % 2 == 0 else -1) * math.pi / 3
    for a, b, order in bonds:
        (x0, y0), (x1, y1) = pts[a], pts[b]
        d.line((x0, y0, x1, y1), fill="black", width=lw)
        if order == 2:
            nx, ny = -(y1 - y0), x1 - x0
            n = math.hypot(nx, ny) or 1
            o = bond * 0.15
            d.line((x0 + nx / n * o + (x1 - x0) * 0.15, y0 + ny / n * o + (y1 - y0) * 0.15,
                    x1 + nx / n * o - (x1 - x0) * 0.15, y1 + ny / n * o - (y1 - y0) * 0.15), fill="black", width=lw)
    degree = np.bincount([i for a, b, _ in bonds for i in (a, b)], minlength=len(pts))
    for i, (x, y) in enumerate(pts):
        if degree[i] == 1 and rng.random() < 0.6 or rng.random() < 0.08:
            lab = str(rng.choice(["O", "OH", "N", "NH2", "HO", "Cl", "F", "S", "OCH3", "COOH", "NH"]))
            tw, th = text_size(lab, f)  # type: ignore[arg-type]
            d.rectangle((x - tw / 2 - 1, y - th / 2 - 1, x + tw / 2 + 1, y + th / 2 + 1), fill="white")
            d.text((x - tw / 2, y - th / 2 - 2), lab, fill=str(rng.choice(["black", "black", "red", "blue"])), font=f)
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def molecule(rng: np.random.Generator) -> Image.Image:
    """One or more 2D chemical structures, each with a name or number underneath."""
    ss = 2
    n = int(rng.integers(1, 7))
    cols = min(n, int(rng.integers(1, 4)))
    rows = math.ceil(n / cols)
    cell_w, cell_h = int(rng.integers(220, 340)) * ss, int(rng.integers(200, 300)) * ss
    img = Image.new("RGB", (cols * cell_w, rows * cell_h), "white")
    d = ImageDraw.Draw(img)
    f = font(int(rng.integers(12, 18)) * ss)
    bond = float(rng.uniform(22, 38)) * ss
    lw = int(rng.integers(1, 3)) * ss
    for i in range(n):
        r, c = divmod(i, cols)
        bbox = _molecule(rng, d, c * cell_w + cell_w * 0.3, r * cell_h + cell_h * 0.4, bond, lw, f)
        name = str(rng.choice(_NAMES))
        tw = text_size(name, f)[0]
        d.text((c * cell_w + cell_w / 2 - tw / 2, min(bbox[3] + 25 * ss, (r + 1) * cell_h - 25 * ss)), name,
               fill="black", font=f)
    return downsample(img, ss)


# -- tables ---------------------------------------------------------------------------------------

_FULL_NAMES = ("tumor protein p53", "kinase", "receptor", "transcription factor", "interleukin", "ligase",
               "phosphatase", "cyclin dependent kinase", "solute carrier", "growth factor", "caspase")


def gene_table(rng: np.random.Generator) -> Image.Image:
    """A table of genes (symbols, names, fold changes, P values) in one of the usual styles."""
    ss = 1
    n = int(rng.integers(5, 30))
    cols = ["Gene", "Description", "log2FC", "P value", "FDR", "Chromosome", "Function", "Regulation"]
    cols = cols[: int(rng.integers(3, len(cols) + 1))]
    f = font(int(rng.integers(10, 15)) * ss, str(rng.choice(["sans", "serif", "condensed"])))
    fb = font(int(rng.integers(10, 15)) * ss, "bold")
    genes = pick(rng, GENES, n)
    rows = []
    for g in genes:
        cells = {"Gene": g, "Description": f"{rng.choice(_FULL_NAMES)} {int(rng.integers(1, 20))}",
                 "log2FC": f"{rng.normal(0, 2):.2f}", "P value": f"{rng.uniform(0, 0.05):.1e}",
                 "FDR": f"{rng.uniform(0, 0.1):.3f}",
                 "Chromosome": f"{int(rng.integers(1, 23))}q{int(rng.integers(11, 40))}",
                 "Function": str(rng.choice(["Apoptosis", "Cell cycle", "Immune response", "Metabolism",
                                             "Signal transduction"])),
                 "Regulation": str(rng.choice(["Up", "Down"]))}
        rows.append([cells[c] for c in cols])
    widths = [max(text_size(str(x), f)[0] for x in [c] + [r[i] for r in rows]) + 20 * ss for i, c in enumerate(cols)]
    lh = text_size("Ag", f)[1] + int(rng.integers(8, 16)) * ss
    title_h = 30 * ss if rng.random() < 0.6 else 0
    W, H = sum(widths) + 20 * ss, title_h + lh * (n + 1) + 20 * ss
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    style = str(rng.choice(["grid", "booktabs", "zebra", "header"]))
    x0, y0 = 10 * ss, 10 * ss + title_h
    if title_h:
        d.text((x0, 8 * ss), f"Table {int(rng.integers(1, 6))}. Differentially expressed genes", fill="black", font=fb)
    head_fill = _PASTELS[int(rng.integers(0, len(_PASTELS)))]
    for r in range(n + 1):
        y = y0 + r * lh
        if style == "zebra" and r % 2 == 1 or style == "header" and r == 0:
            d.rectangle((x0, y, x0 + sum(widths), y + lh), fill=head_fill)
        x = x0
        for i, w in enumerate(widths):
            text = cols[i] if r == 0 else rows[r - 1][i]
            d.text((x + 8 * ss, y + lh / 2 - text_size("Ag", f)[1] / 2 - 2), text, fill="black",
                   font=fb if r == 0 else f)
            if style == "grid":
                d.rectangle((x, y, x + w, y + lh), outline="black", width=1)
            x += w
        if style == "booktabs" and r in (0, 1):
            d.line((x0, y, x0 + sum(widths), y), fill="black", width=2 if r == 0 else 1)
    if style != "grid":
        d.line((x0, y0 + (n + 1) * lh, x0 + sum(widths), y0 + (n + 1) * lh), fill="black", width=2)
    return downsample(img, ss)
