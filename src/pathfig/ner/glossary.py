"""Abbreviations a caption defines, and what they say about the same words in the image.

Captions define the figure's abbreviations: ``mitochondrial membrane permeabilization (MMP)``,
``helicase domains 1 (Hel1)``, or as a closing list, ``MCS, membrane contact site; TGN,
trans-Golgi network``. A word of the image that a caption defines this way names what its
long form names: ``MMP`` there is no matrix metalloproteinase, ``Hel1`` no SMARCAD1.

Long forms are found as Schwartz and Hearst do (the abbreviation's letters, in order, in the
words before it, the first one starting a word); :func:`judge` decides what a long form means
for the genes its abbreviation hit. Long forms of genes are often worded unlike any lexicon
name (``inositol-requiring enzyme 1 (IRE1)``, ``activated transcription factor 6 (ATF6)``,
``von Hippel-Lindau (VHL)``), so a long form that names no gene keeps the genes when it reads
as a protein's name or is worded like one of the gene's names; it drops them when it reads as
a method, a cell, a metabolite, a process or a part of a protein (``ubiquitin-like domain``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from pathfig.lexicon.keys import normalize_key
from pathfig.models import Mention
from pathfig.ner import transforms as T

__all__ = ["Definition", "Verdict", "apply", "definitions", "judge", "long_form", "names_like", "verdicts"]

#: A long form ending in one of these names a part of a protein, not a gene (``helicase domains 1``).
_PART_WORDS = frozenset({"domain", "domains", "terminal", "terminus", "region", "regions", "motif", "motifs",
                         "site", "sites", "loop", "tail", "segment", "repeat", "repeats", "box"})
#: Words that make a long form a protein's or gene's name (and any word ending in -ase).
_PROTEIN_WORDS = frozenset({
    "protein", "proteins", "kinase", "factor", "factors", "receptor", "receptors", "gene", "enzyme", "ligand",
    "channel", "transporter", "exchanger", "modulator", "activator", "regulator", "inhibitor", "adaptor",
    "adapter", "subunit", "homolog", "homologue", "molecule", "antigen", "hormone", "cytokine", "chemokine",
    "interleukin", "interferon", "integrin", "cadherin", "cyclin", "caspase", "lectin", "effector", "sensor",
    "stimulator", "suppressor", "oncogene", "coactivator", "repressor", "scaffold", "chaperone", "peptide",
})
_ASE = re.compile(r"[a-z]{2,}ases?$")
# A long form ending in such an adjective names a protein: ``PtdIns(3)P-interacting``, ``NAK-associated``.
_PROTEIN_ADJECTIVE = re.compile(r"(?:interacting|associated|binding|related|like|containing|induced|inducible|"
                                r"regulated|dependent|activated|responsive|specific)$")
_ABBREVIATION = re.compile(r"^(?=.*[A-Z])[A-Za-z][A-Za-z0-9\-/α-ωΑ-Ω]{1,11}$")
_WORD_RE = re.compile(r"[A-Za-z]+")
_STEM_WORD = re.compile(r"[a-z0-9]+")
_FUNCTION_WORDS = frozenset({"a", "an", "and", "as", "by", "for", "from", "in", "of", "on", "or", "the", "to", "via",
                             "with"})


@dataclass(frozen=True, slots=True)
class Definition:
    """An abbreviation and the long form a text gives it."""

    abbreviation: str
    long_form: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a defined abbreviation names: ``keep`` its genes, ``none`` (no gene), or the long
    form's own genes (``genes``, mentions of the long form)."""

    action: Literal["keep", "none", "genes"]
    genes: tuple[Mention, ...] = ()


def _spells(run: Sequence[str], letters: Sequence[str]) -> bool:
    """Whether the words hold the letters in order, the first word starting with the first."""
    if not run or run[0][:1].lower() != letters[0]:
        return False
    it = iter("".join(run).lower())
    return all(c in it for c in letters)


def _letters(abbr: str) -> list[str] | None:
    letters = [c.lower() for c in abbr if c.isalnum()]
    return letters if len(letters) >= 2 and letters[0].isalpha() else None


def long_form(words: Sequence[str], abbr: str) -> str | None:
    """The shortest run of ``words`` (ending at the last) holding the abbreviation's letters in order,
    its first word starting with the first letter."""
    if (letters := _letters(abbr)) is None:
        return None
    for k in range(1, min(len(words), len(letters) + 2) + 1):
        if _spells(run := words[len(words) - k:], letters):
            return " ".join(run)
    return None


def definitions(text: str) -> list[Definition]:
    """Abbreviations ``text`` defines: ``long form (ABBR)`` and lists of ``ABBR, long form;``."""
    tokens = text.split()
    out: list[Definition] = []
    for i, tok in enumerate(tokens):
        bare = tok.rstrip(".,;:")
        if bare.startswith("(") and bare.endswith(")"):
            abbr = bare[1:-1]
            if _ABBREVIATION.match(abbr) and i:
                # The long form runs back to the start of its clause.
                before: list[str] = []
                for t in reversed(tokens[max(0, i - 12):i]):
                    if before and t.endswith((",", ";", ":", ".", ")")):
                        break
                    before.insert(0, t.strip(",;:"))
                if (long := long_form(before, abbr)) is not None:
                    out.append(Definition(abbr, long))
        elif tok.endswith(",") and _ABBREVIATION.match(abbr := tok[:-1]) and i + 1 < len(tokens):
            # ``MCS, membrane contact site;``: the long form ends with ; or . within a few words.
            after: list[str] = []
            for t in tokens[i + 1:i + len(abbr) + 5]:
                after.append(t.rstrip(";."))
                if t.endswith((";", ".")):
                    break
            else:
                continue
            letters = _letters(abbr)
            if letters and _spells(after, letters) and not any(t.endswith(",") for t in after[:-1]):
                out.append(Definition(abbr, " ".join(after)))
    return out


def _stems(text: str) -> set[str]:
    return {w[:6] for w in _STEM_WORD.findall(text.lower()) if w not in _FUNCTION_WORDS}


def names_like(phrase: str, names: Iterable[str], *, share: float = 0.5) -> bool:
    """Whether one of ``names`` holds at least ``share`` of the phrase's words, two of them if it
    has two or more (``guanidinoacetic acid`` is no name of GAA's ``glucosidase alpha, acid``),
    and one a word of four letters or more. Words are compared by their first six letters:
    ``signal transduction and activators`` meets ``signal transducer and activator``, but
    ``lactate`` is no ``lactase``."""
    own = _stems(phrase)
    if not own:
        return False
    need = max(share * len(own), min(2, len(own)))
    for name in names:
        common = own & _stems(name)
        if len(common) >= need and any(len(w) >= 4 and not w.isdigit() for w in common):
            return True
    return False


def judge(abbr: str, hit: Sequence[Mention], phrase: str, recognize: Callable[[str], Sequence[Mention]],
          names: Callable[[str], Iterable[str]] = lambda gene: ()) -> Verdict:
    """What the abbreviation ``abbr``, whose word alone makes the mentions ``hit``, names when
    defined as ``phrase``; ``recognize`` maps text to mentions (a recogniser's ``recognize_text``),
    ``names`` a gene's id to its names (``Lexicon.names_of``): gene names in captions are worded
    freely (``von Hippel-Lindau (VHL)``, ``sonic hedgehog (SHH)``, ``lunatic fringe (Lfng)``)."""
    key = normalize_key(abbr)
    abbr_genes = {m.ncbigene_id for m in hit}
    found = list(recognize(phrase))
    whole = [m for m in found if m.word == phrase]
    if {m.ncbigene_id for m in whole} & abbr_genes:
        return Verdict("keep")
    if whole:
        return Verdict("genes", tuple(whole))   # the long form is another gene's name
    if {m.ncbigene_id for m in found if m.match != key} & abbr_genes:
        # ``Notch intracellular domain (NICD)``: a word is the gene (not the abbreviation
        # spelled out again: ``PA C-terminal (PA-C)``).
        return Verdict("keep")
    words = [w.lower() for w in _WORD_RE.findall(phrase)]
    if not words:
        return Verdict("none")
    part = words[-1] in _PART_WORDS
    if not part and (any(w in _PROTEIN_WORDS or _ASE.search(w) for w in words)
                     or _PROTEIN_ADJECTIVE.search(words[-1])):
        return Verdict("keep")
    genes = dict.fromkeys([m.ncbigene_id for m in hit] + [c.ncbigene_id for m in hit for c in m.candidates])
    if names_like(phrase, (n for g in genes for n in names(g)), share=0.75 if part else 0.5):
        return Verdict("keep")
    if part:
        return Verdict("none")
    if len(words) == 1 and any(m.source == "family" for m in hit):
        return Verdict("keep")    # a family's own name: ``Reticulon (RTN)``, ``Calcineurin (CaN)``
    if any(m.source == "symbol" and m.ncbigene_symbol.upper() == abbr.upper() for m in hit) \
            and any(c.isdigit() for c in abbr):
        return Verdict("keep")    # an official symbol with a number: ``osteosarcoma amplified 9 (OS9)``
    return Verdict("none")


def apply(mentions: Iterable[Mention], found: dict[str, Verdict]) -> list[Mention]:
    """Mentions after the caption's definitions: a word defined as no gene is dropped, one defined
    as another gene's name takes that gene (with the word's box)."""
    out: list[Mention] = []
    replaced: set[tuple[int, str]] = set()
    for m in mentions:
        v = found.get(T.strip_punct(m.word))
        if v is None or v.action == "keep":
            out.append(m)
            continue
        if v.action == "genes" and (m.word_index, m.word) not in replaced:
            replaced.add((m.word_index, m.word))
            for g in v.genes:
                out.append(replace(m, match=g.match, ncbigene_id=g.ncbigene_id, ncbigene_symbol=g.ncbigene_symbol,
                                   hgnc_id=g.hgnc_id, organism_id=g.organism_id, source=g.source, name=g.name,
                                   transforms=m.transforms + ("caption_definition",), ambiguous=g.ambiguous,
                                   candidates=g.candidates, family=g.family))
    return out


def verdicts(text: str, recognize: Callable[[str], Sequence[Mention]],
             only: Iterable[str] | None = None,
             names: Callable[[str], Iterable[str]] = lambda gene: ()) -> dict[str, Verdict]:
    """Each gene-hitting abbreviation ``text`` defines (of those in ``only``, if given), and what
    its long form says it names."""
    out: dict[str, Verdict] = {}
    wanted = None if only is None else set(only)
    for d in definitions(text):
        if d.abbreviation in out or (wanted is not None and d.abbreviation not in wanted):
            continue
        hit = recognize(d.abbreviation)
        if not hit:
            continue
        out[d.abbreviation] = judge(d.abbreviation, hit, d.long_form, recognize, names)
    return out
