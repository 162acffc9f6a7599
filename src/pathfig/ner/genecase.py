"""Gene names as organism evidence: a name counts only when printed in that organism's own case.

Nomenclature differs by organism: human ``FOXO3``, mouse and rat ``Foxo3``, fly ``foxo``,
zebrafish ``foxo3a``, worm ``daf-16`` (protein ``DAF-16``). A gene recogniser matches names
whatever their case, so ``mTOR`` would find the mouse ``Mtor`` and the fly ``Tor``; here a hit is
evidence for an organism only when the printed word equals the lexicon name exactly, and not
when the same word is also a human name in human case (``Akt1`` is written for human AKT1 too,
so mouse evidence needs a word that no human symbol explains).

>>> is_human_case("p-AKT1"), is_human_case("Akt1"), is_human_case("mTOR"), is_human_case("FOXO3a")
(True, False, True, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pathfig.models import Mention
from pathfig.ner import transforms as T

__all__ = ["human_case_genes", "is_human_case", "own_case_genes"]

# A lower-case prefix that does not change the case style: p-AKT, pERK, c-MYC, mTOR, hTERT.
_PREFIX = re.compile(r"^(?:p-|c-|v-|pro-|[pcmh](?=[A-Z]))")
_GREEK_LOWER = re.compile(r"[α-ω]")
# An isoform or paralogue letter after a number keeps human style: FOXO3a, GSK3b, PI3Kd.
_ISOFORM = re.compile(r"(?<=[0-9A-Z])[a-z]$")


def is_human_case(word: str) -> bool:
    """True for a gene name written in human style: capitals (and digits, Greek letters), no lower case."""
    core = _PREFIX.sub("", T.strip_punct(word))
    core = _ISOFORM.sub("", _GREEK_LOWER.sub("", core))
    letters = [c for c in core if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 2 and not any(c.islower() for c in letters)


def human_case_genes(mentions: Iterable[Mention]) -> set[str]:
    """NCBI ids of human genes named in human case (symbols, previous symbols, aliases, families)."""
    return {m.ncbigene_id for m in mentions
            if m.source in ("symbol", "previous", "alias", "family") and is_human_case(m.word)}


def own_case_genes(mentions: Iterable[Mention], human_words: set[str]) -> dict[str, str]:
    """Genes of a non-human lexicon printed exactly as its name: ``{ncbigene_id or name: word}``.

    ``human_words`` are words the human lexicon explains in human case; they are not evidence.
    Words of two characters or all capitals (``ERK``, ``TOR``) are never evidence: every
    organism's genes are written so in some figure.
    """
    out: dict[str, str] = {}
    for m in mentions:
        word = T.strip_punct(m.word)
        if len(word) < 3 or word in human_words or word.isupper() or " " in word:
            continue
        if m.name == word and m.source in ("symbol", "previous", "alias", "ncbi_synonym"):
            out.setdefault(m.ncbigene_id or m.name, word)
    return out
