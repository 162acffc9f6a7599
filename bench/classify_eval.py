#!/usr/bin/env python3
"""Score labelled image folders with the shipped classifier: ROC AUC, recall and FPR at a threshold.

usage: python bench/classify_eval.py --pos DIR [DIR ...] --neg DIR [DIR ...] [--threshold 0.5]
       [--model PATH] [--scores OUT.tsv] [--json OUT.json]

Use it on images the model never saw (a held-out set of real pathway figures and of other
figures): every image of a ``--pos`` folder is a pathway figure, every image of a ``--neg`` folder
is not. Reports, over all images and per folder: the number of images, AUC (each positive folder
against all negatives, each negative folder against all positives), recall or false-positive
rate at ``--threshold``, and images that could not be read. Folder names label the rows, so
``--neg held_out/blots held_out/charts`` reports blots and charts separately.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pos", type=Path, nargs="+", required=True, help="folders of pathway figures")
    ap.add_argument("--neg", type=Path, nargs="+", required=True, help="folders of other figures")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--model", type=Path)
    ap.add_argument("--scores", type=Path, help="write every score here (TSV)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    from pathfig.classify import PathwayClassifier, classify_figures
    from pathfig.classify.evaluate import roc_auc as auc

    clf = PathwayClassifier.load(args.model)
    results: dict[tuple[int, str], list[float]] = {}
    failed: list[str] = []
    lines = ["label\tfolder\tfigid\tpath\tscore"]
    for label, folders in ((1, args.pos), (0, args.neg)):
        for folder in folders:
            scores = classify_figures([folder], threshold=args.threshold, classifier=clf)
            results[(label, str(folder))] = [s.pathway_score for s in scores if s.pathway_score is not None]
            failed += [f"{s.path}: {s.error}" for s in scores if s.pathway_score is None]
            lines += [f"{label}\t{folder}\t{s.figid}\t{s.path}\t{'' if s.pathway_score is None else s.pathway_score}"
                      for s in scores]
    pos = np.array([v for (lab, _), vs in results.items() if lab for v in vs])
    neg = np.array([v for (lab, _), vs in results.items() if not lab for v in vs])
    t = args.threshold
    report: dict[str, object] = {
        "model": clf.version, "threshold": t, "n_pos": len(pos), "n_neg": len(neg), "auc": auc(pos, neg),
        "recall": float((pos >= t).mean()) if len(pos) else None,
        "fpr": float((neg >= t).mean()) if len(neg) else None,
        "precision": float((pos >= t).sum() / max(1, (pos >= t).sum() + (neg >= t).sum())),
        "unreadable": failed, "folders": [],
    }
    for (label, folder), vs in results.items():
        v = np.array(vs)
        row: dict[str, object] = {"folder": folder, "label": label, "n": len(v)}
        if label:
            row.update(auc_vs_all_negatives=auc(v, neg), recall=float((v >= t).mean()) if len(v) else None)
        else:
            row.update(auc_all_positives_vs_this=auc(pos, v), fpr=float((v >= t).mean()) if len(v) else None)
        report["folders"].append(row)  # type: ignore[union-attr]
    text = json.dumps(report, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    if args.scores:
        args.scores.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
