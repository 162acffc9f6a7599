"""Named-entity recognition: gene names in figure words → NCBI Gene ids (``recognize_words``)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from pathfig.lexicon.model import Lexicon
from pathfig.models import Mention, Word
from pathfig.ner.genes import GeneRecognizer, Options

__all__ = ["GeneRecognizer", "Options", "default_recognizer", "recognize_text", "recognize_words"]


@lru_cache(maxsize=1)
def default_recognizer() -> GeneRecognizer:
    """The recogniser over the bundled human lexicon, built once per process."""
    return GeneRecognizer.default()


def recognize_words(words: Sequence[Word | str], lexicon: Lexicon | None = None) -> list[Mention]:
    """Gene mentions in ``words`` (OCR output or split text); ``lexicon`` None = bundled human."""
    rec = default_recognizer() if lexicon is None else GeneRecognizer(lexicon)
    return rec.recognize_words(words)


def recognize_text(text: str, lexicon: Lexicon | None = None) -> list[Mention]:
    """Gene mentions in plain text, one line per line."""
    rec = default_recognizer() if lexicon is None else GeneRecognizer(lexicon)
    return rec.recognize_text(text)
