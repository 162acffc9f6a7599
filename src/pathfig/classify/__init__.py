"""Classify stage: figure image → P(pathway diagram), offline, on a CPU.

>>> from pathfig.classify import classify_image
>>> classify_image("figure.jpg")            # doctest: +SKIP
0.97

Modules: ``features`` (what a diagram looks like, in ~130 numbers measured with OpenCV),
``model`` (the shipped gradient-boosted trees and calibration map, evaluated with numpy),
``api`` (:class:`PathwayClassifier`, :func:`classify_image`, :func:`classify_figures`),
``cli`` (``pathfig classify``), ``synth`` (training images drawn in code; training only).
``scripts/train_classifier.py`` rebuilds the model in ``data/`` and reports its accuracy.
"""

from pathfig.classify.api import (
    DEFAULT_THRESHOLD,
    FigureScore,
    PathwayClassifier,
    classify_figures,
    classify_image,
    default_classifier,
)
from pathfig.classify.features import FEATURES_VERSION, image_features
from pathfig.classify.model import ClassifierError

__all__ = [
    "DEFAULT_THRESHOLD",
    "FEATURES_VERSION",
    "ClassifierError",
    "FigureScore",
    "PathwayClassifier",
    "classify_figures",
    "classify_image",
    "default_classifier",
    "image_features",
]
