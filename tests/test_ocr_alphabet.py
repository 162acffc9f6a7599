"""The Latin-alphabet recogniser: which characters stay, and that the cut keeps their logits."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

from pathfig.errors import OcrError
from pathfig.ocr.alphabet import ALPHABET_VERSION, derive_model, keep_char, restrict


@pytest.mark.parametrize("ch", ["A", "z", "7", "-", "/", "α", "β", "κ", "Δ", "→", "↑", "⁺", "₂", "±", "µ", "é", "Ｅ"])
def test_kept(ch: str) -> None:
    assert keep_char(ch)


@pytest.mark.parametrize("ch", ["立", "个", "一", "三", "あ", "カ", "한", "ㄅ", "、", "😀", "𠀀"])
def test_dropped(ch: str) -> None:
    assert not keep_char(ch)


CHARS = ["a", "立", "b", "个", "→"]   # the model's list; outputs: blank, these, space


def _toy_recogniser(path: Path) -> np.ndarray:
    """A PP-OCR-shaped head: features (1, T, 4) → MatMul → Add → Softmax over blank+chars+space."""
    rng = np.random.default_rng(0)
    n = len(CHARS) + 2
    w = rng.normal(size=(4, n)).astype(np.float32)
    b = rng.normal(size=(n,)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "linear_8.w_0"], ["mm"]),
         helper.make_node("Add", ["mm", "linear_8.b_0"], ["logits"]),
         helper.make_node("Softmax", ["logits"], ["probs"], axis=-1)],
        "rec",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, "T", 4])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, [1, "T", n])],
        [numpy_helper.from_array(w, "linear_8.w_0"), numpy_helper.from_array(b, "linear_8.b_0")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    helper.set_model_props(model, {"character": "\n".join(CHARS)})
    onnx.save(model, path)
    return w


def test_restrict_keeps_the_logits_of_kept_characters(tmp_path: Path) -> None:
    src = tmp_path / "rec.onnx"
    w = _toy_recogniser(src)
    cut = onnx.load_from_string(restrict(src.read_bytes()))
    meta = {p.key: p.value for p in cut.metadata_props}
    assert meta["character"].split("\n") == ["a", "b", "→"]
    weight = numpy_helper.to_array(next(i for i in cut.graph.initializer if i.name == "linear_8.w_0"))
    np.testing.assert_array_equal(weight, w[:, [0, 1, 3, 5, 6]])   # blank, a, b, →, space
    x = np.random.default_rng(1).normal(size=(1, 3, 4)).astype(np.float32)
    full = ort.InferenceSession(str(src)).run(None, {"x": x})[0]
    small = ort.InferenceSession(cut.SerializeToString()).run(None, {"x": x})[0]
    assert small.shape == (1, 3, 5)
    # Same ranking among the kept characters (softmax renormalises over fewer of them).
    np.testing.assert_array_equal(small.argmax(-1), full[:, :, [0, 1, 3, 5, 6]].argmax(-1))


def test_derive_writes_once_under_the_source_hash(tmp_path: Path) -> None:
    src = tmp_path / "rec.onnx"
    _toy_recogniser(src)
    out = derive_model(src, tmp_path / "cache")
    assert out.parent == tmp_path / "cache" / "models" and ALPHABET_VERSION in out.name
    stamp = out.stat().st_mtime_ns
    assert derive_model(src, tmp_path / "cache") == out and out.stat().st_mtime_ns == stamp
    assert not list(out.parent.glob("*.tmp"))


def test_not_a_recogniser_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "rec.onnx"
    _toy_recogniser(src)
    model = onnx.load(src)
    del model.metadata_props[:]
    with pytest.raises(OcrError, match="character list"):
        restrict(model.SerializeToString(), "rec.onnx")
