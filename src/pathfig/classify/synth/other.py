"""More hard negatives: the other schematics of biomedical papers.

Protein domain and gene structure diagrams (boxes on a line), phylogenetic trees, forest plots
of a meta-analysis, sequence alignments, and study timelines. They share the ink of pathway
figures (boxes, lines, gene names) but not their layout. Each function takes a seeded ``numpy``
generator and returns a PIL RGB image; :func:`schematic` picks one.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from pathfig.classify.synth.draw import arrow, downsample, jitter_colour
from pathfig.classify.synth.text import font, text_size
from pathfig.classify.synth.words import GENES, pick

__all__ = ["alignment", "domains", "forest_plot", "schematic", "timeline", "tree"]

_DOMAIN_NAMES = ("CARD", "DEAD", "Helicase", "CTD", "SH2", "SH3", "PH", "Kinase", "TIR", "LRR", "DD", "TM",
                 "RING", "BTB", "bZIP", "HD", "PDZ", "WD40", "Ig", "FN3", "ZnF", "NLS", "TAD", "DBD")
_COLOURS = ((120, 190, 90), (240, 160, 60), (150, 110, 200), (80, 150, 220), (230, 90, 90), (90, 200, 200),
            (240, 220, 80))


def domains(rng: np.random.Generator) -> Image.Image:
    """Proteins or genes as bars with coloured domain boxes (or exons), names at the side."""
    ss = 2
    n = int(rng.integers(2, 8))
    W, row = int(rng.integers(500, 900)) * ss, int(rng.integers(40, 70)) * ss
    img = Image.new("RGB", (W, n * row + 40 * ss), "white")
    d = ImageDraw.Draw(img)
    f = font(int(rng.integers(11, 16)) * ss, "bold")
    left = int(W * 0.18)
    for i, name in enumerate(pick(rng, GENES, n)):
        y = 30 * ss + i * row
        length = (W - left - 20 * ss) * rng.uniform(0.5, 1.0)
        d.line((left, y, left + length, y), fill=(60, 60, 60), width=3 * ss)
        x = left + 5 * ss
        while True:
            w = length * rng.uniform(0.06, 0.22)
            x += length * rng.uniform(0.02, 0.12)
            if x + w > left + length:
                break
            c = jitter_colour(rng, _COLOURS[int(rng.integers(0, len(_COLOURS)))], 20)
            h = row * rng.uniform(0.3, 0.5)
            d.rounded_rectangle((x, y - h / 2, x + w, y + h / 2), radius=h / 3, fill=c, outline="black", width=ss)
            lab = str(rng.choice(_DOMAIN_NAMES))
            fs = font(max(8 * ss, int(h * 0.45)))
            if text_size(lab, fs)[0] < w:
                d.text((x + w / 2 - text_size(lab, fs)[0] / 2, y - text_size(lab, fs)[1] / 2 - 2 * ss), lab,
                       fill="black", font=fs)
            x += w
        d.text((10 * ss, y - text_size(name, f)[1] / 2), name, fill="black", font=f)
        d.text((left + length + 4 * ss, y - 8 * ss), f"{int(rng.integers(100, 1500))} aa", fill="black",
               font=font(10 * ss))
    return downsample(img, ss)


def tree(rng: np.random.Generator) -> Image.Image:
    """A phylogenetic (or clustering) tree of right-angled branches with leaf names."""
    ss = 2
    n = int(rng.integers(6, 30))
    W, step = int(rng.integers(400, 800)) * ss, int(rng.integers(14, 24)) * ss
    img = Image.new("RGB", (W, n * step + 30 * ss), "white")
    d = ImageDraw.Draw(img)
    f = font(int(step * 0.7), "italic" if rng.random() < 0.5 else "sans")
    leaf_x = W * 0.65
    pos = {i: (leaf_x, 15 * ss + i * step) for i in range(n)}
    active = list(range(n))
    nxt = n
    depth = leaf_x
    while len(active) > 1:
        j = int(rng.integers(0, len(active) - 1))
        a, b = active[j], active[j + 1]
        depth_j = min(pos[a][0], pos[b][0]) - float(rng.uniform(10, 40)) * ss
        depth = min(depth, depth_j)
        for k in (a, b):
            d.line((depth_j, pos[k][1], pos[k][0], pos[k][1]), fill="black", width=ss)
        d.line((depth_j, pos[a][1], depth_j, pos[b][1]), fill="black", width=ss)
        pos[nxt] = (depth_j, (pos[a][1] + pos[b][1]) / 2)
        if rng.random() < 0.3:
            d.text((depth_j + 2 * ss, pos[nxt][1] - step * 0.6), str(int(rng.integers(50, 100))), fill="black",
                   font=font(int(step * 0.45)))
        active[j:j + 2] = [nxt]
        nxt += 1
    species = ("Homo sapiens", "Mus musculus", "Rattus norvegicus", "Danio rerio", "Gallus gallus", "Bos taurus",
               "Xenopus laevis", "Drosophila melanogaster", "Sus scrofa", "Canis lupus", "Macaca mulatta")
    for i in range(n):
        name = str(rng.choice(species)) + (f" {rng.choice(GENES)}" if rng.random() < 0.5 else "")
        d.text((leaf_x + 6 * ss, pos[i][1] - step * 0.4), name, fill="black", font=f)
    return downsample(img, ss)


def forest_plot(rng: np.random.Generator) -> Image.Image:
    """A meta-analysis forest plot: a study per row, squares and whiskers, a diamond, a table of numbers."""
    ss = 2
    n = int(rng.integers(4, 20))
    row = int(rng.integers(16, 24)) * ss
    W = int(rng.integers(600, 900)) * ss
    H = (n + 5) * row
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    f = font(int(row * 0.6))
    fb = font(int(row * 0.6), "bold")
    x0, x1 = W * 0.42, W * 0.75
    mid = (x0 + x1) / 2
    for k, head in enumerate(("Study", "OR (95% CI)", "Weight")):
        d.text(((10 * ss, x1 + 10 * ss, W - 70 * ss)[k], row * 0.5), head, fill="black", font=fb)
    for i in range(n):
        y = (i + 2) * row
        est = rng.normal(0, 0.3)
        lo, hi = est - rng.uniform(0.1, 0.6), est + rng.uniform(0.1, 0.6)
        sx = lambda v: mid + v * (x1 - x0) / 3  # noqa: E731 - a local scale
        d.line((sx(lo), y, sx(hi), y), fill="black", width=ss)
        s = float(rng.uniform(3, 9)) * ss
        d.rectangle((sx(est) - s, y - s, sx(est) + s, y + s), fill=(90, 90, 90))
        d.text((10 * ss, y - row * 0.4), f"{rng.choice(('Smith', 'Wang', 'Li', 'Garcia', 'Kim', 'Müller'))} "
                                          f"{int(rng.integers(2005, 2024))}", fill="black", font=f)
        d.text((x1 + 10 * ss, y - row * 0.4), f"{np.exp(est):.2f} ({np.exp(lo):.2f}, {np.exp(hi):.2f})",
               fill="black", font=f)
        d.text((W - 70 * ss, y - row * 0.4), f"{rng.uniform(2, 15):.1f}%", fill="black", font=f)
    y = (n + 2.5) * row
    d.polygon([(mid - 30 * ss, y), (mid, y - 6 * ss), (mid + 30 * ss, y), (mid, y + 6 * ss)], fill="black")
    d.text((10 * ss, y - row * 0.4), "Overall (I² = 42%)", fill="black", font=fb)
    d.line((mid, row * 1.5, mid, (n + 3) * row), fill="black", width=ss)
    d.line((x0, (n + 3.5) * row, x1, (n + 3.5) * row), fill="black", width=ss)
    return downsample(img, ss)


def alignment(rng: np.random.Generator) -> Image.Image:
    """A multiple sequence alignment: rows of residues, conserved columns shaded, names at the left."""
    ss = 1
    n, length = int(rng.integers(4, 14)), int(rng.integers(30, 70))
    cw, ch = int(rng.integers(9, 14)) * ss, int(rng.integers(14, 20)) * ss
    left = 130 * ss
    img = Image.new("RGB", (left + length * cw + 60 * ss, (n + 2) * ch), "white")
    d = ImageDraw.Draw(img)
    f = font(int(ch * 0.75), "sans")
    base = rng.choice(list("ACDEFGHIKLMNPQRSTVWY"), length)
    palette = {a: _COLOURS[i % len(_COLOURS)] for i, a in enumerate("ACDEFGHIKLMNPQRSTVWY")}
    coloured = rng.random() < 0.6
    for i in range(n):
        y = (i + 1) * ch
        d.text((4, y), f"{rng.choice(GENES)}_{rng.choice(('HUMAN', 'MOUSE', 'RAT', 'BOVIN', 'DANRE'))}",
               fill="black", font=f)
        for j in range(length):
            aa = str(base[j] if rng.random() < 0.75 else rng.choice(list("ACDEFGHIKLMNPQRSTVWY")))
            x = left + j * cw
            if coloured:
                d.rectangle((x, y, x + cw - 1, y + ch - 1), fill=palette[aa])
            d.text((x + 1, y), aa, fill="black", font=f)
    return downsample(img, ss)


def timeline(rng: np.random.Generator) -> Image.Image:
    """A study timeline: one arrow of time with dated events above and below it."""
    ss = 2
    W, H = int(rng.integers(600, 1000)) * ss, int(rng.integers(200, 360)) * ss
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    f = font(int(rng.integers(11, 15)) * ss)
    y = H / 2
    arrow(d, [(20 * ss, y), (W - 20 * ss, y)], width=3 * ss, size=14 * ss)
    events = ("Baseline", "Randomization", "Treatment start", "Blood sampling", "MRI", "Follow-up", "Surgery",
              "Week 4", "Week 12", "Month 6", "Endpoint", "Infection", "Vaccination", "Sacrifice")
    n = int(rng.integers(3, 8))
    for k, ev in enumerate(pick(rng, events, n)):
        x = 40 * ss + (W - 100 * ss) * (k + 0.5) / n
        up = k % 2 == 0
        d.line((x, y, x, y + (-40 if up else 40) * ss), fill=(80, 80, 80), width=ss)
        d.ellipse((x - 5 * ss, y - 5 * ss, x + 5 * ss, y + 5 * ss), fill=jitter_colour(rng, (60, 120, 200)))
        tw, th = text_size(ev, f)
        d.text((x - tw / 2, y + ((-40 * ss - th - 4 * ss) if up else 44 * ss)), ev, fill="black", font=f)
        day = f"Day {int(rng.integers(0, 365))}"
        d.text((x - text_size(day, f)[0] / 2, y + (12 * ss if up else -12 * ss - th)), day, fill=(90, 90, 90), font=f)
    return downsample(img, ss)


def schematic(rng: np.random.Generator) -> Image.Image:
    """One of the schematics above."""
    return (domains, tree, forest_plot, alignment, timeline)[int(rng.integers(0, 5))](rng)
