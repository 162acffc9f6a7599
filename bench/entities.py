"""Score chemical and disease recognition against 20 figures annotated by eye.

usage: python bench/entities.py [--ocr-dir DIR] [--gold TSV] [--details]

Gold: ``tests/resources/entities/annotations.tsv`` (method in the README beside it): every
chemical and disease printed in 20 figures of ../shared/figures, one row per concept per figure.
Predictions: what ``pathfig run`` recognises in the words read from each image — the OCR words of
``--ocr-dir`` (a run's ``ocr/`` folder, default ``bench/out/figures/ocr``) go through the same
annotator as the run (``where == "image"``; the caption is not scored, the annotation is of the
image). A second line scores the gold's printed text itself (no OCR): the lexicon and the rules alone.

A prediction is correct when it names a gold concept of its figure: an identifier in common
(MeSH, ChEBI, DOID) or the same key as one of the gold's printed forms or its name. Scores are
micro-averaged over figures, per kind, on distinct concepts per figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

import yaml

from pathfig.lexicon.entities import entity_key
from pathfig.models import Box, Word
from pathfig.ner.annotate import Annotator

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PATHFIG_SHARED", ROOT.parent / "shared"))
GOLD = ROOT / "tests/resources/entities/annotations.tsv"


def read_gold(path: Path) -> dict[str, list[dict[str, object]]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    out: dict[str, list[dict[str, object]]] = defaultdict(list)
    for r in csv.DictReader(lines, delimiter="\t"):
        forms = r["printed"].split("|") + [r["name"]]
        out[r["figid"]].append({"kind": r["kind"], "name": r["name"], "keys": {entity_key(f) for f in forms},
                                "ids": {i for i in (r["ids"] or "").split("|") if i}})
    return out


def _ids(m) -> set[str]:  # noqa: ANN001
    out = set()
    if m.mesh:
        out.add(f"MESH:{m.mesh}")
    if m.chebi:
        out.add(m.chebi)
    if m.doid:
        out.add(m.doid)
    return out


def matches(m, g: dict[str, object]) -> bool:  # noqa: ANN001
    return bool(_ids(m) & g["ids"]) or entity_key(m.word) in g["keys"] or entity_key(m.name) in g["keys"]


def score(preds: dict[str, list], gold: dict[str, list[dict[str, object]]], kind: str, details: bool) -> tuple[int, int, int, int]:
    tp_p = n_p = tp_g = n_g = 0
    for figid, golds in gold.items():
        g = [x for x in golds if x["kind"] == kind]
        p_all = [m for m in preds.get(figid, []) if m.kind == kind]
        # Distinct predicted concepts per figure.
        seen, p = set(), []
        for m in p_all:
            k = m.chebi or m.mesh or m.doid or entity_key(m.word)
            if k not in seen:
                seen.add(k)
                p.append(m)
        hit_p = [m for m in p if any(matches(m, x) for x in g)]
        hit_g = [x for x in g if any(matches(m, x) for m in p)]
        tp_p += len(hit_p)
        n_p += len(p)
        tp_g += len(hit_g)
        n_g += len(g)
        if details:
            fp = [m.word for m in p if m not in hit_p]
            fn = [x["name"] for x in g if x not in hit_g]
            if fp or fn:
                print(f"  {kind} {figid}: FP {fp} FN {fn}")
    return tp_p, n_p, tp_g, n_g


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ocr-dir", type=Path, default=ROOT / "bench/out/figures/ocr")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--details", action="store_true")
    a = ap.parse_args()
    gold = read_gold(a.gold)
    # figures.txt lists all 20: those with nothing to find count too (they can only add false positives).
    listed = a.gold.parent / "figures.txt"
    figids = [x.strip() for x in listed.read_text(encoding="utf-8").splitlines() if x.strip() and x[0] != "#"]
    ann = Annotator.default()
    ocr_preds: dict[str, list] = {}
    text_preds: dict[str, list] = {}
    for figid in figids:
        meta = yaml.safe_load((SHARED / "figures" / f"{figid}.yml").read_text(encoding="utf-8")) or {}
        record = {k: meta.get(k) for k in ("figid", "figtitle", "caption", "papertitle")}
        data = json.loads((a.ocr_dir / f"{figid}.json").read_text(encoding="utf-8"))
        words = [Word(text=w["text"], line=w["line"], confidence=w.get("confidence", 1.0),
                      box=Box(*w["box"]) if w.get("box") else None) for w in data["words"]]
        res = ann.annotate(record, words, gene_words=[])
        ocr_preds[figid] = [m for m in (*res.chemicals, *res.diseases) if m.where == "image"]
    # The gold's printed forms as text, one per line: the recogniser without OCR.
    for figid in figids:
        rows = [ln.split("\t") for ln in a.gold.read_text(encoding="utf-8").splitlines()
                if ln.startswith(figid + "\t")]
        text = "\n".join(r[2].split("|")[0] for r in rows)
        res = ann.annotate({"figid": figid, "text": text}, gene_words=[])
        text_preds[figid] = [*res.chemicals, *res.diseases]
    print(f"{len(figids)} figures; gold: {sum(len(v) for v in gold.values())} concepts")
    for label, preds in (("image OCR words", ocr_preds), ("gold printed text", text_preds)):
        for kind in ("chemical", "disease"):
            if a.details:
                print(f"[{label}]")
            tp_p, n_p, tp_g, n_g = score(preds, gold, kind, a.details)
            p = tp_p / n_p if n_p else 1.0
            r = tp_g / n_g if n_g else 1.0
            print(f"{label:18s} {kind:9s} precision {p:.3f} ({tp_p}/{n_p})  recall {r:.3f} ({tp_g}/{n_g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
