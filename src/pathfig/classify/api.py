"""Score figures: P(pathway diagram) of an image, for one image or a batch of figure files."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from pathfig.classify.features import FEATURES_VERSION, image_features
from pathfig.classify.model import Calibration, ClassifierError, TreeEnsemble, load_model
from pathfig.errors import PathfigError

__all__ = [
    "DEFAULT_THRESHOLD",
    "FigureScore",
    "PathwayClassifier",
    "classify_figures",
    "classify_image",
    "default_classifier",
]

logger = logging.getLogger(__name__)

#: Figures scoring below this are "not a pathway figure" (the reference system used 0.5 too).
DEFAULT_THRESHOLD = 0.5

ImageSource = str | os.PathLike[str] | bytes | np.ndarray


class PathwayClassifier:
    """A loaded model: image → calibrated P(pathway diagram).

    >>> clf = PathwayClassifier.load()                       # the model shipped with pathfig
    >>> round(clf.score(np.full((300, 400, 3), 255, np.uint8)), 2) < 0.5   # a blank page
    True
    """

    def __init__(self, ensemble: TreeEnsemble, calibration: Calibration, meta: dict[str, Any]) -> None:
        self.ensemble = ensemble
        self.calibration = calibration
        self.meta = meta
        trained_on = meta.get("features_version")
        if trained_on != FEATURES_VERSION:
            raise ClassifierError(
                f"classifier model was trained on features version {trained_on}, this pathfig computes "
                f"version {FEATURES_VERSION}; retrain it with scripts/train_classifier.py")
        self.n_features = len(meta.get("feature_names", ()))

    @classmethod
    def load(cls, path: str | Path | None = None) -> PathwayClassifier:
        """The model at ``path`` (``<base>``, ``<base>.npz`` or ``<base>.json``), else the shipped one."""
        return cls(*load_model(path))

    @property
    def version(self) -> str:
        """Names the model exactly: stored with every score, so a new model redoes a run's figures."""
        return f"{self.meta.get('name', 'model')}:{str(self.meta.get('npz_sha256', ''))[:12]}"

    @property
    def threshold(self) -> float:
        """The threshold the model was evaluated at (its default)."""
        return float(self.meta.get("threshold", DEFAULT_THRESHOLD))

    def score_features(self, X: np.ndarray) -> np.ndarray:
        """Scores of feature rows (see :func:`pathfig.classify.features.image_features`)."""
        X = np.atleast_2d(np.asarray(X, dtype=np.float64))
        if self.n_features and X.shape[1] != self.n_features:
            raise ClassifierError(f"expected {self.n_features} features per image, got {X.shape[1]}")
        return self.calibration(self.ensemble.raw(X))

    def score(self, image: ImageSource, *, name: str | None = None) -> float:
        """P(pathway diagram) of an image: a path, the file's bytes, or an RGB ``uint8`` array.

        Unreadable files raise :class:`~pathfig.ocr.images.ImageFileError` naming the file.
        """
        if isinstance(image, np.ndarray):
            rgb = image
        else:
            from pathfig.ocr.images import load_image

            rgb = load_image(image if isinstance(image, bytes) else Path(image), name=name)
        return float(self.score_features(image_features(rgb))[0])


@cache
def default_classifier() -> PathwayClassifier:
    """The shipped model, loaded once per process."""
    return PathwayClassifier.load()


def classify_image(image: ImageSource, *, classifier: PathwayClassifier | None = None) -> float:
    """P(pathway diagram) of one image with the shipped model (or ``classifier``).

    >>> classify_image("figure.jpg")          # doctest: +SKIP
    0.97
    """
    return (classifier or default_classifier()).score(image)


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureScore:
    """The score of one figure file, or why it has none."""

    figid: str
    path: str
    pathway_score: float | None
    is_pathway: bool | None
    threshold: float
    error: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if self.pathway_score is not None:
            d["pathway_score"] = round(self.pathway_score, 4)
        return d


def classify_figures(
    inputs: Sequence[str | Path],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    classifier: PathwayClassifier | None = None,
) -> list[FigureScore]:
    """Score every image in ``inputs`` (files and folders, as ``pathfig run`` finds them).

    Figure ids come from sidecars as in ``pathfig run``. A file that cannot be read gets an
    ``error`` and no score, as does a path that cannot be read; the others are scored. Raises
    :class:`~pathfig.errors.InputFileError` only when no input can be read at all, and
    :class:`ClassifierError` for a bad model.
    """
    from pathfig.run.inputs import collect_inputs

    clf = classifier or default_classifier()
    collected = collect_inputs(inputs)
    # Images whose figure id is taken are scored too: classifying needs no unique id. Paths
    # that cannot be read are reported with their problem.
    todo = [(f.figid, f.path, "") for f in collected.figures] + [
        (p.figid, p.path, f"{p.path}: {p.error}" if p.unreadable else "") for p in collected.problems]
    out: list[FigureScore] = []
    for figid, path, problem in todo:
        start = time.perf_counter()
        score: float | None = None
        error = problem
        try:
            if not problem:
                score = clf.score(path)
        except PathfigError as exc:
            score, error = None, str(exc)
            logger.warning("[%s] %s", figid, error)
        except Exception as exc:  # noqa: BLE001 - one odd image must not stop the batch; say what broke
            score, error = None, f"{path}: {type(exc).__name__}: {exc}"
            logger.warning("[%s] %s", figid, error, exc_info=logger.isEnabledFor(logging.DEBUG))
        out.append(FigureScore(
            figid=figid, path=path, pathway_score=score, threshold=threshold,
            is_pathway=None if score is None else score >= threshold, error=error,
            seconds=round(time.perf_counter() - start, 4),
        ))
    return out
