"""Positives the project draws itself: random signalling-pathway diagrams.

Layers of labelled nodes (boxes, rounded boxes, ellipses, hexagons, pills, or bare text) joined
by activation arrows, inhibition bars and dashed arrows, straight, elbowed or curved, over the
cartoon furniture of published pathway figures: shaded compartments, a lipid bilayer with
receptors across it, a nucleus with DNA, mitochondria, phosphate and ubiquitin tags, bursts,
outcome boxes, a legend, a title, panel letters. Styles range from PathVisio-like (white boxes,
thin black lines) to dense colourful cartoons, since published figures are mostly the latter.
They teach the classifier what varies between pathway figures; they are never counted as real
figures in the evaluation.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from pathfig.classify.synth.draw import Rect, arrow, clip_to_rect, downsample, jitter_colour, shape
from pathfig.classify.synth.text import font, text_size
from pathfig.classify.synth.words import COMPARTMENTS, GENES, PROCESSES, pick, protein_label

__all__ = ["pathway"]

_PASTEL = ((246, 214, 168), (207, 227, 247), (217, 239, 208), (243, 201, 211), (238, 224, 245), (255, 242, 170),
           (190, 220, 255), (255, 200, 160), (200, 240, 230), (230, 230, 230))
_VIVID = ((220, 60, 60), (60, 120, 200), (60, 160, 80), (230, 150, 30), (140, 80, 170), (30, 160, 170),
          (240, 200, 40), (200, 80, 140), (90, 90, 90))
_REGIONS = ((255, 250, 225), (235, 245, 255), (245, 235, 250), (240, 250, 235), (255, 240, 230))


def _darker(c: tuple[int, int, int], k: float = 0.7) -> tuple[int, int, int]:
    return int(c[0] * k), int(c[1] * k), int(c[2] * k)


def _membrane(d: ImageDraw.ImageDraw, rng: np.random.Generator, W: int, y: float, ss: int) -> list[float]:
    """A lipid bilayer across the figure (a band, or two rows of heads), flat or wavy; its y at each x."""
    amp = float(rng.uniform(0, 0.04)) * W if rng.random() < 0.5 else 0.0
    period = float(rng.uniform(0.5, 1.5)) * W
    xs = np.arange(0, W + 1, 4 * ss, dtype=float)
    ys = y + amp * np.sin(2 * math.pi * xs / period)
    if rng.random() < 0.6:
        r = float(rng.uniform(3, 6)) * ss
        head = jitter_colour(rng, (230, 180, 80), 40)
        for x in np.arange(0, W, r * 2.2):
            yy = y + amp * math.sin(2 * math.pi * x / period)
            for off in (-r * 2.6, r * 2.6):
                d.ellipse((x - r, yy + off - r, x + r, yy + off + r), fill=head, outline=_darker(head), width=ss)
            d.line((x - r * 0.4, yy - r * 1.6, x - r * 0.4, yy + r * 1.6), fill=(170, 150, 120), width=ss)
            d.line((x + r * 0.4, yy - r * 1.6, x + r * 0.4, yy + r * 1.6), fill=(170, 150, 120), width=ss)
    else:
        h = float(rng.uniform(10, 26)) * ss
        band = jitter_colour(rng, (250, 225, 190), 20)
        edge = jitter_colour(rng, (190, 150, 110), 30)
        pts_top = list(zip(xs, ys - h / 2, strict=True))
        pts_bot = list(zip(xs, ys + h / 2, strict=True))
        d.polygon(pts_top + pts_bot[::-1], fill=band)
        d.line(pts_top, fill=edge, width=2 * ss)
        d.line(pts_bot, fill=edge, width=2 * ss)
    return [float(v) for v in ys]


def _dna(d: ImageDraw.ImageDraw, rng: np.random.Generator, x0: float, x1: float, y: float, ss: int) -> None:
    amp = float(rng.uniform(5, 12)) * ss
    xs = np.linspace(x0, x1, 60)
    wl = float(rng.uniform(30, 60)) * ss
    a = [(x, y + amp * math.sin(2 * math.pi * x / wl)) for x in xs]
    b = [(x, y - amp * math.sin(2 * math.pi * x / wl)) for x in xs]
    c1, c2 = jitter_colour(rng, (60, 90, 200), 40), jitter_colour(rng, (200, 60, 80), 40)
    for (xa, ya), (_, yb) in list(zip(a, b, strict=True))[::3]:
        d.line((xa, ya, xa, yb), fill=(150, 150, 150), width=ss)
    d.line(a, fill=c1, width=2 * ss)
    d.line(b, fill=c2, width=2 * ss)


def _burst(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, colour: tuple[int, int, int]) -> None:
    pts = [(cx + (r if k % 2 == 0 else r * 0.55) * math.cos(k * math.pi / 8),
            cy + (r if k % 2 == 0 else r * 0.55) * math.sin(k * math.pi / 8)) for k in range(16)]
    d.polygon(pts, fill=colour, outline=_darker(colour))


def _mitochondrion(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, s: float) -> None:
    fill = jitter_colour(rng, (250, 170, 120), 30)
    d.ellipse((cx - s, cy - s * 0.5, cx + s, cy + s * 0.5), fill=fill, outline=_darker(fill), width=2)
    xs = np.linspace(cx - s * 0.8, cx + s * 0.8, 24)
    d.line([(x, cy + s * 0.3 * (1 if i % 2 else -1)) for i, x in enumerate(xs)], fill=_darker(fill, 0.6), width=2)


def _node_style(rng: np.random.Generator, style: str) -> tuple[object, object, tuple[int, int, int]]:
    if style == "pathvisio":
        return "white", "black", (0, 0, 0) if rng.random() < 0.7 else (30, 30, 200)
    if style == "vivid":
        c = jitter_colour(rng, _VIVID[int(rng.integers(0, len(_VIVID)))], 20)
        return c, (_darker(c) if rng.random() < 0.6 else None), (255, 255, 255) if sum(c) < 450 else (0, 0, 0)
    if style == "bare":
        return None, None, (0, 0, 0)
    c = jitter_colour(rng, _PASTEL[int(rng.integers(0, len(_PASTEL)))], 15)
    return c, ("black" if rng.random() < 0.5 else _darker(c, 0.6)), (0, 0, 0)


def _draw_node(d: ImageDraw.ImageDraw, rng: np.random.Generator, kind: str, rect: Rect, fill: object,
               outline: object, lw: int, ss: int) -> None:
    if fill is not None and kind != "none" and rng.random() < 0.25:  # drop shadow
        off = 3 * ss
        shape(d, kind, (rect[0] + off, rect[1] + off, rect[2] + off, rect[3] + off), fill=(170, 170, 170),
              outline=None)
    if kind == "pill":
        kind = "round"
    if isinstance(fill, tuple) and kind != "none" and rng.random() < 0.3:  # a lighter top: shading
        shape(d, kind, rect, fill=_darker(fill, 0.85), outline=outline, width=lw)  # type: ignore[arg-type]
        x0, y0, x1, y1 = rect
        inner = (x0 + (x1 - x0) * 0.08, y0 + (y1 - y0) * 0.08, x1 - (x1 - x0) * 0.08, y0 + (y1 - y0) * 0.55)
        light = tuple(min(255, int(v * 1.12) + 10) for v in fill)
        shape(d, "ellipse" if kind == "ellipse" else "round", inner, fill=light, outline=None)  # type: ignore[arg-type]
        return
    shape(d, kind, rect, fill=fill, outline=outline, width=lw)  # type: ignore[arg-type]


def _diagram(rng: np.random.Generator, W: int, H: int, ss: int) -> Image.Image:
    bg = (255, 255, 255) if rng.random() < 0.85 else jitter_colour(rng, (245, 245, 235), 10)
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    style = str(rng.choice(["pathvisio", "pastel", "pastel", "pastel", "vivid", "vivid", "bare", "mixed"]))
    # Labels scale with the figure: published diagrams pack many large labels whatever their size.
    fsize = max(9 * ss, int(W / rng.uniform(26, 60)))
    face = str(rng.choice(["bold", "bold", "sans", "condensed", "serif"]))
    f = font(fsize, face)
    lw = int(rng.integers(1, 4)) * ss
    kinds = {"pathvisio": ("rect",), "pastel": ("round", "ellipse", "rect", "pill"), "vivid": ("ellipse", "round"),
             "bare": ("none",), "mixed": ("rect", "round", "ellipse", "hexagon", "none", "pill")}[style]
    kind_one = str(rng.choice(kinds))

    top = 0.0
    if rng.random() < 0.35:
        title = f"{rng.choice(GENES)} signaling pathway" if rng.random() < 0.6 else str(rng.choice(PROCESSES))
        ft = font(int(fsize * 1.3), "bold")
        d.text((W / 2 - text_size(title, ft)[0] / 2, 6 * ss), title, fill="black", font=ft)
        top = text_size(title, ft)[1] + 14 * ss
    # Compartments: shaded cell body and nucleus, a membrane across the top.
    if rng.random() < 0.45:
        c = jitter_colour(rng, _REGIONS[int(rng.integers(0, len(_REGIONS)))], 10)
        y0 = top + H * rng.uniform(0.1, 0.25)
        if rng.random() < 0.5:
            d.rounded_rectangle((W * 0.02, y0, W * 0.98, H * 1.05), radius=W * 0.08, fill=c,
                                outline=_darker(c, 0.75), width=3 * ss)
        else:
            d.rectangle((0, y0, W, H), fill=c)
    membrane: list[float] | None = None
    if rng.random() < 0.55:
        membrane = _membrane(d, rng, W, top + H * rng.uniform(0.1, 0.22), ss)
    if rng.random() < 0.45:
        nuc = (W * rng.uniform(0.05, 0.35), H * rng.uniform(0.66, 0.78), W * rng.uniform(0.65, 0.95), H * 1.12)
        fill = jitter_colour(rng, (235, 222, 245), 15)
        if rng.random() < 0.5:
            d.ellipse((nuc[0] - 5 * ss, nuc[1] - 5 * ss, nuc[2] + 5 * ss, nuc[3] + 5 * ss),
                      outline=_darker(fill, 0.6), width=2 * ss)
        d.ellipse(nuc, fill=fill, outline=_darker(fill, 0.6), width=2 * ss)
        if rng.random() < 0.6:
            _dna(d, rng, nuc[0] + (nuc[2] - nuc[0]) * 0.2, nuc[0] + (nuc[2] - nuc[0]) * 0.8, H * 0.93, ss)
        d.text((nuc[0] + 25 * ss, nuc[1] + 12 * ss), "Nucleus", fill=(80, 80, 80), font=f)
    for _ in range(int(rng.integers(0, 3)) if rng.random() < 0.3 else 0):
        _mitochondrion(d, rng, W * rng.uniform(0.1, 0.9), H * rng.uniform(0.4, 0.8), W * rng.uniform(0.04, 0.08))
    if rng.random() < 0.35:
        for comp in pick(rng, COMPARTMENTS, int(rng.integers(1, 3))):
            d.text((W * rng.uniform(0.02, 0.75), H * rng.uniform(0.1, 0.9)), comp, fill=(110, 110, 110), font=f)

    # Layered layout: nodes in rows, edges mostly to the next row.
    n_layers = int(rng.integers(4, 10))
    ys = np.linspace(top + H * 0.06, H * 0.93, n_layers)
    nodes: list[Rect] = []
    layer_of: list[int] = []
    labels: list[str] = []
    for li, y in enumerate(ys):
        for x in np.sort(rng.uniform(0.06, 0.94, int(rng.integers(1, 8)))) * W:
            label = protein_label(rng) if rng.random() < 0.85 else "/".join(pick(rng, GENES, 2))
            tw, th = text_size(label, f)
            padx, pady = float(rng.uniform(5, 14)) * ss, float(rng.uniform(3, 9)) * ss
            rect = (x - tw / 2 - padx, y - th / 2 - pady, x + tw / 2 + padx, y + th / 2 + pady)
            if any(not (rect[2] < o[0] or rect[0] > o[2] or rect[3] < o[1] or rect[1] > o[3]) for o in nodes):
                continue
            nodes.append(rect)
            layer_of.append(li)
            labels.append(label)
    # Receptors across the membrane: tall shapes in pairs, labelled above.
    if membrane is not None and rng.random() < 0.6:
        for x in rng.uniform(0.1, 0.9, int(rng.integers(1, 4))) * W:
            y = membrane[min(len(membrane) - 1, int(x / (4 * ss)))]
            c = jitter_colour(rng, _VIVID[int(rng.integers(0, len(_VIVID)))], 25)
            for dx in (-9 * ss, 9 * ss):
                d.rounded_rectangle((x + dx - 7 * ss, y - 30 * ss, x + dx + 7 * ss, y + 30 * ss), radius=6 * ss,
                                    fill=c, outline=_darker(c), width=ss)
            lab = str(rng.choice(GENES))
            d.text((x - text_size(lab, f)[0] / 2, y - 34 * ss - fsize), lab, fill="black", font=f)
    colour_edges = rng.random() < 0.4
    edge_colour = jitter_colour(rng, _VIVID[int(rng.integers(0, len(_VIVID)))]) if colour_edges else (20, 20, 20)
    route = str(rng.choice(["straight", "straight", "elbow", "curve"]))
    for i, a in enumerate(nodes):
        targets = [j for j, lj in enumerate(layer_of) if lj == layer_of[i] + 1]
        same = [j for j, lj in enumerate(layer_of) if lj == layer_of[i] and j != i]
        chosen = [int(j) for j in pick(rng, tuple(map(str, targets)), int(rng.integers(0, 3)))] if targets else []
        if targets and not chosen:  # keep the graph connected: the nearest node of the next row
            cx = (a[0] + a[2]) / 2
            chosen = [min(targets, key=lambda j: abs((nodes[j][0] + nodes[j][2]) / 2 - cx))]
        if same and rng.random() < 0.2:
            chosen.append(same[int(rng.integers(0, len(same)))])
        for j in chosen:
            b = nodes[j]
            ax, ay, bx, by = (a[0] + a[2]) / 2, (a[1] + a[3]) / 2, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
            head = str(rng.choice(["arrow", "arrow", "arrow", "open", "bar"]))
            colour = edge_colour if head != "bar" or rng.random() < 0.5 else (200, 40, 40)
            if route == "elbow" and abs(ax - bx) > 5:
                mid = (ax, by)
                pts = [clip_to_rect(mid[0], mid[1], ax, ay, a), mid, clip_to_rect(mid[0], mid[1], bx, by, b)]
            elif route == "curve":
                cx, cy = (ax + bx) / 2 + rng.normal(0, 40) * ss, (ay + by) / 2 + rng.normal(0, 20) * ss
                start, end = clip_to_rect(cx, cy, ax, ay, a), clip_to_rect(cx, cy, bx, by, b)
                pts = [((1 - s) ** 2 * start[0] + 2 * (1 - s) * s * cx + s * s * end[0],
                        (1 - s) ** 2 * start[1] + 2 * (1 - s) * s * cy + s * s * end[1]) for s in np.linspace(0, 1, 12)]
            else:
                pts = [clip_to_rect(bx, by, ax, ay, a), clip_to_rect(ax, ay, bx, by, b)]
            arrow(d, pts, head=head, width=lw, colour=colour, size=float(rng.uniform(8, 16)) * ss,
                  dashed=rng.random() < 0.15)
    for rect, label in zip(nodes, labels, strict=True):
        kind = str(rng.choice(kinds)) if style == "mixed" else kind_one
        fill, outline, tcol = _node_style(rng, "pastel" if style == "mixed" and rng.random() < 0.5 else style)
        _draw_node(d, rng, kind, rect, fill, outline, lw, ss)
        tw, th = text_size(label, f)
        d.text(((rect[0] + rect[2]) / 2 - tw / 2, (rect[1] + rect[3]) / 2 - th / 2 - 2 * ss), label, fill=tcol,
               font=f)
        if rng.random() < 0.15:  # a phosphate (or ubiquitin) tag on the node
            r = 7 * ss
            px, py = rect[2], rect[1]
            tag = "P" if rng.random() < 0.8 else "Ub"
            d.ellipse((px - r, py - r, px + r, py + r), fill=(250, 200, 60) if tag == "P" else (120, 200, 120),
                      outline="black", width=ss)
            fp = font(9 * ss, "bold")
            d.text((px - text_size(tag, fp)[0] / 2, py - r + 2), tag, fill="black", font=fp)
        if rng.random() < 0.04:
            _burst(d, rect[0], rect[1], 12 * ss, jitter_colour(rng, (250, 220, 60), 20))
    if rng.random() < 0.5:  # cellular outcomes at the bottom, sometimes boxed
        boxed = rng.random() < 0.5
        for k, proc in enumerate(pick(rng, PROCESSES, int(rng.integers(1, 4)))):
            x, y = W * (k + 1) / 4, H - 2.6 * fsize
            tw, th = text_size(proc, f)
            if boxed:
                c = jitter_colour(rng, _PASTEL[int(rng.integers(0, len(_PASTEL)))])
                d.rectangle((x - tw / 2 - 8 * ss, y - 6 * ss, x + tw / 2 + 8 * ss, y + th + 8 * ss), fill=c,
                            outline="black", width=ss)
            d.text((x - tw / 2, y), proc, fill="black", font=f)
    if rng.random() < 0.2:  # a legend box
        lx, ly = W * 0.72, H * 0.03 + top
        d.rectangle((lx, ly, W - 6 * ss, ly + 4 * fsize * 1.4), fill="white", outline="black", width=ss)
        for k, (head, name) in enumerate((("arrow", "Activation"), ("bar", "Inhibition"), ("open", "Binding"))):
            y = ly + fsize + k * fsize * 1.3
            arrow(d, [(lx + 6 * ss, y), (lx + 40 * ss, y)], head=head, width=lw, size=8 * ss)
            d.text((lx + 48 * ss, y - fsize / 2), name, fill="black", font=f)
    return img


def pathway(rng: np.random.Generator) -> Image.Image:
    """A random pathway diagram (a positive training example), sometimes two panels side by side."""
    ss = 2
    W = int(rng.integers(450, 1200)) * ss
    H = int(W * rng.uniform(0.6, 1.25))
    if rng.random() < 0.15:
        half = W // 2
        img = Image.new("RGB", (W, H), "white")
        for k in range(2):
            img.paste(_diagram(rng, half - 10 * ss, H, ss), (k * half, 0))
            ImageDraw.Draw(img).text((k * half + 6 * ss, 4 * ss), "AB"[k], fill="black",
                                     font=font(max(12 * ss, W // 40), "bold"))
        return downsample(img, ss)
    img = _diagram(rng, W, H, ss)
    if rng.random() < 0.15:
        ImageDraw.Draw(img).text((8 * ss, 6 * ss), "ABCD"[int(rng.integers(0, 4))], fill="black",
                                 font=font(max(12 * ss, W // 35), "bold"))
    return downsample(img, ss)
