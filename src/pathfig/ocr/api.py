"""The OCR stage's one verb: :func:`ocr_image` (image → :class:`~pathfig.models.OcrResult`)."""

from __future__ import annotations

import hashlib
import logging
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from pathfig.errors import OcrError
from pathfig.models import OcrResult
from pathfig.ocr.cache import cache_key, cache_path, read_cached, write_cached
from pathfig.ocr.engine import OcrEngine, get_engine
from pathfig.ocr.images import decode_image, read_image_bytes, to_rgb_array
from pathfig.ocr.stage import OcrOptions, read_lines

__all__ = ["ocr_image"]

logger = logging.getLogger(__name__)

ImageSource = str | os.PathLike[str] | bytes | np.ndarray


def ocr_image(
    image: ImageSource,
    *,
    engine: str | OcrEngine = "rapidocr",
    cache_dir: str | os.PathLike[str] | None = None,
    options: OcrOptions | None = None,
    name: str | None = None,
    **overrides: Any,
) -> OcrResult:
    """Read the text of a figure: lines and words with boxes in the image's own pixels.

    ``image`` is a path, the file's bytes, or an ``(H, W, 3)`` RGB ``uint8`` array (see
    :func:`pathfig.ocr.load_image`). ``engine`` is a name from :data:`pathfig.ocr.ENGINES`
    or an engine object. With ``cache_dir``, the result is stored as JSON keyed by the
    sha256 of the file's bytes (or the array's pixels) and the engine's name and version and
    the options, and a later call with the same key returns it without running the engine.
    ``options`` holds the stage settings; keyword ``overrides`` replace single ones
    (``ocr_image(path, vertical=True)``). ``name`` labels the image in errors and logs.

    Raises :class:`~pathfig.ocr.images.ImageFileError` for files that are not readable
    images and :class:`~pathfig.errors.OcrError` when the engine fails; both name the image.
    """
    opts = options or OcrOptions()
    if overrides:
        try:
            opts = replace(opts, **overrides)
        except TypeError as exc:
            raise TypeError(f"ocr_image: unknown option ({exc}); see pathfig.ocr.OcrOptions") from None
    eng = get_engine(engine) if isinstance(engine, str) else engine

    if isinstance(image, np.ndarray):
        label = name or "<array>"
        pixels = _check_array(image, label)
        digest = _array_digest(pixels)
        data = None
    else:
        if isinstance(image, (bytes, bytearray, memoryview)):
            label = name or "<bytes>"
            data = bytes(image)
        else:
            label = name or str(image)
            data = read_image_bytes(Path(image), label=label)
        digest = hashlib.sha256(data).hexdigest()
        pixels = None

    path = key = None
    if cache_dir is not None:
        key = cache_key(digest, eng.name, eng.version, opts.fingerprint())
        path = cache_path(cache_dir, key)
        cached = read_cached(path, key)
        if cached is not None:
            logger.debug("[%s] OCR cache hit %s", label, path.name)
            return cached

    if pixels is None:
        assert data is not None
        pixels = decode_image(data, label=label, max_pixels=opts.max_pixels)
    elif pixels.shape[0] * pixels.shape[1] > opts.max_pixels:
        raise OcrError(f"{label}: image is {pixels.shape[1]}×{pixels.shape[0]} px, above max_pixels={opts.max_pixels}")

    start = time.perf_counter()
    lines = read_lines(pixels, eng, opts, label=label)
    result = OcrResult(
        width=int(pixels.shape[1]), height=int(pixels.shape[0]), engine=eng.name,
        engine_version=eng.version, lines=tuple(lines),
        seconds=round(time.perf_counter() - start, 3),
    )
    logger.debug("[%s] %d lines in %.2f s", label, len(lines), result.seconds)
    if path is not None and key is not None:
        write_cached(path, key, result)
    return result


def _check_array(a: np.ndarray, label: str) -> np.ndarray:
    """An RGB ``uint8`` array; greyscale ``(H, W)`` and RGBA ``(H, W, 4)`` are converted."""
    if a.dtype != np.uint8 or a.ndim not in (2, 3) or a.shape[0] == 0 or a.shape[1] == 0 or (
        a.ndim == 3 and a.shape[2] not in (3, 4)
    ):
        raise OcrError(f"{label}: expected an (H, W, 3) uint8 RGB array, got shape {a.shape} {a.dtype}")
    if a.ndim == 2 or a.shape[2] == 4:
        return to_rgb_array(Image.fromarray(a))
    return np.ascontiguousarray(a)


def _array_digest(a: np.ndarray) -> str:
    h = hashlib.sha256(f"{a.shape}".encode())
    h.update(a.tobytes())
    return h.hexdigest()
