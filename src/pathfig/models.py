"""The small core model that joins the stages: boxes, OCR words and lines, gene mentions.

Internal records are frozen dataclasses; published records are built from them in ``publish``.
Coordinates are pixels of the original image (after EXIF orientation), origin top-left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, TypeVar

__all__ = ["Box", "Candidate", "EntryKind", "FigureInput", "Line", "Mention", "OcrResult", "Word",
           "slot_constructor"]

_T = TypeVar("_T")

#: How a lexicon name relates to its gene (ranked in this order on conflicts).
EntryKind = Literal["symbol", "previous", "alias", "ncbi_synonym", "name", "family"]


@dataclass(frozen=True, slots=True)
class Box:
    """Axis-aligned box in image pixels."""

    x0: float
    y0: float
    x1: float
    y1: float

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0), min(self.y0, other.y0),
            max(self.x1, other.x1), max(self.y1, other.y1),
        )

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True, slots=True, kw_only=True)
class Word:
    """One word as read: text, box, confidence, and the line it belongs to."""

    text: str
    box: Box | None = None
    confidence: float = 1.0
    line: int = 0
    #: Reading direction in degrees: 0 horizontal, 90/270 vertical text.
    orientation: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    """A line of text as the OCR engine detected it, with its words."""

    text: str
    box: Box | None = None
    confidence: float = 1.0
    orientation: int = 0
    words: tuple[Word, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class OcrResult:
    """What the OCR stage returns for one image."""

    width: int
    height: int
    engine: str
    engine_version: str
    lines: tuple[Line, ...] = ()
    seconds: float = 0.0

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OcrResult:
        def box(b: dict[str, float] | None) -> Box | None:
            return Box(**b) if b else None

        lines = tuple(
            Line(
                text=ln["text"], box=box(ln.get("box")), confidence=ln.get("confidence", 1.0),
                orientation=ln.get("orientation", 0),
                words=tuple(
                    Word(text=w["text"], box=box(w.get("box")), confidence=w.get("confidence", 1.0),
                         line=w.get("line", 0), orientation=w.get("orientation", 0))
                    for w in ln.get("words", ())
                ),
            )
            for ln in d.get("lines", ())
        )
        return cls(width=d["width"], height=d["height"], engine=d["engine"],
                   engine_version=d["engine_version"], lines=lines, seconds=d.get("seconds", 0.0))


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """One gene a name may denote."""

    ncbigene_id: str
    ncbigene_symbol: str
    hgnc_id: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One gene recognised in one word (or run of adjacent words) of a figure."""

    word: str                      # text as written (OCR output or input text)
    match: str                     # the normalised lexicon key that hit
    ncbigene_id: str
    ncbigene_symbol: str
    hgnc_id: str = ""
    organism_id: str = "9606"
    source: str = "symbol"         # lexicon entry kind that matched (EntryKind)
    name: str = ""                 # the lexicon name as written in its source
    transforms: tuple[str, ...] = ()
    ambiguous: bool = False
    candidates: tuple[Candidate, ...] = ()
    box: Box | None = None
    confidence: float = 1.0
    word_index: int = -1           # index of the first word in the input sequence
    family: str = ""               # FamPlex family/complex id when source == "family"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["transforms"] = list(self.transforms)
        d["candidates"] = [asdict(c) for c in self.candidates]
        return d


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureInput:
    """A figure the user gave: an image path and its sidecar metadata."""

    figid: str
    path: str
    metadata: dict[str, Any] = field(default_factory=dict)
    sidecar: str = ""


def slot_constructor(cls: type[_T], names: tuple[str, ...]) -> Callable[..., _T]:
    """A positional constructor for a frozen, slotted dataclass that fills the slots directly.

    The frozen ``__init__`` sets each field through ``object.__setattr__``; the slot descriptors
    build the same (equal, hashable, immutable) object about twice as fast, which counts where
    hundreds of thousands are made (lexicon rows at load, mentions). ``names`` are the caller's
    argument order and must be the class's fields in declaration order (checked, so a change of
    the class cannot silently swap values); ``__post_init__`` does not run.
    """
    if tuple(f.name for f in fields(cls)) != names:  # type: ignore[arg-type]
        raise RuntimeError(f"{cls.__name__} fields are not {names}")
    body = "".join(f"    _set_{n}(o, {n})\n" for n in names)
    src = f"def make({', '.join(names)}):\n    o = _alloc(_cls)\n{body}    return o\n"
    namespace: dict[str, Any] = {"_alloc": object.__new__, "_cls": cls,
                                 **{f"_set_{n}": getattr(cls, n).__set__ for n in names}}
    exec(src, namespace)  # noqa: S102 - source built from the class's own field names
    return namespace["make"]
