"""The shipped model: gradient-boosted trees and a calibration map, evaluated with numpy.

``scripts/train_classifier.py`` fits a scikit-learn ``HistGradientBoostingClassifier`` inside a
``CalibratedClassifierCV`` and exports both parts as plain arrays (``data/pathway_model.npz``)
with a JSON sidecar (``data/pathway_model.json``: feature names, training data, seed, versions,
cross-validated metrics, the npz's sha256). Evaluating the exported trees needs only numpy, so
run time carries no pickle and no scikit-learn import; a test checks the export reproduces
scikit-learn's probabilities.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from pathfig.errors import PathfigError

__all__ = [
    "DEFAULT_MODEL",
    "ClassifierError",
    "Calibration",
    "TreeEnsemble",
    "export_sklearn",
    "load_model",
    "save_model",
]

#: Base name of the shipped model files inside ``pathfig/classify/data``.
DEFAULT_MODEL = "pathway_model"


class ClassifierError(PathfigError):
    """The classifier's model files are missing, damaged or do not match this code."""


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """Regression trees over flat node arrays (absolute child indices; ``-1`` below leaves).

    The raw score of a row is ``baseline`` plus the value of the leaf it reaches in each tree;
    rows go left when ``x[feature] <= threshold``, and missing values (NaN) follow ``missing_left``.
    """

    feature: np.ndarray        # int32
    threshold: np.ndarray      # float64
    left: np.ndarray           # int32
    right: np.ndarray          # int32
    missing_left: np.ndarray   # bool
    is_leaf: np.ndarray        # bool
    value: np.ndarray          # float64
    roots: np.ndarray          # int32: the root node of each tree
    baseline: float
    max_depth: int

    def raw(self, X: np.ndarray) -> np.ndarray:
        """Raw (log-odds) scores of the rows of ``X``; all trees walk in step, one level per pass."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim == 1:
            X = X[None, :]
        n = X.shape[0]
        idx = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
        rows = np.arange(n)[:, None]
        for _ in range(self.max_depth + 1):
            inner = ~self.is_leaf[idx]
            if not inner.any():
                break
            f = self.feature[idx]
            x = X[rows, np.where(inner, f, 0)]
            nan = np.isnan(x)
            go_left = np.where(nan, self.missing_left[idx], x <= self.threshold[idx])
            nxt = np.where(go_left, self.left[idx], self.right[idx])
            idx = np.where(inner, nxt, idx)
        return self.baseline + self.value[idx].sum(axis=1)


@dataclass(frozen=True, slots=True)
class Calibration:
    """Raw score → probability: ``isotonic`` (piecewise linear, clipped) or ``sigmoid`` (Platt)."""

    method: str
    x: np.ndarray   # isotonic: thresholds; sigmoid: [a, b]
    y: np.ndarray   # isotonic: values at the thresholds; sigmoid: unused

    def __call__(self, raw: np.ndarray) -> np.ndarray:
        if self.method == "isotonic":
            return np.clip(np.interp(raw, self.x, self.y), 0.0, 1.0)
        if self.method == "sigmoid":
            a, b = float(self.x[0]), float(self.x[1])
            return 1.0 / (1.0 + np.exp(a * raw + b))
        if self.method == "none":
            return 1.0 / (1.0 + np.exp(-raw))
        raise ClassifierError(f"unknown calibration method {self.method!r}")


def export_sklearn(calibrated: Any) -> tuple[TreeEnsemble, Calibration]:
    """The trees and calibration map of a fitted binary ``CalibratedClassifierCV(ensemble=False)``.

    Its estimator must be a ``HistGradientBoostingClassifier`` (numeric features only).
    """
    [cc] = calibrated.calibrated_classifiers_
    hgb = cc.estimator
    [calibrator] = cc.calibrators
    feats, thr, left, right, miss, leaf, val, roots = [], [], [], [], [], [], [], []
    offset = 0
    depth = 0
    for [pred] in hgb._predictors:  # one tree per iteration for a binary problem
        nodes = pred.nodes
        if nodes["is_categorical"].any():
            raise ClassifierError("categorical splits are not supported by the exported model")
        k = len(nodes)
        roots.append(offset)
        feats.append(nodes["feature_idx"].astype(np.int32))
        thr.append(nodes["num_threshold"].astype(np.float64))
        is_leaf = nodes["is_leaf"].astype(bool)
        left.append(np.where(is_leaf, -1, nodes["left"].astype(np.int64) + offset).astype(np.int32))
        right.append(np.where(is_leaf, -1, nodes["right"].astype(np.int64) + offset).astype(np.int32))
        miss.append(nodes["missing_go_to_left"].astype(bool))
        leaf.append(is_leaf)
        val.append(np.where(is_leaf, nodes["value"], 0.0).astype(np.float64))
        depth = max(depth, int(nodes["depth"].max()))
        offset += k
    ens = TreeEnsemble(
        feature=np.concatenate(feats), threshold=np.concatenate(thr), left=np.concatenate(left),
        right=np.concatenate(right), missing_left=np.concatenate(miss), is_leaf=np.concatenate(leaf),
        value=np.concatenate(val), roots=np.asarray(roots, np.int32),
        baseline=float(np.ravel(hgb._baseline_prediction)[0]), max_depth=depth,
    )
    name = type(calibrator).__name__
    if name == "IsotonicRegression":
        cal = Calibration("isotonic", np.asarray(calibrator.X_thresholds_, np.float64),
                          np.asarray(calibrator.y_thresholds_, np.float64))
    elif name == "_SigmoidCalibration":
        cal = Calibration("sigmoid", np.array([calibrator.a_, calibrator.b_], np.float64), np.zeros(0))
    else:
        raise ClassifierError(f"unsupported calibrator {name}")
    return ens, cal


_ARRAYS = ("feature", "threshold", "left", "right", "missing_left", "is_leaf", "value", "roots")


def save_model(path_base: str | Path, ens: TreeEnsemble, cal: Calibration, meta: dict[str, Any]) -> tuple[Path, Path]:
    """Write ``<base>.npz`` (arrays) and ``<base>.json`` (``meta`` plus the npz's sha256)."""
    base = Path(path_base)
    npz = base.with_suffix(".npz")
    arrays = {k: getattr(ens, k) for k in _ARRAYS}
    arrays.update(baseline=np.array([ens.baseline]), max_depth=np.array([ens.max_depth]),
                  cal_x=cal.x, cal_y=cal.y)
    # np.savez stamps entries with the current time; a fixed date makes the same model the same bytes.
    with zipfile.ZipFile(npz, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())
    meta = dict(meta)
    meta["calibration"] = cal.method
    meta["n_trees"] = len(ens.roots)
    meta["n_nodes"] = len(ens.feature)
    meta["npz_sha256"] = hashlib.sha256(npz.read_bytes()).hexdigest()
    js = base.with_suffix(".json")
    js.write_text(json.dumps(meta, indent=1, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
    return npz, js


def load_model(path_base: str | Path | None = None) -> tuple[TreeEnsemble, Calibration, dict[str, Any]]:
    """Read a model written by :func:`save_model` (default: the one shipped with pathfig)."""
    if path_base is None:
        base = Path(str(resources.files("pathfig.classify") / "data" / DEFAULT_MODEL))
    else:
        base = Path(path_base)
        if base.suffix in (".npz", ".json"):
            base = base.with_suffix("")
    return _load(str(base))


@cache
def _load(base: str) -> tuple[TreeEnsemble, Calibration, dict[str, Any]]:
    npz, js = Path(base + ".npz"), Path(base + ".json")
    try:
        meta = json.loads(js.read_text(encoding="utf-8"))
        data = npz.read_bytes()
    except FileNotFoundError as exc:
        raise ClassifierError(f"{exc.filename}: classifier model file not found "
                              "(rebuild it with scripts/train_classifier.py)") from None
    except (OSError, ValueError) as exc:
        raise ClassifierError(f"{base}: cannot read the classifier model ({exc})") from None
    if meta.get("npz_sha256") and hashlib.sha256(data).hexdigest() != meta["npz_sha256"]:
        raise ClassifierError(f"{npz}: sha256 differs from {js.name}; the model file is damaged or was replaced")
    try:
        with np.load(npz, allow_pickle=False) as z:
            a = {k: z[k] for k in z.files}
        ens = TreeEnsemble(
            feature=a["feature"].astype(np.int32), threshold=a["threshold"].astype(np.float64),
            left=a["left"].astype(np.int32), right=a["right"].astype(np.int32),
            missing_left=a["missing_left"].astype(bool), is_leaf=a["is_leaf"].astype(bool),
            value=a["value"].astype(np.float64), roots=a["roots"].astype(np.int32),
            baseline=float(a["baseline"][0]), max_depth=int(a["max_depth"][0]),
        )
        cal = Calibration(str(meta.get("calibration", "isotonic")), a["cal_x"], a["cal_y"])
    except (KeyError, ValueError, OSError) as exc:
        raise ClassifierError(f"{npz}: not a pathfig classifier model ({exc})") from None
    return ens, cal, meta
