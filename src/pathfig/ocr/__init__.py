"""OCR stage: figure image → :class:`~pathfig.models.OcrResult` (lines and words with boxes).

>>> from pathfig.ocr import ocr_image
>>> result = ocr_image("figure.jpg", cache_dir="~/.cache/pathfig/ocr")  # doctest: +SKIP
>>> [w.text for w in result.words][:3]                                   # doctest: +SKIP
['TNF', 'TNFR1', 'TRADD']

Modules: ``images`` (loading any image file safely), ``engine`` (the :class:`OcrEngine`
interface and the :data:`ENGINES` registry), ``rapid`` (the default RapidOCR engine),
``stage`` (upscaling, tiling, the vertical-text pass), ``words`` (line → word boxes),
``cache`` (per-image JSON cache), ``api`` (:func:`ocr_image`).
"""

from pathfig.ocr.api import ocr_image
from pathfig.ocr.engine import ENGINES, OcrEngine, get_engine, register_engine
from pathfig.ocr.images import DEFAULT_MAX_PIXELS, ImageFileError, load_image
from pathfig.ocr.stage import OcrOptions

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "ENGINES",
    "ImageFileError",
    "OcrEngine",
    "OcrOptions",
    "get_engine",
    "load_image",
    "ocr_image",
    "register_engine",
]
