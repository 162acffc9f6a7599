"""Text transforms that turn a word as printed in a figure into names a lexicon can look up.

Each transform is a small pure function. The recogniser tries the word as written first and
then these, in the order of :data:`ORDER`; the names of the transforms that led to a hit are
kept on the mention as evidence.

1. ``strip_punct``       surrounding brackets, quotes, bullets, trailing dots/colons/commas
   ``unicode`` (keys)    NFKC, homoglyph folding, accents, Greek letters — in ``normalize_key``
Whole-word rewrites, each on the previous one's result:
2. ``mirna_symbol``      ``hsa-miR-21-5p`` → ``MIR21``, ``let-7a`` → ``MIRLET7A``
3. ``strip_modification`` phospho/tag prefixes (``p-AKT``, ``pERK``, ``GST-``) and state or
                         site suffixes (``-GTP``, ``-P``, ``AKT-S473``; ``IRF3P``, a P glued after a number)
4. ``strip_cellular_prefix`` ``c-Myc`` → ``Myc``, ``v-Src`` → ``Src``
   ``strip_form_prefix`` ``sICAM-1`` → ``ICAM-1``, ``hTERT`` → ``TERT``, ``procaspase-8`` →
                         ``caspase-8`` (soluble, human, precursor forms)
5. ``singular``          ``Smads`` → ``Smad``, ``Caspases`` → ``Caspase``
6. ``protein_stem``      ``Caspase-3`` → ``CASP3``, ``Cyclin D1`` → ``CCND1``
7. ``ocr_confusions``    ``P13K`` → ``PI3K``, ``N0TCH`` → ``NOTCH``, ``lL-6`` → ``IL-6``, ``IL-l`` → ``IL-1``,
                         ``NF-xB`` → ``NF-κB``
8. ``greek_y``           ``IFNY`` → ``IFNγ``, ``AMPKy3`` → ``AMPKγ3`` (OCR reads γ as Y or y)
   ``roman_numeral``     ``TGF-βRI`` → ``TGF-βR1``, ``CaMKIIδ`` → ``CaMK2δ``
9. ``interferon_spelling`` ``INF-γ`` → ``IFN-γ``
   ``strip_isoform``     ``CEACAM1-L`` → ``CEACAM1``, ``UXT-V1`` → ``UXT``, ``RORγt`` → ``RORγ``,
                         ``PTPN2-1`` → ``PTPN2`` (the recogniser then refuses PTPN21's key)
   ``hla_allele``        ``HLA-A2`` → ``HLA-A``, ``HLA-DR4`` → ``HLA-DR``
   ``coagulation_factor`` ``FXa``, ``Factor VIIa`` → ``coagulation factor X``, ``… VII``
   ``ocr_i_for_1``       ``GIP2`` → ``G1P2`` (OCR reads 1 as I; the reverse of 7)
   ``ocr_l_for_i``       ``II6`` → ``Il6``, ``PIk1`` → ``Plk1``, ``Copll`` → ``CopII`` (l and I; whole
                         words only: in ``LC3-II1`` the II is a numeral)
   ``receptor_chain``    ``IFNγRα`` → ``IFNγR1``, ``IFNγRβ`` → ``IFNγR2`` (a receptor's chains)
Splits, every part resolved:
10. ``expand_slash``     ``ERK1/2`` → ``ERK1``, ``ERK2``; ``IKKα/β/γ``; ``AdipoR1/R2``
11. ``expand_range``     ``WNT1-3`` → ``WNT1``, ``WNT2``, ``WNT3``
12. ``split_complex``    ``Atg5-Atg12`` → ``Atg5``, ``Atg12`` (only when every part is a gene);
                         else at one hyphen (``hyphen_pairs``): ``RelB-NF-kB2`` → ``RelB``, ``NF-kB2``
13. ``split_glued``      OCR merges: ``MRE11NBS1`` → ``MRE11``, ``NBS1``; ``IKKαIKKβ``, ``P65P50``
                         (every part a gene)
14. ``restore_slash``    OCR drops slashes: ``MNK12`` → ``MNK1``, ``MNK2`` (both genes, of one
                         paralog series); a slash read as 1 (``TLR718`` → ``TLR7``, ``TLR8``)
                         only after the recogniser's OCR letter swaps found no symbol (``NR113``
                         is NR1I3)
First of all (unless the whole word is a name such as ``Na,K-ATPase``): ``split_comma``
``IFIH1,MX1`` → ``IFIH1``, ``MX1`` (OCR dropped the space after a comma); each part is
resolved as a word of its own.
Before the word is looked up whole: ``integrin_dimer`` ``αvβ3`` → ``ITGAV``, ``ITGB3``
(``αLβ2`` is no key of AFM's alias ALB2).
When the whole word names no gene, or only a family: ``split_subunits`` ``α7-nAChR``,
``AMPKα1β1γ1`` → a family's name and the subunits it is made of (``subunit_codes``: ``α4β2``
→ ``A4``, ``B2``, how the members' symbols end: CHRNA4, CHRNB2); also across two words
(``α4β2 nAChR``, ``GABAA receptor α1``).
Lookup by number, before the rest: ``ec_number`` ``EC 2.7.1.30`` → the genes of that EC
number (HGNC's enzyme ids), chosen like a family's members; ``EC`` may end the word before
(``kinaseEC 2.7.1.30``).
Line-level: ``join_list`` rewrites ``TLR1,2 and 5`` as ``TLR1/2/5``; adjacent words are
joined for multi-word names (``Caspase 12``, ``protein kinase C``, ``STAT 5``).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from pathfig.lexicon.hgnc import EC_NUMBER
from pathfig.lexicon.keys import GREEK_LETTERS, fold_homoglyphs

__all__ = [
    "ARABIC",
    "ORDER",
    "american_spelling",
    "expand_range",
    "eif_spelling",
    "expand_slash",
    "greek_y",
    "hyphen_pairs",
    "integrin_dimer",
    "interferon_spelling",
    "isoform_number",
    "ocr_confusions",
    "ocr_i_for_1",
    "ocr_l_for_i",
    "strip_isoform",
    "join_list",
    "mirna_symbol",
    "ocr_symbol_variants",
    "protein_stem",
    "receptor_chain",
    "restore_slash",
    "singular",
    "split_comma",
    "split_complex",
    "split_glued",
    "split_parenthetical",
    "split_subunits",
    "subunit_codes",
    "strip_cellular_prefix",
    "strip_modification",
    "strip_punct",
]

ORDER = (
    "strip_punct", "american_spelling", "mirna_symbol", "strip_modification", "strip_cellular_prefix", "strip_form_prefix", "singular",
    "protein_stem", "ocr_confusions", "greek_y", "roman_numeral", "interferon_spelling", "strip_isoform",
    "hla_allele",
    "coagulation_factor", "ocr_i_for_1", "ocr_l_for_i", "receptor_chain", "expand_slash", "expand_range", "split_complex", "split_glued", "restore_slash",
    "split_parenthetical",
)

_GREEK = "".join(GREEK_LETTERS) + "".join(c.upper() for c in GREEK_LETTERS)
_EDGE_PUNCT = "()[]{}<>\"'`‘’“”«»•·*:;,.!?|¦¬~^_=#@§†‡°"
_FOOTNOTE = re.compile(r"(?<=[A-Za-z0-9α-ω])[¹²³⁴⁵⁶⁷⁸⁹⁰]+$")
# The recogniser's alphabet is mostly CJK: it reads an arrowhead beside a label as ``个``.
_CJK_EDGE = re.compile(r"^[\u3000-\u9fff\uf900-\ufaff]+|[\u3000-\u9fff\uf900-\ufaff]+$")

# --- 1. punctuation ---------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)   # called on the same word by several rules
def strip_punct(word: str) -> str:
    """Drop surrounding punctuation and bullets, keeping inner hyphens and slashes.

    A closing bracket stays when the word opens one (``PI(3)K``), so balanced names survive.
    CJK characters at the edges (arrowheads OCR read as ``个``) go too.
    """
    # Footnote marks (``TP53¹``) would become part of the number (TP531) under NFKC.
    w = unicodedata.normalize("NFKC", _FOOTNOTE.sub("", word.strip())).strip()
    w = fold_homoglyphs(_CJK_EDGE.sub("", w))
    while w and w[0] in _EDGE_PUNCT + "-/+→←↑↓⊣":
        if w[0] in "(" and ")" in w[1:-1]:
            break
        w = w[1:]
    while w and w[-1] in _EDGE_PUNCT + "-/→←↑↓⊣":
        if w[-1] == ")" and "(" in w:
            break
        w = w[:-1]
    return w


# --- 3. modifications ---------------------------------------------------------------------

_PREFIX_RE = re.compile(
    r"^(?:phospho-?|p[STY]\d{0,4}[-–]|(?:Ub|ub|SUMO|Ac|cl)[-–]|p-|P-|[Pp]ro-|p(?=[A-Z]|[0-9](?![0-9]))"
    r"|(?:GST|FLAG|HA|His|GFP|EGFP|YFP|CFP|RFP|mCherry|Myc|V5|T7|Ad|Adv|AAV|LV|sh|si)[-–:])",
)
_SUFFIX_RE = re.compile(
    r"(?:[-–:·]?(?:GTP|GDP)"
    r"|[-–:·](?:ATP|ADP|PO4|Ub|ub|SUMO|Ac|ac|me[1-3]?|P|p|active|inactive|dimer|complex|ITD|TKD)"
    r"|\((?:P|p|active|inactive|[a-z]{1,2})\)|\+P|-I{1,2}|\(\d{1,4}-\d{2,4}\)"
    r"|(?<=[A-Za-z0-9]{3})[-(]?([ACDEFGHIKLMNPQRSTVWY])\d{2,4}(?:(?!\1)[ACDEFGHIKLMNPQRSTVWY*]|fs|del)\)?"
    r"|(?<=[A-Z]{3})v(?:I{1,3}|IV)"
    r"|(?:[-–:(]\s*p?|p)(?:Ser|Thr|Tyr|S|T|Y)\d{2,4}\)?(?:/p?(?:Ser|Thr|Tyr|S|T|Y)?\d{2,4})*\)?"
    r"|(?<=\d)[STY]\d{2,4}|(?<=[A-Z]{3}\d)P)$",
)


def strip_modification(word: str) -> str:
    """Remove phospho/tag prefixes and state/site suffixes: ``p-AKT``/``pERK``/``AKT-S473`` → the gene.

    Residue-phospho (``pY-STAT3``, ``pS727-STAT3``), ubiquitin, SUMO and acetyl (``Ub-PCNA``)
    prefixes go too, and so do amino-acid changes glued to the symbol (``KRASG12D``,
    ``BRAF(V600E)``, ``JAK2V617F``), EGFR's variant III (``EGFRvIII``) and the residue range of
    a chain or fragment as Reactome prints it (``B2M(21-119)``, ``CASP8(217-374)``).

    ``pro-CASP8``/``pro-IL-1β`` (precursor forms) lose ``pro-``, and ``cl-PARP``/``cl-caspase-3``
    (cleaved forms of western-blot panels) ``cl-``.
    A lower-case ``p`` prefix is removed only before an upper-case letter or a single digit
    (``pERK``, ``pS6K``, ``p4E-BP1``) so that words such as ``protein`` and proteins named by
    their mass (``p110-y``, ``p55γ``) are left alone.
    """
    w = _PREFIX_RE.sub("", word, count=1)
    prev = None
    while prev != w and len(w) > 2:
        prev = w
        w2 = _SUFFIX_RE.sub("", w, count=1)
        if len(w2) >= 2:
            w = w2
    return w


# --- 4. c-/v- -------------------------------------------------------------------------------

_CELLULAR_RE = re.compile(r"^[cv][-–]?(?=[A-Z])")


def strip_cellular_prefix(word: str) -> str:
    """``c-Myc`` → ``Myc``, ``v-Src`` → ``Src``, ``cJun`` → ``Jun`` (cellular/viral homologue prefixes)."""
    return _CELLULAR_RE.sub("", word, count=1)


_FORM_RE = re.compile(
    r"^(?:(?:rh|h|s)(?=[A-Z][A-Za-z0-9-]{3,}$)(?!.*[A-Za-z0-9]s$)"
    r"|[Pp]ro(?=[A-Z]{2}|[a-z]{4,}[- ]?[0-9α-ω]))"
)


def strip_form_prefix(word: str) -> str:
    """``sICAM-1`` → ``ICAM-1``, ``hTERT`` → ``TERT``, ``rhEPO`` → ``EPO``: soluble, human and
    recombinant-human forms of a protein. A rewrite, so only for words that name nothing as
    printed (``sRAGE`` is AGER's alias). The rest must be four characters or more and no plural:
    ``hMSC``, ``hESCs`` are cells (MSC is a gene), ``sGC`` an enzyme.

    Precursors written with ``pro`` glued on (``procaspase-8``, ``proIL-1β``, ``proMMP-9``) lose
    it too, as ``pro-`` goes in ``strip_modification``: before capitals, or before a lower-case
    name with its number or Greek letter, so that English words stay (``Protects`` is no TECTA).
    """
    return _FORM_RE.sub("", word, count=1)


# --- 5. plurals -----------------------------------------------------------------------------

_PLURAL_RE = re.compile(r"(?<=[A-Za-z0-9])(?:'s|s)$")


def singular(word: str) -> str:
    """``Smads`` → ``Smad``, ``MAPKs`` → ``MAPK``, ``Caspases`` → ``Caspase``; ``Ras`` stays (see below).

    Only a final lower-case ``s`` after at least three characters is removed; whether the
    result is accepted is the lexicon's decision (``Ras`` → ``Ra`` finds nothing).
    """
    if len(word) < 4 or word[-1] != "s" or word[-2] == "s":
        return word
    return _PLURAL_RE.sub("", word)


# --- 6. protein-name stems ----------------------------------------------------------------

#: Common protein-name stems written out in figures, with the HGNC symbol stem they take.
PROTEIN_STEMS: dict[str, str] = {
    "caspase": "CASP", "casp": "CASP", "cyclin": "CCN", "interleukin": "IL", "interferon": "IFN",
    "frizzled": "FZD", "claudin": "CLDN", "sirtuin": "SIRT", "histone deacetylase": "HDAC",
    "integrin": "ITG", "jagged": "JAG", "galectin": "LGALS", "cathepsin": "CTS", "calpain": "CAPN",
    "annexin": "ANXA", "syndecan": "SDC", "dishevelled": "DVL", "aquaporin": "AQP", "connexin": "CX",
    "collagen": "COL", "cyc": "CCN", "sprouty": "SPRY", "syntaxin": "STX", "factor": "F", "keratin": "KRT", "cadherin": "CDH", "nectin": "NECTIN", "septin": "SEPTIN",
    "kallikrein": "KLK", "defensin": "DEF", "chemokine": "", "wnt": "WNT", "smad": "SMAD",
}
_STEM_RE = re.compile(
    r"^(" + "|".join(sorted(map(re.escape, PROTEIN_STEMS), key=len, reverse=True)) + r")[\s\-–]*"
    r"([0-9]+[A-Za-z]?[0-9]*|[A-Za-z][0-9]+[A-Za-z]?|[" + _GREEK + r"A-Za-z]{1,2}[0-9]*)$",
    re.IGNORECASE,
)


def protein_stem(word: str) -> str:
    """``Caspase-3`` → ``CASP3``, ``Cyclin D1`` → ``CCND1``, ``Interleukin 6`` → ``IL6``; else unchanged."""
    bare = word.strip().lower().rstrip("s")
    if bare in PROTEIN_STEMS and PROTEIN_STEMS[bare]:
        # ``Frizzled`` → ``FZD``: the family root. Not ``cyclin``: the cyclins (CCNA1 ... CCNY)
        # share no root, and HGNC's CCN1–6 are the cellular communication network factors.
        return word if PROTEIN_STEMS[bare] == "CCN" else PROTEIN_STEMS[bare]
    m = _STEM_RE.match(word.strip())
    if not m:
        return word
    return PROTEIN_STEMS[m.group(1).lower()] + m.group(2)


# --- microRNAs -----------------------------------------------------------------------------

_MIR_RE = re.compile(r"^(?:[a-z]{3,4}-)?(?:miR|mir|MiR|MIR|microRNA)[-\s]?(\d+[a-z]?)(-\d)?(?:[-_][35]p)?(?:_R[-+]?\d)?$")
_LET_RE = re.compile(r"^(?:[a-z]{3,4}-)?(?:let|Let|LET)-?7([a-z]?)(-\d)?(?:[-_][35]p)?$")


def mirna_symbol(word: str) -> str:
    """``hsa-miR-21-5p`` → ``MIR21``, ``miR-200a-3p`` → ``MIR200A``, ``let-7a`` → ``MIRLET7A``.

    Mature-arm (``-5p``/``-3p``) and species prefixes are dropped; a precursor number (``-2``)
    is kept. ``MIR181A`` then finds MIR181A1/MIR181A2 as a family of numbered symbols.
    """
    m = _MIR_RE.match(word)
    if m:
        return "MIR" + m.group(1).upper() + (m.group(2) or "")
    m = _LET_RE.match(word)
    if m:
        return "MIRLET7" + m.group(1).upper() + (m.group(2) or "")
    return word


# --- OCR confusions ------------------------------------------------------------------------


_I_FOR_1 = re.compile(r"(?<=^[A-Z])I(?=[A-Z]\d$)")


def ocr_i_for_1(word: str) -> str:
    """``GIP2`` → ``G1P2`` (ISG15's old symbol): the reverse of :func:`ocr_confusions`' 1 → I,
    for a capital between a capital and a final digit. A rewrite, so only for words that name
    nothing as read."""
    return _I_FOR_1.sub("1", word)


_L_FOR_I = re.compile(r"(?<=^[A-HJ-Z])I(?=[a-z])")   # (``IIa`` is factor IIa)


def ocr_l_for_i(word: str) -> str:
    """``II6`` → ``Il6``, ``PIk1`` → ``Plk1``, ``SIc2a4`` → ``Slc2a4``: in a sans-serif face a
    lower-case l and a capital I look alike to OCR, after a name's capital and in a Roman
    numeral ending a name (``Copll`` → ``CopII``). A rewrite, so only for words that name
    nothing as read."""
    if word[:2] == "II" and word[2:3].isdigit():
        return "Il" + word[2:]
    if (m := _ROMAN_L.match(word)) and (roman := m.group(2).replace("l", "I")) in _ROMAN_NUMERALS:
        # ``Copll`` → ``CopII``, ``LiglV`` → ``LigIV``: a Roman numeral's I read as l.
        return m.group(1) + roman
    return _L_FOR_I.sub("l", word, count=1)


# Two characters at least: ``Nucl`` (nucleus) is no ``NucI`` (PPARD's alias).
_ROMAN_L = re.compile(r"^([A-Z][a-z]{0,3}[a-km-z])(?=[IlV]{2,4}$)([IlV]*l[IlV]*)$")
_ROMAN_NUMERALS = frozenset({"II", "III", "IV"})


#: Characters OCR swaps in compressed or small type: S/5, B/8, I/1, O/0, Z/2.
_SWAPS = {"S": "5", "5": "S", "B": "8", "8": "B", "I": "1", "1": "I", "O": "0", "0": "O", "Z": "2", "2": "Z"}
_CAPS_CODE = re.compile(r"^[A-Z0-9-]{3,14}$")


def ocr_symbol_variants(word: str, max_swaps: int = 2) -> list[str]:
    """``ATPSI`` → ``ATP5I``…, ``GSK38`` → ``GSK3B``, ``ABLI`` → ``ABL1``: the word with up to
    ``max_swaps`` of OCR's letter/digit confusions undone, for a word of capitals and digits
    (JPEG figures: a 5 read as S, a B as 8). The caller accepts a variant only when it is an
    official symbol spelled exactly so, and only when the word as read names nothing."""
    if not _CAPS_CODE.match(word) or not any(c.isalpha() for c in word):
        return []
    spots = [i for i, c in enumerate(word) if c in _SWAPS]
    if not spots or len(spots) > 8:
        return []
    out: list[str] = []
    for n in range(1, min(max_swaps, len(spots)) + 1):
        for combo in itertools.combinations(spots, n):
            chars = list(word)
            for i in combo:
                chars[i] = _SWAPS[chars[i]]
            out.append("".join(chars))
    return out


_KAPPA_X = re.compile(r"(?<=^NF-)x(?=B)|(?<=^NF)x(?=B)|(?<=^I)x(?=B)")
#: ``elF4E``: the I of eIF read as l. No gene is written so (ELF3, ELF5 are in capitals).
_EIF_L = re.compile(r"^elF(?=\d)")


def eif_spelling(word: str) -> str:
    """``elF3`` → ``eIF3``, ``elF2α`` → ``eIF2α``: an eIF (translation initiation factor) whose
    I OCR read as l."""
    return _EIF_L.sub("eIF", word)


def ocr_confusions(word: str) -> str:
    """Undo the commonest OCR confusions inside letter runs: ``P13K`` → ``PI3K``, ``N0TCH`` → ``NOTCH``,
    ``lL-6`` → ``IL-6``, ``IL-l`` → ``IL-1``, ``NF-xB`` → ``NF-κB`` (κ read as x; in NF-κB and IκB),
    ``elF4E`` → ``eIF4E``, ``lkBa`` → ``IkBa``.

    A ``1`` or ``0`` between two capitals (or a capital and a digit) is read as ``I``/``O``. In a
    word of capitals whose only lower-case letter is ``l``, that ``l`` is an ``I`` first or before
    a capital and a ``1`` elsewhere (OCR reads I, l and 1 alike): ``lκB`` → ``IκB``, ``ILlβ`` → ``IL1β``.
    """
    w = _KAPPA_X.sub("κ", word)
    w = eif_spelling(w)
    w = re.sub(r"(?<=[A-Z])1(?=[0-9]?[A-Z])", "I", w)
    w = re.sub(r"(?<=[A-Z])0(?=[A-Z])", "O", w)
    if "l" in w and len(w) >= 3 and any(c.isupper() for c in w) and not re.search(r"[a-km-z]", w):
        w = re.sub(r"^l|l(?=[A-Z])", "I", w).replace("l", "1")
    return _LK_B.sub("I", w)


#: ``lkBα``, ``lk-B``: IκB with its κ printed (or read) as k and its I read as l.
_LK_B = re.compile(r"^l(?=k-?B)")


_GREEK_Y_RE = re.compile(r"^(.{2,}[A-Z0-9-])[yY](\d?)$")


def greek_y(word: str) -> str:
    """``IFNY`` → ``IFNγ``, ``IKKY`` → ``IKKγ``, ``AMPKy3`` → ``AMPKγ3``, ``p110-y`` → ``p110-γ``,
    ``FcyRIIB`` → ``FcγRIIB``: OCR reads Greek γ as the Y (or y) it resembles.

    A ``Y``/``y`` at the end or before one final digit, after at least three characters of
    which the last is a capital, digit or hyphen (not ``Galy``, ``Ly6``). The lexicon decides
    (``SPRY`` is found as written, before any transform).
    """
    m = _GREEK_Y_RE.match(word) or _GREEK_Y_RECEPTOR_RE.match(word)
    if m and not m.group(1).endswith(("Y", "y")):
        return f"{m.group(1)}γ{m.group(2)}"
    return word


#: ... and before a receptor's R and its number: ``FcyRIIB``, ``IFNyR1`` (after Fc, or after two characters
#: or more ending in a capital or digit: ``TYR``, ``PYR`` stay).
_GREEK_Y_RECEPTOR_RE = re.compile(r"^(.*Fc|.+[A-Z0-9-])[yY](-?R(?:\d{1,2}|IV|I{1,3})?[A-Da-d]?)$")


_ROMAN_RE = re.compile(r"^(.{3,}[RK])(IV|I{1,3})([A-HJ-UW-Zα-ω]?)$")
#: Roman numerals as names number types and classes (``TGF-βRII``, ``BMP receptor II``).
ARABIC = {"I": "1", "II": "2", "III": "3", "IV": "4"}


def roman_numeral(word: str) -> str:
    """``TGF-βRI`` → ``TGF-βR1``, ``CaMKIIδ`` → ``CaMK2δ``, ``BMPRIA`` → ``BMPR1A``, ``FcγRI`` →
    ``FcγR1``: receptor types and kinase classes numbered in Roman after ``R`` or ``K``, which
    symbols number in Arabic. At least three characters before the ``R``/``K`` (``TβRI`` would
    read as TBR1)."""
    m = _ROMAN_RE.match(word)
    return f"{m.group(1)}{ARABIC[m.group(2)]}{m.group(3)}" if m else word


_HLA_ALLELE_RE = re.compile(r"^(HLA-(?:A|B|C|E|G|DR|DQ|DP))\*?\d{1,2}(?::\d{2})*$")


def hla_allele(word: str) -> str:
    """``HLA-A2`` → ``HLA-A``, ``HLA-DR4`` → ``HLA-DR``, ``HLA-B*27`` → ``HLA-B``: an allele names
    its locus (``HLA-DR4`` is not HLA plus DR4, the TRAIL receptor)."""
    m = _HLA_ALLELE_RE.match(word)
    return m.group(1) if m else word


_INF_RE = re.compile(r"^(?:INF|Inf)(?=-?(?:[αβγωλ]|alpha|beta|gamma|omega|lambda)\d?$)")


def interferon_spelling(word: str) -> str:
    """``INF-γ`` → ``IFN-γ``: the interferons' common misspelling (INF2, inverted formin, is
    never written with a Greek letter)."""
    return _INF_RE.sub("IFN", word)


_RECEPTOR_CHAIN_RE = re.compile(r"^(.{2,}[A-Za-z0-9α-ω]-?R)([αβ])$")


def receptor_chain(word: str) -> str:
    """``IFNγRα`` → ``IFNγR1``, ``IFNγRβ`` → ``IFNγR2``: a receptor's α and β chains, which
    symbols number 1 and 2 when they do not letter them A and B (the lexicon decides: ``IL-2Rα``
    is found as IL2RA before any transform)."""
    m = _RECEPTOR_CHAIN_RE.match(word)
    return f"{m.group(1)}{'1' if m.group(2) == 'α' else '2'}" if m else word


_ISOFORM_RE = re.compile(r"^([A-Za-z][A-Za-z0-9]{2,})-(?:L|S|[Vv]\d{1,2})$|^([A-Z]{2})-V\d{1,2}$"
                         r"|^([A-Z]{3,}[0-9])[abc]$")
_GREEK_ISOFORM_RE = re.compile(r"^([A-Za-z][A-Za-z0-9-]{1,}[α-ω])[tT]$")
# A symbol's number, a hyphen and an isoform's number (UniProt's, as Reactome prints them).
_NUMBERED_ISOFORM_RE = re.compile(r"^([A-Za-z][A-Za-z0-9]*[A-Za-z]\d+)-(\d{1,2})$")


def isoform_number(word: str) -> str:
    """``PTPN2-1`` → ``1``: the isoform number after a symbol's number and a hyphen, else ``""``."""
    m = _NUMBERED_ISOFORM_RE.match(word)
    return m.group(2) if m else ""


def strip_isoform(word: str) -> str:
    """``CEACAM1-L`` → ``CEACAM1``, ``UXT-V1`` → ``UXT``, ``RORγt`` → ``RORγ``, ``SERCA2a`` →
    ``SERCA2``, ``STAT1-1`` → ``STAT1``: long/short isoform, splice-variant, Greek-lettered
    isoform (``γt``), splice letter and numbered isoform (UniProt's, as Reactome prints them)
    suffixes. A rewrite, so only for words that name nothing as printed (``RANK-L`` is
    RANKL, ``PDE4a`` PDE4A)."""
    m = _ISOFORM_RE.match(word) or _GREEK_ISOFORM_RE.match(word) or _NUMBERED_ISOFORM_RE.match(word)
    return next(g for g in m.groups() if g) if m else word


_COAGULATION_RE = re.compile(r"^(?:F|[Ff]actor[\s-]?)(II|III|V|VII|VIII|IX|X|XI|XII|XIII)a?$")


def coagulation_factor(word: str) -> str:
    """``FXa`` → ``coagulation factor X``, ``Factor VIIa`` → ``coagulation factor VII``: clotting
    factors by Roman numeral, with or without ``a`` (activated); HGNC's names (F10's
    "coagulation factor X") decide the gene. Factor I (fibrinogen) and IV (calcium) are no
    single gene."""
    m = _COAGULATION_RE.match(word)
    return f"coagulation factor {m.group(1)}" if m else word


_EC_RE = re.compile(rf"^EC[\s:]?({EC_NUMBER.pattern.strip('^$')})$", re.IGNORECASE)


def ec_number(word: str) -> str:
    """``EC 2.7.1.30``, ``EC2.7.1.30``, ``EC:2.7.1.30`` → the lexicon key ``EC:2.7.1.30``; else ``""``.

    Only complete numbers (``2.7.1.-`` is a class, not an enzyme a map would draw), and only
    with ``EC``: bare numbers on diagrams are as often reaction annotations beside the drawn
    genes (measured on the WikiPathways renders) as enzyme nodes.
    """
    m = _EC_RE.match(word.strip())
    return f"EC:{m.group(1).lower()}" if m else ""


# --- 7. slashes -----------------------------------------------------------------------------


def _shape(c: str) -> str:
    if c.isdigit():
        return "0"
    if c in _GREEK:
        return "g"
    if c.isalpha():
        return "a"
    return c


def expand_slash(word: str) -> list[str]:
    """Expand slash lists into full names.

    ``ERK1/2`` → ``[ERK1, ERK2]``; ``SMAD1/5/8``; ``KDM6A/B``; ``AdipoR1/R2``; ``IKKα/β/γ``;
    ``Caspase-3/7``; ``TBK1/IKKi`` (a part that is a full name stays whole). A part is a
    suffix when it is at most 3 characters with at most one Latin letter other than a Roman
    numeral's (``R2``, ``B``, ``βII``); it replaces the same-shaped tail of the last full name
    before it (``TAK1/TAB1/2`` → TAB2, ``p38/JNK1/2`` → JNK2).
    ``PI3K/Akt``, ``Hippo/YAP``: ``Akt`` and ``YAP`` are names, not tails; two capitals
    starting as the last name's two final capitals do are its tail (``IL-17RA/RC``).
    """
    parts = [p for p in re.split(r"\s*/\s*", word) if p]
    if len(parts) < 2:
        return [word]
    first = parts[0]
    out = [first]
    for part in parts[1:]:
        if len(part) == 2 and part.isupper() and part.isalpha() and len(first) >= 4 \
                and first[-2:].isupper() and first[-2:].isalpha() and first[-2] == part[0]:
            # ``IL-17RA/RC`` → IL-17RC, ``PDGFRA/RB``: the subunit letter after a shared R.
            out.append(first[:-2] + part)
            continue
        if len(part) > 3 or not first or len(re.findall(r"[A-HJ-UWYZa-z]", part)) > 1:
            out.append(part)
            first = part
            continue
        shape = "".join(_shape(c) for c in part)
        tail = first[-len(part):]
        if len(first) > len(part) and "".join(_shape(c) for c in tail) == shape:
            out.append(first[: -len(part)] + part)
        elif shape.strip("0") == "" and re.search(r"\d+$", first):
            out.append(re.sub(r"\d+$", part, first))
        elif re.fullmatch(r"\d{1,2}[a-z]", part) and re.search(r"\d+[a-z]?$", first):
            # ``FOXO1/3a`` → FOXO3a, ``Rab5/7a`` → Rab7a: a number with its isoform letter.
            out.append(re.sub(r"\d+[a-z]?$", part, first))
        elif shape.strip("ag") == "" and re.search(rf"[A-Za-z{_GREEK}]+$", first) and re.search(r"\d", first):
            out.append(re.sub(rf"[A-Za-z{_GREEK}]+$", part, first))
        else:
            out.append(part)
    # ``APC/C`` gives APC twice: a name with a slash in it (the anaphase-promoting complex), no list.
    return list(dict.fromkeys(out))


# --- 8. ranges ------------------------------------------------------------------------------

_RANGE_RE = re.compile(r"^([A-Za-z](?:[A-Za-z0-9\-α-ω]*?[A-Za-zα-ω])?)[-–\s]?(\d{1,2})\s*[-–~]\s*(\d{1,2})$")


def expand_range(word: str) -> list[str]:
    """``WNT1-3`` → ``[WNT1, WNT2, WNT3]``, ``E2F1-3``, ``PLCβ1-4``; only short increasing ranges
    (≤ 10 members)."""
    m = _RANGE_RE.match(word)
    if not m:
        return [word]
    stem, a, b = m.group(1), int(m.group(2)), int(m.group(3))
    if not (a < b <= a + 9):
        return [word]
    return [f"{stem}{i}" for i in range(a, b + 1)]


# --- integrins -------------------------------------------------------------------------------

# α chain: a number, ``v`` (or Greek ν read for it), ``IIb`` or a letter of the leukocyte
# integrins; β chain: 1–8. Greek typed as Latin (``a5b1``) only in lower case.
_INTEGRIN = re.compile(r"^(?:[Ii]ntegrin[- ]?)?(?:α|(?=a[^β]*b\d$)a)(v|ν|IIb|[LMDXE]|1[01]|[1-9])(?:β|b)([1-8])$")

# The 24 human integrins: the α chains each β chain pairs with.
_INTEGRIN_PAIRS = {
    "1": {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "V"}, "2": {"L", "M", "X", "D"},
    "3": {"2B", "V"}, "4": {"6"}, "5": {"V"}, "6": {"V"}, "7": {"4", "E"}, "8": {"V"},
}


def integrin_dimer(word: str) -> list[str]:
    """``αvβ3`` → ``[ITGAV, ITGB3]``, ``α5β1``, ``αIIbβ3``, ``αLβ2`` (LFA-1), ``integrin αvβ6``:
    an integrin heterodimer is its two chains' genes; ``[word]`` if the word is none."""
    m = _INTEGRIN.match(word)
    if not m:
        return [word]
    alpha = {"v": "V", "ν": "V", "IIb": "2B"}.get(m.group(1), m.group(1))
    if alpha not in _INTEGRIN_PAIRS.get(m.group(2), ""):
        return [word]   # ``α4β2`` and ``α3β4`` are nicotinic receptors, ``α2β2`` haemoglobin
    return [f"ITGA{alpha}", f"ITGB{m.group(2)}"]


# The subunits of a receptor or enzyme written as Greek letters with numbers, as HGNC spells
# them in its members' symbols: α4β2 (nAChR) → CHRNA4, CHRNB2; α1β1γ1 (AMPK) → PRKAA1, ...
_SUBUNIT_LATIN = {"α": "A", "β": "B", "γ": "G", "δ": "D", "ε": "E"}
_SUBUNITS = re.compile(r"^(?:[αβγδε]\d{0,2})+$")
_SUBUNIT = re.compile(r"([αβγδε])(\d{0,2})")
_LEADING_SUBUNITS = re.compile(r"^((?:[αβγδε]\d{0,2})+)-?([A-Za-z][A-Za-z0-9+/-]*[A-Za-z0-9])$")
_TRAILING_SUBUNITS = re.compile(r"^([A-Za-z][A-Za-z0-9+/-]*?[A-Za-z0-9])-?((?:[αβγδε]\d{0,2})+)$")


def subunit_codes(word: str) -> list[str]:
    """``α4β2`` → ``["A4", "B2"]``, ``γ`` → ``["G"]``: the subunits a composition names, spelled
    as the end of its members' symbols; ``[]`` if the word is not a composition."""
    if not _SUBUNITS.match(word):
        return []
    return [_SUBUNIT_LATIN[g] + n for g, n in _SUBUNIT.findall(word)]


def split_subunits(word: str) -> tuple[str, str] | None:
    """``α7-nAChR`` → ``(nAChR, α7)``, ``AMPKα1β1γ1`` → ``(AMPK, α1β1γ1)``: a family's name
    glued to the subunits it is made of, as (name, subunits); None if the word is not so."""
    if (m := _LEADING_SUBUNITS.match(word)):
        return m.group(2), m.group(1)
    if (m := _TRAILING_SUBUNITS.match(word)):
        return m.group(1), m.group(2)
    return None


# --- 9. complexes ---------------------------------------------------------------------------


_ARROW = re.compile(r"[→←↔⇒⇐⟶⟵⊣]")
_COMPLEX_SEP = re.compile(r"[:·~+]")
_HYPHEN = re.compile(r"[-–]")
_PREFIX_HYPHEN = re.compile(r"(?:(?<=^[cpv])|(?<=[-–][cpv]))-(?=[A-Z])")


def split_complex(word: str) -> list[str]:
    """``Atg5-Atg12`` → ``[Atg5, Atg12]``; ``CD40:CD40L``; ``JAK1→JAK2`` and ``JAK1+JAK2`` (an
    arrow or plus OCR read without spaces). The caller accepts it only if every part is a gene."""
    # An arrow joins whole names (``TNF-α→NF-κB``), and so do ``·``, ``:``, ``~`` and ``+``
    # (``IL-6R·gp130``): split there only; hyphens separate parts only when nothing else does.
    if _ARROW.search(word):
        parts = _ARROW.split(word)
    elif _COMPLEX_SEP.search(word):
        parts = _COMPLEX_SEP.split(word)
    else:
        # A one-letter prefix stays on its name: ``JNK1/2-c-Jun``, ``p-AKT-mTOR``.
        parts = _HYPHEN.split(_PREFIX_HYPHEN.sub("\0", word))
        parts = [p.replace("\0", "-") for p in parts]
    parts = [p for p in parts if p]
    if len(parts) < 2 or any(len(p) < 2 or not re.search(r"[A-Za-z]", p) for p in parts):
        return [word]
    return parts


def hyphen_pairs(word: str) -> list[tuple[str, str]]:
    """``RelB-NF-kB2`` → ``[(RelB, NF-kB2), (RelB-NF, kB2)]``: a complex of two names, one with a
    hyphen of its own, split at each hyphen in turn (the caller takes the first split whose two
    parts are genes, when the split at every hyphen gave none). Not when an arrow or another
    joiner separates the names (``TNF-α→NF-κB``)."""
    if _ARROW.search(word) or _COMPLEX_SEP.search(word):
        return []
    marked = _PREFIX_HYPHEN.sub("\0", word)
    out = []
    for m in _HYPHEN.finditer(marked):
        left, right = marked[: m.start()].replace("\0", "-"), marked[m.end():].replace("\0", "-")
        if len(left) >= 2 and len(right) >= 2 and re.search(r"[A-Za-z]", left) and re.search(r"[A-Za-z]", right):
            out.append((left, right))
    return out if len(out) >= 2 else []


_PAREN_RE = re.compile(r"^([^()]*[A-Za-zα-ω][^()]*)\(([^()]*[A-Za-zα-ω][^()]*)\)$")


def split_parenthetical(word: str) -> list[str]:
    """``ARF(CDKN2A)`` → ``[ARF, CDKN2A]``, ``p21(WAF1)``: a name with a synonym or its official
    symbol in brackets, printed without a space. ``PI(3)K`` (text after the bracket) stays whole;
    the caller decides what the two parts name together."""
    m = _PAREN_RE.match(word)
    if not m or len(m.group(1)) < 2 or len(m.group(2)) < 2:
        return [word]
    return [m.group(1).rstrip("-"), m.group(2)]


# British spellings in names (UK journals): HGNC and MeSH write them the American way.
_BRITISH = re.compile(r"(?i)(tumour|oestr|oesophag|haem|homologue|leucocyt|leukaem|foet|oedem|ischaem|anaem)")
_AMERICAN = {"tumour": "tumor", "oestr": "estr", "oesophag": "esophag", "haem": "hem", "homologue": "homolog",
             "leucocyt": "leukocyt", "leukaem": "leukem", "foet": "fet", "oedem": "edem", "ischaem": "ischem",
             "anaem": "anem"}


def american_spelling(text: str) -> str:
    """``Tumour necrosis factor`` → ``Tumor necrosis factor``, ``Haem oxygenase`` → ``Hem
    oxygenase``, ``Oestrogen``, ``homologue``: keys then meet the American names of the sources."""
    if not _BRITISH.search(text):
        return text

    def american(m: re.Match[str]) -> str:
        word = _AMERICAN[m.group(1).lower()]
        if word == "hem" and not text[m.end():m.end() + 1].isalpha():
            word = "heme"   # ``Haem oxygenase``; ``haemoglobin`` → ``hemoglobin``
        return word.capitalize() if m.group(1)[0].isupper() else word
    return _BRITISH.sub(american, text)


# --- OCR merges ----------------------------------------------------------------------------

_GLUE_RE = re.compile(r"(?<=[0-9α-ω])(?=[A-Z][A-Za-z])|(?<=[a-z])(?=[A-Z]{2,}[0-9])|(?<=[0-9])(?=[Pp][0-9]{2})")
_LOST_SLASH_RE = re.compile(r"^(.*[A-Za-z])(\d)([1lI|]?)(\d)$")


def split_glued(word: str) -> list[str]:
    """Split labels OCR glued together: ``MRE11NBS1`` → ``[MRE11, NBS1]``, ``OAS1IFITM2``,
    ``IKKαIKKβ`` (a slash lost between two subunits), ``P65P50`` (two proteins named by mass).

    Splits only where a digit or Greek letter is followed by a capital (or a lower-case letter
    by a run of capitals and a digit, or a digit by a p and a mass); the caller accepts the
    split only if every part is a gene.
    """
    parts = [p for p in _GLUE_RE.split(word) if p]
    if len(parts) < 2 or any(len(p) < 3 for p in parts):
        return [word]
    return parts


# A comma with no space after it, before a name: a letter and one more character, or an arrow.
_INNER_COMMA = re.compile(r"(?<=[^\s,]),(?=[^\W\d_][^\s,]|[↑↓])")


def split_comma(word: str) -> list[str]:
    """``IFIH1,MX1`` → ``[IFIH1, MX1]``: OCR drops the space after a comma of a printed list.

    Only before a name of two characters or more starting with a letter: ``TLR1,2`` and
    ``IFN-α,β`` are one name's list (:func:`join_list`), ``1,4,5-IP3`` a chemical's locants.
    The caller resolves each part as a word of its own, unless the whole word is a name
    (``Na,K-ATPase``).
    """
    parts = [p for p in _INNER_COMMA.split(word) if p]
    return parts if len(parts) > 1 else [word]


def restore_slash(word: str, read: bool = False) -> list[str]:
    """``MNK12`` → ``[MNK1, MNK2]``: OCR often drops the slash of ``MNK1/2`` (two consecutive
    digits). With ``read``, the slash OCR read as a 1 or l instead: ``TLR718`` → ``[TLR7,
    TLR8]``, ``ERK112`` (two rising digits across it).

    The caller uses it only when the word as read names no gene and both expansions do; the
    read slash only after OCR's letter swaps found nothing (``NR113`` is NR1I3, not NR1/3).
    """
    m = _LOST_SLASH_RE.match(word)
    if not m:
        return [word]
    head, a, slash, b = m.groups()
    if (slash and read and int(b) > int(a)) or (not slash and not read and int(b) == int(a) + 1):
        return [head + a, head + b]
    return [word]


# --- line level -----------------------------------------------------------------------------

# A list's head word (``TLR1,2``, ``IFN-α,β``) and the pattern of each further item.
_LISTS = (
    (re.compile(r"^([A-Za-z][A-Za-z0-9\-]*?\d+[A-Za-z]?)((?:,\d{1,2}[A-Za-z]?)*),?$"), re.compile(r"^\d{1,2}[A-Za-z]?$")),
    (re.compile(r"^([A-Za-z][A-Za-z0-9\-]*[α-ω])((?:,[α-ω])*),?$"), re.compile(r"^[α-ω]$")),
)


def join_list(words: list[str]) -> list[tuple[str, int]]:
    """Rewrite enumerations spread over words: ``TLR1,2 and 5`` → ``TLR1/2/5``, and lists of
    Greek letters: ``IFN-α,β`` → ``IFN-α/β``, ``PKCα, β and γ`` → ``PKCα/β/γ`` (the comma is
    no part of a name; the key, which drops it, read ``IFN-α,β`` as IFNA8's alias IFN-alphaB).

    Returns ``(text, number of input words consumed)`` per output token.
    """
    if not any("," in w for w in words):
        return [(w, 1) for w in words]
    out: list[tuple[str, int]] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        for head, item in _LISTS:
            if m := head.match(w):
                break
        if m and (m.group(2) or w.endswith(",")):
            text = m.group(1) + m.group(2).replace(",", "/")
            j = i + 1
            while j < n:
                nxt = words[j].rstrip(",;:)")
                if item.match(nxt):
                    text += "/" + nxt
                    j += 1
                elif words[j].lower() in ("and", "or", "&") and j + 1 < n and item.match(words[j + 1].rstrip(",.;:)")):
                    text += "/" + words[j + 1].rstrip(",.;:)")
                    j += 2
                else:
                    break
            if "/" in text:
                out.append((text, j - i))
                i = j
                continue
        out.append((w, 1))
        i += 1
    return out
