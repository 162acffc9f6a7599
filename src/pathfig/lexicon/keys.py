"""Normalised lookup keys shared by lexicon building and recognition.

A key is what remains of a name after folding Unicode look-alikes, writing Greek letters as
the Latin letters HGNC uses (α→A, β→B, κ→K, θ→Q), upper-casing and dropping everything that
is not a letter or digit. ``TNF-α``, ``TNFalpha`` and ``TNF alpha`` all give ``TNFA``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "GREEK_LETTERS",
    "fold_homoglyphs",
    "greek_to_latin",
    "normalize_key",
    "spelled_greek_to_latin",
    "strip_accents",
]

#: Greek letter → (Latin letter used in HGNC symbols, spelled-out name).
GREEK_LETTERS: dict[str, tuple[str, str]] = {
    "α": ("A", "alpha"), "β": ("B", "beta"), "γ": ("G", "gamma"), "δ": ("D", "delta"),
    "ε": ("E", "epsilon"), "ζ": ("Z", "zeta"), "η": ("H", "eta"), "θ": ("Q", "theta"),
    "ι": ("I", "iota"), "κ": ("K", "kappa"), "λ": ("L", "lambda"), "μ": ("M", "mu"),
    "ν": ("N", "nu"), "ξ": ("X", "xi"), "ο": ("O", "omicron"), "π": ("P", "pi"),
    "ρ": ("R", "rho"), "σ": ("S", "sigma"), "τ": ("T", "tau"), "υ": ("U", "upsilon"),
    "φ": ("F", "phi"), "χ": ("C", "chi"), "ψ": ("Y", "psi"), "ω": ("W", "omega"),
    "ϵ": ("E", "epsilon"), "ϑ": ("Q", "theta"), "ϕ": ("F", "phi"), "ς": ("S", "sigma"),
}

# Cyrillic and Greek capitals that look like Latin ones; OCR and copy-paste produce them.
# Greek capitals are folded as look-alikes (Β→B), which agrees with their HGNC letter.
_HOMOGLYPHS = str.maketrans({
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i",
    "ј": "j", "ѕ": "s", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I",
    "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "⁄": "/", "∕": "/",
})
_GREEK_TABLE = str.maketrans({k: v[0] for k, v in GREEK_LETTERS.items()})
_SPELLED = sorted({v[1] for v in GREEK_LETTERS.values()} - {"mu", "nu", "xi", "pi", "eta", "chi", "psi", "phi", "rho", "tau"}, key=len, reverse=True)
_SPELLED_LETTER = {v[1]: v[0] for v in GREEK_LETTERS.values()}
# A spelled-out Greek letter is a letter only at a word edge or right after an upper-case
# letter/digit/hyphen (IFNalpha, TGFbeta1, NF-kappaB); never inside words like "betaine".
_SPELLED_RE = re.compile(
    r"(?-i:(?:(?<![A-Za-z])|(?<=[A-Z0-9])))(" + "|".join(_SPELLED) + r")(?-i:(?![a-z]))",
    re.IGNORECASE,
)
_NON_ALNUM = re.compile(r"[^A-Z0-9]+")


def fold_homoglyphs(text: str) -> str:
    """Replace Cyrillic/Greek capitals and dashes that look like Latin ones: ``МАРК8`` → ``MAPK8``."""
    return text.translate(_HOMOGLYPHS)


def strip_accents(text: str) -> str:
    """Drop combining accents (``é`` → ``e``) but keep Greek letters intact."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def greek_to_latin(text: str) -> str:
    """Write Greek letters as HGNC's Latin letters: ``IL-1β`` → ``IL-1B``, ``PKCθ`` → ``PKCQ``."""
    return text.translate(_GREEK_TABLE)


def spelled_greek_to_latin(text: str) -> str:
    """Write spelled-out Greek letters as one letter: ``IFNalpha`` → ``IFNA``, ``NF-kappaB`` → ``NF-KB``."""
    return _SPELLED_RE.sub(lambda m: _SPELLED_LETTER[m.group(1).lower()], text)


@lru_cache(maxsize=1 << 17)
def normalize_key(name: str) -> str:
    """The lookup key of a name (cached: a word is keyed by several rules in turn).

    >>> normalize_key("TNF-α"), normalize_key("NF-kappaB"), normalize_key("МАРК8")
    ('TNFA', 'NFKB', 'MAPK8')
    """
    if name.isascii():   # most names: none of the Unicode folds can change them
        return _NON_ALNUM.sub("", spelled_greek_to_latin(name).upper())
    text = unicodedata.normalize("NFKC", name)
    text = fold_homoglyphs(text)
    text = strip_accents(text)
    text = greek_to_latin(text)
    text = spelled_greek_to_latin(text)
    return _NON_ALNUM.sub("", text.upper())
