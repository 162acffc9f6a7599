"""A recogniser that only spells the characters figures in our scope use.

The bundled PP-OCRv6 recogniser scores 18,710 characters at every step, almost all of them CJK
ideographs, kana and hangul. Pathway figures of the literature pathfig reads are printed in
Latin and Greek letters, digits, arrows and symbols; their last layer (a 120 × 18,710 matrix)
costs ~10 % of recognition time, and on figure icons it sometimes "reads" an ideograph (``立``
for a glyph, ``个`` for an arrow). :func:`derive_model` writes a copy of the bundled model whose
last layer keeps only the columns of the characters :func:`keep_char` accepts (and CTC's blank
and space), with the model's character list cut the same way. Nothing is retrained: for the
kept characters the logits are unchanged, so a line of Latin text reads as before.

The copy is derived once per machine, from the wheel's own file, into the pathfig cache
(``$PATHFIG_CACHE_DIR`` or the user cache); its name carries the source file's hash.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from pathfig.errors import OcrError

__all__ = ["ALPHABET_VERSION", "derive_model", "keep_char"]

#: Bump when :func:`keep_char` changes: the file name (and so the engine version) changes with it.
ALPHABET_VERSION = "latin1"

#: Code point ranges dropped: CJK radicals, punctuation, kana, bopomofo, hangul, CJK ideographs
#: and compatibility forms, Yi, and pictographs/emoji. Halfwidth/fullwidth forms (U+FF00–FFEF)
#: stay: ``Ａ`` folds to ``A`` under NFKC later.
_DROPPED = (
    (0x2E80, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA000, 0xA4CF), (0xAC00, 0xD7AF),
    (0x1100, 0x11FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0x1F000, 0x1FAFF), (0x20000, 0x3FFFF),
)

#: Name of the last layer's weight and bias in PP-OCR recognisers exported by paddle2onnx.
_HEAD = ("linear_8.w_0", "linear_8.b_0")


def keep_char(ch: str) -> bool:
    """Whether the restricted recogniser keeps this character."""
    if not ch:
        return False
    cp = ord(ch[0])
    return not any(lo <= cp <= hi for lo, hi in _DROPPED)


def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def derive_model(source: Path, cache: Path) -> Path:
    """The alphabet-restricted copy of the recogniser ``source``, written into ``cache`` once.

    Safe when several worker processes ask at once: each writes a temporary file and renames it.
    """
    target = cache / "models" / f"{source.stem}.{ALPHABET_VERSION}-{_sha(source)[:16]}.onnx"
    if target.is_file():
        return target
    data = restrict(source.read_bytes(), source.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def restrict(model_bytes: bytes, name: str = "<model>") -> bytes:
    """Serialised ONNX recogniser with its output cut to the characters :func:`keep_char` keeps."""
    import numpy as np
    import onnx
    from onnx import numpy_helper

    model = onnx.load_from_string(model_bytes)
    graph = model.graph
    meta = {p.key: p for p in model.metadata_props}
    inits = {i.name: i for i in graph.initializer}
    if "character" not in meta or not all(k in inits for k in _HEAD):
        raise OcrError(f"{name}: not a PP-OCR recogniser with a character list and a {_HEAD[0]} head")
    chars = meta["character"].value.split("\n")
    weight = numpy_helper.to_array(inits[_HEAD[0]])
    bias = numpy_helper.to_array(inits[_HEAD[1]])
    # Output columns: CTC blank, the model's characters, then the space RapidOCR appends.
    if weight.shape[1] != len(chars) + 2 or bias.shape[0] != weight.shape[1]:
        raise OcrError(f"{name}: head has {weight.shape[1]} outputs for {len(chars)} characters")
    kept = [i for i, c in enumerate(chars) if keep_char(c)]
    cols = [0, *(i + 1 for i in kept), len(chars) + 1]
    inits[_HEAD[0]].CopyFrom(numpy_helper.from_array(np.ascontiguousarray(weight[:, cols]), _HEAD[0]))
    inits[_HEAD[1]].CopyFrom(numpy_helper.from_array(np.ascontiguousarray(bias[cols]), _HEAD[1]))
    meta["character"].value = "\n".join(chars[i] for i in kept)
    del graph.value_info[:]     # inferred shapes of the old width
    for out in graph.output:
        dims = out.type.tensor_type.shape.dim
        if dims and dims[-1].HasField("dim_value"):
            dims[-1].dim_value = len(cols)
    return model.SerializeToString()
