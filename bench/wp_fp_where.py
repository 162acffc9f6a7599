"""Where the WikiPathways false positives sit: inside a truth node's box or outside every node.

usage: python bench/wp_fp_where.py [--ocr-dir bench/out/wikipathways/png/ocr] [--margin 3]

Reads the OCR words of a ``pathfig run`` over the renders (``OUT/ocr/*.json``), recognises genes
as the run does (recognition, then ``annotate_figure``), and sorts each pathway's found gene ids
by where their words are: inside a box of a truth node (``truth.json``'s ``boxes``, scaled to the image read), a word of a
node the model drew without an identifier (``unresolved_gene_labels``), or elsewhere. Prints the
counts and the median precision that dropping mentions outside the truth's boxes would give: an
oracle bound for any rule that tells nodes from other text (no run has the truth's boxes).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
from pathlib import Path

from ner_text import ocr_words

from pathfig.lexicon.bundled import load_lexicon
from pathfig.lexicon.prior import load_default_prior
from pathfig.ner import GeneRecognizer
from pathfig.ner.annotate import HUMAN, Annotator, annotate_figure

SHARED = Path(os.environ.get("PATHFIG_SHARED", Path(__file__).resolve().parents[2] / "shared"))
BENCH_OUT = Path(__file__).resolve().parent / "out"


def _png_width(figid: str) -> int:
    from PIL import Image

    with Image.open(SHARED / "wikipathways" / f"{figid}.png") as im:
        return im.width


def _squash(text: str) -> str:
    return text.lower().replace(" ", "")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ocr-dir", type=Path, default=BENCH_OUT / "wikipathways" / "png" / "ocr")
    ap.add_argument("--margin", type=float, default=3.0, help="px around a truth box")
    a = ap.parse_args()
    truth = json.loads((SHARED / "wikipathways" / "truth.json").read_text())
    rec = GeneRecognizer(load_lexicon(), prior=load_default_prior())
    annotator = Annotator.default()
    annotator._genes[HUMAN] = rec
    where: collections.Counter[tuple[str, str]] = collections.Counter()
    pre_all: list[float] = []
    pre_boxed: list[float] = []
    pre_nodes: list[float] = []
    for path in sorted(a.ocr_dir.glob("*.json")):
        figid, words = ocr_words(path)
        t = truth.get(figid)
        if not t or not t["genes"]:
            continue
        allowed = set().union(*(set(g.get("ncbigene_all") or [g["ncbigene"]]) for g in t["genes"]))
        # Truth boxes are in the PNG's pixels; a shrunk copy (the JPEG set) scales them.
        scale = json.loads(path.read_text()).get("width", 0) / _png_width(figid) or 1.0
        boxes = [[v * scale for v in b] for g in t["genes"] for b in g.get("boxes", [])]
        unlabelled = [_squash(u) for u in t.get("unresolved_gene_labels", []) if u.strip()]
        genes = annotate_figure({"figid": figid}, words, rec.recognize_words(words), annotator=annotator).genes
        place: dict[str, str] = {}
        for m in genes:
            if m.organism_id not in (HUMAN, ""):
                continue
            b = m.box
            cx, cy = ((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2) if b else (-1e9, -1e9)
            if any(x0 - a.margin <= cx <= x1 + a.margin and y0 - a.margin <= cy <= y1 + a.margin
                   for x0, y0, x1, y1 in boxes):
                spot = "truth node"
            elif any(_squash(m.word) in u or u in _squash(m.word) for u in unlabelled):
                spot = "node without id"
            else:
                spot = "elsewhere"
            # A gene found in several places counts where it is best placed.
            order = ("truth node", "node without id", "elsewhere")
            if m.ncbigene_id not in place or order.index(spot) < order.index(place[m.ncbigene_id]):
                place[m.ncbigene_id] = spot
        for gid, spot in place.items():
            where[("true" if gid in allowed else "false", spot)] += 1
        found = set(place)
        boxed = {g for g, s in place.items() if s == "truth node"}
        nodes = {g for g, s in place.items() if s != "elsewhere"}
        for ids, out in ((found, pre_all), (boxed, pre_boxed), (nodes, pre_nodes)):
            if ids:
                out.append(len(ids & allowed) / len(ids))
    for (kind, spot), n in sorted(where.items()):
        print(f"{kind} positives, {spot}: {n}")
    print(f"median precision: as run {statistics.median(pre_all):.4f}; "
          f"only words in truth boxes {statistics.median(pre_boxed):.4f}; "
          f"also words of nodes without id {statistics.median(pre_nodes):.4f}")


if __name__ == "__main__":
    main()
