"""Gene recognition: words (with optional boxes) → gene mentions with NCBI Gene ids.

For each line the recogniser first joins adjacent words that form one name (``Caspase 12``,
``protein kinase C``, ``TLR1,2 and 5``; :mod:`pathfig.ner.lines`), then resolves each token:
the token as written, then the transforms of :mod:`pathfig.ner.transforms` in order. Results
are cached per token text, so a figure corpus with repeated words runs at dictionary speed.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from pathfig.lexicon.keys import GREEK_LETTERS, normalize_key
from pathfig.lexicon.model import Lexicon, LexiconEntry
from pathfig.models import Box, Mention, Word, slot_constructor
from pathfig.ner import rules, transforms as T
from pathfig.ner.families import family_to_named, gene_order, name_families, one_per_gene, paralog_root, stem_families
from pathfig.ner.hits import Hit
from pathfig.ner.layout import stack_wrapped, union_box
from pathfig.ner.lines import LineReader, hyphen_head
from pathfig.ner.options import Options, Priority

__all__ = ["GeneRecognizer", "Options", "Priority"]

logger = logging.getLogger(__name__)


_ALLOWED = {
    "strict": {"symbol"},
    "synonyms": {"symbol", "previous", "alias", "ncbi_synonym", "name"},
    "all": {"symbol", "previous", "alias", "ncbi_synonym", "name", "family"},
}
#: Whole-word rewrites, tried in this order, each on the result of the previous one.
_REWRITES = (
    ("mirna_symbol", T.mirna_symbol),
    ("strip_modification", T.strip_modification),
    ("strip_cellular_prefix", T.strip_cellular_prefix),
    ("strip_form_prefix", T.strip_form_prefix),
    ("singular", T.singular),
    ("protein_stem", T.protein_stem),
    ("ocr_confusions", T.ocr_confusions),
    ("greek_y", T.greek_y),
    ("roman_numeral", T.roman_numeral),
    ("interferon_spelling", T.interferon_spelling),
    ("strip_isoform", T.strip_isoform),
    ("hla_allele", T.hla_allele),
    ("coagulation_factor", T.coagulation_factor),
    ("ocr_i_for_1", T.ocr_i_for_1),
    ("ocr_l_for_i", T.ocr_l_for_i),
    ("receptor_chain", T.receptor_chain),
)
_LOST_I = re.compile(r"^[A-HJ-Z][A-Z0-9-]{2,8}$")   # (a word already starting with I lost nothing)
_LOST_FINAL_I = re.compile(r"^[A-Z][A-Z0-9]{2,7}-$")   # three capitals or more: ``CA-`` may be calcium
#: Rewrites not tried on the parts of a split word: in ``LC3-II1`` the II is a numeral.
_WHOLE_WORD_REWRITES = frozenset({"ocr_l_for_i"})
_TITLE_WORD = re.compile(r"^[A-Z][a-z]{2,4}$")   # short words: ``Prolidase`` is PEPD by its name
_PHOSPHO_P = re.compile(r"^p[A-Z][A-Z0-9]")
_PLURAL_ACRONYM = re.compile(r"^[A-Z][A-Z0-9-]*[A-Z]s$")  # ``MCs``, ``TAMs``; not ``C1s``
_NUMBER_LIST_SLASH = re.compile(r"\d[A-Za-z]?/")
_SPAN_SPLIT = re.compile(r"[\s-]+")
_HAS_LETTER = re.compile(r"[A-Za-zα-ωΑ-Ω]")
# A full name of a receptor (``cannabinoid receptor 2``, ``adrenoceptor beta 2``), not of a
# receptor's partner (``TNF receptor associated factor``, ``insulin receptor substrate``).
_RECEPTOR_NAME = re.compile(r"(?i)\b(?:receptor|adrenoceptor)\b(?! (?:associated|interacting|binding|"
                            r"substrate|accessory|activity|activator|coactivator|ligand|kinase|like|"
                            r"interactor|regulator|modulator|adaptor|adapter|chaperone|transporter|"
                            r"tyrosine kinase substrate|type tyrosine-protein phosphatase))")
# A capitalised common noun (``Histone``, ``HISTONE``) or common-noun phrase (``Growth factor``,
# ``G protein``).
# (The last word after a space: ``G-beta-gamma`` is the Gβγ node, not a phrase.)
_CLASS_WORD = re.compile(r"^[A-Z][a-z]{4,}$|^[A-Z]{5,}$|^[A-Za-z][a-z]*(?:[ -][A-Za-z][a-z]{2,})*(?: [A-Za-z][a-z]{2,})$")
_GREEK_CHAR = re.compile(r"[α-ωΑ-Ω]")
# A name ending in a capital or digit, then R (receptor): ``5-HT2AR``, ``CB2R``, ``GABAAR``.
_RECEPTOR_R = re.compile(r"^[A-Za-z0-9α-ω-]*[A-Z0-9]R$")
# A capitalised name of three letters or more, then a lower-case l (``Jakl``, ``TAKl``).
_FINAL_L = re.compile(r"^[A-Z][A-Za-z]{2,}l$")
_LATIN_SUBTYPE = re.compile(r"[A-Z]\d")
_GREEK_START = re.compile(r"(?i:alpha|beta|gamma|delta|epsilon|kappa)(?![a-z])|[α-ωΑ-Ω]")
# Bacterial and yeast gene nomenclature (``lacZ``, ``ompA``), never a human gene's style.
_MICROBE_GENE = re.compile(r"[a-z]{3}[A-Z]$")
_INNER_JUNK = re.compile(r"(?<=[A-Za-z0-9])[*,_+;!?'|@#$%&=~^°•<>\"©®§¬¤](?=[A-Za-z0-9])")
# A final Greek letter, or a Latin letter for it after a number in a mixed-case name (``eIF2a``).
_GREEK_END = re.compile(r"[α-ω]\d?$|(?<=[a-z][A-Z]{2}\d)[abgdek]$")
_LATIN_GREEK = {"a": "α", "b": "β", "g": "γ", "d": "δ", "e": "ε", "k": "κ"}
_LETTER_SLASH = re.compile(r"^[A-Za-z]/[A-Za-z]{2}")   # ``C/EBPβ``: the slash is part of the name
_WORD_NUMBER = re.compile(r"^[A-Za-z]{4,} \d{1,2}$")
_WORD_GREEK = re.compile(r"^[A-Za-z0-9]{2,} (?:%s)$" % "|".join(n for _, n in GREEK_LETTERS.values()), re.I)
_MIRNA_PREFIXES = ("MIR", "HSAMIR")   # keys a microRNA name may start with
_MIRNA_KEY = re.compile(r"^(?:HSA)?MIR(?:\d|LET)")
_MIR_PRECURSOR = re.compile(r"^MIR(?:LET)?\d+[A-Z]?-\d+$")
_LEADING_Y = re.compile(r"^[Yy](?:[A-Z][A-Za-z0-9]{2,}|-[A-Za-z]{3,})$")


@dataclass(slots=True)
class GeneRecognizer(LineReader):
    """Recognise human (or any single-organism lexicon's) genes in words.

    >>> from pathfig.lexicon import Lexicon, LexiconEntry
    >>> lex = Lexicon([LexiconEntry.make("TP53", "symbol", "7157", "TP53", hgnc_id="HGNC:11998")])
    >>> [m.ncbigene_symbol for m in GeneRecognizer(lex).recognize_text("p-TP53 activates")]
    ['TP53']
    """

    lexicon: Lexicon
    options: Options = field(default_factory=Options)
    prior: dict[str, int] = field(default_factory=dict)
    _cache: dict[str, list[Hit] | None] = field(default_factory=dict)
    _info: dict[str, tuple[str, bool, bool]] = field(default_factory=dict)
    _stems: dict[str, tuple[LexiconEntry, ...]] = field(default_factory=dict)
    #: First-word key of a multi-word name → the most tokens a name starting so can span.
    _multi_first: dict[str, int] = field(default_factory=dict)
    _multi_keys: set[str] = field(default_factory=set)
    _family_choice: dict[tuple[str, str, int, str], tuple[list[LexiconEntry], list[LexiconEntry]]] = field(
        default_factory=dict)
    _word_names: set[str] = field(default_factory=set)
    _receptors: set[str] = field(default_factory=set)   # genes whose full name says receptor
    _digit_families: set[str] = field(default_factory=set)
    _mir_precursors: dict[str, tuple[LexiconEntry, ...]] = field(default_factory=dict)
    _rewrites: tuple[tuple[str, Callable[[str], str]], ...] = field(default=_REWRITES, init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.options.greek_y:
            self._rewrites = tuple(r for r in _REWRITES if r[0] != "greek_y")
        allowed = _ALLOWED[self.options.priority]
        precursors: dict[str, list[LexiconEntry]] = {}
        # One pass over the lexicon for every index the rules need.
        for e in self.lexicon.entries:
            if e.kind not in allowed:
                continue
            name = e.name
            if " " in name.strip():
                self._multi_keys.add(e.key)
                word = name.split()[0]
                span = _span(name)
                self._add_first(normalize_key(word), span)
                if hyphen_head(word):
                    # Keys ignore hyphens, so ``Mitogen activated protein kinase 1`` matches the
                    # name ``mitogen-activated ...``; its first word must open the search too.
                    self._add_first(normalize_key(hyphen_head(word)), span)
            elif _written_as_word(e):
                self._word_names.add(name.lower())
            if e.kind == "name" and _RECEPTOR_NAME.search(name):
                self._receptors.add(e.ncbigene_id)
            if e.kind == "family" and "-" in name and not _HAS_LETTER.search(name):
                # Families named by numbers alone (``14-3-3``, ``9-1-1``); other digit names
                # (IFI6's alias ``6-16``) read as ranges and dates.
                self._digit_families.add(name)
            elif e.kind == "symbol" and name.startswith("MIR") and _MIR_PRECURSOR.match(name):
                precursors.setdefault(normalize_key(name.rsplit("-", 1)[0]), []).append(e)
        self._mir_precursors = {k: tuple(v) for k, v in precursors.items()}
        self._stems = stem_families(self.lexicon.entries, self.options.max_stem_family, self.options.min_stem,
                                    letter_series=self.options.letter_series,
                                    min_single=self.options.min_single_stem)
        if self.options.name_families and "family" in allowed:
            for key, members in name_families(self.lexicon.entries, self.options.max_stem_family).items():
                if key in self._stems or self.lexicon.lookup(key):
                    continue
                self._stems[key] = members
                name = members[0].name
                if " " in name:
                    self._multi_keys.add(key)
                    self._add_first(normalize_key(name.split()[0]), _span(name))
        _ = self.lexicon.index

    def _add_first(self, key: str, span: int) -> None:
        if key and span > self._multi_first.get(key, 0):
            self._multi_first[key] = span

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def default(cls, options: Options | None = None) -> GeneRecognizer:
        """A recogniser over the bundled human lexicon and its literature prior."""
        from pathfig.lexicon.bundled import load_default_lexicon
        from pathfig.lexicon.prior import load_default_prior

        return cls(load_default_lexicon(), options or Options(), load_default_prior())

    @classmethod
    def from_path(cls, path: str, options: Options | None = None, prior: str | None = None) -> GeneRecognizer:
        """A recogniser over a lexicon file (or cache name such as ``mouse``)."""
        from pathfig.lexicon.bundled import load_lexicon
        from pathfig.lexicon.prior import load_default_prior, load_prior

        lexicon = load_lexicon(path)
        pri = load_prior(prior) if prior else (load_default_prior() if "9606" in lexicon.taxa() else {})
        return cls(lexicon, options or Options(), pri)

    # -- public API -----------------------------------------------------------------------

    def recognize_text(self, text: str) -> list[Mention]:
        """Recognise genes in plain text: each line is a line, words split on white space."""
        words = [
            Word(text=w, line=i)
            for i, line in enumerate(text.splitlines())
            for w in line.split()
        ]
        return self.recognize_words(words)

    def recognize_words(self, words: Sequence[Word | str]) -> list[Mention]:
        """Recognise genes in a sequence of words; consecutive words with the same ``line`` form a line."""
        out: list[Mention] = []
        start = 0
        norm = [w if isinstance(w, Word) else Word(text=w) for w in words]
        order = stack_wrapped(norm, self._is_symbol) if self.options.stacked_join else None
        if order is not None:
            norm = [norm[k] for k in order]
        n = len(norm)
        for i in range(1, n + 1):
            if i == n or norm[i].line != norm[start].line:
                self._line(norm, start, i, out)
                start = i
        if self.options.ocr_lost_i:
            out = self._figure_lost_i(out)
        if order is not None:   # word_index points into the caller's sequence
            out = [replace(m, word_index=order[m.word_index]) if m.word_index >= 0 else m for m in out]
        if self.options.family_to_named and self.options.families == "representative":
            out = family_to_named(out, self.options.family_to_named)
        return out

    def _figure_lost_i(self, out: list[Mention]) -> list[Mention]:
        """A figure whose OCR lost the leading I of two words or more (``RF9`` → IRF9, ``F135``
        → IFI35: node edges cut the thin I) lost it elsewhere too: a word read there only as a
        synonym (``RF1``, ETF1's alias) is the gene :meth:`_lost_i` reads in it (IRF1)."""
        if len({m.word for m in out if "ocr_lost_i" in m.transforms}) < 2:
            return out
        by_word: dict[tuple[int, str], list[Mention]] = {}
        for m in out:
            by_word.setdefault((m.word_index, m.word), []).append(m)
        fixed: list[Mention] = []
        for ms in by_word.values():
            m = ms[0]
            if all(x.source in ("alias", "ncbi_synonym") for x in ms) \
                    and (hit := self._lost_i(T.strip_punct(m.word), m.transforms)):
                ms = [_mention(m.word, hit, hit.entries[0], m.box, m.confidence, m.word_index)]
            fixed.extend(ms)
        return fixed

    def _is_symbol(self, text: str) -> bool:
        """Whether the word alone names a gene by its official symbol (``CDH1``, ``PIK3CD``)."""
        hits = self.resolve(text)
        return bool(hits) and any(e.kind == "symbol" for h in hits for e in h.entries)

    def prepare(self) -> GeneRecognizer:
        """Build now what recognition otherwise builds on first use (the lexicon's key and
        multi-word name indexes, the cell-line and disease-abbreviation sets): ``pathfig run``
        calls it before its workers fork, so they share these pages instead of each building
        its own copy inside its first figures."""
        _ = self.lexicon.index
        self.lexicon.index_names()
        _cell_line_keys()
        rules.disease_abbreviations()
        return self

    # -- lines ----------------------------------------------------------------------------

    def clear_cache(self) -> None:
        """Forget resolved tokens (results do not depend on the cache; tests check that)."""
        self._cache.clear()
        self._info.clear()

    def _resolve_phrase(self, phrase: str) -> list[Hit] | None:
        hits = self.resolve(phrase, phrase=True)
        if not hits and phrase[-1:] == "s" and (one := T.singular(phrase)) != phrase:
            # ``Tissue inhibitor of metalloproteinases``, ``Glucose transporters``: a plural.
            hits = self.resolve(one, phrase=True)
        return hits

    # -- tokens ---------------------------------------------------------------------------

    def resolve(self, token: str, phrase: bool = False) -> list[Hit] | None:
        """The genes a token names (cached), or None."""
        cached = self._cache.get(token)
        if cached is not None or token in self._cache:
            return cached
        hits = self._resolve(token, phrase)
        if len(self._cache) > 500_000:
            self._cache.clear()
        self._cache[token] = hits
        return hits

    def _resolve(self, token: str, phrase: bool) -> list[Hit] | None:
        hits = self._resolve_word(token, phrase)
        if not hits:
            return hits
        o = self.options
        word = T.strip_punct(token)
        if o.class_word_min or o.class_any_min:
            # In capitals (``HISTONE``) only a class whose name is a word (``Histone``), not an
            # acronym (``MAPKKK``, ``ARHGEF`` are nodes).
            worded = bool(o.class_word_min and _CLASS_WORD.match(word))
            capitals = word.isupper()
            hits = [h for h in hits if not (
                h.entries and h.entries[0].kind == "family" and (
                    (o.class_any_min and len(h.candidates) >= o.class_any_min)
                    or (worded and len(h.candidates) >= o.class_word_min
                        and not (capitals and h.entries[0].name.isupper()))))] or None
        if hits and o.plural_rule and _PLURAL_ACRONYM.match(word):
            key = normalize_key(word)
            if rules.stoplisted(key):
                return None   # ``CAMs`` (cell adhesion molecules) is no plural of CaM
            families = [h for h in hits if h.entries[0].kind == "family"]
            if not families:
                # ``MKKs``, ``ACCs``: FamPlex names the family with the plural that is also an
                # official symbol (MKKS, ACCS); the plural means the family.
                fam = tuple(e for e in self.lexicon.lookup(key) if e.kind == "family")
                if fam and o.priority == "all":
                    chosen, members, _ = self._choose(fam)
                    families = [Hit(match=key, entries=chosen, candidates=members, ambiguous=False)]
            return families or None
        return hits

    def _resolve_word(self, token: str, phrase: bool) -> list[Hit] | None:
        """A token's genes: the steps below in order; the first that names genes wins."""
        word, applied = _spelled(token)
        o = self.options
        if o.ec_numbers and (ec := T.ec_number(word)):
            hit = self._ec_hit(ec, applied + ("ec_number",))
            return [hit] if hit else None
        if self._names_nothing(word):
            return None
        for step in (self._comma_list, self._phospho, self._listed, self._slash_list, self._final_l,
                     self._as_written):
            if hits := step(word, applied):
                return hits
        if o.greek_y and _LEADING_Y.match(word):
            # ``YH2AX``, ``y-tubulin``: OCR reads a leading γ as Y; only names written with γ count
            # (keys fold γ to G, and ``YST`` must not become GST).
            hit = self._lookup("γ" + word[1:], applied + ("greek_y",), bare=False)
            if hit and all(e.name.startswith(("γ", "gamma", "Gamma")) for e in hit.entries):
                return [hit]
        hits, current, rewritten = self._rewritten(word, applied)
        if hits:
            return hits
        if o.receptor_suffix and _RECEPTOR_R.match(word):
            # ``5-HT2AR``, ``CB2R``, ``P2X7R``, ``GABAAR``: a receptor's name with R for receptor.
            hit = self._resolve_part(word[:-1], applied + ("receptor_suffix",))
            if hit and all(e.ncbigene_id in self._receptors for e in (hit.candidates or hit.entries)):
                return [hit]
        if hits := self._split(word, current, applied, rewritten):
            return hits
        if "(" in word and len(parts := T.split_parenthetical(word)) == 2:
            return self._parenthetical(parts, applied + ("split_parenthetical",))
        if o.ocr_lost_i and _LOST_FINAL_I.match(token):
            return self._lost_final_i(token, applied)
        return self._misread(word, applied)

    def _names_nothing(self, word: str) -> bool:
        """Words that are no gene whatever the lexicon says: numbers, ions, figure references,
        cell lines, viral proteins, prose."""
        o = self.options
        if not word or (not _HAS_LETTER.search(word) and word not in self._digit_families):
            return True
        if o.ion_rule and rules.is_ion(word):
            return True
        if rules.is_figure_reference(word) or rules.is_roman_numeral(word) or word in rules.EXACT_NOT_GENES:
            return True
        if o.cell_lines and (key := normalize_key(word)) in _cell_line_keys() and not any(
                e.kind == "symbol" for e in self.lexicon.lookup(key)):
            return True
        if o.viral_rule and rules.is_viral_protein(word.split("/")[0]):
            return True
        return bool(o.prose_rule and rules.is_prose_word(word) and " " not in word and not (
            o.prose_exact and any(e.name == word for e in self.lexicon.lookup(normalize_key(word)))
        ) and not (
            o.prose_names and len(word) >= 4
            and (word in self._word_names or (word.endswith("s") and word[:-1] in self._word_names))
        ))

    def _comma_list(self, word: str, applied: tuple[str, ...]) -> list[Hit] | None:
        """``IFIH1,MX1``, ``collagen,fibronectin``: OCR dropped the space after a list's comma;
        each part is a word of its own, as if the space were there (a part naming nothing is
        skipped like any other word). First, so that ``ERK1/2,p38`` is no slash list; a name
        written with its comma (``Na,K-ATPase``) stays whole."""
        if not self.options.comma_split or len(parts := T.split_comma(word)) < 2 \
                or self.lexicon.lookup(normalize_key(word)):
            return None
        how = applied + ("split_comma",)
        return [replace(h, transforms=how + h.transforms) for p in parts for h in self.resolve(p) or ()] or None

    def _phospho(self, word: str, applied: tuple[str, ...]) -> list[Hit] | None:
        """``pERK`` is phospho-ERK, not the kinase PERK (EIF2AK3), unless printed exactly so."""
        if _PHOSPHO_P.match(word) and "/" not in word and not any(
                e.name == word for e in self.lexicon.lookup(normalize_key(word))):
            hit = self._resolve_part(word[1:], applied + ("strip_modification",))
            if hit:
                return [hit]
        return None

    def _listed(self, word: str, applied: tuple[str, ...]) -> list[Hit] | None:
        """Names listed in one word, before the word as a whole: an integrin's two chains
        (``αvβ3``), a range (``WNT1-3`` lists WNT1, WNT2, WNT3, not WNT2B's old alias WNT13),
        a complex or cascade of slash lists (``MEK1/2-ERK1/2``)."""
        for name, split in (("integrin_dimer", T.integrin_dimer), ("expand_range", T.expand_range)):
            if len(parts := split(word)) > 1:
                found = [h for h in (self._resolve_part(p, applied + (name,)) for p in parts) if h]
                if len(found) == len(parts):
                    return found
        if "/" in word and len(chain := T.split_complex(word)) > 1 and any("/" in p for p in chain) \
                and all(p[0].isascii() and p[0].isalpha() for p in chain):
            # ``MEK1/2-ERK1/2``, ``APC/C-Cdh1``: names joined into a complex or cascade, some of
            # them slash lists; each part is resolved whole (not ``APC`` beside a stray ``C-Cdh1``).
            # A part starting with a number is the end of a name (``ASC-2/NCOA6``).
            if len(chain) == 2 and chain[0].isalpha() and "/" in chain[1]:
                # ``HLA-DQA1/DQB1``, ``HLA-DR/DQ``: a list under one prefix, not HLA beside DQA1.
                carried = [self.resolve(f"{chain[0]}-{p}") for p in T.expand_slash(chain[1])]
                if all(carried):
                    return [replace(h, transforms=applied + ("expand_slash",) + h.transforms)
                            for hs in carried for h in hs]
            parts_hits = [self.resolve(p) for p in chain]
            if all(parts_hits):
                return [replace(h, transforms=applied + ("split_complex",) + h.transforms)
                        for hs in parts_hits for h in hs]
        return None

    def _slash_list(self, word: str, applied: tuple[str, ...]) -> list[Hit] | None:
        """``ERK1/2``: the expansion names each gene; FamPlex's own ``ERK1/2`` entry only names
        the family, so it is the fallback."""
        if "/" not in word or _LETTER_SLASH.match(word):
            return None
        listed, how = word, applied + ("expand_slash",)
        bare = T.strip_modification(word)
        if bare != word and "/" in bare and (at := word.find(bare)) >= 0 and (end := at + len(bare)) < len(word):
            # ``Smad2/3-P``, ``ERK1/2-pT202``, ``p-ERK1/2(T202/Y204)``: the suffix marks every
            # gene of the list (a prefix stays for the expansion: ``p-ERK1/2``).
            listed, how = word[:end], applied + ("strip_modification", "expand_slash")
        parts = T.expand_slash(listed)
        found = [h for h in (self._resolve_part(p, how) for p in parts) if h]
        if len(parts) > 1 and found:
            if len(found) < len(parts) or all(h.entries[0].kind == "family" for h in found):
                # ``APC/C`` is the anaphase-promoting complex, a family named with its slash,
                # not APC beside a stray C; ``SWI/SNF`` is one complex, not the families
                # its halves happen to spell.
                whole = self._lookup(word, applied, bare=True)
                if whole and whole.entries[0].kind == "family":
                    return [whole]
            return self._siblings(found)
        return None

    def _final_l(self, word: str, applied: tuple[str, ...]) -> list[Hit] | None:
        """``Jakl``, ``Rapl``: OCR reads a final 1 as l. The capitals JAKL (a JAK3 alias) and
        RAPL (RASSF5's) are no match for a name printed in lower case."""
        if self.options.ocr_final_l and _FINAL_L.match(word) and (named := self.lexicon.lookup(normalize_key(word))) \
                and not any(e.name == word or e.kind == "symbol" for e in named):
            one = self._lookup(word[:-1] + "1", applied + ("ocr_confusions",), bare=False)
            if one and any(e.kind in ("symbol", "previous", "family") for e in one.entries):
                return [one]
        return None

    def _as_written(self, word: str, applied: tuple[str, ...]) -> list[Hit] | None:
        """The word as written; a family glued to its subunits (``α7-nAChR``, ``AMPKα1β1γ1``)
        names the subunits, which are more specific."""
        hit = self._lookup(word, applied, bare=True)
        if hit and (number := T.isoform_number(word)) and not any(
                re.search(rf"[^A-Za-z0-9]{number}$", e.name) for e in hit.entries):
            # ``PTPN2-1`` is PTPN2's isoform 1, not PTPN21 (keys drop the hyphen); a name written
            # with its hyphen or dot stays (``NKX2-1``, ``Munc13-1``, ``B7-2``).
            hit = None
        if self.options.subunits and (not hit or hit.entries[0].kind == "family") and _GREEK_CHAR.search(word) \
                and (glued := T.split_subunits(word)):
            found = self._subunits(self.resolve(glued[0]), T.subunit_codes(glued[1]))
            if found:
                return [replace(h, transforms=applied + h.transforms) for h in found]
        return [hit] if hit else None

    def _rewritten(self, word: str, applied: tuple[str, ...]) -> tuple[list[Hit] | None, str, tuple[str, ...]]:
        """The whole-word rewrites (``_REWRITES``), tried in order, each on the previous result.
        Returns the hit, else the last rewritten form and the rewrites that made it."""
        current = word
        for name, fn in self._rewrites:
            new = fn(current)
            if new != current:
                applied = applied + (name,)
                current = new
                hit = self._lookup(current, applied, bare=False)
                if hit:
                    return [hit], current, applied
        return None, current, applied

    def _split(self, word: str, current: str, applied: tuple[str, ...],
               rewritten: tuple[str, ...]) -> list[Hit] | None:
        """Transforms that split a word into several names; every part must resolve. The word is
        split as read; its rewritten form (``current``, made by ``rewritten``) only when that
        gives no split."""
        for name, fn in (("expand_slash", T.expand_slash), ("expand_range", T.expand_range),
                         ("split_complex", T.split_complex), ("split_glued", T.split_glued),
                         ("restore_slash", T.restore_slash)):
            parts = fn(word)
            how, source = applied, word
            if len(parts) < 2 and current != word:
                parts, how, source = fn(current), rewritten, current
            if len(parts) < 2:
                continue
            hits = [self._resolve_part(p, how + (name,)) for p in parts]
            found = [h for h in hits if h]
            if name == "expand_slash" and found:
                # ``ERK1/2``: keep parts that resolve; a stray part (``MDA5/RIG-I``'s slash) is skipped.
                return self._siblings(found)
            if name == "split_complex" and len(found) < len(parts):
                # ``RelB-NF-kB2``: two names, the second with its own hyphen.
                for pair in T.hyphen_pairs(source):
                    if all(two := [self._resolve_part(p, how + (name,)) for p in pair]):
                        return two
            if found and len(found) == len(parts):
                if name != "restore_slash":
                    return found
                # ``MST12`` (OCR dropped the slash of ``MST1/2``) is a slash list too, if it
                # names one series (not ``MVP12`` as SNX8's Mvp1 beside DCHS1's MVP2).
                found = self._siblings(found)
                if _one_series(found):
                    return found
        return None

    def _misread(self, word: str, applied: tuple[str, ...]) -> list[Hit] | None:
        """OCR's misreadings of a symbol, last: letters and digits swapped, a slash read as 1,
        a leading I lost."""
        o = self.options
        if o.ocr_symbols and (hit := self._ocr_symbol(word, applied)):
            return [hit]
        if len(parts := T.restore_slash(word, read=True)) > 1:
            # ``TLR718``: the slash of ``TLR7/8`` read as a 1.
            found = [self._resolve_part(p, applied + ("restore_slash",)) for p in parts]
            if all(found) and _one_series(listed := self._siblings([h for h in found if h])):
                return listed
        if o.ocr_lost_i and (hit := self._lost_i(word, applied)):
            return [hit]
        return None

    def _lost_final_i(self, token: str, applied: tuple[str, ...]) -> list[Hit] | None:
        """``RIG-`` → RIGI: the final I of a hyphenated name lost at a node's edge, as the leading
        I is; exactly one gene must have the name spelled so (``MHC-I``, ``IFN-I`` are families,
        and ``MHC-``, ``IFN-`` name them already)."""
        # Spelled with its hyphen (``GCAP-I``) or without (the symbol RIGI).
        found = self._spelled_symbols([token + "I", token[:-1] + "I"], ("symbol", "previous", "alias"))
        if len(found) != 1:
            return None
        return [Hit(match=found[0].key, entries=found, candidates=found, ambiguous=False,
                    transforms=applied + ("ocr_lost_i",))]

    def _lost_i(self, word: str, applied: tuple[str, ...]) -> Hit | None:
        """``RF9`` → IRF9: the word with the leading I OCR lost, as read or with one of OCR's
        swaps undone (``F135`` → ``IFI35``); exactly one gene's current symbol must be spelled so.
        Only words of capitals with a digit (a word already starting with I lost nothing)."""
        if not (_LOST_I.match(word) and any(c.isdigit() for c in word)) or rules.stoplisted(normalize_key(word)):
            return None
        whole = "I" + word
        for variants in ([whole], T.ocr_symbol_variants(whole, max_swaps=1)):
            found = self._spelled_symbols(variants, ("symbol",))
            if len(found) == 1:
                return Hit(match=found[0].key, entries=found, candidates=found, ambiguous=False,
                           transforms=applied + ("ocr_lost_i",))
            if found:
                return None
        return None

    def _ocr_symbol(self, word: str, applied: tuple[str, ...]) -> Hit | None:
        """``ATPSI`` → ATP5I's gene, ``GSK38`` → GSK3B: an official symbol OCR misread by one or
        two letter/digit swaps (:func:`transforms.ocr_symbol_variants`); exactly one gene must
        answer, by its symbol (current or previous) spelled exactly as the variant."""
        if rules.stoplisted(normalize_key(word)):
            return None
        # ``TLRS`` is the plural of TLR before it is TLR5 misread; ``MP1`` (a name) is no MPI.
        plural = word.endswith("S") and bool(self.resolve(word[:-1]))
        has_digit = any(c.isdigit() for c in word)
        found = self._spelled_symbols(
            (v for v in T.ocr_symbol_variants(word)
             if not ((plural and v[-1] != "S") or (has_digit and len(v) <= 3 and not any(c.isdigit() for c in v)))),
            ("symbol", "previous"))
        if len(found) != 1:
            return None
        (e,) = found
        return Hit(match=e.key, entries=[e], candidates=[e], ambiguous=False,
                    transforms=applied + ("ocr_symbol",))

    def _spelled_symbols(self, variants: Iterable[str], kinds: tuple[str, ...]) -> list[LexiconEntry]:
        """One entry per gene whose symbol of these kinds is spelled exactly as a variant (not a
        weak locus's): what an OCR repair may claim."""
        return one_per_gene(e for v in variants for e in self.lexicon.lookup(normalize_key(v))
                            if e.kind in kinds and e.name == v and e.locus_type not in rules.WEAK_LOCUS_TYPES)

    def _parenthetical(self, parts: list[str], applied: tuple[str, ...]) -> list[Hit] | None:
        """``ARF(CDKN2A)``, ``p53(TP53)``: when the bracket names a gene the outer name may also
        mean (an alias of it), the two are one gene; otherwise each part that names a gene counts,
        the bracket alone only after a name-shaped word (``senescence(RAS)`` is a caption)."""
        outer, inner = (self._resolve_part(p, applied) for p in parts)
        if outer and inner:
            genes = {e.ncbigene_id for e in inner.entries}
            meant = {e.ncbigene_id for e in self.lexicon.lookup(outer.match)} | {c.ncbigene_id for c in outer.candidates}
            return [inner] if genes & meant else [outer, inner]
        if inner and rules.is_prose_word(parts[0]):
            return None
        return [outer or inner] if outer or inner else None

    def _siblings(self, hits: list[Hit]) -> list[Hit]:
        """Slash lists name paralogs (``GCN2/HRI``, ``MST1/2``): a part whose gene is of another
        root than its siblings' genes takes its one candidate of their root, if it has one."""
        if not self.options.slash_siblings or len(hits) < 2:
            return hits
        out = []
        for i, h in enumerate(hits):
            roots = {paralog_root(e.symbol) for j, o in enumerate(hits) if j != i for e in o.entries} - {""}
            if not roots or any(paralog_root(e.symbol) in roots for e in h.entries):
                out.append(h)
                continue
            if h.ambiguous:
                pool = h.candidates
            else:
                # An official symbol of another family (``MST1/2``: MST1 is a growth factor;
                # the Hippo kinase is STK4, whose HGNC alias MST1 is).
                pool = [e for e in self.lexicon.lookup(h.match) if e.kind in ("previous", "alias")]
            kin = one_per_gene(c for c in pool if paralog_root(c.symbol) in roots)
            if len(kin) == 1:
                h = replace(h, entries=[kin[0]])
            elif len(hits) >= 3 and len(roots) == 1 and h.entries and h.entries[0].kind in _SYNONYM_KINDS \
                    and paralog_root(h.match) in {paralog_root(o.match) for o in hits if o is not h} & roots:
                # ``Caspase-4/5/11``: CASP4, CASP5 and a synonym of another root (SCAF11's
                # CASP11): the list names the mouse caspase-11, which human lacks. A name of
                # its own in the list stays (``TAK1/TAB1/2``: TAK1 is MAP3K7), and so does a
                # list in aliases, not symbols (``ALK4/5/7``: ACVR1B, TGFBR1, ACVR1C).
                continue
            out.append(h)
        return out

    def _resolve_part(self, part: str, applied: tuple[str, ...]) -> Hit | None:
        part = T.strip_punct(part)
        if not part or not _HAS_LETTER.search(part):
            return None
        if self.options.ion_rule and rules.is_ion(part):
            return None   # ``Ca²+/CaM``: the ion is no CA2
        hit = self._lookup(part, applied, bare=False)
        if hit:
            return hit
        current = part
        for name, fn in self._rewrites:
            if name in _WHOLE_WORD_REWRITES:
                continue
            new = fn(current)
            if new != current:
                current = new
                applied = applied + (name,)
                hit = self._lookup(current, applied, bare=False)
                if hit:
                    return hit
        return None

    def _ec_hit(self, key: str, applied: tuple[str, ...]) -> Hit | None:
        """The genes of an EC number (``2.7.1.30`` → GK), chosen like a family's."""
        entries = tuple(e for e in self.lexicon.lookup(key) if e.kind in _ALLOWED[self.options.priority])
        if not entries:
            return None
        chosen, candidates, ambiguous = self._choose(entries, key)
        return Hit(match=key, entries=chosen, candidates=candidates, ambiguous=ambiguous,
                    transforms=applied) if chosen else None

    # -- lexicon --------------------------------------------------------------------------

    def _lookup(self, name: str, applied: tuple[str, ...], bare: bool) -> Hit | None:
        key = normalize_key(name)
        o = self.options
        if len(key) < 2 or (key.isdigit() and name not in self._digit_families):
            return None
        entries = self.lexicon.lookup(key)
        if not entries and key not in self._stems and not key.startswith(_MIRNA_PREFIXES):
            return None   # most keys tried name nothing; only roots and microRNAs add entries below
        if o.stoplist and rules.stoplisted(key, chemicals=o.chemical_stoplist) and (
            bare or key in rules.CHEMICAL_STOPLIST or key in rules.FUNCTION_WORDS or key in rules.PROCESS_STOPLIST
        ) and not (_GREEK_CHAR.search(name) and key not in rules.CHEMICAL_STOPLIST):
            # (A word printed with a Greek letter is no English word: ``Gαs`` is not "gas".)
            # Chemicals stay chemicals after a transform (``cAMP`` → ``AMP`` is not MFAP1).
            # A stoplisted word counts only when printed in capitals exactly as an official
            # symbol (``MET``, ``BAD``, ``MAX``); function words never do.
            if key in rules.FUNCTION_WORDS or not name.isupper() or (
                key in rules.CHEMICAL_STOPLIST and key not in rules.CHEMICAL_GENE_EXCEPTIONS
            ):
                return None
            # (Not a weak locus's symbol: ``TAM`` is tumour-associated macrophages.)
            entries = tuple(e for e in entries if e.kind == "symbol" and e.name == name
                            and e.locus_type not in rules.WEAK_LOCUS_TYPES)
        if key.startswith(_MIRNA_PREFIXES) and _MIRNA_KEY.match(key):
            # ``miR-16``, ``hsa-mir-16``: a microRNA, not GDE1 (HGNC alias MIR16); a mature
            # miRNA names its precursor genes (MIR16-1, MIR16-2) when it has no gene of its own.
            entries = tuple(e for e in entries if e.symbol.startswith("MIR")) or self._mir_precursors.get(key, ())
        if entries and o.prose_rule and rules.is_prose_word(name):
            # ``insulin``: only names written as words (Options.prose_names), or written exactly
            # so (fly ``foxo``, Options.prose_exact).
            entries = tuple(e for e in entries if (o.prose_names and _written_as_word(e))
                            or (o.prose_exact and e.name == name))
        if entries and not any(c in name for c in " -"):
            # A multi-word full name matches only words that are apart: "protein S" (PROS1)
            # must not turn the word "Proteins" into a gene. A name and its number may be
            # glued (``Sestrin2``: "sestrin 2").
            glued = name[-1:].isdigit()
            greek = name[-1:] in GREEK_LETTERS   # ``PKCθ``: "PKC theta"
            entries = tuple(e for e in entries if not (e.kind == "name" and " " in e.name)
                            or (glued and _WORD_NUMBER.match(e.name))
                            or (greek and _WORD_GREEK.match(e.name)))
        if "/" in name and entries and not _LETTER_SLASH.match(name):
            # ``IL2/3`` must not be read as IL23: a slash-free key hit counts only for names
            # that carry the slash themselves (FamPlex's ``ERK1/2``), or for a family when the
            # slash is no number list (``Na/K-ATPase``, FamPlex's ``Na(+),K(+)-ATPase``).
            numbered = _NUMBER_LIST_SLASH.search(name)
            entries = tuple(e for e in entries if "/" in e.name or (e.kind == "family" and not numbered))
        mixed = not name.isupper()
        bare_name = name.replace("-", "")
        if not any(e.kind == "symbol" or e.kind == "family" or (mixed and e.name.replace("-", "") == bare_name)
                   or (o.previous_over_root and not mixed and e.kind == "previous" and e.name == name)
                   for e in entries if e.locus_type not in rules.WEAK_LOCUS_TYPES) \
                and key in self._stems and not (o.stoplist and rules.stoplisted(key, chemicals=o.chemical_stoplist)):
            # A root of numbered symbols (PRB1–4 → ``PRB``) names their family, unless the word
            # is a synonym spelled exactly so in mixed case (``pRb``: RB1, the retinoblastoma protein).
            # A pseudogene's old symbol does not stand in the way (``TALDO``: TALDO1P1's).
            entries = entries + self._stems[key]
        if entries and (junk := _INNER_JUNK.findall(name)):
            # ``NP+B``, ``a*1,22``, ``Sc_c``: a sign inside a word that the key drops is OCR noise
            # or no name at all; it matches only names printed with that sign.
            entries = tuple(e for e in entries if all(c in e.name for c in junk))
        if entries and o.microbe_case and _MICROBE_GENE.match(name):
            entries = tuple(e for e in entries if e.name == name)
        if len(entries) > 1 and o.latin_not_greek and _LATIN_SUBTYPE.match(name):
            # ``A2AR`` is the adenosine A2A receptor (``A2aR``), not ``alpha2-AR`` whose key it
            # shares: a printed capital before a subtype number is no Greek letter spelled out.
            latin = tuple(e for e in entries if not _GREEK_START.match(e.name))
            if latin:
                entries = latin
        if not entries:
            return None
        if o.weak_locus_rule:
            # Pseudogenes, immune receptor segments and phenotype loci (COPD, IFNR) match only
            # when printed exactly as their symbol: their aliases (CR4, α2A, A21) are other things.
            # NCBI's LOC genes (no official symbol) count only by that symbol too: their
            # synonyms are words (``Envelope``).
            strong = tuple(e for e in entries if e.locus_type not in rules.WEAK_LOCUS_TYPES
                           and not e.symbol.startswith("LOC"))
            # ... and then only when no gene with a product answers too (``ST2``: IL1RL1, the
            # IL-33 receptor, not the "suppression of tumorigenicity 2" locus of unknown type).
            entries = strong or tuple(e for e in entries if e.kind == "symbol" and e.name == name)
            if not entries:
                return None
        allowed = _ALLOWED[o.priority]
        entries = tuple(e for e in entries if e.kind in allowed and
                        (o.locus_types is None or e.locus_type in o.locus_types))
        if not entries:
            return None
        if o.word_case and _TITLE_WORD.match(name) and all(e.kind == "ncbi_synonym" and e.name.isupper() for e in entries):
            # ``Glow``, ``Ate``: a capitalised word whose only reading is an NCBI synonym in
            # capitals (DICER1's GLOW, ATM's ATE) is the word.
            return None
        if o.short_rule and len(key) <= 2:
            # Two-character names are noise unless printed exactly as an official symbol; two
            # letters (PC, TG, GC, MS) are metabolite and method abbreviations in real figures,
            # so only letter+digit symbols (C3, F2), AR and a few names printed so (``Rb``) pass.
            entries = tuple(e for e in entries if name in rules.TWO_LETTER_NAMES or (
                e.kind == "symbol" and e.name == name and (not name.isalpha() or name in rules.TWO_LETTER_GENES)))
            if not entries:
                return None
        chosen, candidates, ambiguous = self._choose(entries, name)
        if not chosen:
            return None
        return Hit(match=key, entries=chosen, candidates=candidates, ambiguous=ambiguous, transforms=applied)

    def _choose(self, entries: tuple[LexiconEntry, ...],
                name: str = "") -> tuple[list[LexiconEntry], list[LexiconEntry], bool]:
        """Pick the genes a name denotes among its entries (sorted best kind first).

        Returns ``(chosen, candidates, ambiguous)``. Order: an official symbol; a family name
        (FamPlex, or the shared root of numbered symbols); previous symbols; HGNC aliases; NCBI
        synonyms. Within a tier the more cited gene wins; a much more cited gene
        (``override_ratio``) wins across tiers.
        """
        o = self.options
        symbols = [e for e in entries if e.kind == "symbol"]
        families = [e for e in entries if e.kind == "family"]
        if (symbols and families and o.cased_family and name and not name.isupper() and name != symbols[0].name
                and symbols[0].ncbigene_id not in {f.ncbigene_id for f in families}
                and any("_" not in f.name for f in families)):
            # ``Rho``, ``Prx``: a family (Rho GTPases, peroxiredoxins) printed in the protein's
            # mixed case, not the capitals of the one gene (rhodopsin, periaxin), which is no
            # member. A gene that belongs to the family keeps its name (``InsR`` is INSR), and
            # a FamPlex id is no printed name (``NF-kB2`` is NFKB2, not NFkappaB_2's RELA).
            symbols = []
        if symbols and o.spelled_alias and name and not name.isupper() and not name.isalnum():
            # ``P-gp`` is ABCB1's HGNC alias spelled so (case and hyphen), not the rarely cited
            # phosphatase PGP whose symbol shares the key; only for a gene cited override_ratio
            # times more (``Pak-2``, an alias of PKN2, stays PAK2).
            top = self.prior.get(symbols[0].ncbigene_id, 0)
            spelled = one_per_gene(e for e in entries if e.kind == "alias" and e.name == name
                                    and self.prior.get(e.ncbigene_id, 0) >= o.override_ratio * max(top, 1))
            if len(spelled) == 1:
                return spelled, spelled, False
        if o.spelled_alias and name and _GREEK_END.search(name) and (
                symbols or families or len({e.ncbigene_id for e in entries}) > 1):
            # ``eIF2α`` is EIF2S1 (HGNC alias ``EIF-2alpha``), not EIF2A whose symbol its key
            # spells, and ``eIF2β`` EIF2S2, not the eIF2B complex: a final Greek letter names a
            # subunit, not a Latin letter, when an alias spells that Greek name (over a symbol,
            # only for a gene cited prior_ratio times more). Not inside a name: ``NF-κB``.
            # Among synonyms alone too: ``HP1α`` is CBX5 (``HP1-alpha``), not TFF1 (``HP1.A``).
            loose = _loose_greek(name)
            spelled = one_per_gene(e for e in entries if e.kind == "alias" and _loose_greek(e.name) == loose)
            if len(spelled) == 1 and not (symbols and (
                    symbols[0].ncbigene_id == spelled[0].ncbigene_id
                    or self.prior.get(spelled[0].ncbigene_id, 0)
                    < o.prior_ratio * max(self.prior.get(symbols[0].ncbigene_id, 0), 1))):
                return spelled, spelled, False
        if symbols:
            return [symbols[0]], [symbols[0]], False
        synonyms = [e for e in entries if e.kind != "family"]
        if families and (o.family_over_alias or not synonyms):
            # Families of hundreds of members (GPCRs) recur: their choice is cached.
            fkey = (families[0].family, families[0].key, len(families), families[-1].ncbigene_id)
            cached = self._family_choice.get(fkey)
            if cached is None:
                members = one_per_gene(families)
                if o.families == "expand" or len(members) <= max(1, o.expand_upto):
                    cached = (members, members)
                else:
                    prior = self.prior
                    pool = members
                    if o.rooted_representative:
                        root = families[0].key
                        pool = [e for e in members if e.symbol.startswith(root)] or members
                    cached = ([min(pool, key=lambda e: (-prior.get(e.ncbigene_id, 0), gene_order(e.ncbigene_id)))],
                              members)
                self._family_choice[fkey] = cached
            return list(cached[0]), list(cached[1]), False
        tier: dict[str, int] = {}
        support: dict[str, int] = {}
        first: dict[str, LexiconEntry] = {}
        for e in synonyms:
            t = _TIER[e.kind]
            tier[e.ncbigene_id] = min(tier.get(e.ncbigene_id, 9), t)
            support[e.ncbigene_id] = support.get(e.ncbigene_id, 0) + 1
            first.setdefault(e.ncbigene_id, e)
        prior = self.prior
        ranked = sorted(first.values(), key=lambda e: (tier[e.ncbigene_id], -prior.get(e.ncbigene_id, 0), -support[e.ncbigene_id], gene_order(e.ncbigene_id)))
        if len(ranked) == 1:
            return ranked, ranked, False
        top = max(ranked, key=lambda e: prior.get(e.ncbigene_id, 0))
        if prior.get(top.ncbigene_id, 0) >= o.override_ratio * max(prior.get(ranked[0].ncbigene_id, 0), 1):
            ranked.remove(top)
            ranked.insert(0, top)
        if o.ambiguous == "all":
            return ranked, ranked, True
        a, b = ranked[0], ranked[1]
        pa, pb = prior.get(a.ncbigene_id, 0), prior.get(b.ncbigene_id, 0)
        if o.ambiguous == "best" and (tier[a.ncbigene_id] < tier[b.ncbigene_id] or pa >= o.prior_ratio * max(pb, 1)):
            return [a], ranked, True
        if o.ambiguous == "best" and o.exact_spelling:
            folded = name.casefold()
            exact = {e.ncbigene_id for e in synonyms
                     if e.name.casefold() == folded and tier[e.ncbigene_id] == tier[a.ncbigene_id]}
            if len(exact) == 1:
                return [first[exact.pop()]], ranked, True
        # Paralogs tied at the best tier (``CPT1``: previous symbol of CPT1A and CPT2) name their
        # family; a weaker synonym of another gene (CHPT1's alias) does not break the tie.
        best = [e for e in ranked if tier[e.ncbigene_id] == tier[a.ncbigene_id]]
        roots = {paralog_root(e.symbol) for e in best}
        if o.ambiguous == "best" and o.paralog_family and len(roots) == 1 and "" not in roots:
            return [max(best, key=lambda e: prior.get(e.ncbigene_id, 0))], ranked, True
        return [], ranked, True

    # -- output ---------------------------------------------------------------------------

    def _emit(self, words: list[Word], pos: int, n: int, text: str, hits: list[Hit] | None,
              out: list[Mention]) -> None:
        if not hits:
            return
        if n == 1:
            w = words[pos]
            box, conf = w.box, w.confidence
        else:
            span = words[pos : pos + n]
            box = union_box([w.box for w in span])
            conf = min((w.confidence for w in span), default=1.0)
        seen: set[str] = set()
        for hit in hits:
            for e in hit.entries:
                if e.ncbigene_id in seen:
                    continue
                seen.add(e.ncbigene_id)
                out.append(_mention(text, hit, e, box, conf, pos))


# HGNC aliases outrank NCBI synonyms: NCBI lists many retired, cross-species and typo names.
# A gene's own approved full name ranks with HGNC aliases: "claudin 1" is CLDN1's name and only
# an NCBI synonym of CLDN7.
_SYNONYM_KINDS = frozenset({"previous", "alias", "ncbi_synonym"})
# A figure's words make tens of thousands of mentions; see models.slot_constructor.
_new_mention = slot_constructor(Mention, (
    "word", "match", "ncbigene_id", "ncbigene_symbol", "hgnc_id", "organism_id", "source", "name",
    "transforms", "ambiguous", "candidates", "box", "confidence", "word_index", "family"))


def _mention(word: str, hit: Hit, e: LexiconEntry, box: Box | None, conf: float, pos: int) -> Mention:
    """The mention of gene ``e`` that ``hit`` found in ``word``."""
    return _new_mention(word, hit.match, e.ncbigene_id, e.symbol, e.hgnc_id, e.taxon_id, e.kind, e.name,
                        hit.transforms, hit.ambiguous, hit.cands, box, conf, pos, e.family)


_TIER = {"symbol": 0, "previous": 1, "alias": 2, "name": 2, "ncbi_synonym": 3}


def _spelled(token: str) -> tuple[str, tuple[str, ...]]:
    """The token without the punctuation around it, in American spelling, an eIF's I restored
    (before any lookup: ``elF3`` would otherwise be the transcription factor ELF3)."""
    word = T.strip_punct(token)
    applied: tuple[str, ...] = ("strip_punct",) if word != token.strip() else ()
    if (american := T.american_spelling(word)) != word:
        word, applied = american, applied + ("american_spelling",)
    if (eif := T.eif_spelling(word)) != word:
        word, applied = eif, applied + ("ocr_confusions",)
    return word, applied


def _one_series(hits: list[Hit]) -> bool:
    """Whether the genes of a list share one paralog root (``TLR7``, ``TLR8``)."""
    roots = [{paralog_root(e.symbol) for e in h.entries} - {""} for h in hits]
    return bool(roots) and bool(set.intersection(*roots))


@functools.lru_cache(maxsize=1)
def _cell_line_keys() -> frozenset[str]:
    from pathfig.lexicon.taxonomy import load_organism_names

    return frozenset(normalize_key(n.name) for n in load_organism_names() if n.kind == "cell_line")


def _loose_greek(name: str) -> str:
    """``eIF2α``, ``eIF2a`` and ``EIF-2alpha`` alike: Greek letters spelled out (and a final Latin
    letter :data:`_GREEK_END` takes for one), case, hyphens and spaces gone."""
    if name[-1:] in _LATIN_GREEK and _GREEK_END.search(name):
        name = name[:-1] + _LATIN_GREEK[name[-1]]
    return "".join(GREEK_LETTERS[c][1] if c in GREEK_LETTERS else c for c in name.lower() if c not in "- ")


def _span(name: str) -> int:
    """Tokens a name may take in text: its words, and each hyphen may be printed as a space."""
    return len(_SPAN_SPLIT.split(name.strip()))


_WORD_KINDS = frozenset({"name", "alias", "previous"})


def _written_as_word(e: LexiconEntry) -> bool:
    """A gene's name its source writes as a word (``insulin``, ``viperin``), not an acronym (``WAVE``)."""
    return (e.kind in _WORD_KINDS and not e.name.isupper() and any(c.islower() for c in e.name)
            and e.name not in rules.LOWERCASE_WORDS)
