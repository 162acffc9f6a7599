"""Loading figure images: every format and mode becomes RGB uint8; bad files fail clearly."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFile

from pathfig.errors import InputFileError, OcrError, PathfigError
from pathfig.ocr import ImageFileError, load_image

W, H = 64, 40


def _figure() -> Image.Image:
    """A white RGB image with a black bar (left) and a pure red block (top right)."""
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    d.rectangle([4, 10, 30, 29], fill="black")
    d.rectangle([48, 2, 61, 9], fill=(255, 0, 0))
    return img


def _save(img: Image.Image, path: Path, fmt: str, **kw: object) -> Path:
    img.save(path, fmt, **kw)
    return path


def _png16(a: np.ndarray, colour_type: int) -> bytes:
    """A 16-bit PNG (greyscale or RGB) written by hand: PIL cannot write 16-bit RGB."""
    h, w = a.shape[:2]
    raw = b"".join(b"\x00" + a[y].astype(">u2").tobytes() for y in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", w, h, 16, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _assert_figure(a: np.ndarray, *, tol: int = 40, colour: bool = True) -> None:
    assert a.shape == (H, W, 3)
    assert a.dtype == np.uint8
    assert (a[20, 15] < tol).all(), "the black bar"
    assert (a[35, 40] > 255 - tol).all(), "the white background"
    if colour:
        r, g, b = (int(v) for v in a[5, 55])
        assert r > 200 and g < 80 and b < 80, "the red block"


@pytest.mark.parametrize(
    ("fmt", "suffix", "kw"),
    [
        ("PNG", ".png", {}),
        ("JPEG", ".jpg", {"quality": 95}),
        ("TIFF", ".tif", {}),
        ("TIFF", ".tiff", {"compression": "tiff_lzw"}),
        ("WEBP", ".webp", {"lossless": True}),
        ("BMP", ".bmp", {}),
    ],
)
def test_rgb_formats(tmp_path: Path, fmt: str, suffix: str, kw: dict[str, object]) -> None:
    _assert_figure(load_image(_save(_figure(), tmp_path / f"f{suffix}", fmt, **kw)))


def test_gif_palette(tmp_path: Path) -> None:
    img = _figure().convert("P", palette=Image.Palette.ADAPTIVE, colors=8)
    _assert_figure(load_image(_save(img, tmp_path / "f.gif", "GIF")))


def test_animated_gif_gives_first_frame(tmp_path: Path) -> None:
    first, second = _figure(), Image.new("RGB", (W, H), "blue")
    first.save(tmp_path / "a.gif", save_all=True, append_images=[second], duration=100)
    _assert_figure(load_image(tmp_path / "a.gif"))


def test_palette_with_transparency_is_white(tmp_path: Path) -> None:
    img = _figure().convert("P", palette=Image.Palette.ADAPTIVE, colors=8)
    white_index = img.getpixel((40, 35))
    _assert_figure(load_image(_save(img, tmp_path / "t.png", "PNG", transparency=white_index)))
    # The bar's (black) index transparent: the bar is composited on white, not kept black.
    black_index = img.getpixel((15, 20))
    a = load_image(_save(img, tmp_path / "b.png", "PNG", transparency=black_index))
    assert (a[20, 15] == 255).all() and (a[35, 40] == 255).all()
    r, g, b = (int(v) for v in a[5, 55])
    assert r > 200 and g < 80 and b < 80, "the red block"


def test_alpha_is_composited_on_white(tmp_path: Path) -> None:
    # Transparent background (black with alpha 0) must come out white, not black.
    rgba = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    d = ImageDraw.Draw(rgba)
    d.rectangle([4, 10, 30, 29], fill=(0, 0, 0, 255))
    d.rectangle([48, 2, 61, 9], fill=(255, 0, 0, 255))
    _assert_figure(load_image(_save(rgba, tmp_path / "a.png", "PNG")))
    la = rgba.convert("LA")
    _assert_figure(load_image(_save(la, tmp_path / "la.png", "PNG")), colour=False)


def test_cmyk_jpeg(tmp_path: Path) -> None:
    _assert_figure(load_image(_save(_figure().convert("CMYK"), tmp_path / "c.jpg", "JPEG", quality=95)))


@pytest.mark.parametrize("mode", ["L", "1"])
def test_greyscale_and_bilevel(tmp_path: Path, mode: str) -> None:
    _assert_figure(load_image(_save(_figure().convert(mode), tmp_path / f"{mode}.png", "PNG")), colour=False)


def test_16bit_greyscale_png(tmp_path: Path) -> None:
    grey = np.asarray(_figure().convert("L")).astype(np.uint16) * 257
    path = tmp_path / "g16.png"
    path.write_bytes(_png16(grey, colour_type=0))
    _assert_figure(load_image(path), colour=False)


def test_16bit_rgb_png(tmp_path: Path) -> None:
    rgb = np.asarray(_figure()).astype(np.uint16) * 257
    path = tmp_path / "rgb16.png"
    path.write_bytes(_png16(rgb, colour_type=2))
    _assert_figure(load_image(path))


def test_16bit_tiff_uses_full_range(tmp_path: Path) -> None:
    # A dark 16-bit image (max 4000 of 65535) must stay dark, not be stretched to white.
    a = np.full((H, W), 4000, dtype=np.uint16)
    img = Image.frombytes("I;16", (W, H), a.astype("<u2").tobytes())
    assert img.mode == "I;16"
    img.save(tmp_path / "d.tif")
    out = load_image(tmp_path / "d.tif")
    assert out.shape == (H, W, 3)
    assert abs(int(out[0, 0, 0]) - round(4000 / 257)) <= 1


def test_float_tiff(tmp_path: Path) -> None:
    a = np.asarray(_figure().convert("L")).astype(np.float32) / 255.0
    Image.frombytes("F", (W, H), a.astype("<f4").tobytes()).save(tmp_path / "f.tif")
    _assert_figure(load_image(tmp_path / "f.tif"), colour=False)


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    # Stored sideways with EXIF "rotate 90° clockwise to view" (orientation 6).
    stored = _figure().transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    path = _save(stored, tmp_path / "o.jpg", "JPEG", quality=95, exif=exif.tobytes())
    _assert_figure(load_image(path))


def test_bytes_input() -> None:
    buf = io.BytesIO()
    _figure().save(buf, "PNG")
    _assert_figure(load_image(buf.getvalue()))


# --- bad input -----------------------------------------------------------------------------


def _problem(path: Path, **kw: object) -> str:
    with pytest.raises(ImageFileError) as info:
        load_image(path, **kw)  # type: ignore[arg-type]
    err = info.value
    assert isinstance(err, InputFileError) and isinstance(err, OcrError) and isinstance(err, PathfigError)
    assert str(path) in str(err), "the message names the file"
    assert err.path == str(path)
    return err.problem


def test_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("TP53 activates MDM2\n")
    assert "not an image" in _problem(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.jpg"
    path.write_bytes(b"")
    assert "empty" in _problem(path)


@pytest.mark.parametrize(("fmt", "suffix"), [("PNG", ".png"), ("JPEG", ".jpg")])
def test_truncated(tmp_path: Path, fmt: str, suffix: str) -> None:
    big = Image.fromarray(np.random.default_rng(0).integers(0, 255, (200, 300, 3), dtype=np.uint8))
    buf = io.BytesIO()
    big.save(buf, fmt)
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    assert "truncated" in _problem(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert "not found" in _problem(tmp_path / "nope.png")
    assert "directory" in _problem(tmp_path)


def test_too_large(tmp_path: Path) -> None:
    path = _save(_figure(), tmp_path / "f.png", "PNG")
    problem = _problem(path, max_pixels=1000)
    assert "64×40" in problem and "max_pixels" in problem


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        # Above pathfig's limit (80 MP) but below PIL's own guard: pathfig's message.
        (10_000, 9_000, "image is 10000×9000 px (90.0 MP), above the limit of 80.0 MP"),
        # Far above both: PIL refuses it while reading the header.
        (100_000, 100_000, "image too large (Image size (10000000000 pixels) exceeds limit"),
    ],
)
def test_decompression_bomb_header_is_refused_before_decoding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int, height: int, message: str) -> None:
    # A PNG that claims a huge size but carries almost no data.
    png = _png16(np.zeros((1, 1), np.uint16), colour_type=0)
    bomb = png.replace(struct.pack(">II", 1, 1), struct.pack(">II", width, height), 1)
    # Fix the IHDR checksum so PIL reads the header.
    start = bomb.index(b"IHDR")
    ihdr = bomb[start:start + 4 + 13]
    bomb = bomb[:start + 17] + struct.pack(">I", zlib.crc32(ihdr)) + bomb[start + 21:]
    path = tmp_path / "bomb.png"
    path.write_bytes(bomb)

    def no_decoding(self: object) -> None:
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    assert _problem(path).startswith(message)
