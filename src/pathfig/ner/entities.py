"""Chemicals and diseases in figure words and captions: dictionary lookup over word n-grams.

:class:`EntityRecognizer` looks runs of up to ``max_words`` adjacent words on a line up in an
:class:`~pathfig.lexicon.entities.EntityLexicon` (MeSH, ChEBI, Disease Ontology; see
:mod:`pathfig.lexicon.entities`), longest run first. Keys keep the case of short names
(``NO`` nitric oxide is not the word "no"; ``cAMP`` is not the gene CAMP) and fold the case of
longer ones (``Glucose``, ``GLUCOSE``).

Clashes with genes: a short name that is also a gene symbol (``APC``, ``NANOG``, ``CAT``) is a
gene in a pathway figure. A chemical or disease is dropped when the gene recogniser found a
gene in the same word of the figure, unless the name is a core signalling chemical (``ATP``,
``NO``, ``ROS``, ``cAMP``...: :data:`~pathfig.lexicon.entities.CORE` entries), which the gene
recogniser's chemical stoplist keeps out of genes anyway.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from pathfig.lexicon.entities import EntityEntry, EntityLexicon, entity_key, load_entity_lexicon
from pathfig.models import Box, Word
from pathfig.ner import rules, transforms as T

__all__ = [
    "EntityMention",
    "EntityRecognizer",
    "default_chemical_recognizer",
    "default_disease_recognizer",
]

# Words that never start or make a mention on their own: function words, units, panel letters.
_SKIP = frozenset("""
a an the and or of in on to by for with from as at is are be was were via into than that this these
those which who its it their not no yes fig figure panel table see also all both each other
""".split())
_HAS_LETTER = re.compile(r"[A-Za-z]")
# A chemical name followed by one of these names something else: "tyrosine kinase", "NMDA
# receptor", "glucose transporter", "pentose phosphate pathway", "TCA cycle".
_HEAD_NOUNS = re.compile(
    r"^(?:kinases?|receptors?|phosphatases?|transporters?|channels?|synthases?|synthetases?|"
    r"dehydrogenases?|oxidases?|reductases?|hydroxylases?|transferases?|isomerases?|ligases?|"
    r"lyases?|hydrolases?|esterases?|translocases?|exchangers?|pumps?|carriers?|importers?|exporters?|"
    r"cycles?|pathways?|shunts?|sensors?|sensing|binding|"
    r"antibod(?:y|ies)|analogs?|analogues?|derivatives?|-binding|-dependent)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityMention:
    """One chemical or disease recognised in a word (or run of words)."""

    word: str                  # text as written
    match: str                 # the lexicon key that hit
    name: str                  # preferred name of the concept
    kind: str                  # chemical | disease
    mesh: str = ""             # MeSH id (D... descriptor or C... supplementary concept)
    chebi: str = ""            # CHEBI:nnn
    doid: str = ""             # DOID:nnn
    source: str = ""           # which lexicon name matched: mesh, mesh_entry, chebi, doid, curated
    where: str = ""            # figtitle | caption | papertitle | text | image
    box: Box | None = None
    confidence: float = 1.0
    word_index: int = -1

    @property
    def curie(self) -> str:
        """The preferred identifier: ChEBI for chemicals when known, else MeSH, else DOID."""
        if self.kind == "chemical" and self.chebi:
            return self.chebi.lower() if not self.chebi.startswith("CHEBI:") else "chebi:" + self.chebi[6:]
        if self.mesh:
            return f"mesh:{self.mesh}"
        if self.doid:
            return "doid:" + self.doid.split(":")[-1]
        return ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["curie"] = self.curie
        return d


@dataclass(slots=True)
class EntityRecognizer:
    """Find the names of one entity lexicon (chemicals, or diseases) in words."""

    lexicon: EntityLexicon
    max_words: int = 6
    _cache: dict[str, tuple[EntityEntry, ...]] = field(default_factory=dict)

    def lookup(self, text: str) -> tuple[EntityEntry, ...]:
        """Entries whose key is the key of ``text`` (cached)."""
        got = self._cache.get(text)
        if got is None:
            got = self.lexicon.lookup(entity_key(text))
            if not got and len(text) > 5 and text.endswith("s") and not text.endswith("ss"):
                got = self.lexicon.lookup(entity_key(text[:-1]))  # plurals: statins, ceramides
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[text] = got
        return got

    def recognize_text(self, text: str, where: str = "text", gene_keys: Iterable[str] = ()) -> list[EntityMention]:
        words = [Word(text=w, line=i) for i, line in enumerate(text.splitlines()) for w in line.split()]
        return self.recognize_words(words, where=where, gene_keys=gene_keys)

    def recognize_words(self, words: Sequence[Word], *, where: str = "text",
                        gene_keys: Iterable[str] = ()) -> list[EntityMention]:
        """Mentions in ``words`` (consecutive words with the same ``line`` form a line)."""
        genes = set(gene_keys)
        out: list[EntityMention] = []
        start = 0
        for i in range(1, len(words) + 1):
            if i == len(words) or words[i].line != words[start].line:
                out.extend(self._line(words, start, i, where, genes))
                start = i
        return out

    def _line(self, words: Sequence[Word], lo: int, hi: int, where: str, genes: set[str]) -> Iterable[EntityMention]:
        toks = [_clean(w.text) for w in words[lo:hi]]
        i = 0
        n = len(toks)
        while i < n:
            hit = None
            if toks[i] and not _skip(toks[i]) and _HAS_LETTER.search(toks[i]):
                for k in range(min(self.max_words, n - i), 0, -1):
                    parts = toks[i : i + k]
                    if not parts[-1] or _skip(parts[-1]):
                        continue
                    phrase = " ".join(parts)
                    entries = self.lookup(phrase)
                    if entries:
                        hit = (k, phrase, entries)
                        break
            if hit is None:
                i += 1
                continue
            k, phrase, entries = hit
            best = entries[0]
            span = words[lo + i : lo + i + k]
            if (k > 1 and len(best.key) <= 4) or (k == 1 and rules.is_viral_protein(phrase)):
                # "N E" is not NE (two letters OCR split); NS5, nsp3 are viral proteins.
                i += 1
                continue
            if i + k < n and _HEAD_NOUNS.match(toks[i + k] or "") and not best.core:
                i += k
                continue
            if k == 1 and not best.core and _gene_clash(phrase, genes):
                i += 1
                continue
            box = None
            for w in span:
                if w.box is not None:
                    box = w.box if box is None else box.union(w.box)
            out_word = phrase
            yield EntityMention(
                word=out_word, match=best.key, name=best.label, kind=best.kind, mesh=best.mesh, chebi=best.chebi,
                doid=best.doid, source=best.source, where=where, box=box,
                confidence=min((w.confidence for w in span), default=1.0), word_index=lo + i,
            )
            i += k


def _skip(token: str) -> bool:
    """A function word, unless written in capitals (``NO`` is nitric oxide; ``no`` is not)."""
    return token.lower() in _SKIP and not (token.isupper() and len(token) > 1)


def _clean(word: str) -> str:
    """A word without surrounding brackets, quotes and sentence punctuation (keeps ``Ca2+``, ``H2O2``)."""
    w = T.strip_punct(word)
    # strip_punct keeps balanced brackets (for genes such as PI(3)K); a token wholly in brackets,
    # "(Ca2+)", is the name inside.
    while len(w) > 2 and w[0] in "([" and w[-1] in ")]" and w.count("(") + w.count("[") == 1:
        w = T.strip_punct(w[1:-1])
    return w


def _gene_clash(word: str, gene_keys: set[str]) -> bool:
    from pathfig.lexicon.keys import normalize_key

    return normalize_key(word) in gene_keys


@functools.lru_cache(maxsize=1)
def default_chemical_recognizer() -> EntityRecognizer:
    """The recogniser over the bundled (or cached, when newer) chemical lexicon."""
    return EntityRecognizer(load_entity_lexicon("chemicals"))


@functools.lru_cache(maxsize=1)
def default_disease_recognizer() -> EntityRecognizer:
    """The recogniser over the bundled (or cached, when newer) disease lexicon."""
    return EntityRecognizer(load_entity_lexicon("diseases"))
