#!/usr/bin/env python3
"""Draw the sample pathway figures shipped in ``src/pathfig/samples/`` (and their sidecars).

usage: python scripts/make_samples.py [OUT_DIR]

Each sample is a small pathway-like diagram — gene boxes, activation arrows, inhibition bars,
a title — drawn with Pillow, plus a ``<stem>.yml`` sidecar in the seed's field names with an
``expected_genes`` list (HGNC symbols a reader should find). ``pathfig run`` with no input reads
them. The drawing is deterministic: the same Pillow and font give the same bytes.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[1] / "src" / "pathfig" / "samples"

# DejaVu has Greek letters (NF-κB, TNF-α); Pillow's own font is the fallback.
FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf")
BOLD_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf")

FILLS = {"receptor": "#f6d6a8", "kinase": "#cfe3f7", "adaptor": "#d9efd0", "tf": "#f3c9d3", "ligand": "#eee0f5"}


def font(size: int, bold: bool = False) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for path in BOLD_PATHS if bold else FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


@dataclass(frozen=True)
class Node:
    label: str
    x: int  # centre
    y: int
    kind: str = "kinase"


@dataclass(frozen=True)
class Sample:
    stem: str
    ext: str
    size: tuple[int, int]
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[tuple[str, str, str], ...]  # (from label, to label, "act" | "inh")
    caption: str
    expected: tuple[str, ...]
    notes: tuple[tuple[int, int, str], ...] = ()


SAMPLES = (
    Sample(
        stem="egfr_ras_mapk", ext="png", size=(760, 520),
        title="EGFR–RAS–MAPK signalling",
        nodes=(
            Node("EGF", 380, 80, "ligand"), Node("EGFR", 380, 150, "receptor"),
            Node("GRB2", 230, 225, "adaptor"), Node("SOS1", 230, 300, "adaptor"),
            Node("KRAS", 380, 300), Node("RAF1", 530, 300), Node("MAP2K1", 530, 380),
            Node("ERK1/2", 380, 380), Node("ELK1", 230, 460, "tf"), Node("MYC", 380, 460, "tf"),
            Node("DUSP6", 600, 460, "adaptor"),
        ),
        edges=(("EGF", "EGFR", "act"), ("EGFR", "GRB2", "act"), ("GRB2", "SOS1", "act"),
               ("SOS1", "KRAS", "act"), ("KRAS", "RAF1", "act"), ("RAF1", "MAP2K1", "act"),
               ("MAP2K1", "ERK1/2", "act"), ("ERK1/2", "ELK1", "act"), ("ERK1/2", "MYC", "act"),
               ("DUSP6", "ERK1/2", "inh")),
        caption="Growth-factor signalling from EGFR through GRB2, SOS1 and KRAS to the RAF1–MAP2K1–ERK1/2 "
                "kinase cascade, which activates ELK1 and MYC; DUSP6 dephosphorylates ERK1/2.",
        expected=("EGF", "EGFR", "GRB2", "SOS1", "KRAS", "RAF1", "MAP2K1", "MAPK3", "MAPK1", "ELK1", "MYC",
                  "DUSP6"),
        notes=((610, 150, "plasma membrane"),),
    ),
    Sample(
        stem="pi3k_akt_mtor", ext="png", size=(720, 500),
        title="PI3K–AKT–mTOR pathway",
        nodes=(
            Node("INSR", 200, 100, "receptor"), Node("IRS1", 200, 180, "adaptor"),
            Node("PI3K", 360, 180), Node("PTEN", 540, 180, "adaptor"), Node("PDPK1", 360, 260),
            Node("AKT1", 360, 340), Node("TSC2", 540, 340, "adaptor"), Node("RHEB", 540, 420, "adaptor"),
            Node("MTOR", 360, 420), Node("FOXO3", 180, 340, "tf"), Node("RPS6KB1", 180, 440),
        ),
        edges=(("INSR", "IRS1", "act"), ("IRS1", "PI3K", "act"), ("PTEN", "PI3K", "inh"),
               ("PI3K", "PDPK1", "act"), ("PDPK1", "AKT1", "act"), ("AKT1", "TSC2", "inh"),
               ("TSC2", "RHEB", "inh"), ("RHEB", "MTOR", "act"), ("AKT1", "FOXO3", "inh"),
               ("MTOR", "RPS6KB1", "act")),
        caption="Insulin receptor signalling through IRS1 and PI3K activates PDPK1 and AKT1; AKT1 inhibits "
                "TSC2 and FOXO3, releasing RHEB to activate MTOR and its target RPS6KB1. PTEN opposes PI3K.",
        expected=("INSR", "IRS1", "PDPK1", "AKT1", "PTEN", "TSC2", "RHEB", "MTOR", "FOXO3", "RPS6KB1"),
    ),
    Sample(
        stem="p53_mdm2", ext="png", size=(640, 460),
        title="p53 response to DNA damage",
        nodes=(
            Node("ATM", 320, 90), Node("CHEK2", 470, 160), Node("TP53", 320, 230, "tf"),
            Node("MDM2", 140, 230, "adaptor"), Node("CDKN1A", 180, 360, "adaptor"),
            Node("BAX", 320, 360, "adaptor"), Node("GADD45A", 470, 360, "adaptor"),
        ),
        edges=(("ATM", "CHEK2", "act"), ("ATM", "TP53", "act"), ("CHEK2", "TP53", "act"),
               ("MDM2", "TP53", "inh"), ("TP53", "CDKN1A", "act"), ("TP53", "BAX", "act"),
               ("TP53", "GADD45A", "act")),
        caption="DNA damage activates ATM and CHEK2, which stabilise TP53 against MDM2; TP53 induces CDKN1A "
                "(cell-cycle arrest), GADD45A (repair) and BAX (apoptosis).",
        expected=("ATM", "CHEK2", "TP53", "MDM2", "CDKN1A", "BAX", "GADD45A"),
        notes=((60, 110, "DNA damage"),),
    ),
    Sample(
        stem="tnf_nfkb", ext="jpg", size=(680, 480),
        title="TNF-α / NF-κB signalling",
        nodes=(
            Node("TNF-α", 340, 80, "ligand"), Node("TNFR1", 340, 150, "receptor"),
            Node("TRADD", 200, 230, "adaptor"), Node("TRAF2", 340, 230, "adaptor"),
            Node("RIPK1", 480, 230, "adaptor"), Node("IKBKB", 340, 310), Node("NFKBIA", 200, 390, "adaptor"),
            Node("NF-κB", 340, 390, "tf"), Node("IL6", 500, 430, "ligand"),
        ),
        edges=(("TNF-α", "TNFR1", "act"), ("TNFR1", "TRADD", "act"), ("TNFR1", "TRAF2", "act"),
               ("TNFR1", "RIPK1", "act"), ("TRAF2", "IKBKB", "act"), ("RIPK1", "IKBKB", "act"),
               ("IKBKB", "NFKBIA", "inh"), ("NFKBIA", "NF-κB", "inh"), ("NF-κB", "IL6", "act")),
        caption="TNF-α binding to TNFR1 recruits TRADD, TRAF2 and RIPK1, which activate IKBKB; IKBKB marks "
                "NFKBIA for degradation, freeing NF-κB to induce IL6.",
        expected=("TNF", "TNFRSF1A", "TRADD", "TRAF2", "RIPK1", "IKBKB", "NFKBIA", "IL6"),
    ),
)

BOX_H = 34


def _box(draw: ImageDraw.ImageDraw, node: Node, f: ImageFont.FreeTypeFont) -> tuple[int, int, int, int]:
    w = int(draw.textlength(node.label, font=f)) + 24
    return node.x - w // 2, node.y - BOX_H // 2, node.x + w // 2, node.y + BOX_H // 2


def _edge_point(box: tuple[int, int, int, int], toward: tuple[float, float]) -> tuple[float, float]:
    # Where the line from the box centre toward a point leaves the box.
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    tx = (x1 - cx) / abs(dx) if dx else math.inf
    ty = (y1 - cy) / abs(dy) if dy else math.inf
    t = min(tx, ty)
    return cx + dx * t, cy + dy * t


def _arrow(draw: ImageDraw.ImageDraw, a: tuple[float, float], b: tuple[float, float], kind: str) -> None:
    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    gap = 4
    end = (b[0] - gap * math.cos(ang), b[1] - gap * math.sin(ang))
    draw.line([a, end], fill="#333333", width=2)
    if kind == "act":
        size = 10
        left = (end[0] - size * math.cos(ang - 0.4), end[1] - size * math.sin(ang - 0.4))
        right = (end[0] - size * math.cos(ang + 0.4), end[1] - size * math.sin(ang + 0.4))
        draw.polygon([end, left, right], fill="#333333")
    else:  # inhibition: a bar across the line end
        half = 8
        px, py = -math.sin(ang) * half, math.cos(ang) * half
        draw.line([(end[0] + px, end[1] + py), (end[0] - px, end[1] - py)], fill="#c0392b", width=3)


def draw(sample: Sample) -> Image.Image:
    img = Image.new("RGB", sample.size, "white")
    d = ImageDraw.Draw(img)
    label_font, title_font, note_font = font(16, bold=True), font(20, bold=True), font(13)
    d.text((sample.size[0] // 2, 24), sample.title, font=title_font, fill="black", anchor="mt")
    boxes = {n.label: _box(d, n, label_font) for n in sample.nodes}
    centres = {n.label: (n.x, n.y) for n in sample.nodes}
    for src, dst, kind in sample.edges:
        a = _edge_point(boxes[src], centres[dst])
        b = _edge_point(boxes[dst], centres[src])
        _arrow(d, a, b, kind)
    for n in sample.nodes:
        d.rounded_rectangle(boxes[n.label], radius=8, fill=FILLS[n.kind], outline="#555555", width=2)
        d.text((n.x, n.y), n.label, font=label_font, fill="black", anchor="mm")
    for x, y, text in sample.notes:
        d.text((x, y), text, font=note_font, fill="#666666", anchor="lm")
    return img


def sidecar(sample: Sample) -> dict[str, object]:
    return {
        "figid": f"pathfig-sample-{sample.stem.replace('_', '-')}",
        "filename": f"{sample.stem}.{sample.ext}",
        "figtitle": sample.title,
        "papertitle": "pathfig sample figures",
        "caption": sample.caption,
        "number": "Sample",
        "year": "2026",
        "source": "drawn by scripts/make_samples.py (pathfig); public domain",
        "expected_genes": list(sample.expected),
    }


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    for sample in SAMPLES:
        img = draw(sample)
        path = out / f"{sample.stem}.{sample.ext}"
        if sample.ext == "png":
            # A small palette keeps the file small; the drawing has few colours.
            img.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
                path, optimize=True)
        else:
            img.save(path, quality=85, optimize=True)  # JPEG, as journals publish
        meta = sidecar(sample)
        (out / f"{sample.stem}.yml").write_text(
            yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
        print(f"{path} {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
