"""The OCR engine interface and the registry of engines.

An engine reads one RGB image *as given* and returns :class:`~pathfig.models.Line` records
in that image's pixel coordinates. Everything engine-independent — upscaling small figures,
tiling large ones, the rotated pass for vertical text, merging, caching — lives in
:mod:`pathfig.ocr.stage`, so adding an engine means one module with one class and one entry
in :data:`ENGINES`; no other stage changes.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

import numpy as np

from pathfig.errors import OcrError
from pathfig.models import Line

__all__ = ["ENGINES", "OcrEngine", "get_engine", "register_engine"]


@runtime_checkable
class OcrEngine(Protocol):
    """What the OCR stage needs from an engine.

    ``version`` must change whenever the engine's output may change (library versions, model
    files, thresholds): it is part of the cache key. ``read`` takes an ``(H, W, 3)`` RGB
    ``uint8`` array and returns lines with boxes in that array's pixels; each line's words
    carry boxes too (``Word.line`` is filled in by the stage). Vertical lines carry
    ``orientation`` 90 (reads bottom to top) or 270 (reads top to bottom); 180 is upside down.
    """

    name: str

    @property
    def version(self) -> str: ...

    def read(self, image: np.ndarray) -> list[Line]: ...


def _rapidocr_factory(**params: Any) -> OcrEngine:
    # Imported on first use: importing rapidocr pulls in onnxruntime and OpenCV.
    from pathfig.ocr.rapid import RapidOcrEngine

    return RapidOcrEngine(**params)


#: Engine name → factory (a class or a function taking keyword parameters). ``rapidocr``
#: picks its models' precision by CPU; the other two fix it (float reads ~1 point more labels
#: for ~50 % more time; see BENCHMARKS.md, "OCR").
ENGINES: dict[str, Callable[..., OcrEngine]] = {
    "rapidocr": _rapidocr_factory,
    "rapidocr-float": functools.partial(_rapidocr_factory, models="float"),
    "rapidocr-int8": functools.partial(_rapidocr_factory, models="int8"),
}

_instances: dict[tuple[str, str], OcrEngine] = {}
_lock = threading.Lock()


def register_engine(name: str, factory: Callable[..., OcrEngine]) -> None:
    """Add (or replace) an engine under ``name``; cached instances of that name are dropped."""
    with _lock:
        ENGINES[name] = factory
        for key in [k for k in _instances if k[0] == name]:
            del _instances[key]


def engine_factory(name: str) -> Callable[..., OcrEngine]:
    """The factory registered as ``name``; an unknown name is an error listing the known ones."""
    try:
        return ENGINES[name]
    except KeyError:
        raise OcrError(f"unknown OCR engine {name!r}; known engines: {', '.join(sorted(ENGINES))}") from None


def get_engine(name: str = "rapidocr", **params: Any) -> OcrEngine:
    """Return the engine called ``name``, built once per process and parameter set.

    Models are loaded lazily and only once per process (one onnxruntime thread each), so a
    worker pays the model load once however many figures it reads.
    """
    factory = engine_factory(name)
    key = (name, json.dumps(params, sort_keys=True, default=repr))
    with _lock:
        engine = _instances.get(key)
        if engine is None:
            engine = factory(**params)
            _instances[key] = engine
    return engine

