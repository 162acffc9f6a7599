"""Reading a line: which adjacent words form one name, and what the words around a name say.

:class:`LineReader` is the part of :class:`pathfig.ner.genes.GeneRecognizer` that works on a
line of tokens rather than on one token: multi-word names (``Caspase 12``, ``protein kinase
C``), a family's name then a number (``Glucose transporter 4``), a complex partner on a name's
last word (``Cyclin D1-CDK4``), ``X receptor``, pathway names (``Wnt pathway``) and
abbreviations after their long form. Resolving a token (``resolve``), the token data
(``_multi_first``, ``_multi_keys``, ``_receptors``) and emitting mentions (``_emit``) belong to
the recogniser.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace

from pathfig.lexicon.keys import normalize_key
from pathfig.lexicon.model import LexiconEntry
from pathfig.models import Mention, Word
from pathfig.ner import glossary, rules, transforms as T
from pathfig.ner.families import one_per_gene
from pathfig.ner.hits import Hit

__all__ = ["LineReader", "hyphen_head", "plural"]

_SHORT_NEXT = re.compile(r"^(?:[0-9]{1,3}[A-Za-z]?|[A-Za-z][0-9]{0,2}|[IVX]{1,4}a?|[α-ωΑ-Ω][0-9]?|"
                         r"[α-ω](?:/[α-ω])+|[α-ω][A-Z]|\d{1,2}[α-ω]|\d{1,2}[-–]\d{1,2}|\d{1,2}[a-z](?:/[a-z])+|"
                         r"alpha|beta|gamma|delta|epsilon|kappa|zeta|theta|iota|lambda|sigma|omega)$")
_HAS_JOINER = re.compile(r"[-/–]")
_HEAD_TAIL = re.compile(r"^([^-/–]{1,4})[-/–]([A-Za-z].+)$")
_NUM_LIST = re.compile(r"^\d{1,2}(?:/\d{1,2})+$")
_PATHWAY_WORDS = frozenset({"signaling", "signalling", "pathway", "pathways", "cascade", "axis"})
_RECEPTOR_WORDS = frozenset({"receptor", "receptors", "r"})
_ADRENERGIC = re.compile(r"^[αβab][1-3][A-D]?$")
_SUBUNIT_START = frozenset("αβγδε")
_MASS = re.compile(r"^([pP])(\d{2,3}(?:/\d{2,3})*)$")
_SPLITS = frozenset({"expand_slash", "split_complex", "split_glued", "expand_range", "split_comma",
                     "split_parenthetical", "restore_slash", "integrin_dimer"})
_RECUTS = frozenset({"split_complex", "split_glued", "split_parenthetical", "split_comma"})
_PHOSPHO_MARKS = frozenset({"P", "p"})
_FUNCTION_WORDS = frozenset("a an as at by in is of on or to up we be it if no so do vs".split())


class LineReader:
    """Line-level rules of the gene recogniser (a mixin: ``self`` is a GeneRecognizer)."""

    __slots__ = ()

    def _line(self, words: list[Word], lo: int, hi: int, out: list[Mention]) -> None:
        if hi - lo == 1 and "," not in (text := words[lo].text):
            # Most lines of a diagram are one word (a node label): nothing to join with.
            hits = self.resolve(text)
            if hits:
                self._emit(words, lo, 1, text, hits, out)
            return
        tokens = T.join_list([w.text for w in words[lo:hi]])
        pos = lo
        i = 0
        while i < len(tokens):
            text, used = tokens[i]
            greek = text[:1] in _SUBUNIT_START or (i + 1 < len(tokens) and tokens[i + 1][0][:1] in _SUBUNIT_START)
            if greek and used == 1 and i + 1 < len(tokens) and tokens[i + 1][1] == 1 and self.options.subunits \
                    and (pair := self._subunit_pair(tokens, i)):
                # ``α4β2 nAChR``, ``AMPK α1β1γ1``, ``GABAA receptor α1``: a composition of subunits.
                hits, n = pair
                n_words = sum(u for _, u in tokens[i : i + n])
                self._emit(words, pos, n_words, " ".join(t for t, _ in tokens[i : i + n]), hits, out)
                pos += n_words
                i += n
                continue
            if used == 1 and text[:1] in "pP" and self.options.mass_names and i + 1 < len(tokens) \
                    and tokens[i + 1][1] == 1 and (mass := self._mass_name(text, tokens[i + 1][0])):
                # ``p70 S6K``, ``p90 RSK``, ``p44/42 MAPK``: a protein's mass, then its name.
                self._emit(words, pos, 2, f"{text} {tokens[i + 1][0]}", mass, out)
                pos += 2
                i += 2
                continue
            joined = self._try_join(tokens, i) if used == 1 else None
            if joined:
                text, extra = joined
                hits = self._resolve_phrase(text)
                if hits and "/" in tokens[i][0] and all(h.entries[0].kind == "family" for h in hits):
                    # ``ERK1/2 MAPK``: the list names its members, not the family's representative.
                    listed = self.resolve(tokens[i][0])
                    members = {c.ncbigene_id for h in hits for c in h.candidates}
                    if listed and len(listed) > 1 and all(e.ncbigene_id in members for h in listed for e in h.entries):
                        hits = listed
                if i + extra < len(tokens) and tokens[i + extra][1] == 1 and (
                        member := self._numbered_member(hits, tokens[i + extra][0])
                        or (self.options.subunits and tokens[i + extra][0][:1] in _SUBUNIT_START
                            and self._subunits(hits or self._class_family(text),
                                               T.subunit_codes(T.strip_punct(tokens[i + extra][0]))))):
                    # ``Glucose transporter 4``: the family's name, then which member.
                    text, hits, extra = f"{text} {tokens[i + extra][0]}", member, extra + 1
                if hits and self._pathway_next(tokens, i + extra):
                    hits = None   # ``Toll-like receptor signaling pathway``, as for one word below
                n_words = sum(u for _, u in tokens[i : i + extra])
                self._emit(words, pos, n_words, text, hits, out)
                pos += n_words
                i += extra
                continue
            if used == 1 and i + 1 < len(tokens) and tokens[i + 1][1] == 1 and _HAS_JOINER.search(
                    tokens[i + 1][0]) and (head := self._join_head(text, tokens[i + 1][0])):
                # ``Cyclin D1-CDK4``: the name's last word carries a complex partner.
                phrase, phrase_hits, tail, tail_hits = head
                self._emit(words, pos, 2, phrase, phrase_hits, out)
                self._emit(words, pos + 1, 1, tail, tail_hits, out)
                pos += 2
                i += 2
                continue
            hits = self.resolve(text)
            if self.options.pathway_names and i + 1 < len(tokens) and tokens[i + 1][1] == 1:
                nxt = tokens[i + 1][0].lower().strip(".,;:()")
                if hits and nxt in _PATHWAY_WORDS:
                    # ``Insulin signaling``, ``Wnt pathway``: a pathway's name, not a node.
                    hits = None
                elif nxt in _RECEPTOR_WORDS:
                    # ``CB2 receptor`` is CNR2 (a receptor already), ``IL-6 receptor`` IL6R and
                    # ``D1 receptor`` DRD1 (the name with R), ``Adiponectin receptor`` no gene
                    # (not ADIPOQ, the ligand); ``ACE2 receptor`` stays ACE2, printed as its symbol.
                    receptor = self._receptor(text, hits)
                    if not receptor and hits and _is_symbol_hit(hits, text):
                        receptor = hits
                    if receptor:
                        self._emit(words, pos, used + 1, f"{text} {tokens[i + 1][0]}", receptor, out)
                        pos += used + 1
                        i += 2
                        continue
                    hits = None
            if hits and self.options.abbreviations and text.startswith("(") and text.rstrip(".,;:").endswith(")"):
                hits = self._defined(tokens, i, hits)
            self._emit(words, pos, used, text, hits, out)
            pos += used
            i += 1

    def _pathway_next(self, tokens: list[tuple[str, int]], j: int) -> bool:
        """Whether the word at ``j`` makes the name before it a pathway's (``signaling``, ``pathway``)."""
        return self.options.pathway_names and j < len(tokens) and tokens[j][1] == 1 \
            and tokens[j][0].lower().strip(".,;:()") in _PATHWAY_WORDS

    def _receptor(self, text: str, hits: list[Hit] | None) -> list[Hit] | None:
        """The receptor ``text receptor`` names: the gene ``text`` names when it is a receptor,
        else ``textR`` (``β2-adrenergic`` → ``β2-AR``) when that names one; None otherwise."""
        if hits and all(e.ncbigene_id in self._receptors for h in hits for e in h.entries):
            return hits
        word = T.strip_punct(text)
        if not word or rules.is_prose_word(word):
            return None
        stem = word[: -len("-adrenergic")] if word.lower().endswith("-adrenergic") else ""
        if stem:
            variants: tuple[str, ...] = (f"{stem}-AR",)
        elif _ADRENERGIC.match(word):
            # ``β2 receptor``, ``α1A receptor``: adrenergic receptors go by Greek letter and number
            # (``a2B``: α typed or read as a Latin a; the adenosine receptors are ``A1``, ``A2B``).
            word = {"a": "α", "b": "β"}.get(word[0], word[0]) + word[1:]
            variants = (f"{word}-AR", f"{word}R")
        else:
            variants = (f"{word}R", f"{word}-R")
        for variant in variants:
            found = self.resolve(variant)
            if found and all(e.ncbigene_id in self._receptors for h in found for e in h.entries):
                return found
        return None

    def _defined(self, tokens: list[tuple[str, int]], i: int, hits: list[Hit]) -> list[Hit] | None:
        """An abbreviation in parentheses after its long form (``retinal pigment epithelium
        (RPE)``) names what the long form names (:func:`glossary.judge`): its genes stay when the
        long form is their name or reads as a protein's (``inositol-requiring enzyme 1 (IRE1)``);
        a long form that is another gene's name is a mention of its own."""
        abbr = T.strip_punct(tokens[i][0])
        phrase = glossary.long_form([t for t, _ in tokens[max(0, i - len(abbr) - 2):i]], abbr)
        if phrase is None:
            return hits
        key = f"\x00defined {tokens[i][0]}\x00{phrase}"   # cached beside the tokens; no token holds a NUL
        if key not in self._cache:
            verdict = glossary.judge(abbr, self.recognize_text(abbr), phrase, self.recognize_text,
                                     self.lexicon.names_of)
            self._cache[key] = hits if verdict.action == "keep" else None
        return self._cache[key]

    def _try_join(self, tokens: list[tuple[str, int]], i: int) -> tuple[str, int] | None:
        """Join this token with the next ones when together they name one gene."""
        first = tokens[i][0]
        if first.endswith("EC") and i + 1 < len(tokens) and self.options.ec_numbers:
            # ``EC 2.7.1.30``, and ``kinaseEC 2.7.1.30`` where a label ran into its EC number.
            phrase = f"EC {T.strip_punct(tokens[i + 1][0])}"
            if T.ec_number(phrase):
                return phrase, 2
        k1, span, _, _ = self._token_info(first)
        if not k1:
            return None
        if span:
            # A phrase's key is its tokens' keys joined (cached per token), so only phrases whose
            # key is a name are built and resolved.
            n_max = min(span, self.options.max_ngram, len(tokens) - i)
            parts = [self._token_info(t)[3] for t, _ in tokens[i : i + n_max]]
            for n in range(n_max, 1, -1):
                if not parts[n - 1]:
                    continue   # ``MEK1/2 →``: an arrow or bracket ends no name
                key = "".join(parts[:n])
                if key in self._multi_keys or (
                        key[:-1] in self._multi_keys and plural(T.strip_punct(tokens[i + n - 1][0]))):
                    phrase = " ".join(t for t, _ in tokens[i : i + n])
                    if self._resolve_phrase(phrase) or self._class_family(phrase):
                        # (A class such as ``nicotinic acetylcholine receptor`` takes its words
                        # too: ``acetylcholine receptor`` alone is the muscarinic family.)
                        return phrase, n
        if i + 1 < len(tokens) and not _prose_start(first) and not rules.is_ion(first) and "/" not in first:
            # ``STAT 5``, ``Caspase 12``; never prose such as ``is a`` or ``in 5``, nor ions
            # (``Na K`` is not TBK1's alias NAK), nor a slash list and the next label (``ERK1/2
            # p38``: the slash expansion would keep ERK1 and drop a stray ``2 p38``).
            nxt_info = self._token_info(tokens[i + 1][0])
            if nxt_info[2]:
                nxt = T.strip_punct(tokens[i + 1][0])
                phrase = f"{T.singular(T.strip_punct(first))} {nxt}"
                if rules.is_figure_reference(f"{first} {nxt}"):
                    return None
                hits = self._resolve_phrase(phrase)
                if hits and (nxt in _PHOSPHO_MARKS or self.resolve(tokens[i + 1][0])
                             or any(_RECUTS & set(h.transforms) for h in hits)):
                    # ``Rb P`` is no RBP (P marks a phosphate), a next word naming a gene of its
                    # own joins nothing, and ``IFN-γ p38`` is not re-cut into ``IFN`` and ``γp38``.
                    hits = None
                if hits and not self._better_alone(first, hits):
                    return phrase, 2
        return None

    def _class_family(self, phrase: str) -> list[Hit] | None:
        """The family a phrase names when the class rule (``Options.class_word_min``) gives it
        no representative (``nicotinic acetylcholine receptor``: 16 members), else None."""
        key = "\x00class " + phrase   # cached beside the tokens; no token holds a NUL
        if key not in self._cache:
            hits = self._resolve_word(phrase, True)
            self._cache[key] = hits if hits and all(h.entries[0].kind == "family" for h in hits) else None
        return self._cache[key]

    def _mass_name(self, first: str, nxt: str) -> list[Hit] | None:
        """``p70 S6K`` → RPS6KB1 (not ANXA6's alias p70 beside S6K), ``p44/42 MAPK`` → MAPK3,
        MAPK1: a mass (or a list of masses) and a name that together are one name of a gene,
        each ``pNN`` glued to the name; None unless every mass gives exactly one name."""
        m = _MASS.match(T.strip_punct(first))
        nxt = T.strip_punct(nxt)
        if not m or not nxt[:1].isalpha() or _prose_start(nxt):
            return None
        found: list[Hit] = []
        for number in m.group(2).split("/"):
            hits = self.resolve(f"{m.group(1)}{number}{nxt}")
            if not hits or len(hits) != 1 or _SPLITS & set(hits[0].transforms):   # (``p53 YAP/TAZ``)
                return None
            found.append(replace(hits[0], transforms=hits[0].transforms + ("mass_name",)))
        return found

    def _subunit_pair(self, tokens: list[tuple[str, int]], i: int) -> tuple[list[Hit], int] | None:
        """The subunits named by a family and a composition of Greek letters beside it, either
        way round (a family of several words before it is joined by ``_line``; after it:
        ``α1β2γ2 GABAA receptor``): (genes, tokens used), or None."""
        first, nxt = T.strip_punct(tokens[i][0]), T.strip_punct(tokens[i + 1][0])
        if nxt[:1] in _SUBUNIT_START and (codes := T.subunit_codes(nxt)):
            found = self._subunits(self.resolve(first), codes)
            return (found, 2) if found else None
        if first[:1] in _SUBUNIT_START and (codes := T.subunit_codes(first)):
            joined = self._try_join(tokens, i + 1)
            if joined:
                found = self._subunits(self._resolve_phrase(joined[0]), codes)
                return (found, joined[1] + 1) if found else None
            found = self._subunits(self.resolve(nxt), codes)
            return (found, 2) if found else None
        return None

    def _subunits(self, hits: list[Hit] | None, codes: list[str]) -> list[Hit] | None:
        """The members of a family that a composition names: ``nAChR`` with ``α4β2`` (codes
        ``A4``, ``B2``) → CHRNA4, CHRNB2, each code the end of exactly one member's symbol, the
        same root before every code (``CHRN``). None unless the family and all codes answer."""
        if not hits or len(hits) != 1 or hits[0].entries[0].kind != "family":
            return None
        members = hits[0].candidates
        found: list[LexiconEntry] = []
        roots = set()
        for code in codes:
            named = [m for m in members if m.symbol.endswith(code) and len(m.symbol) > len(code) + 1]
            if len(named) != 1:
                return None
            roots.add(named[0].symbol[: -len(code)])
            found.append(named[0])
        if len(roots) != 1:
            return None
        out = []
        for m in found:
            symbol = [e for e in self.lexicon.lookup(normalize_key(m.symbol))
                      if e.kind == "symbol" and e.ncbigene_id == m.ncbigene_id]
            if not symbol:
                return None
            out.append(Hit(match=symbol[0].key, entries=symbol[:1], candidates=symbol[:1], ambiguous=False,
                           transforms=hits[0].transforms + ("subunits",)))
        return out

    def _numbered_member(self, hits: list[Hit] | None, nxt: str) -> list[Hit] | None:
        """The member of a family named in words that a following number picks: ``Glucose
        transporter 4`` → SLC2A4 (the members' common root + 4), ``Sterol regulatory
        element-binding protein 2`` → SREBF2, ``Acetyl-CoA carboxylase 1`` → ACC1 (FamPlex's
        id + 1) → ACACA; a Roman numeral counts as its number (``TGF-β receptor I`` → TGFBR1,
        ``BMP receptor II`` → BMPR2). None unless exactly one member answers."""
        if not hits or len(hits) != 1 or hits[0].entries[0].kind != "family" or not self._token_info(nxt)[2]:
            return None
        number = T.strip_punct(nxt)
        number = T.ARABIC.get(number, number)
        members = {c.ncbigene_id for c in hits[0].candidates}
        root = os.path.commonprefix([c.symbol for c in hits[0].candidates])
        for stem in dict.fromkeys((root, hits[0].entries[0].family)):
            if not stem or " " in stem:
                continue
            key = normalize_key(stem + number)
            found = one_per_gene(e for e in self.lexicon.lookup(key)
                                 if e.ncbigene_id in members and e.kind != "family")
            if len(found) == 1:
                return [Hit(match=key, entries=found, candidates=found, ambiguous=False,
                             transforms=hits[0].transforms + ("numbered_member",))]
        return None

    def _join_head(self, first: str, nxt: str) -> tuple[str, list[Hit], str, list[Hit] | None] | None:
        """``Cyclin D1-CDK4``, ``cyclin B1/Cdc2``, ``Cyclin D-CDK4/6``: ``first`` and the short
        head of ``nxt`` name one gene and the rest of ``nxt`` another; (phrase, its genes, rest,
        the rest's genes) or None."""
        m = _HEAD_TAIL.match(nxt)
        if not m or not _SHORT_NEXT.match(m.group(1)) or _prose_start(first):
            return None
        # Not after a slash list (``ERK1/2 p-AKT``), nor for a label that is one name as printed
        # (``β-catenin``, ``c-Myc``, ``p-AKT``) or whose head is a name (``p50/p65``); and only
        # when the rest names a partner.
        whole = self.resolve(nxt)
        if "/" in first or m.group(1) in _PHOSPHO_MARKS \
                or (whole and not any(_SPLITS & set(h.transforms) for h in whole)) \
                or self.resolve(m.group(1)) or not self.resolve(m.group(2)):
            return None
        k1 = self._token_info(first)[0]
        if not k1 or not self._token_info(m.group(1))[2] or rules.is_figure_reference(f"{first} {m.group(1)}"):
            return None
        phrase = f"{T.singular(T.strip_punct(first))} {m.group(1)}"
        hits = self._resolve_phrase(phrase)
        if not hits or self._better_alone(first, hits):
            return None
        return phrase, hits, m.group(2), self.resolve(m.group(2))

    def _token_info(self, token: str) -> tuple[str, int, bool, str]:
        """(key, how many tokens a multi-word name starting here may span (0: none), may end a
        two-word name such as ``STAT 5``, its part of a phrase's key), cached."""
        info = self._info.get(token)
        if info is None:
            stripped = T.strip_punct(token)
            key = normalize_key(stripped)
            short = bool(_SHORT_NEXT.match(stripped) or _NUM_LIST.match(stripped))
            # ``Amyloid-beta precursor protein``: a hyphen where the name has a space.
            head = hyphen_head(stripped)
            american = T.american_spelling(stripped)
            part = normalize_key(american) if american != stripped else key
            span = self._multi_first.get(key, 0) or self._multi_first.get(part, 0)
            if head:
                span = max(span, self._multi_first.get(normalize_key(head), 0))
            info = (key, span, short, part)
            if len(self._info) > 500_000:
                self._info.clear()
            self._info[token] = info
        return info

    def _better_alone(self, first: str, joined: list[Hit]) -> bool:
        alone = self.resolve(first)
        if not alone:
            return False
        # Keep the single word when it is a specific gene and the join adds nothing specific.
        return all(h.entries and h.entries[0].kind == "symbol" for h in alone) and all(
            h.entries and h.entries[0].kind == "family" for h in joined
        )


def _is_symbol_hit(hits: list[Hit], text: str) -> bool:
    """Whether ``text`` is printed as the official symbol of a gene it names (``ACE2``)."""
    word = T.strip_punct(text).upper()
    return any(e.kind == "symbol" and e.name.upper() == word for h in hits for e in h.entries)


def plural(word: str) -> bool:
    """``receptors``, ``metalloproteinases``: a final plural ``s`` (see :func:`transforms.singular`)."""
    return word[-1:] == "s" and T.singular(word) != word


def hyphen_head(word: str) -> str:
    """The word before a hyphen when it is a word of four letters or more (``Brain`` of
    ``Brain-derived``); short heads (``IL-6``, ``TNF-α``) are symbols, not words of a name."""
    head = word.split("-", 1)[0]
    return head if "-" in word and len(head) >= 4 and head.isalpha() else ""


def _prose_start(word: str) -> bool:
    """A word that starts prose, not a name: ``is`` (``is a``), ``in`` (``in 5``), ``cells``."""
    w = word.lower()
    return w in _FUNCTION_WORDS or (rules.is_prose_word(word) and w.rstrip("s") not in T.PROTEIN_STEMS)
