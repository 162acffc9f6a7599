"""Figure images: where to download them from, and whether what came back is an image.

The reference bot saved HTML error pages as ``.jpg``. Here a body is kept only when its
content type allows an image *and* its first bytes are those of an image format; the file
extension then follows the format, not the URL.

>>> sniff_image(b"\\xff\\xd8\\xff\\xe0" + bytes(16))
'jpg'
>>> sniff_image(b"<!DOCTYPE html><html>") is None
True
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from pathfig.collect.http import Fetched, HttpClient, HttpError

__all__ = [
    "ENV_IMAGE_BASES",
    "EUROPEPMC_IMAGE_BASE",
    "NCBI_IMAGE_BASE",
    "ImageError",
    "env_image_bases",
    "fetch_image",
    "image_file_name",
    "image_urls",
    "sniff_image",
]

#: URL templates of a PMC figure image: {pmcid} and {name} (the file name, with extension).
EUROPEPMC_IMAGE_BASE = "https://europepmc.org/articles/{pmcid}/bin/{name}"
NCBI_IMAGE_BASE = "https://www.ncbi.nlm.nih.gov/pmc/articles/{pmcid}/bin/{name}"
#: Environment variable with comma-separated templates that replace a source's defaults.
ENV_IMAGE_BASES = "PATHFIG_IMAGE_BASES"

_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "jpg"),
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"GIF87a", 0, "gif"),
    (b"GIF89a", 0, "gif"),
    (b"II*\x00", 0, "tif"),
    (b"MM\x00*", 0, "tif"),
    (b"WEBP", 8, "webp"),
    (b"BM", 0, "bmp"),
)
# Content types a server may honestly send with an image body.
_IMAGE_TYPES = re.compile(r"^(?:image/[a-z0-9.+-]+|application/octet-stream|binary/octet-stream)?$")
_MIN_BYTES = 64  # a real figure is never smaller; an empty or stub body is an error


class ImageError(HttpError):
    """A download that is not an image (an HTML page, an empty body, an unknown format)."""


def env_image_bases() -> tuple[str, ...]:
    """Image URL templates from :data:`ENV_IMAGE_BASES`, or ``()`` when it is not set."""
    return tuple(b.strip() for b in os.environ.get(ENV_IMAGE_BASES, "").split(",") if b.strip())


def sniff_image(data: bytes) -> str | None:
    """The image format of ``data`` from its first bytes (``jpg``, ``png``, …), or None."""
    for magic, offset, ext in _MAGIC:
        if data[offset:offset + len(magic)] == magic:
            if ext == "webp" and data[:4] != b"RIFF":
                continue
            if ext == "bmp" and len(data) < 26:
                continue
            return ext
    return None


def image_file_name(graphic: str) -> str:
    """The file name PMC serves a graphic as: its href, with ``.jpg`` unless it has an image extension."""
    name = graphic.strip().rsplit("/", 1)[-1]
    if re.search(r"\.(?:jpe?g|png|gif)$", name, re.I):
        return name
    # PMC renders TIFF/EPS originals and extension-less hrefs as JPEG.
    return re.sub(r"\.(?:tiff?|eps|svg|bmp)$", "", name, flags=re.I) + ".jpg"


def image_urls(pmcid: str, graphic: str, bases: Sequence[str]) -> list[str]:
    """Candidate URLs of a figure image, in the order to try them."""
    name = image_file_name(graphic)
    return [b.format(pmcid=pmcid, name=name) for b in bases]


def check_image(fetched: Fetched) -> str:
    """The format of a fetched body; raises :class:`ImageError` when it is not an image."""
    url, body, ctype = fetched.url, fetched.body, fetched.content_type
    if not _IMAGE_TYPES.match(ctype):
        what = "an HTML page" if "html" in ctype else ctype
        raise ImageError(url, f"got {what} ({len(body)} bytes), not an image", status=200, transient=True)
    ext = sniff_image(body)
    if ext is None or len(body) < _MIN_BYTES:
        start = body[:16].decode("ascii", errors="replace")
        looks = "an HTML page" if b"<html" in body[:512].lower() or b"<!doctype" in body[:512].lower() else (
            f"unknown bytes {start!r}")
        raise ImageError(url, f"content type {ctype or 'missing'} but the body is {looks} ({len(body)} bytes)",
                         status=200, transient=True)
    return ext


def fetch_image(client: HttpClient, urls: Sequence[str]) -> tuple[Fetched, str]:
    """The first candidate URL that gives an image, with its format; raises the last error.

    A 404 from one host does not stop the next from being tried; when every candidate fails,
    the error is transient unless every host said the image does not exist (404/410).
    """
    errors: list[HttpError] = []
    for url in urls:
        try:
            fetched = client.get(url, accept="image/*")
            return fetched, check_image(fetched)
        except HttpError as exc:
            errors.append(exc)
    if not errors:
        raise ImageError("", "no image URL to try", transient=False)
    gone = all(e.status in (404, 410) for e in errors)
    raise ImageError("", "; ".join(str(e) for e in errors), status=errors[-1].status, transient=not gone)
