"""Load a figure image from disk (or bytes) into an RGB ``uint8`` array, or fail clearly.

Published figures come in every format and mode PIL knows: palette GIFs, PNGs with alpha,
CMYK JPEGs, 16-bit greyscale TIFFs, phone photos with an EXIF rotation. The OCR engines want
one thing: an ``(H, W, 3)`` RGB ``uint8`` array in the orientation a reader sees. Everything
that is not an image, is empty, truncated or absurdly large raises :class:`ImageFileError`
naming the file and the problem, so a batch can record it and go on.
"""

from __future__ import annotations

import io
import logging
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from pathfig.errors import InputFileError, OcrError

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "ImageFileError",
    "decode_image",
    "load_image",
    "read_image_bytes",
    "to_rgb_array",
]

logger = logging.getLogger(__name__)

#: Refuse images above this many pixels (a decompression-bomb guard; a 80 MP figure is
#: already ~240 MB as RGB). Callers can raise it per call.
DEFAULT_MAX_PIXELS = 80_000_000


class ImageFileError(InputFileError, OcrError):
    """An image file cannot be read; both an :class:`InputFileError` and an :class:`OcrError`."""


def load_image(
    source: str | Path | bytes, *, max_pixels: int = DEFAULT_MAX_PIXELS, name: str | None = None,
) -> np.ndarray:
    """Read an image file (or its bytes) into an ``(H, W, 3)`` RGB ``uint8`` array.

    EXIF orientation is applied, transparency is composited on white, palette, CMYK,
    greyscale, bilevel, 16-bit and float images are converted; animated images give
    their first frame. ``name`` labels bytes input in error messages.

    >>> load_image(b"not an image", name="x.png")
    Traceback (most recent call last):
    ...
    pathfig.ocr.images.ImageFileError: x.png: not an image (or a format PIL cannot read)
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "<bytes>"
    else:
        label = name or str(source)
        data = read_image_bytes(source, label=label)
    return decode_image(data, label=label, max_pixels=max_pixels)


def read_image_bytes(path: str | Path, *, label: str | None = None) -> bytes:
    """The bytes of an image file, or :class:`ImageFileError` saying why they cannot be read."""
    label = label or str(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ImageFileError(label, "file not found") from None
    except IsADirectoryError:
        raise ImageFileError(label, "is a directory, not an image file") from None
    except OSError as exc:
        raise ImageFileError(label, f"cannot read file ({exc.strerror or exc})") from None


def decode_image(data: bytes, *, label: str, max_pixels: int = DEFAULT_MAX_PIXELS) -> np.ndarray:
    """Decode image bytes; ``label`` names the source in errors (see :func:`load_image`)."""
    if not data:
        raise ImageFileError(label, "empty file (0 bytes)")
    with warnings.catch_warnings():
        # We apply our own (lower, configurable) pixel limit below; PIL's warning is noise.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data))
        except UnidentifiedImageError:
            raise ImageFileError(label, "not an image (or a format PIL cannot read)") from None
        except Image.DecompressionBombError as exc:
            raise ImageFileError(label, f"image too large ({exc})") from None
        except (OSError, ValueError, SyntaxError) as exc:
            raise ImageFileError(label, f"corrupt image header ({exc})") from None
        _check_size(img, label=label, max_pixels=max_pixels)
        try:
            img.load()
        except Image.DecompressionBombError as exc:
            raise ImageFileError(label, f"image too large ({exc})") from None
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            # PIL says "image file is truncated (N bytes not processed)" or similar.
            raise ImageFileError(label, f"truncated or corrupt image data ({exc})") from None
        try:
            img = ImageOps.exif_transpose(img) or img
        except Exception as exc:  # noqa: BLE001 - a broken EXIF block must not lose the figure
            logger.warning("[%s] ignoring unreadable EXIF orientation: %s", label, exc)
        try:
            return to_rgb_array(img)
        except (OSError, ValueError) as exc:
            raise ImageFileError(label, f"cannot convert {img.mode} image to RGB ({exc})") from None


def _check_size(img: Image.Image, *, label: str, max_pixels: int) -> None:
    w, h = img.size
    if w <= 0 or h <= 0:
        raise ImageFileError(label, f"image has no pixels ({w}×{h})")
    if w * h > max_pixels:
        raise ImageFileError(
            label,
            f"image is {w}×{h} px ({w * h / 1e6:.1f} MP), above the limit of "
            f"{max_pixels / 1e6:.1f} MP; pass a larger max_pixels to read it",
        )


def to_rgb_array(img: Image.Image) -> np.ndarray:
    """Convert a loaded PIL image of any mode to an ``(H, W, 3)`` RGB ``uint8`` array."""
    mode = img.mode
    if mode.startswith("I;16"):
        # 16-bit samples: the full 0..65535 range maps to 0..255.
        a = np.asarray(img).astype(np.float64) * (255.0 / 65535.0)
        return _grey_to_rgb(np.clip(a.round(), 0, 255).astype(np.uint8))
    if mode in ("I", "F"):
        return _grey_to_rgb(_scale_to_uint8(np.asarray(img)))
    if mode == "P":
        # Palette images may carry transparency in the palette or in info["transparency"].
        img = img.convert("RGBA")
        mode = "RGBA"
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return np.array(Image.alpha_composite(white, rgba).convert("RGB"))
    if mode == "RGB":
        return np.array(img)
    # 1, L, CMYK, YCbCr, LAB, HSV: PIL converts these to RGB itself.
    return np.array(img.convert("RGB"))


def _scale_to_uint8(a: np.ndarray) -> np.ndarray:
    """Map 32-bit integer or float samples to 0..255 by the range their values suggest."""
    a = a.astype(np.float64, copy=False)
    if a.size == 0:
        return a.astype(np.uint8)
    hi = float(np.nanmax(a))
    lo = float(np.nanmin(a))
    if lo >= 0 and hi <= 1.0:           # float image in 0..1
        scale = 255.0
    elif lo >= 0 and hi <= 255:          # already 8-bit values in a wide type
        scale = 1.0
    elif lo >= 0 and hi <= 65535:        # 16-bit
        scale = 255.0 / 65535.0
    else:                                # anything else: stretch the observed range
        a = a - lo
        scale = 255.0 / (hi - lo) if hi > lo else 1.0
    return np.clip(np.nan_to_num(a * scale), 0, 255).round().astype(np.uint8)


def _grey_to_rgb(a: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.repeat(a[:, :, None], 3, axis=2))
