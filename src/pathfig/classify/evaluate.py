"""How good the classifier is: ROC AUC, rates at a threshold, reliability, per figure type.

numpy only, so benchmarks can score any labelled set without scikit-learn. Used by
``scripts/train_classifier.py`` (cross-validated report) and ``bench/classify_eval.py``
(held-out folders).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["evaluation_report", "reliability", "report_markdown", "roc_auc"]


def roc_auc(pos: Sequence[float] | np.ndarray, neg: Sequence[float] | np.ndarray) -> float | None:
    """P(a random positive scores above a random negative), ties counting half; None if a class is empty.

    >>> roc_auc([0.9, 0.8], [0.1, 0.8])
    0.875
    """
    p, n = np.asarray(pos, np.float64), np.asarray(neg, np.float64)
    if not len(p) or not len(n):
        return None
    scores = np.concatenate([p, n])
    order = scores.argsort(kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    # Tied scores share the mean of their ranks.
    uniq, inv, counts = np.unique(scores, return_inverse=True, return_counts=True)
    if len(uniq) < len(scores):
        sums = np.bincount(inv, weights=ranks)
        ranks = (sums / counts)[inv]
    return float((ranks[: len(p)].sum() - len(p) * (len(p) + 1) / 2) / (len(p) * len(n)))


def reliability(scores: np.ndarray, labels: np.ndarray, *, bins: int = 10) -> dict[str, Any]:
    """Mean score against the observed share of pathway figures per score bin, and the ECE.

    Each class weighs half (the prior the model is trained for), so a calibrated score of 0.7
    means 70 % of figures scoring there are pathways when both kinds are equally common.
    """
    s = np.asarray(scores, np.float64)
    y = np.asarray(labels).astype(int)
    w = np.where(y == 1, 0.5 / max(1, int((y == 1).sum())), 0.5 / max(1, int((y == 0).sum())))
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(s, edges) - 1, 0, bins - 1)
    rows: list[dict[str, Any]] = []
    ece = 0.0
    for b in range(bins):
        m = idx == b
        row: dict[str, Any] = {"bin": f"{edges[b]:.1f}–{edges[b + 1]:.1f}", "n_pos": int((y[m] == 1).sum()),
                               "n_neg": int((y[m] == 0).sum())}
        if m.any():
            row["mean_score"] = float(np.average(s[m], weights=w[m]))
            row["observed_pathway"] = float(np.average(y[m], weights=w[m]))
            ece += float(w[m].sum()) * abs(row["mean_score"] - row["observed_pathway"])
        rows.append(row)
    return {"rows": rows, "ece": ece / max(1e-12, float(w.sum()))}


def _rate(v: np.ndarray, threshold: float) -> float | None:
    return float((v >= threshold).mean()) if len(v) else None


def evaluation_report(
    kinds: Sequence[str], labels: Sequence[int], variants: Sequence[int], scores: np.ndarray, *,
    threshold: float = 0.5, reference: str = "real",
) -> dict[str, Any]:
    """AUCs, recall and false-positive rates per figure type, on originals (variant 0).

    ``kinds`` names each image's type (``real``, ``wikipathways``, ``chart:bar``, ``blot``…);
    ``reference`` is the positive type every negative type is compared with. Degraded copies
    (variant > 0) are reported apart, as robustness to resizing and compression.
    """
    by_kind: dict[str, list[float]] = defaultdict(list)
    degraded: dict[str, list[float]] = defaultdict(list)
    for k, v, s in zip(kinds, variants, scores, strict=True):
        (by_kind if v == 0 else degraded)[k].append(float(s))
    label_of = dict(zip(kinds, labels, strict=True))
    pos_kinds = sorted(k for k in label_of if label_of[k])
    neg_kinds = sorted(k for k in label_of if not label_of[k])

    def arr(ks: Sequence[str]) -> np.ndarray:
        return np.array([s for k in ks for s in by_kind[k]], np.float64)

    neg_all = arr(neg_kinds)
    charts = arr([k for k in neg_kinds if k.startswith("chart:")])
    generated = arr([k for k in neg_kinds if not k.startswith("chart:")])
    ref = arr([reference])
    wp = arr(["wikipathways"])
    t = threshold
    recall = _rate(ref, t)
    fpr = _rate(neg_all, t) or 0.0
    summary = {
        f"auc_{reference}_vs_all_negatives": roc_auc(ref, neg_all),
        "auc_wikipathways_vs_all_negatives": roc_auc(wp, neg_all),
        f"auc_{reference}_vs_charts": roc_auc(ref, charts),
        f"auc_{reference}_vs_generated_negatives": roc_auc(ref, generated),
        "auc_all_positives_vs_all_negatives": roc_auc(arr(pos_kinds), neg_all),
        f"recall_{reference}": recall,
        "recall_wikipathways": _rate(wp, t),
        "fpr_all_negatives": fpr,
        "fpr_charts": _rate(charts, t),
        "fpr_generated_negatives": _rate(generated, t),
        "fpr_macro_by_type": float(np.mean([_rate(np.array(by_kind[k]), t) for k in neg_kinds])) if neg_kinds
        else None,
        # Precision depends on how common pathway figures are; at an even mix it is R / (R + FPR).
        f"precision_{reference}_at_even_prior": (recall / (recall + fpr)) if recall else None,
        f"precision_{reference}_in_this_set": float((ref >= t).sum() / max(1, (ref >= t).sum() + (neg_all >= t).sum())),
        f"n_{reference}": len(ref),
        "n_negatives": len(neg_all),
    }
    rows: list[dict[str, Any]] = []
    for k in pos_kinds + neg_kinds:
        s, d = np.array(by_kind[k]), np.array(degraded.get(k, []))
        row: dict[str, Any] = {"type": k, "label": int(label_of[k]), "n": len(s), "n_degraded": len(d),
                               "median_score": float(np.median(s)) if len(s) else None}
        if label_of[k]:
            row.update(auc_vs_all_negatives=roc_auc(s, neg_all), recall=_rate(s, t), recall_degraded=_rate(d, t))
        else:
            row.update(auc_reference_vs_type=roc_auc(ref, s), fpr=_rate(s, t), fpr_degraded=_rate(d, t))
        rows.append(row)
    sweep = [{"threshold": x, f"recall_{reference}": _rate(ref, x), "recall_wikipathways": _rate(wp, x),
              "fpr_all_negatives": _rate(neg_all, x), "fpr_generated_negatives": _rate(generated, x)}
             for x in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)]
    originals = np.array([v == 0 for v in variants])
    rel = reliability(np.asarray(scores)[originals], np.asarray(labels)[originals])
    return {"threshold": threshold, "reference": reference, "summary": summary, "by_type": rows,
            "thresholds": sweep, "reliability": rel}


def _f(v: object, d: int = 3) -> str:
    return "–" if v is None else f"{v:.{d}f}" if isinstance(v, float) else str(v)


def report_markdown(report: dict[str, Any]) -> str:
    """The report of :func:`evaluation_report` as Markdown tables (for BENCHMARKS.md)."""
    ref = report["reference"]
    lines = ["| | value |", "|---|---|"]
    lines += [f"| {k} | {_f(v)} |" for k, v in report["summary"].items()]
    lines += ["", f"| type | n | AUC ({ref} vs type) | score ≥ {report['threshold']} | degraded copies: n, ≥ "
              f"{report['threshold']} | median score |", "|---|---|---|---|---|---|"]
    for r in report["by_type"]:
        if r["label"]:
            lines.append(f"| **{r['type']}** (positive) | {r['n']} | {_f(r['auc_vs_all_negatives'])} (vs all neg.) | "
                         f"recall {_f(r['recall'])} | {r['n_degraded']}, {_f(r['recall_degraded'])} | "
                         f"{_f(r['median_score'])} |")
        else:
            lines.append(f"| {r['type']} | {r['n']} | {_f(r['auc_reference_vs_type'])} | FPR {_f(r['fpr'])} | "
                         f"{r['n_degraded']}, {_f(r['fpr_degraded'])} | {_f(r['median_score'])} |")
    lines += ["", f"| threshold | recall {ref} | recall WikiPathways | FPR all negatives | FPR generated negatives |",
              "|---|---|---|---|---|"]
    for r in report["thresholds"]:
        lines.append(f"| {r['threshold']:.1f} | {_f(r[f'recall_{ref}'])} | {_f(r['recall_wikipathways'])} | "
                     f"{_f(r['fpr_all_negatives'])} | {_f(r['fpr_generated_negatives'])} |")
    rel = report["reliability"]
    lines += ["", "| score bin | pathway figures | other figures | mean score | observed P(pathway), even prior |",
              "|---|---|---|---|---|"]
    lines += [f"| {r['bin']} | {r['n_pos']} | {r['n_neg']} | {_f(r.get('mean_score'))} | "
              f"{_f(r.get('observed_pathway'))} |" for r in rel["rows"]]
    lines.append(f"\nExpected calibration error (even prior): {rel['ece']:.3f}")
    return "\n".join(lines) + "\n"
