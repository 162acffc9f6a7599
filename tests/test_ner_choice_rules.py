"""Rules that choose among a name's genes (or refuse one): plural acronyms, exact spelling,
paralog families, family names over named members. Small hand-written lexicons; each rule is
checked on and off."""

from __future__ import annotations

import pytest

from pathfig.lexicon import Lexicon, LexiconEntry
from pathfig.ner import GeneRecognizer, Options

E = LexiconEntry.make

LEX = Lexicon([
    # Plural acronyms: TAM (a gene symbol) vs TAMs (tumour-associated macrophages); MMPs is a family.
    E("TAM", "symbol", "1", "TAM"),
    E("GEF", "alias", "2", "GEFX"),
    E("MMP", "family", "3", "MMP1", family="MMP"),
    E("MMP", "family", "4", "MMP2", family="MMP"),
    E("MMP1", "symbol", "3", "MMP1"),
    E("MMP2", "symbol", "4", "MMP2"),
    E("matrix metalloproteinase 2", "name", "4", "MMP2"),
    E("C1S", "symbol", "5", "C1S"),
    # Exact spelling: one gene spells the alias with a hyphen, the other without.
    E("Bif-1", "alias", "10", "SHLB1"),
    E("BIF1", "alias", "11", "ZBT24"),
    E("SHLB1", "symbol", "10", "SHLB1"),
    E("ZBT24", "symbol", "11", "ZBT24"),
    E("XP-1", "ncbi_synonym", "12", "RPX17"),
    E("XP1", "alias", "13", "PDX1A"),
    E("XP1", "alias", "14", "SNX9A"),
    # Paralogs sharing an alias: IP3R for ITPR1 and ITPR3; an alias shared by unrelated genes.
    E("ITPR1", "symbol", "20", "ITPR1"),
    E("ITPR3", "symbol", "21", "ITPR3"),
    E("IP3R", "alias", "20", "ITPR1"),
    E("IP3R", "alias", "21", "ITPR3"),
    E("NIK", "alias", "22", "MAP3K14"),
    E("NIK", "alias", "23", "MAP4K4"),
    # OCR reads a final γ as Y: IFNγ printed, IFNY read; SPRY is a symbol as written.
    E("IFNG", "symbol", "40", "IFNG"),
    E("IFN-gamma", "alias", "40", "IFNG"),
    E("SPRY", "symbol", "41", "SPRY"),
    # A family name and its members.
    E("PI3K", "family", "30", "PIK3CA", family="PI3K"),
    E("PI3K", "family", "31", "PIK3CB", family="PI3K"),
    E("PI3K", "family", "32", "PIK3CD", family="PI3K"),
    E("PIK3CA", "symbol", "30", "PIK3CA"),
    E("PIK3CB", "symbol", "31", "PIK3CB"),
    E("PIK3CD", "symbol", "32", "PIK3CD"),
    # A slash list of paralogs, one part an alias of an unrelated, more cited gene too.
    E("EIF2AK4", "symbol", "60", "EIF2AK4"),
    E("EIF2AK1", "symbol", "61", "EIF2AK1"),
    E("RNH1", "symbol", "62", "RNH1"),
    E("GCN2", "alias", "60", "EIF2AK4"),
    E("HRI", "alias", "61", "EIF2AK1"),
    E("HRI", "alias", "62", "RNH1"),
    # MST1 is a growth factor's official symbol and an alias of the Hippo kinase STK4.
    E("MST1", "symbol", "70", "MST1"),
    E("MST1", "alias", "71", "STK4"),
    E("MST2", "alias", "72", "STK3"),
    E("STK4", "symbol", "71", "STK4"),
    E("STK3", "symbol", "72", "STK3"),
    # FamPlex's plural family name that is also an official symbol (MKKS, a ciliopathy gene).
    E("MKKS", "symbol", "80", "MKKS"),
    E("MKKs", "family", "81", "MAP2K1", family="MKK"),
    E("MKKs", "family", "82", "MAP2K2", family="MKK"),
    # Caspase-4/5/11: human has CASP4 and CASP5; "CASP11" is only an alias of SCAF11.
    E("CASP4", "symbol", "100", "CASP4"),
    E("CASP5", "symbol", "101", "CASP5"),
    E("CASP11", "alias", "102", "SCAF11"),
    E("SCAF11", "symbol", "102", "SCAF11"),
    # A class noun over a big family, and a small family named by a noun.
    *[E("Histone", "family", str(200 + i), f"H2BC{i}", family="Histone") for i in range(16)],
    *[E(f"H2BC{i}", "symbol", str(200 + i), f"H2BC{i}") for i in range(16)],
    # A class of 40 members named by an acronym and a number (no word): Cytochrome P450.
    *[E("CYP450", "family", str(400 + i), f"CYPX{i}", family="CYP") for i in range(40)],
    E("Notch", "family", "300", "NOTCH1", family="Notch"),
    E("Notch", "family", "301", "NOTCH2", family="Notch"),
    # RHO: rhodopsin's symbol and FamPlex's Rho GTPase family.
    E("RHO", "symbol", "90", "RHO"),
    E("RHO", "family", "91", "RHOA", family="RHO"),
    E("RHO", "family", "92", "RHOB", family="RHO"),
    # An alias spelled with a hyphen and lower case, of a gene far more cited than the symbol's.
    E("PGP", "symbol", "101", "PGP"),
    E("P-gp", "alias", "102", "ABCB1"),
    E("ABCB1", "symbol", "102", "ABCB1"),
    E("Pak-2", "alias", "103", "PKN2"),
    E("PAK2", "symbol", "104", "PAK2"),
    # A letter-suffixed series: RAB11A and RAB11B share the numbered root RAB11.
    E("RAB11A", "symbol", "99", "RAB11A", locus_type="gene with protein product"),
    E("RAB11B", "symbol", "100", "RAB11B", locus_type="gene with protein product"),
    # A previous symbol that is also the root of numbered symbols: UQCR was UQCR11's symbol.
    E("UQCR10", "symbol", "97", "UQCR10"),
    E("UQCR11", "symbol", "98", "UQCR11"),
    E("UQCR", "previous", "98", "UQCR11"),
    # A symbol whose gene belongs to the family of the same name: InsR is INSR, not IGF1R.
    E("INSR", "symbol", "95", "INSR"),
    E("INSR", "family", "95", "INSR", family="INSR"),
    E("INSR", "family", "96", "IGF1R", family="INSR"),
])
PRIOR = {"1": 50, "2": 50, "3": 900, "4": 800, "10": 80, "11": 50, "12": 160, "13": 100, "14": 90,
         "20": 230, "21": 150, "22": 170, "23": 120, "30": 900, "31": 300, "32": 200,
         "60": 100, "61": 40, "62": 300,
         "81": 500, "82": 300, "90": 100, "91": 900, "92": 200, "95": 700, "96": 1200, "97": 300, "98": 20, "101": 30, "102": 2500, "103": 110, "104": 240}


def symbols(options: Options, text: str) -> list[str]:
    rec = GeneRecognizer(LEX, options, PRIOR)
    return sorted({m.ncbigene_symbol for m in rec.recognize_text(text)})


CASES = [
    # (option switched, text, genes with the rule, genes without it)
    ("plural_rule", "TAMs", [], ["TAM"]),
    ("plural_rule", "GEFs", [], ["GEFX"]),
    ("plural_rule", "MMPs", ["MMP1"], ["MMP1"]),       # a family stays
    ("plural_rule", "C1s", ["C1S"], ["C1S"]),          # complement C1s is no plural
    ("plural_rule", "TAM", ["TAM"], ["TAM"]),
    ("plural_rule", "MKKs", ["MAP2K1"], ["MAP2K1"]),       # the family (cased_family, too)
    ("plural_rule", "MKKS", ["MKKS"], ["MKKS"]),           # printed as the symbol: the gene
    ("class_word_min", "Histone", [], ["H2BC0"]),
    ("class_word_min", "Histones", [], ["H2BC0"]),
    ("class_word_min", "Notch", ["NOTCH1"], ["NOTCH1"]),     # a small family is a node
    ("class_word_min", "H2BC3", ["H2BC3"], ["H2BC3"]),
    ("class_any_min", "CYP450", [], ["CYPX0"]),
    ("class_any_min", "Notch", ["NOTCH1"], ["NOTCH1"]),      # two members: a node
    ("cased_family", "Rho", ["RHOA"], ["RHO"]),
    ("cased_family", "RHO", ["RHO"], ["RHO"]),             # the symbol's own capitals: the gene
    ("cased_family", "InsR", ["INSR"], ["INSR"]),          # the gene is a member: still the gene
    ("previous_over_root", "UQCR", ["UQCR11"], ["UQCR10"]),  # else the root's most cited member
    ("letter_series", "RAB11", ["RAB11A"], []),
    ("spelled_alias", "P-gp", ["ABCB1"], ["PGP"]),
    ("spelled_alias", "PGP", ["PGP"], ["PGP"]),            # printed as the symbol: the symbol
    ("spelled_alias", "Pak-2", ["PAK2"], ["PAK2"]),        # PKN2 is not cited ten times more
    ("abbreviations", "mini muscle protein (MMP2)", ["MMP2"], ["MMP2"]),   # the digit is in no long form
    ("abbreviations", "mitochondrial membrane permeabilization (MMP)", [], ["MMP1"]),   # a process
    ("abbreviations", "matrix metalloproteinase (MMP)", ["MMP1"], ["MMP1"]),  # names no gene here, but a protein
    ("abbreviations", "gefitinib (GEF)", [], ["GEFX"]),
    ("pathway_names", "MMP signaling", [], ["MMP1"]),
    ("pathway_names", "MMP2 pathway", [], ["MMP2"]),
    ("pathway_names", "MMP2 cleaves", ["MMP2"], ["MMP2"]),
    ("pathway_names", "MMP2 receptor", ["MMP2"], ["MMP2"]),  # the official symbol: the gene itself
    ("pathway_names", "MMPs receptor", [], ["MMP1"]),        # a name of the ligand: its receptor
    ("pathway_names", "MMP2\nsignaling", ["MMP2"], ["MMP2"]),   # the next line is another label
    ("pathway_names", "matrix metalloproteinase 2 signaling pathway", [], ["MMP2"]),   # a joined name too
    ("pathway_names", "matrix metalloproteinase 2 cleaves", ["MMP2"], ["MMP2"]),
    ("cased_family", "MKKs", ["MAP2K1"], ["MAP2K1"]),      # (plural_rule alone gets it too)
    ("exact_spelling", "BIF-1", ["SHLB1"], []),
    ("exact_spelling", "Bif1", ["ZBT24"], []),         # case aside, spelled as ZBT24's BIF1
    ("exact_spelling", "BIF.1", [], []),               # spelled as neither: still undecided
    ("exact_spelling", "XP-1", [], []),                # only a lower-tier name spells it so
    ("paralog_family", "IP3R", ["ITPR1"], []),
    ("paralog_family", "NIK", [], []),                 # MAP3K14 and MAP4K4 are no paralogs
    ("greek_y", "IFNY", ["IFNG"], []),
    ("greek_y", "IFN-Y", ["IFNG"], []),
    ("greek_y", "SPRY", ["SPRY"], ["SPRY"]),
    ("slash_siblings", "GCN2/HRI", ["EIF2AK1", "EIF2AK4"], ["EIF2AK4", "RNH1"]),
    ("slash_siblings", "HRI", ["RNH1"], ["RNH1"]),               # alone: the more cited gene
    ("slash_siblings", "MST1/2", ["STK3", "STK4"], ["MST1", "STK3"]),
    ("slash_siblings", "MST1", ["MST1"], ["MST1"]),
    ("slash_siblings", "CASP4/5/11", ["CASP4", "CASP5"], ["CASP4", "CASP5", "SCAF11"]),
    ("slash_siblings", "CASP11", ["SCAF11"], ["SCAF11"]),
]


@pytest.mark.parametrize(("option", "text", "on", "off"), CASES, ids=[f"{o}-{t}" for o, t, _, _ in CASES])
def test_rule_on_and_off(option: str, text: str, on: list[str], off: list[str]) -> None:
    default = getattr(Options(), option)
    assert symbols(Options(**{option: default if not isinstance(default, bool) else True}), text) == on
    assert symbols(Options(**{option: 0 if not isinstance(default, bool) else False}), text) == off


@pytest.mark.parametrize(
    ("text", "on", "off"),
    [
        # Two named members: PI3K is their heading, no representative is added.
        ("PI3K\nPIK3CB\nPIK3CD", ["PIK3CB", "PIK3CD"], ["PIK3CA", "PIK3CB", "PIK3CD"]),
        # One named member is below the threshold (2): the family keeps its representative.
        ("PI3K\nPIK3CB", ["PIK3CA", "PIK3CB"], ["PIK3CA", "PIK3CB"]),
        ("PI3K", ["PIK3CA"], ["PIK3CA"]),
    ],
)
def test_family_to_named(text: str, on: list[str], off: list[str]) -> None:
    assert symbols(Options(family_to_named=2), text) == on
    assert symbols(Options(family_to_named=0), text) == off


def test_family_to_named_keeps_the_family_word() -> None:
    rec = GeneRecognizer(LEX, Options(family_to_named=2), PRIOR)
    heading = [m for m in rec.recognize_text("PI3K\nPIK3CB\nPIK3CD") if m.word == "PI3K"]
    assert {m.ncbigene_symbol for m in heading} == {"PIK3CB", "PIK3CD"}
    assert all(m.source == "family" for m in heading)


@pytest.mark.parametrize(
    ("upto", "text", "expected"),
    [
        (1, "MMPs", ["MMP1"]),                     # default: one representative
        (2, "MMPs", ["MMP1", "MMP2"]),             # two members: both
        (2, "PI3K", ["PIK3CA"]),                   # three members: still one
        (3, "PI3K", ["PIK3CA", "PIK3CB", "PIK3CD"]),
    ],
)
def test_expand_upto(upto: int, text: str, expected: list[str]) -> None:
    assert symbols(Options(expand_upto=upto), text) == expected
