"""Positives the project draws itself: random signalling-pathway diagrams.

Layers of labelled nodes (boxes, rounded boxes, ellipses, hexagons, or bare text) joined by
activation arrows, inhibition bars and dashed arrows, straight, elbowed or curved; sometimes a
membrane band, a nucleus, phosphate circles, compartment labels, a legend, a title and panel
letters. Styles range from PathVisio-like (white boxes, thin black lines) to colourful cartoons.
They teach the classifier what varies between pathway figures and what does not; they are
never counted as real figures in the evaluation.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from pathfig.classify.synth.draw import arrow, clip_to_rect, downsample, jitter_colour, shape
from pathfig.classify.synth.text import font, text_size
from pathfig.classify.synth.words import COMPARTMENTS, GENES, PROCESSES, pick, protein_label

__all__ = ["pathway"]

_FILLS = ((246, 214, 168), (207, 227, 247), (217, 239, 208), (243, 201, 211), (238, 224, 245), (255, 242, 170),
          (190, 220, 255), (255, 200, 160), (200, 240, 230), (230, 230, 230))
_STRONG = ((220, 60, 60), (60, 120, 200), (60, 160, 80), (230, 150, 30), (140, 80, 170), (30, 160, 170))


def _membrane(d: ImageDraw.ImageDraw, rng: np.random.Generator, W: int, y: float, ss: int) -> None:
    """A lipid bilayer: two rows of small circles (heads) or a double line across the figure."""
    if rng.random() < 0.5:
        r = float(rng.uniform(3, 6)) * ss
        c = jitter_colour(rng, (230, 180, 80))
        for x in np.arange(0, W, r * 2.2):
            for yy in (y - r * 2.5, y + r * 2.5):
                d.ellipse((x - r, yy - r, x + r, yy + r), fill=c, outline=None)
            d.line((x, y - r * 1.5, x, y + r * 1.5), fill=(150, 150, 150), width=max(1, ss))
    else:
        c = jitter_colour(rng, (180, 150, 120))
        h = float(rng.uniform(10, 24)) * ss
        d.rectangle((0, y - h / 2, W, y + h / 2), fill=jitter_colour(rng, (250, 230, 200)))
        d.line((0, y - h / 2, W, y - h / 2), fill=c, width=2 * ss)
        d.line((0, y + h / 2, W, y + h / 2), fill=c, width=2 * ss)


def pathway(rng: np.random.Generator) -> Image.Image:
    """A random pathway diagram (a positive training example)."""
    ss = 2
    W = int(rng.integers(500, 1300)) * ss
    H = int(W * rng.uniform(0.55, 1.2))
    bg = (255, 255, 255) if rng.random() < 0.85 else jitter_colour(rng, (245, 245, 235), 10)
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    style = str(rng.choice(["pathvisio", "pastel", "pastel", "strong", "bare", "mixed"]))
    # Labels scale with the figure: a pathway packs many nodes whatever its resolution.
    fsize = max(9 * ss, int(W / rng.uniform(45, 85)))
    f = font(fsize, str(rng.choice(["sans", "bold", "bold", "condensed", "serif"])))
    lw = int(rng.integers(1, 3)) * ss
    kinds = {"pathvisio": ("rect",), "pastel": ("round", "ellipse", "rect"), "strong": ("ellipse", "round"),
             "bare": ("none",), "mixed": ("rect", "round", "ellipse", "hexagon", "none")}[style]
    kind_one = str(rng.choice(kinds))

    top = 0.0
    if rng.random() < 0.35:  # title
        title = f"{rng.choice(GENES)} signaling pathway" if rng.random() < 0.6 else str(rng.choice(PROCESSES))
        ft = font(int(fsize * 1.3), "bold")
        d.text((W / 2 - text_size(title, ft)[0] / 2, 8 * ss), title, fill="black", font=ft)
        top = text_size(title, ft)[1] + 20 * ss
    membrane_y = None
    if rng.random() < 0.45:
        membrane_y = top + H * rng.uniform(0.12, 0.22)
        _membrane(d, rng, W, membrane_y, ss)
    nucleus = None
    if rng.random() < 0.35:
        nucleus = (W * rng.uniform(0.05, 0.3), H * rng.uniform(0.68, 0.78), W * rng.uniform(0.7, 0.95), H * 1.1)
        d.ellipse(nucleus, fill=jitter_colour(rng, (235, 225, 245), 15), outline=jitter_colour(rng, (120, 100, 160)),
                  width=2 * ss)
        d.text((nucleus[0] + 30 * ss, nucleus[1] + 20 * ss), "Nucleus", fill=(90, 90, 90), font=f)
    if rng.random() < 0.3:
        for comp in pick(rng, COMPARTMENTS, int(rng.integers(1, 3))):
            d.text((W * rng.uniform(0.02, 0.8), H * rng.uniform(0.1, 0.9)), comp, fill=(110, 110, 110), font=f)

    # Layered layout: nodes in rows, edges mostly to the next row.
    n_layers = int(rng.integers(4, 10))
    ys = np.linspace(top + H * 0.08, H * 0.9, n_layers)
    nodes: list[tuple[float, float, float, float]] = []
    layer_of: list[int] = []
    labels: list[str] = []
    for li, y in enumerate(ys):
        k = int(rng.integers(1, 8))
        xs = np.sort(rng.uniform(0.08, 0.92, k)) * W
        for x in xs:
            label = protein_label(rng) if rng.random() < 0.85 else "/".join(pick(rng, GENES, 2))
            tw, th = text_size(label, f)
            padx, pady = float(rng.uniform(6, 16)) * ss, float(rng.uniform(4, 10)) * ss
            rect = (x - tw / 2 - padx, y - th / 2 - pady, x + tw / 2 + padx, y + th / 2 + pady)
            if any(not (rect[2] < o[0] or rect[0] > o[2] or rect[3] < o[1] or rect[1] > o[3]) for o in nodes):
                continue
            nodes.append(rect)
            layer_of.append(li)
            labels.append(label)
    # Edges first, so nodes are drawn over their ends.
    colour_edges = rng.random() < 0.4
    edge_colour = jitter_colour(rng, _STRONG[int(rng.integers(0, len(_STRONG)))]) if colour_edges else (20, 20, 20)
    route = str(rng.choice(["straight", "straight", "elbow", "curve"]))
    for i, a in enumerate(nodes):
        targets = [j for j, lj in enumerate(layer_of) if lj == layer_of[i] + 1]
        extra = [j for j, lj in enumerate(layer_of) if lj == layer_of[i] and j != i]
        chosen = pick(rng, tuple(map(str, targets)), int(rng.integers(0, 3))) if targets else []
        if targets and not chosen:  # keep the graph connected: the nearest node of the next row
            cx = (a[0] + a[2]) / 2
            chosen = [str(min(targets, key=lambda j: abs((nodes[j][0] + nodes[j][2]) / 2 - cx)))]
        if extra and rng.random() < 0.2:
            chosen.append(str(extra[int(rng.integers(0, len(extra)))]))
        for js in chosen:
            b = nodes[int(js)]
            ax, ay = (a[0] + a[2]) / 2, (a[1] + a[3]) / 2
            bx, by = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
            head = str(rng.choice(["arrow", "arrow", "arrow", "open", "bar"]))
            dashed = rng.random() < 0.15
            colour = edge_colour if head != "bar" or rng.random() < 0.5 else (200, 40, 40)
            if route == "elbow" and abs(ax - bx) > 5:
                mid = (ax, by)
                start = clip_to_rect(mid[0], mid[1], ax, ay, a)
                end = clip_to_rect(mid[0], mid[1], bx, by, b)
                pts = [start, mid, end]
            elif route == "curve":
                cx, cy = (ax + bx) / 2 + rng.normal(0, 40) * ss, (ay + by) / 2 + rng.normal(0, 20) * ss
                start = clip_to_rect(cx, cy, ax, ay, a)
                end = clip_to_rect(cx, cy, bx, by, b)
                t = np.linspace(0, 1, 12)
                pts = [((1 - s) ** 2 * start[0] + 2 * (1 - s) * s * cx + s * s * end[0],
                        (1 - s) ** 2 * start[1] + 2 * (1 - s) * s * cy + s * s * end[1]) for s in t]
            else:
                pts = [clip_to_rect(bx, by, ax, ay, a), clip_to_rect(ax, ay, bx, by, b)]
            arrow(d, pts, head=head, width=lw, colour=colour, size=float(rng.uniform(8, 14)) * ss, dashed=dashed)
    fills = [jitter_colour(rng, _FILLS[int(rng.integers(0, len(_FILLS)))], 10) for _ in range(4)]
    for rect, label in zip(nodes, labels, strict=True):
        kind = str(rng.choice(kinds)) if style == "mixed" else kind_one
        if style == "pathvisio":
            fill, outline, tcol = "white", "black", (0, 0, 0) if rng.random() < 0.7 else (30, 30, 200)
        elif style == "strong":
            fill = jitter_colour(rng, _STRONG[int(rng.integers(0, len(_STRONG)))])
            outline, tcol = None, (255, 255, 255)
        elif style == "bare":
            fill, outline, tcol = None, None, (0, 0, 0)
        else:
            fill = fills[int(rng.integers(0, len(fills)))]
            outline = "black" if rng.random() < 0.6 else None
            tcol = (0, 0, 0)
        shape(d, kind, rect, fill=fill, outline=outline, width=lw)
        tw, th = text_size(label, f)
        d.text(((rect[0] + rect[2]) / 2 - tw / 2, (rect[1] + rect[3]) / 2 - th / 2 - 2 * ss), label, fill=tcol,
               font=f)
        if rng.random() < 0.12:  # a phosphate on the node
            r = 7 * ss
            px, py = rect[2], rect[1]
            d.ellipse((px - r, py - r, px + r, py + r), fill=(250, 200, 60), outline="black", width=ss)
            fp = font(10 * ss, "bold")
            d.text((px - text_size("P", fp)[0] / 2, py - r + 1), "P", fill="black", font=fp)
    if rng.random() < 0.5:  # cellular outcomes at the bottom
        for k, proc in enumerate(pick(rng, PROCESSES, int(rng.integers(1, 4)))):
            x = W * (k + 1) / 4
            d.text((x - text_size(proc, f)[0] / 2, H - 3 * fsize), proc, fill="black", font=f)
    if rng.random() < 0.2:  # a legend box
        lx, ly = W * 0.78, H * 0.04 + top
        d.rectangle((lx, ly, W - 6 * ss, ly + 4 * fsize * 1.4), outline="black", width=ss)
        for k, (head, name) in enumerate((("arrow", "Activation"), ("bar", "Inhibition"), ("open", "Binding"))):
            y = ly + fsize + k * fsize * 1.3
            arrow(d, [(lx + 6 * ss, y), (lx + 40 * ss, y)], head=head, width=lw, size=8 * ss)
            d.text((lx + 48 * ss, y - fsize / 2), name, fill="black", font=f)
    if membrane_y is not None and rng.random() < 0.5:
        d.text((6 * ss, membrane_y - 3 * fsize), "Extracellular", fill=(100, 100, 100), font=f)
    if rng.random() < 0.15:
        d.text((8 * ss, 8 * ss), "ABCD"[int(rng.integers(0, 4))], fill="black", font=font(int(fsize * 1.6), "bold"))
    return downsample(img, ss)
