"""Fonts for generated figures: the DejaVu family when installed, Pillow's own font otherwise."""

from __future__ import annotations

from functools import cache

from PIL import ImageFont

__all__ = ["FONT_FILES", "font", "text_size"]

#: Tried in order; figures vary between sans, serif and condensed faces.
FONT_FILES = {
    "sans": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf"),
    "bold": ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
    "serif": ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "DejaVuSerif.ttf"),
    "condensed": ("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf", "DejaVuSansCondensed.ttf"),
    "italic": ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf", "DejaVuSans-Oblique.ttf"),
}


@cache
def font(size: int, face: str = "sans") -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font of ``size`` pixels in ``face`` (a key of :data:`FONT_FILES`)."""
    for path in FONT_FILES.get(face, FONT_FILES["sans"]):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def text_size(text: str, f: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> tuple[int, int]:
    """Width and height of ``text`` drawn in ``f``."""
    x0, y0, x1, y1 = f.getbbox(text)
    return int(x1 - x0), int(y1 - y0)
