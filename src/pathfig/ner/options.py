"""Recognition settings (:class:`Options`): every rule of :mod:`pathfig.ner.genes` has a switch,
so its effect can be measured (``bench/ner_text.py --set OPTION=VALUE``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Options", "Priority"]

#: Which entry kinds may match: ``strict`` official symbols only; ``synonyms`` adds previous
#: symbols, aliases, NCBI synonyms and approved full names; ``all`` adds families (the default).
Priority = Literal["strict", "synonyms", "all"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """Recognition settings; every rule can be switched off to measure its effect."""

    priority: Priority = "all"
    #: A FamPlex family name curated from the literature (``ERK``, ``PKC``, ``PI3K``) beats a
    #: previous symbol or alias that happens to spell the same (EPHB2's old symbol ``ERK``).
    family_over_alias: bool = True
    #: Ambiguous names (one name, several genes of the same kind): ``best`` keeps the gene the
    #: literature prior favours clearly, ``all`` keeps every candidate, ``drop`` keeps none.
    ambiguous: Literal["best", "all", "drop"] = "best"
    #: How much more often the chosen gene must be cited than the runner-up under ``best``.
    prior_ratio: float = 2.0
    #: Under ``best``, an ambiguous name printed exactly as one gene's name spells it (case aside:
    #: ``BIF-1`` is SH3GLB1's ``Bif-1``, not ZBTB24's ``BIF1``) goes to that gene.
    exact_spelling: bool = True
    #: Under ``best``, an ambiguous name shared only by paralogs (``IP3R``: ITPR1, ITPR3) names
    #: their family: the most cited one stands for it, as for a family name.
    paralog_family: bool = True
    #: A gene this many times more cited than the best-tier candidate wins regardless of tier
    #: (``RAGE``: AGER's alias, 988 articles, over MOK's previous symbol, 33).
    override_ratio: float = 10.0
    #: Family names: ``representative`` emits one member (the most cited; preferring the member
    #: the name is also a synonym of was measured neutral: AMPK → PRKAA2, Dvl → DVL1 by NCBI
    #: synonyms) and lists all members as candidates; ``expand`` emits every member.
    families: Literal["representative", "expand"] = "representative"
    #: With ``representative``: a family mention whose members include genes the same words
    #: name explicitly (``PI3K`` beside ``PIK3CB``) points at those genes instead of adding a
    #: representative; the family is a group heading over named members.
    family_to_named: int = 0
    #: With ``representative``: the representative is the most cited member whose symbol
    #: starts with the name as keyed (``HDAC`` → HDAC1, not the sirtuin SIRT1 of its class
    #: III; ``MAP3Ks`` → MAP3K7, not BRAF), when some member's does; else the most cited one.
    rooted_representative: bool = True
    #: With ``representative``: a family of at most this many members emits every member
    #: (``ERK`` → MAPK1, MAPK3); 1 keeps one representative for every family.
    expand_upto: int = 1
    stoplist: bool = True
    chemical_stoplist: bool = True
    prose_rule: bool = True
    #: With ``prose_rule``, an all-lower-case word still matches when a lexicon name is written
    #: exactly so: fly ``foxo``, ``hop``. For lexicons of organisms that name genes in lower case;
    #: off by default (the human lexicon has no lower-case symbols worth the risk).
    prose_exact: bool = False
    #: With ``prose_rule``, an all-lower-case word of at least four letters still names a gene
    #: through a name its source writes as a word, not in capitals: a full name, an HGNC alias
    #: or previous symbol (``insulin``, ``viperin``); never an acronym (``wave`` is not WAVE,
    #: ``steps`` not STEP), an NCBI synonym (``homodimer``) or a FamPlex class (``actin`` in
    #: "actin cytoskeleton"; ``Actin`` capitalised is the family).
    prose_names: bool = True
    #: An enzyme's full name without its number names the numbered genes (``Arginase`` →
    #: ARG1/ARG2, ``Malate dehydrogenase`` → MDH1/MDH2), two to ``max_stem_family`` of them;
    #: so does a one-word protein name (``Neuroligin`` → NLGN1–3, ``Presenilin``).
    name_families: bool = True
    short_rule: bool = True
    ion_rule: bool = True
    viral_rule: bool = True
    #: A word of capitals and digits that names nothing is tried with OCR's letter/digit swaps
    #: undone (S/5, B/8, I/1, O/0, Z/2; up to two): ``ATPSI`` → ATP5I, ``GSK38`` → GSK3B, when
    #: exactly one gene's official symbol (current or previous) is spelled so.
    ocr_symbols: bool = True
    #: A word of capitals with a digit that names nothing is tried with the leading I that OCR
    #: drops beside a node's outline (``RF9`` → IRF9, ``FIT3`` → IFIT3, ``F135`` → IFI35 with
    #: one swap undone), when exactly one gene's current official symbol is spelled so; and a
    #: name's final I after a hyphen (``RIG-`` → RIGI, three capitals at least before it), when
    #: exactly one gene's symbol or alias is spelled so.
    ocr_lost_i: bool = True
    #: A word whose comma has no space after it is the words of a list (``IFIH1,MX1``,
    #: ``IL-6,TNF-α``: OCR drops the space), each resolved alone as if the space were there.
    comma_split: bool = True
    #: A short capitalised word (``Glow``, ``Ate``, ``Toll``) whose only reading is an NCBI synonym
    #: written in capitals (DICER1's GLOW, ATM's ATE) names no gene: NCBI's synonyms carry
    #: retired and cross-species codes, and a capitalised word is prose or a name of its own.
    word_case: bool = True
    #: A word shaped like a bacterial or yeast gene (three lower-case letters and a capital:
    #: ``lacZ``, ``fldB``, ``porC``) names a human gene only through a name spelled exactly so
    #: (``cblA``, ``minK``); FLDB (APOB's synonym) and PORC (HMBS's old symbol) are no match.
    microbe_case: bool = True
    #: A word that names nothing, ending in R after a receptor's name, is that receptor
    #: (``5-HT2AR``, ``CB2R``, ``P2X7R``, ``GABAAR``); every gene the name gives must be one
    #: whose approved name says receptor (``H3R`` is not histone H3).
    receptor_suffix: bool = True
    #: A word starting with a capital Latin letter and a number does not match names that start
    #: with a Greek letter the key folds to it (``A2AR``: ADORA2A's ``A2aR``, not the
    #: ``alpha2-AR`` family), when other names of the key remain.
    latin_not_greek: bool = True
    #: A capitalised name ending in ``l`` that only a synonym in other case names is first read
    #: with the 1 OCR took for l (``Jakl`` → JAK1, not JAK3's alias JAKL; ``Rapl`` → Rap1),
    #: when that names a gene by its symbol or a family.
    ocr_final_l: bool = True
    #: A family's name with the subunits it is made of (``α4β2 nAChR``, ``α7-nAChR``, ``AMPK
    #: α1β1γ1``, ``GABAA receptor α1``) names those members, each Greek letter and number the
    #: end of one member's symbol (CHRNA4, CHRNB2), not the family's representative.
    subunits: bool = True
    #: A protein's mass printed apart from its name (``p70 S6K``, ``p90 RSK``, ``p44/42 MAPK``,
    #: ``p75 NTR``) is read as the one name the two spell glued (RPS6KB1), not as the mass's own
    #: alias (ANXA6's p70) beside the name.
    mass_names: bool = True
    #: A cell line's name (``THP-1``, ``Huh7``, ``HL-1``, ``INS-1``; the curated cell lines of
    #: the organism names) is not a gene, unless it is spelled as an official symbol (``HK-2``).
    cell_lines: bool = True
    weak_locus_rule: bool = True
    #: An acronym with a plural ``s`` (``TAMs``, ``GEFs``, ``PAMPs``, ``NHs``) names a class of
    #: cells or molecules: it matches a family (``MMPs``, ``TLRs``), never one gene.
    plural_rule: bool = True
    #: The ``greek_y`` rewrite: a word ending in ``Y``/``y`` (or with it before a final digit)
    #: that names nothing is tried with ``γ`` (OCR reads ``IFNγ`` as ``IFNY``, ``AMPKγ3`` as ``AMPKy3``).
    greek_y: bool = True
    #: Most words joined into one name; each first word's own longest name bounds the search
    #: (``Signal transducer and activator of transcription 3`` is seven).
    max_ngram: int = 12
    #: A line that is only a number, number list or Greek letter (``2/4``, ``8``, ``δ``) printed
    #: right under a word continues that word's line: node labels wrap (``TLRs`` / ``2/4``,
    #: ``Caspase`` / ``8``). Needs word boxes.
    stacked_join: bool = True
    #: In a slash list a part whose gene is of another root than its siblings' takes its
    #: candidate (or HGNC alias) of their root: ``GCN2/HRI`` → EIF2AK4, EIF2AK1 (not RNH1),
    #: ``MST1/2`` → STK4, STK3 (not the growth factor MST1).
    slash_siblings: bool = True
    #: A word that is both an official symbol and a FamPlex family, printed in mixed case
    #: (``Rho``, ``Prx``) rather than as the symbol (``RHO``), names the family.
    cased_family: bool = True
    #: An EC number printed with ``EC`` (``EC 3.1.3.4``, ``kinaseEC 2.7.1.30``) names the genes
    #: of that activity (HGNC's enzyme ids), one representative like a family.
    ec_numbers: bool = True
    #: A capitalised common noun or common-noun phrase naming a family of at least this many
    #: genes (``Histone``, ``Proteasome``, ``Integrins``, ``Growth factor``, ``G protein``,
    #: ``Sodium channels``) is a class of molecules,
    #: not a node: no representative is emitted (0 switches it off). Small families (``Notch``,
    #: ``Frizzled``, ``Caspase``, ``Calmodulin``) are drawn as nodes and stay.
    class_word_min: int = 16
    #: A family of this many members or more is a class whatever its spelling (``Cytochrome
    #: P450``, ``CYP450``, ``20S proteasome``, ``FOX``): any one member would be a guess
    #: (0 switches it off). At 20, families drawn as nodes (``FGF``, ``PP1``, ``TNFR``) went too.
    class_any_min: int = 40
    #: A root shared by numbered official symbols (``PIAS`` → PIAS1–4, ``CycD`` → CCND1–3)
    #: names their family when it has at most this many members (0 switches it off).
    max_stem_family: int = 30
    #: A word in capitals spelled exactly as a gene's previous official symbol is that gene,
    #: not the root of other numbered symbols (``UQCR`` → UQCR11, ``HMGCS`` → HMGCS1).
    previous_over_root: bool = True
    #: A name followed by ``signaling``, ``pathway``, ``cascade`` or ``axis`` on its line is a
    #: pathway's name (``Insulin signaling``, ``Wnt pathway``, ``MAPK cascade``), not a node;
    #: followed by ``receptor`` (when the two words name no gene together) it names a receptor:
    #: its own gene when that is one (``CB2 receptor``), else the name with R (``IL-6 receptor``
    #: → IL6R), else none (``Adiponectin receptor`` is not ADIPOQ).
    pathway_names: bool = True
    #: An abbreviation in parentheses after its long form (``hematopoietic stem cell (HSC)``)
    #: is a gene only if the long form names that gene (``tumor necrosis factor (TNF)``) or reads
    #: as a protein's name (:mod:`pathfig.ner.glossary`); the same judgement applies to image
    #: words that the figure's caption defines (``Annotator.caption_definitions``).
    abbreviations: bool = True
    #: A word printed exactly as an HGNC alias with punctuation and lower case (``P-gp``) names
    #: that alias's gene over an official symbol of the same key when the alias's gene is cited
    #: ``override_ratio`` times more (ABCB1, not the phosphatase PGP).
    spelled_alias: bool = True
    #: Letter-suffixed series name their numbered root as a family too (``RAB11`` → RAB11A/B,
    #: ``CPT1`` → CPT1A/B/C, ``IL12`` → IL12A/B).
    letter_series: bool = True
    #: Shortest root for such a family (4 loses IRF, GRB, NOX, RTN, ULK; see BENCHMARKS).
    min_stem: int = 3
    #: Shortest root that names a family of one numbered gene (``FDFT`` → FDFT1, ``GSTz`` →
    #: GSTZ1). Three letters are an abbreviation of something else more often than the root
    #: of one gene: ``THY``, ``SPO``, ``NMD``, ``SEH`` (EPHX2), ``MSR`` (MTRR), ``ZAP`` (ZC3HAV1).
    min_single_stem: int = 4
    locus_types: frozenset[str] | None = None  # None: every locus type
