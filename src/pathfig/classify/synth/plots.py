"""Hard negatives drawn with matplotlib: data plots labelled with gene names.

Multi-panel bar, line, box, scatter, volcano, survival and ROC plots; heatmaps with gene rows
and dendrograms; enrichment bubble and bar charts whose labels are pathway names. Each
function takes a seeded ``numpy`` generator and returns a PIL RGB image. matplotlib is a
training-only dependency (the ``train`` extra); it is imported when a plot is drawn.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Any

import numpy as np
from PIL import Image

from pathfig.classify.synth.words import CELL_LINES, GENES, PROCESSES, TREATMENTS, pick

__all__ = ["enrichment_plot", "heatmap", "plot_panels"]

_STYLES = ("default", "default", "default", "seaborn-v0_8-whitegrid", "seaborn-v0_8-white", "ggplot", "bmh",
           "classic", "seaborn-v0_8-ticks")
_CMAPS = ("tab10", "Set1", "Set2", "Dark2", "Paired", "viridis", "Greys", "Blues", "Reds")
_PATHWAY_TERMS = (
    "MAPK signaling pathway", "PI3K-Akt signaling pathway", "TNF signaling pathway", "Apoptosis",
    "p53 signaling pathway", "Cytokine-cytokine receptor interaction", "NF-kappa B signaling pathway",
    "Toll-like receptor signaling pathway", "JAK-STAT signaling pathway", "Cell cycle", "Focal adhesion",
    "HIF-1 signaling pathway", "FoxO signaling pathway", "mTOR signaling pathway", "Wnt signaling pathway",
    "Pathways in cancer", "IL-17 signaling pathway", "Chemokine signaling pathway", "Insulin resistance",
    "AGE-RAGE signaling pathway in diabetic complications", "Coronavirus disease - COVID-19",
    "regulation of inflammatory response", "response to lipopolysaccharide", "positive regulation of apoptosis",
    "extracellular matrix organization", "T cell activation", "response to hypoxia", "angiogenesis",
)


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _render(fig: Any) -> Image.Image:
    plt = _plt()
    fig.canvas.draw()
    img = Image.fromarray(np.asarray(fig.canvas.buffer_rgba())[:, :, :3].copy())
    plt.close(fig)
    return img


def _figure(rng: np.random.Generator, nrows: int, ncols: int) -> tuple[Any, np.ndarray]:
    plt = _plt()
    style = str(rng.choice(_STYLES))
    w = float(rng.uniform(2.6, 3.6)) * ncols + 0.4
    h = float(rng.uniform(2.2, 3.0)) * nrows + 0.3
    dpi = int(rng.integers(70, 130))
    with plt.style.context(style):
        plt.rcParams["font.size"] = float(rng.uniform(7, 11))
        fig, axes = plt.subplots(nrows, ncols, figsize=(w, h), dpi=dpi, squeeze=False)
    return fig, axes


def _colours(rng: np.random.Generator, n: int) -> list[Any]:
    plt = _plt()
    cmap = plt.get_cmap(str(rng.choice(_CMAPS)))
    return [cmap(float(x)) for x in (np.linspace(0.15, 0.9, n) if n > 1 else [0.6])]


def _stars(rng: np.random.Generator) -> str:
    return str(rng.choice(["*", "**", "***", "ns", "#", "##", "****"]))


def _bar(ax: Any, rng: np.random.Generator) -> None:
    genes = pick(rng, GENES, int(rng.integers(2, 9)))
    groups = pick(rng, TREATMENTS, int(rng.integers(1, 4)))
    x = np.arange(len(genes))
    width = 0.8 / len(groups)
    cols = _colours(rng, len(groups))
    top = 0.0
    for i, g in enumerate(groups):
        vals = rng.gamma(2.0, 1.0, len(genes)) + 0.2
        err = vals * rng.uniform(0.05, 0.3, len(genes))
        ax.bar(x + i * width, vals, width, yerr=err, capsize=2, color=cols[i], label=g,
               edgecolor="black" if rng.random() < 0.5 else None, linewidth=0.6)
        if rng.random() < 0.4:
            ax.scatter(np.repeat(x + i * width, 3) + rng.normal(0, width / 8, 3 * len(genes)),
                       np.repeat(vals, 3) * rng.uniform(0.8, 1.2, 3 * len(genes)), s=5, color="black", zorder=3)
        top = max(top, float((vals + err).max()))
    for xi in x[rng.random(len(x)) < 0.5]:
        ax.text(xi + width * (len(groups) - 1) / 2, top * 1.05, _stars(rng), ha="center", fontsize=8)
    ax.set_xticks(x + width * (len(groups) - 1) / 2)
    ax.set_xticklabels(genes, rotation=int(rng.choice([0, 0, 45, 90])), fontstyle="italic" if rng.random() < 0.3
                       else "normal")
    ax.set_ylabel(str(rng.choice(["Relative mRNA expression", "Fold change", "Protein level (a.u.)",
                                  "Relative luciferase activity", "% of control"])))
    if len(groups) > 1 and rng.random() < 0.7:
        ax.legend(fontsize=7, frameon=rng.random() < 0.5)
    ax.set_ylim(0, top * 1.2)


def _line(ax: Any, rng: np.random.Generator) -> None:
    t = np.sort(rng.choice([0, 1, 2, 3, 4, 6, 8, 12, 24, 48, 72], int(rng.integers(4, 8)), replace=False))
    labels = pick(rng, GENES + TREATMENTS, int(rng.integers(1, 5)))
    for lab, c in zip(labels, _colours(rng, len(labels)), strict=True):
        y = np.cumsum(rng.normal(0.5, 1.0, len(t))) + 5
        ax.errorbar(t, y, yerr=rng.uniform(0.1, 0.8, len(t)), marker=str(rng.choice(["o", "s", "^", "D"])),
                    color=c, label=lab, capsize=2, markersize=4, linewidth=1.2)
    ax.set_xlabel(str(rng.choice(["Time (h)", "Days post infection", "Concentration (µM)", "Weeks"])))
    ax.set_ylabel(str(rng.choice(["Cell viability (%)", "Tumor volume (mm³)", "Expression", "OD 450 nm"])))
    ax.legend(fontsize=7)


def _box(ax: Any, rng: np.random.Generator) -> None:
    groups = pick(rng, TREATMENTS + CELL_LINES, int(rng.integers(2, 6)))
    data = [rng.normal(rng.uniform(2, 8), rng.uniform(0.5, 2), int(rng.integers(8, 40))) for _ in groups]
    if rng.random() < 0.5:
        ax.boxplot(data, patch_artist=rng.random() < 0.5)
    else:
        parts = ax.violinplot(data, showmedians=True)
        for body, c in zip(parts["bodies"], _colours(rng, len(groups)), strict=True):
            body.set_facecolor(c)
    for i, d in enumerate(data):
        ax.scatter(np.full(len(d), i + 1) + rng.normal(0, 0.06, len(d)), d, s=4, color="black", alpha=0.6)
    ax.set_xticks(range(1, len(groups) + 1))
    ax.set_xticklabels(groups, rotation=int(rng.choice([0, 30, 45])))
    ax.set_ylabel(f"{rng.choice(GENES)} expression (log2 TPM)")


def _scatter(ax: Any, rng: np.random.Generator) -> None:
    n = int(rng.integers(20, 200))
    x = rng.normal(0, 1, n)
    y = x * rng.uniform(-1, 1) + rng.normal(0, 0.6, n)
    ax.scatter(x, y, s=float(rng.uniform(4, 20)), color=_colours(rng, 1)[0], alpha=0.7)
    k = np.polyfit(x, y, 1)
    xs = np.linspace(x.min(), x.max(), 10)
    ax.plot(xs, k[0] * xs + k[1], color="red", linewidth=1)
    g1, g2 = pick(rng, GENES, 2)
    ax.set_xlabel(f"{g1} (log2 expression)")
    ax.set_ylabel(f"{g2} (log2 expression)")
    ax.text(0.05, 0.92, f"R = {k[0]:.2f}, P < 0.001", transform=ax.transAxes, fontsize=8)


def _volcano(ax: Any, rng: np.random.Generator) -> None:
    n = int(rng.integers(300, 1500))
    fc = rng.normal(0, 1.5, n)
    p = np.abs(fc) * rng.uniform(0.5, 3, n) + rng.exponential(0.5, n)
    col = np.where((fc > 1) & (p > 2), "red", np.where((fc < -1) & (p > 2), "blue", "grey"))
    ax.scatter(fc, p, c=list(col), s=4, alpha=0.7)
    ax.axhline(2, linestyle="--", color="black", linewidth=0.6)
    ax.axvline(1, linestyle="--", color="black", linewidth=0.6)
    ax.axvline(-1, linestyle="--", color="black", linewidth=0.6)
    top = np.argsort(-p)[: int(rng.integers(3, 12))]
    for i, g in zip(top, pick(rng, GENES, len(top)), strict=True):
        ax.annotate(g, (fc[i], p[i]), fontsize=6, xytext=(3, 3), textcoords="offset points")
    ax.set_xlabel("log2 fold change")
    ax.set_ylabel("-log10 P value")


def _survival(ax: Any, rng: np.random.Generator) -> None:
    for lab, c in zip(("High " + str(rng.choice(GENES)), "Low"), _colours(rng, 2), strict=True):
        t = np.sort(rng.exponential(rng.uniform(30, 120), 60))
        s = 1 - np.arange(1, len(t) + 1) / (len(t) * rng.uniform(1.0, 1.6))
        ax.step(np.concatenate([[0], t]), np.concatenate([[1], s]), where="post", color=c, label=lab)
    ax.set_xlabel("Time (months)")
    ax.set_ylabel("Overall survival")
    ax.legend(fontsize=7)
    ax.text(0.5, 0.85, f"HR = {rng.uniform(1.2, 3):.2f}, log-rank P = 0.0{int(rng.integers(1, 9))}",
            transform=ax.transAxes, fontsize=7)


def _roc(ax: Any, rng: np.random.Generator) -> None:
    for g, c in zip(pick(rng, GENES, int(rng.integers(1, 4))), _colours(rng, 3), strict=False):
        x = np.sort(rng.uniform(0, 1, 30))
        y = np.clip(x ** rng.uniform(0.2, 0.7), 0, 1)
        ax.plot(np.concatenate([[0], x, [1]]), np.concatenate([[0], y, [1]]), color=c,
                label=f"{g} (AUC = {rng.uniform(0.7, 0.95):.3f})")
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey")
    ax.set_xlabel("1 - Specificity")
    ax.set_ylabel("Sensitivity")
    ax.legend(fontsize=6, loc="lower right")


def _flow(ax: Any, rng: np.random.Generator) -> None:
    n = int(rng.integers(1000, 4000))
    pts = np.concatenate([rng.normal(rng.uniform(1, 4, 2), rng.uniform(0.2, 0.6), (n // 3, 2)) for _ in range(3)])
    ax.hist2d(pts[:, 0], pts[:, 1], bins=80, cmap=str(rng.choice(["jet", "viridis", "turbo"])), cmin=1)
    ax.axvline(2.5, color="black", linewidth=0.8)
    ax.axhline(2.5, color="black", linewidth=0.8)
    for (x, y) in ((0.05, 0.9), (0.75, 0.9), (0.05, 0.05), (0.75, 0.05)):
        ax.text(x, y, f"{rng.uniform(0, 60):.1f}%", transform=ax.transAxes, fontsize=7)
    ax.set_xlabel(str(rng.choice(["Annexin V-FITC", "CD4", "CFSE", "FSC-A"])))
    ax.set_ylabel(str(rng.choice(["PI", "CD8", "SSC-A", "IFN-γ"])))


_PANELS: tuple[Callable[[Any, np.random.Generator], None], ...] = (
    _bar, _bar, _bar, _line, _line, _box, _scatter, _volcano, _survival, _roc, _flow)


def plot_panels(rng: np.random.Generator) -> Image.Image:
    """A figure of 1–6 data plots (bars, lines, boxes, scatter, volcano, survival, ROC, cytometry)."""
    nrows, ncols = [(1, 1), (1, 2), (1, 3), (2, 2), (2, 3), (1, 4), (3, 2)][int(rng.integers(0, 7))]
    fig, axes = _figure(rng, nrows, ncols)
    same = rng.random() < 0.4  # many figures repeat one plot type across panels
    first = _PANELS[int(rng.integers(0, len(_PANELS)))]
    letters = rng.random() < 0.8
    for i, ax in enumerate(axes.ravel()):
        draw = first if same else _PANELS[int(rng.integers(0, len(_PANELS)))]
        draw(ax, rng)
        if rng.random() < 0.5:
            ax.set_title(str(rng.choice(GENES + CELL_LINES)), fontsize=9)
        if letters:
            ax.text(-0.25, 1.08, string.ascii_uppercase[i], transform=ax.transAxes, fontsize=12, fontweight="bold")
    fig.tight_layout()
    return _render(fig)


def heatmap(rng: np.random.Generator) -> Image.Image:
    """An expression heatmap: gene rows, sample columns, a colour bar, often a dendrogram."""
    rows = int(rng.integers(8, 60))
    cols = int(rng.integers(4, 30))
    data = rng.normal(0, 1, (rows, cols)) + np.outer(rng.normal(0, 1, rows), np.sign(np.arange(cols) - cols / 2))
    plt = _plt()
    fig = plt.figure(figsize=(rng.uniform(3, 7), rng.uniform(4, 9)), dpi=int(rng.integers(70, 120)))
    dendro = rng.random() < 0.6
    ax = fig.add_axes((0.25 if dendro else 0.1, 0.1, 0.55, 0.75))
    cmap = str(rng.choice(["RdBu_r", "bwr", "coolwarm", "viridis", "RdYlBu_r", "seismic", "YlOrRd", "PiYG"]))
    im = ax.imshow(data, aspect="auto", cmap=cmap, interpolation="nearest")
    ax.set_yticks(range(rows))
    ax.set_yticklabels(pick(rng, GENES, rows) + [""] * max(0, rows - len(GENES)), fontsize=max(4, 9 - rows // 10))
    ax.yaxis.tick_right()
    ax.set_xticks(range(cols))
    ax.set_xticklabels([f"{rng.choice(TREATMENTS)}{i + 1}" for i in range(cols)], rotation=90, fontsize=6)
    cax = fig.add_axes((0.88 if not dendro else 0.9, 0.6, 0.03, 0.2))
    fig.colorbar(im, cax=cax)
    if dendro:
        # A dendrogram of random merges: the tree of lines beside a heatmap.
        dax = fig.add_axes((0.05, 0.1, 0.18, 0.75))
        pos = {i: (0.0, rows - 1 - i) for i in range(rows)}
        nodes = list(range(rows))
        nxt = rows
        while len(nodes) > 1:
            j = int(rng.integers(0, len(nodes) - 1))
            a, b = nodes[j], nodes[j + 1]
            ha, ya = pos[a]
            hb, yb = pos[b]
            hgt = max(ha, hb) + float(rng.uniform(0.2, 1.0))
            dax.plot([ha, hgt, hgt, hb], [ya, ya, yb, yb], color="black", linewidth=0.7)
            pos[nxt] = (hgt, (ya + yb) / 2)
            nodes[j:j + 2] = [nxt]
            nxt += 1
        dax.set_ylim(-0.5, rows - 0.5)
        dax.invert_xaxis()
        dax.axis("off")
    if rng.random() < 0.5:
        # Sample annotation bar on top.
        tax = fig.add_axes((ax.get_position().x0, 0.86, 0.55, 0.03))
        tax.imshow(np.sign(np.arange(cols) - cols / 2)[None, :], aspect="auto", cmap="Set1")
        tax.axis("off")
    return _render(fig)


def enrichment_plot(rng: np.random.Generator) -> Image.Image:
    """GO/KEGG enrichment as a bubble chart or bar chart: pathway names on the axis."""
    n = int(rng.integers(6, 22))
    terms = pick(rng, _PATHWAY_TERMS + PROCESSES, n)
    fig, axes = _figure(rng, 1, 1 if rng.random() < 0.7 else 2)
    for ax in axes.ravel():
        ratio = np.sort(rng.uniform(0.01, 0.2, n))
        p = rng.uniform(1, 10, n)
        y = np.arange(n)
        if rng.random() < 0.5:
            sc = ax.scatter(ratio, y, s=rng.uniform(10, 150, n), c=p, cmap=str(rng.choice(["RdBu", "viridis",
                                                                                         "coolwarm", "plasma"])))
            fig.colorbar(sc, ax=ax, label="-log10(P)")
            ax.set_xlabel("Gene ratio")
        else:
            ax.barh(y, p, color=_colours(rng, n))
            ax.set_xlabel("-log10(P)")
        ax.set_yticks(y)
        ax.set_yticklabels(terms, fontsize=7)
    fig.tight_layout()
    return _render(fig)
