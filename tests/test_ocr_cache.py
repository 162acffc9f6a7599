"""The per-image OCR cache: hits skip the engine; any change to what makes the output misses."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PIL import Image

from pathfig.models import Box, Line, OcrResult, Word
from pathfig.ocr import OcrOptions, ocr_image
from pathfig.ocr.cache import cache_key, cache_path, read_cached, write_cached


class CountingEngine:
    """Always reads one line (tall enough not to call for the small-text reading); counts calls."""

    name = "counting"

    def __init__(self, version: str = "1") -> None:
        self.version = version
        self.calls = 0

    def read(self, image: np.ndarray) -> list[Line]:
        self.calls += 1
        box = Box(1, 2, 60, 24)
        word = Word(text="TP53", box=box, confidence=0.9)
        return [Line(text="TP53", box=box, confidence=0.9, words=(word,))]


def _figure(path: Path, shade: int = 0) -> Path:
    a = np.full((40, 80, 3), 255, np.uint8)
    a[10:20, 10:60] = shade
    Image.fromarray(a).save(path)
    return path


def test_second_call_is_a_cache_hit(tmp_path: Path) -> None:
    eng, cache = CountingEngine(), tmp_path / "cache"
    fig = _figure(tmp_path / "f.png")
    first = ocr_image(fig, engine=eng, cache_dir=cache)
    second = ocr_image(fig, engine=eng, cache_dir=cache)
    assert eng.calls == 1
    assert second == first
    assert second.words[0].text == "TP53" and second.words[0].box == first.words[0].box
    assert len(list(cache.rglob("*.json"))) == 1


def test_key_is_the_content_not_the_name(tmp_path: Path) -> None:
    eng, cache = CountingEngine(), tmp_path / "cache"
    a = _figure(tmp_path / "a.png")
    b = tmp_path / "renamed.png"
    b.write_bytes(a.read_bytes())
    ocr_image(a, engine=eng, cache_dir=cache)
    ocr_image(b, engine=eng, cache_dir=cache)
    ocr_image(a.read_bytes(), engine=eng, cache_dir=cache)
    assert eng.calls == 1
    ocr_image(_figure(tmp_path / "other.png", shade=90), engine=eng, cache_dir=cache)
    assert eng.calls == 2, "different pixels, different entry"


def test_engine_version_or_options_change_invalidates(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fig = _figure(tmp_path / "f.png")
    v1 = CountingEngine("1")
    ocr_image(fig, engine=v1, cache_dir=cache)
    v2 = CountingEngine("2")           # e.g. a new model file or rapidocr release
    res = ocr_image(fig, engine=v2, cache_dir=cache)
    assert v2.calls == 1 and res.engine_version == "2"
    ocr_image(fig, engine=v2, cache_dir=cache, upscale=3.0)  # not the default (1.5)
    assert v2.calls == 2, "options that change the output are part of the key"
    ocr_image(fig, engine=v2, cache_dir=cache, upscale=3.0, max_pixels=10_000_000)
    assert v2.calls == 2, "max_pixels only decides whether to read at all"
    ocr_image(fig, engine=v1, cache_dir=cache)
    assert v1.calls == 1, "the old version's entry is still there"


def test_arrays_are_cached_by_pixels(tmp_path: Path) -> None:
    eng = CountingEngine()
    a = np.full((40, 80, 3), 255, np.uint8)
    a[10:20, 10:60] = 0
    ocr_image(a, engine=eng, cache_dir=tmp_path)
    ocr_image(a.copy(), engine=eng, cache_dir=tmp_path)
    assert eng.calls == 1


def test_corrupt_or_foreign_entries_are_misses(tmp_path: Path) -> None:
    eng, cache = CountingEngine(), tmp_path / "cache"
    fig = _figure(tmp_path / "f.png")
    ocr_image(fig, engine=eng, cache_dir=cache)
    (entry,) = cache.rglob("*.json")
    entry.write_text("{not json")
    ocr_image(fig, engine=eng, cache_dir=cache)
    assert eng.calls == 2
    data = json.loads(entry.read_text())        # rewritten, valid again
    data["key"]["engine_version"] = "tampered"
    entry.write_text(json.dumps(data))
    ocr_image(fig, engine=eng, cache_dir=cache)
    assert eng.calls == 3


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    word = Word(text="MDM2", box=Box(1.5, 2, 3, 4), confidence=0.7, line=0, orientation=90)
    result = OcrResult(
        width=10, height=20, engine="e", engine_version="v", seconds=0.5,
        lines=(Line(text="MDM2", box=Box(1.5, 2, 3, 4), confidence=0.7, orientation=90, words=(word,)),),
    )
    key = cache_key("ab" * 32, "e", "v", OcrOptions().fingerprint())
    path = cache_path(tmp_path, key)
    write_cached(path, key, result)
    assert read_cached(path, key) == result
    assert read_cached(path, {**key, "options": "other"}) is None
    assert not list(tmp_path.rglob(".tmp-*")), "no temporary files left behind"
