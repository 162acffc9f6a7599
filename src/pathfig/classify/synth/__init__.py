"""Training images generated in code: hard negatives and drawn pathway positives.

Used by ``scripts/train_classifier.py`` only (never at run time). Every generator takes a seeded
``numpy`` generator and returns a PIL RGB image, so ``generate(kind, seed)`` is reproducible.
Plots need matplotlib and photographs use scikit-image's bundled sample images: both come
with the ``train`` extra (``pip install -e ".[train]"``).

>>> from pathfig.classify.synth import GENERATORS, generate
>>> img = generate("blot", seed=1)          # doctest: +SKIP
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

__all__ = ["GENERATORS", "Generator", "composite", "generate"]


@dataclass(frozen=True, slots=True)
class Generator:
    """One kind of generated image: its name, its label (1 = pathway) and how to draw it."""

    kind: str
    label: int
    make: Callable[[np.random.Generator], Image.Image]
    description: str


def _plots(rng: np.random.Generator) -> Image.Image:
    from pathfig.classify.synth.plots import plot_panels

    return plot_panels(rng)


def _heatmap(rng: np.random.Generator) -> Image.Image:
    from pathfig.classify.synth.plots import heatmap

    return heatmap(rng)


def _enrichment(rng: np.random.Generator) -> Image.Image:
    from pathfig.classify.synth.plots import enrichment_plot

    return enrichment_plot(rng)


def _blot(rng: np.random.Generator) -> Image.Image:
    from pathfig.classify.synth.lab import blot

    return blot(rng)


def _micrograph(rng: np.random.Generator) -> Image.Image:
    from pathfig.classify.synth.lab import micrograph

    return micrograph(rng)


def _photo(rng: np.random.Generator) -> Image.Image:
    from pathfig.classify.synth.lab import photo

    return photo(rng)


def _flowchart(rng: np.random.Generator) -> Image.Image:
    from pathfig.classify.synth.schemes import flowchart

    return flowchart(rng)


def _molecule(rng: np.random.Generator) -> Image.Image:
    from pathfig.classify.synth.schemes import molecule

    return molecule(rng)


def _table(rng: np.random.Generator) -> Image.Image:
    from pathfig.classify.synth.schemes import gene_table

    return gene_table(rng)


def _schematic(rng: np.random.Generator) -> Image.Image:
    from pathfig.classify.synth.other import schematic

    return schematic(rng)


def _pathway(rng: np.random.Generator) -> Image.Image:
    from pathfig.classify.synth.pathway import pathway

    return pathway(rng)


def composite(rng: np.random.Generator) -> Image.Image:
    """A typical results figure: 2–4 panels of plots, blots and micrographs side by side."""
    kinds = (_plots, _blot, _micrograph, _heatmap)
    parts = [kinds[int(rng.integers(0, 4))](rng) for _ in range(int(rng.integers(2, 5)))]
    target_h = int(rng.integers(250, 420))
    scaled = [p.resize((max(1, int(p.width * target_h / p.height)), target_h)) for p in parts]
    per_row = 2 if len(scaled) > 2 else len(scaled)
    rows = [scaled[i:i + per_row] for i in range(0, len(scaled), per_row)]
    gap = int(rng.integers(5, 20))
    W = max(sum(p.width for p in r) + gap * (len(r) + 1) for r in rows)
    H = len(rows) * (target_h + gap) + gap
    canvas = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(canvas)
    k = 0
    for ri, r in enumerate(rows):
        x = gap
        for p in r:
            y = gap + ri * (target_h + gap)
            canvas.paste(p, (x, y))
            d.text((x + 2, y + 2), string.ascii_uppercase[k], fill="black")
            x += p.width + gap
            k += 1
    return canvas


#: Every generator, by kind. Negatives first; ``pathway`` is the one generated positive.
GENERATORS: dict[str, Generator] = {g.kind: g for g in (
    Generator("plots", 0, _plots, "multi-panel bar/line/box/scatter/volcano/survival/ROC/cytometry plots"),
    Generator("heatmap", 0, _heatmap, "expression heatmaps with gene labels and dendrograms"),
    Generator("enrichment", 0, _enrichment, "GO/KEGG enrichment bubble and bar charts (pathway names)"),
    Generator("blot", 0, _blot, "western blots and DNA gels with protein labels"),
    Generator("micrograph", 0, _micrograph, "fluorescence, histology and EM micrographs, panel grids"),
    Generator("photo", 0, _photo, "photographs and textures (scikit-image samples), single or grids"),
    Generator("flowchart", 0, _flowchart, "study-design flowcharts (PRISMA/CONSORT) and analysis workflows"),
    Generator("molecule", 0, _molecule, "2D chemical structures with names"),
    Generator("table", 0, _table, "tables of genes with values"),
    Generator("composite", 0, composite, "results figures mixing plots, blots, micrographs and heatmaps"),
    Generator("schematic", 0, _schematic, "domain diagrams, phylogenetic trees, forest plots, alignments, timelines"),
    Generator("pathway", 1, _pathway, "pathway diagrams drawn in code (positives)"),
)}


def generate(kind: str, seed: int) -> Image.Image:
    """Draw one image of ``kind`` from ``seed`` (the same seed gives the same image)."""
    return GENERATORS[kind].make(np.random.default_rng(seed)).convert("RGB")
