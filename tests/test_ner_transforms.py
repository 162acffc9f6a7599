"""Each text transform on its own: input as printed → what the lexicon is asked."""

from __future__ import annotations

import pytest

from pathfig.lexicon.keys import (
    fold_homoglyphs,
    greek_to_latin,
    normalize_key,
    spelled_greek_to_latin,
    strip_accents,
)
from pathfig.ner import rules
from pathfig.ner import transforms as T


@pytest.mark.parametrize(("text", "key"), [
    ("TNF-α", "TNFA"), ("IL-1β", "IL1B"), ("IFN-γ", "IFNG"), ("TGF-β1", "TGFB1"), ("NF-κB", "NFKB"),
    ("β-catenin", "BCATENIN"), ("IKKα", "IKKA"), ("PKCδ", "PKCD"), ("14-3-3ε", "1433E"), ("GSK3β", "GSK3B"),
    ("IFNalpha", "IFNA"), ("NF-kappaB", "NFKB"), ("TGFbeta1", "TGFB1"), ("PKCθ", "PKCQ"), ("МАРК8", "MAPK8"),
    ("IL-1 beta", "IL1B"), ("betaine", "BETAINE"), ("alphabet", "ALPHABET"), ("Ｔｐ５３", "TP53"),
])
def test_normalize_key(text: str, key: str) -> None:
    assert normalize_key(text) == key


def test_unicode_pieces() -> None:
    assert fold_homoglyphs("МАРК8") == "MAPK8"          # Cyrillic М, А, Р, К
    assert fold_homoglyphs("ΙΚΚ") == "IKK"              # Greek capitals
    assert strip_accents("Ling’ao café") == "Ling’ao cafe"
    assert greek_to_latin("IKKα/β/γ") == "IKKA/B/G"
    assert spelled_greek_to_latin("TNFalpha and alpha-synuclein") == "TNFA and A-synuclein"


@pytest.mark.parametrize(("word", "out"), [
    ("(AKT)", "AKT"), ("PI(3)K", "PI(3)K"), ("“p53”", "p53"), ("•TNF-α,", "TNF-α"), ("-ERK-", "ERK"), ("MDM2:", "MDM2"),
])
def test_strip_punct(word: str, out: str) -> None:
    assert T.strip_punct(word) == out


@pytest.mark.parametrize(("word", "out"), [
    ("p-AKT", "AKT"), ("pERK", "ERK"), ("phospho-STAT3", "STAT3"), ("pS6K", "S6K"), ("AKT-S473", "AKT"),
    ("Akt(Ser473)", "Akt"), ("Smad1/5/8(S463/465)", "Smad1/5/8"), ("AKT(S473/T308)", "AKT"), ("AKTpS473", "AKT"), ("STAT3(Y705)", "STAT3"), ("Ras-GTP", "Ras"), ("RasGTP", "Ras"),
    ("Rac-GDP", "Rac"), ("ERK-P", "ERK"), ("GST-Akt", "Akt"), ("FLAG-ERK", "ERK"), ("HA-Ub", "Ub"),
    ("XBP-1(s)", "XBP-1"), ("LC3-II", "LC3"), ("protein", "protein"), ("SHP", "SHP"), ("PTEN", "PTEN"),
    ("pY705-STAT3", "STAT3"), ("Ub-PCNA", "PCNA"), ("KRASG12D", "KRAS"), ("BRAF(V600E)", "BRAF"),
    ("EGFR-L858R", "EGFR"), ("JAK2V617F", "JAK2"), ("EGFRvIII", "EGFR"), ("CD8A", "CD8A"),
    ("HST1H28H", "HST1H28H"), ("ATP6V1A", "ATP6V1A"), ("p4E-BP1", "4E-BP1"), ("p110-y", "p110-y"),
    ("STAT3Y705", "STAT3"), ("CDK1T14", "CDK1"), ("cl-PARP", "PARP"), ("Cl-", "Cl-"), ("Smad2/3-P", "Smad2/3"),
    ("p53", "p53"), ("IRF3P", "IRF3"), ("STAT1P", "STAT1"), ("PI4P", "PI4P"), ("S1P", "S1P"),
    ("B2M(21-119)", "B2M"), ("CASP8(217-374)", "CASP8"), ("PAK(1-3)", "PAK(1-3)"),   # residues, not paralogs
])
def test_strip_modification(word: str, out: str) -> None:
    assert T.strip_modification(word) == out


@pytest.mark.parametrize(("word", "out"), [("c-Myc", "Myc"), ("v-Src", "Src"), ("cJun", "Jun"), ("cyclin", "cyclin")])
def test_strip_cellular_prefix(word: str, out: str) -> None:
    assert T.strip_cellular_prefix(word) == out


@pytest.mark.parametrize(("word", "out"), [
    ("Smads", "Smad"), ("Caspases", "Caspase"), ("MAPKs", "MAPK"), ("TLRs", "TLR"), ("Ras", "Ras"), ("Kiss", "Kiss"),
])
def test_singular(word: str, out: str) -> None:
    assert T.singular(word) == out


@pytest.mark.parametrize(("word", "out"), [
    ("Caspase-3", "CASP3"), ("caspase 12", "CASP12"), ("Cyclin D1", "CCND1"), ("Interleukin 6", "IL6"),
    ("Integrin β1", "ITGβ1"), ("CycD", "CCND"), ("Frizzled", "FZD"), ("Factor X", "FX"), ("Smad", "SMAD"),
    ("kinase", "kinase"), ("Cyclin", "Cyclin"), ("cyclins", "cyclins"),   # no root of all cyclins (CCN is CCN1–6)
])
def test_protein_stem(word: str, out: str) -> None:
    assert T.protein_stem(word) == out


@pytest.mark.parametrize(("word", "out"), [
    ("P13K", "PI3K"), ("N0TCH1", "NOTCH1"), ("IL10", "IL10"), ("CD133", "CD133"),
    ("lL-6", "IL-6"), ("IL-l", "IL-1"), ("ILlβ", "IL1β"), ("lκB", "IκB"), ("HlF-1α", "HIF-1α"),
    ("Cl", "Cl"), ("Cell", "Cell"), ("Akl", "Akl"), ("lL", "lL"),
    ("lkBa", "IkBa"), ("lk-B", "Ik-B"), ("lkk", "lkk"), ("like", "like"),
])
def test_ocr_confusions(word: str, out: str) -> None:
    assert T.ocr_confusions(word) == out


@pytest.mark.parametrize(("word", "out"), [
    ("IFNY", "IFNγ"), ("IFN-Y", "IFN-γ"), ("IKKY", "IKKγ"), ("PPARY", "PPARγ"),
    ("MAY", "MAY"), ("SPRY", "SPRγ"), ("BCY1", "BCY1"), ("DYYY", "DYYY"), ("IFNy", "IFNγ"),
    ("AMPKy3", "AMPKγ3"), ("p110-y", "p110-γ"), ("PKCy", "PKCγ"), ("PLC-y1", "PLC-γ1"),
    ("Galy", "Galy"), ("Ly6", "Ly6"), ("Ly", "Ly"), ("AMPKy12", "AMPKy12"),
    ("FcyRIIB", "FcγRIIB"), ("FcYR", "FcγR"), ("IFNyR1", "IFNγR1"), ("IFN-YR2", "IFN-γR2"),
    ("TYR", "TYR"), ("PYR", "PYR"), ("DayR", "DayR"), ("FcyRV1", "FcyRV1"),
])
def test_greek_y(word: str, out: str) -> None:
    # SPRY is found as written before any rewrite runs; the recogniser test below checks that.
    assert T.greek_y(word) == out


@pytest.mark.parametrize(("word", "out"), [
    ("INFγ", "IFNγ"), ("INF-γ", "IFN-γ"), ("INF-alpha", "IFN-alpha"), ("Infβ", "IFNβ"), ("INFλ1", "IFNλ1"),
    ("INF2", "INF2"), ("INFO", "INFO"), ("INFγR", "INFγR"), ("INFLAMMATION", "INFLAMMATION"),
])
def test_interferon_spelling(word: str, out: str) -> None:
    assert T.interferon_spelling(word) == out


@pytest.mark.parametrize(("word", "out"), [
    ("IFNγRα", "IFNγR1"), ("IFNγRβ", "IFNγR2"), ("IFN-γ-Rβ", "IFN-γ-R2"),
    ("IL-2Ra", "IL-2Ra"),      # a Latin a: the antagonist's style (IL-1Ra), no chain
    ("Rα", "Rα"), ("RARα", "RARα"),   # a name ending in R before its Greek letter needs two more characters
    ("IFNγRγ", "IFNγRγ"),
])
def test_receptor_chain(word: str, out: str) -> None:
    assert T.receptor_chain(word) == out


@pytest.mark.parametrize(("word", "out"), [
    ("CEACAM1-L", "CEACAM1"), ("CEACAM1-S", "CEACAM1"), ("UXT-V1", "UXT"), ("XBP1-v2", "XBP1"),
    ("Bcl-XL", "Bcl-XL"), ("IL-2", "IL-2"), ("AB-L", "AB-L"), ("TNF-α", "TNF-α"), ("CD40-L", "CD40"),
    ("RORγt", "RORγ"), ("ROR-γT", "ROR-γ"), ("γt", "γt"), ("Cat", "Cat"),
    ("SERCA2a", "SERCA2"), ("SERCA2b", "SERCA2"), ("IFNAR2c", "IFNAR2"), ("IL2a", "IL2a"), ("ABC1d", "ABC1d"),
    ("STAT1-1", "STAT1"), ("PTPN2-1", "PTPN2"), ("14-3-3", "14-3-3"), ("IL-1", "IL-1"),
    ("WNT1-3", "WNT1"),   # (the recogniser expands a range before any rewrite)
])
def test_strip_isoform(word: str, out: str) -> None:
    # A rewrite: CD40-L is found as written (CD40LG's alias CD40L) before it would run.
    assert T.strip_isoform(word) == out


@pytest.mark.parametrize(("word", "number"), [
    ("PTPN2-1", "1"), ("STAT1-12", "12"), ("NKX2-1", "1"), ("B7-2", ""), ("IL-1", ""), ("WNT1-3", "3"), ("STAT1", ""),
])
def test_isoform_number(word: str, number: str) -> None:
    assert T.isoform_number(word) == number


@pytest.mark.parametrize(("word", "out"), [
    ("FXa", "coagulation factor X"), ("FVIIa", "coagulation factor VII"), ("Factor IXa", "coagulation factor IX"),
    ("factor-XII", "coagulation factor XII"), ("FII", "coagulation factor II"), ("FXIII", "coagulation factor XIII"),
    ("FI", "FI"), ("FIV", "FIV"), ("FXX", "FXX"), ("FXb", "FXb"), ("FactorX", "coagulation factor X"), ("AFX", "AFX"),
])
def test_coagulation_factor(word: str, out: str) -> None:
    assert T.coagulation_factor(word) == out


@pytest.mark.parametrize(("word", "out"), [
    ("TGF-βRI", "TGF-βR1"), ("CaMKIIδ", "CaMK2δ"), ("BMPRIA", "BMPR1A"), ("CaMKIV", "CaMK4"), ("FcγRI", "FcγR1"),
    ("ActRIIB", "ActR2B"), ("TβRI", "TβRI"), ("MHCII", "MHCII"), ("COXIV", "COXIV"), ("CaMKIIII", "CaMKIIII"),
])
def test_roman_numeral(word: str, out: str) -> None:
    assert T.roman_numeral(word) == out


@pytest.mark.parametrize(("word", "out"), [
    ("sICAM-1", "ICAM-1"), ("hTERT", "TERT"), ("rhIL-10", "IL-10"), ("sFlt-1", "Flt-1"), ("sXBP1", "XBP1"),
    ("hMSC", "hMSC"), ("hMSCs", "hMSCs"), ("sGC", "sGC"), ("hESCs", "hESCs"), ("sEng", "sEng"),
    ("mTOR", "mTOR"), ("hnRNP", "hnRNP"), ("Shh", "Shh"), ("sICAMs", "sICAMs"),
    # Precursors with ``pro`` glued on; English words and names without a number stay.
    ("procaspase-8", "caspase-8"), ("Procaspase 9", "caspase 9"), ("proIL-1β", "IL-1β"),
    ("proMMP-9", "MMP-9"), ("ProBDNF", "BDNF"), ("Protects", "Protects"), ("protein", "protein"),
    ("prolactin", "prolactin"), ("Prox1", "Prox1"),
])
def test_strip_form_prefix(word: str, out: str) -> None:
    assert T.strip_form_prefix(word) == out


@pytest.mark.parametrize(("word", "out"), [
    ("HLA-A2", "HLA-A"), ("HLA-DR4", "HLA-DR"), ("HLA-B*27", "HLA-B"), ("HLA-A*02:01", "HLA-A"),
    ("HLA-DRB1", "HLA-DRB1"), ("HLA-A", "HLA-A"), ("HLA2", "HLA2"),
])
def test_hla_allele(word: str, out: str) -> None:
    assert T.hla_allele(word) == out


@pytest.mark.parametrize(("word", "key"), [
    ("EC 2.7.1.30", "EC:2.7.1.30"), ("EC2.7.1.30", "EC:2.7.1.30"), ("ec:3.1.3.N1", "EC:3.1.3.n1"),
    ("2.7.1.30", ""), ("EC 2.7.1.-", ""), ("EC 2.7.1", ""), ("EC 1.2.3.4.5", ""), ("SPEC 2.7.1.30", ""),
])
def test_ec_number(word: str, key: str) -> None:
    assert T.ec_number(word) == key


@pytest.mark.parametrize(("word", "parts"), [
    ("ERK1/2", ["ERK1", "ERK2"]), ("SMAD1/5/8", ["SMAD1", "SMAD5", "SMAD8"]), ("IRF3/7", ["IRF3", "IRF7"]),
    ("KDM6A/B", ["KDM6A", "KDM6B"]), ("AdipoR1/R2", ["AdipoR1", "AdipoR2"]), ("IKKα/β/γ", ["IKKα", "IKKβ", "IKKγ"]),
    ("Caspase-3/7", ["Caspase-3", "Caspase-7"]), ("PP1α/γ", ["PP1α", "PP1γ"]), ("MEK1/2", ["MEK1", "MEK2"]),
    ("TBK1/IKKi", ["TBK1", "IKKi"]), ("Caspase-4/5/11", ["Caspase-4", "Caspase-5", "Caspase-11"]),
    ("MDA5 / RIG-I", ["MDA5", "RIG-I"]), ("TP53", ["TP53"]),
    # A name after the slash is a name, not a tail of the first part.
    ("PI3K/Akt", ["PI3K", "Akt"]), ("Hippo/YAP", ["Hippo", "YAP"]), ("LC3A/B", ["LC3A", "LC3B"]),
    ("TRAIL-R1/R2", ["TRAIL-R1", "TRAIL-R2"]), ("HIF-1α/2α", ["HIF-1α", "HIF-2α"]),
    ("APC/C", ["APC"]),   # the same name twice: no list (the anaphase-promoting complex)
    # A tail completes the last full name before it, not the first.
    ("TAK1/TAB1/2", ["TAK1", "TAB1", "TAB2"]), ("p38/JNK1/2", ["p38", "JNK1", "JNK2"]),
    ("FOXO1/3a", ["FOXO1", "FOXO3a"]), ("Rab5/7a", ["Rab5", "Rab7a"]),
    # Two capitals starting like the last name's two final capitals are its tail.
    ("IL-17RA/RC", ["IL-17RA", "IL-17RC"]), ("PDGFRA/RB", ["PDGFRA", "PDGFRB"]), ("MDA/RC", ["MDA", "RC"]),
])
def test_expand_slash(word: str, parts: list[str]) -> None:
    assert T.expand_slash(word) == parts


@pytest.mark.parametrize(("word", "parts"), [
    ("WNT1-3", ["WNT1", "WNT2", "WNT3"]), ("AKT1-3", ["AKT1", "AKT2", "AKT3"]), ("IL-1", ["IL-1"]),
    ("Caspase-3", ["Caspase-3"]), ("WNT3-1", ["WNT3-1"]), ("SOX1-30", ["SOX1-30"]),
    ("E2F1-3", ["E2F1", "E2F2", "E2F3"]), ("PLCβ1-4", ["PLCβ1", "PLCβ2", "PLCβ3", "PLCβ4"]),
    ("1-3", ["1-3"]), ("Mcm 2-4", ["Mcm2", "Mcm3", "Mcm4"]),   # a phrase: the number printed apart
])
def test_expand_range(word: str, parts: list[str]) -> None:
    assert T.expand_range(word) == parts


@pytest.mark.parametrize(("word", "parts"), [
    ("Atg5-Atg12", ["Atg5", "Atg12"]), ("CD40:CD40L", ["CD40", "CD40L"]), ("IL-1", ["IL-1"]), ("TP53", ["TP53"]),
    ("JAK1→JAK2", ["JAK1", "JAK2"]), ("JAK1+JAK2", ["JAK1", "JAK2"]), ("TNF-α→NF-κB", ["TNF-α", "NF-κB"]),
    ("Ca2+", ["Ca2+"]), ("IL-2+IL-15", ["IL-2", "IL-15"]), ("IL-6R·gp130", ["IL-6R", "gp130"]),
    ("JNK1/2-c-Jun", ["JNK1/2", "c-Jun"]), ("p-AKT-mTOR", ["p-AKT", "mTOR"]), ("c-Myc", ["c-Myc"]),
    ("ERK-c-fos", ["ERK-c-fos"]),   # a prefix is glued to a capital only
])
def test_split_complex(word: str, parts: list[str]) -> None:
    assert T.split_complex(word) == parts


@pytest.mark.parametrize(("word", "pairs"), [
    ("RelB-NF-kB2", [("RelB", "NF-kB2"), ("RelB-NF", "kB2")]),
    ("IkBα-NF-kB1", [("IkBα", "NF-kB1"), ("IkBα-NF", "kB1")]),
    ("p-AKT-mTOR-S6K", [("p-AKT", "mTOR-S6K"), ("p-AKT-mTOR", "S6K")]),   # a one-letter prefix stays on
    ("A-B-CD", []),              # no split leaves two parts of two characters
    ("Atg5-Atg12", []),          # one hyphen: split_complex's split already
    ("NF-kB", []), ("c-Jun", []),
    ("TNF-α→NF-κB", []), ("IL-6R·gp-130-X", []),   # an arrow or joiner separates the names
])
def test_hyphen_pairs(word: str, pairs: list[tuple[str, str]]) -> None:
    assert T.hyphen_pairs(word) == pairs


@pytest.mark.parametrize(("word", "parts"), [
    ("αvβ3", ["ITGAV", "ITGB3"]), ("ανβ6", ["ITGAV", "ITGB6"]), ("αIIbβ3", ["ITGA2B", "ITGB3"]),
    ("αLβ2", ["ITGAL", "ITGB2"]), ("α10β1", ["ITGA10", "ITGB1"]), ("integrin α4β7", ["ITGA4", "ITGB7"]),
    ("a5b1", ["ITGA5", "ITGB1"]), ("Integrin-α6β4", ["ITGA6", "ITGB4"]),
    ("α4β2", ["α4β2"]), ("α3β4", ["α3β4"]), ("α2β2", ["α2β2"]),   # no integrin pairs so
    ("Ab1", ["Ab1"]), ("αvβ9", ["αvβ9"]),
])
def test_integrin_dimer(word: str, parts: list[str]) -> None:
    assert T.integrin_dimer(word) == parts


@pytest.mark.parametrize(("word", "codes"), [
    ("α4β2", ["A4", "B2"]), ("α1β1γ1", ["A1", "B1", "G1"]), ("γ", ["G"]), ("δ", ["D"]), ("α10", ["A10"]),
    ("ε", ["E"]), ("αvβ3", []), ("α-1", []), ("a4b2", []), ("κ", []), ("β2-AR", []), ("", []),
])
def test_subunit_codes(word: str, codes: list[str]) -> None:
    assert T.subunit_codes(word) == codes


@pytest.mark.parametrize(("word", "split"), [
    ("α7-nAChR", ("nAChR", "α7")), ("α4β2nAChR", ("nAChR", "α4β2")), ("AMPKα1β1γ1", ("AMPK", "α1β1γ1")),
    ("GABAAR-α5", ("GABAAR", "α5")), ("PKCδ", ("PKC", "δ")), ("α-synuclein", ("synuclein", "α")), ("αvβ3", None),
    ("IFN-κ", None), ("α7", None), ("TP53", None),
])
def test_split_subunits(word: str, split: tuple[str, str] | None) -> None:
    assert T.split_subunits(word) == split


@pytest.mark.parametrize(("word", "parts"), [
    ("ARF(CDKN2A)", ["ARF", "CDKN2A"]), ("p21(WAF1)", ["p21", "WAF1"]), ("PI(3)K", ["PI(3)K"]),
    ("Ca(2+)", ["Ca(2+)"]), ("IL-2R-(CD25)", ["IL-2R", "CD25"]), ("A(B)", ["A(B)"]), ("TP53", ["TP53"]),
])
def test_split_parenthetical(word: str, parts: list[str]) -> None:
    assert T.split_parenthetical(word) == parts


@pytest.mark.parametrize(("words", "out"), [
    (["TLR1,2", "and", "5"], [("TLR1/2/5", 3)]),
    (["TLR1,2,", "and", "5", "activate"], [("TLR1/2/5", 3), ("activate", 1)]),
    (["IL-6,", "TNF"], [("IL-6,", 1), ("TNF", 1)]),
    (["SMAD2,3"], [("SMAD2/3", 1)]),
    (["IFN-α,β"], [("IFN-α/β", 1)]),
    (["PKCα,", "β", "and", "γ"], [("PKCα/β/γ", 4)]),
    (["IFN-α,", "IFN-β"], [("IFN-α,", 1), ("IFN-β", 1)]),
    (["TNF-α,", "β-catenin"], [("TNF-α,", 1), ("β-catenin", 1)]),
])
def test_join_list(words: list[str], out: list[tuple[str, int]]) -> None:
    assert T.join_list(words) == out


def test_rules() -> None:
    assert rules.is_ion("Ca2+") and rules.is_ion("Na+") and rules.is_ion("K+") and not rules.is_ion("CD4")
    assert rules.is_ion("Ca2") and rules.is_ion("Ca²") and rules.is_ion("C16:0") and not rules.is_ion("CA2")
    assert not rules.is_ion("Cd4") and rules.is_ion("CD8+")
    assert rules.is_ion("Ca(2+)") and rules.is_ion("Fe(3+)") and not rules.is_ion("CA(2)")
    # a digit after a minus is a name's number: B7-1 (CD80) is no charged B7
    assert rules.is_ion("O2-") and rules.is_ion("Cl-") and rules.is_ion("Ca+2")
    assert not rules.is_ion("B7-1") and not rules.is_ion("E2-2")
    assert rules.is_figure_reference("Fig 1") and rules.is_figure_reference("Fig.2b")
    assert rules.is_figure_reference("Table 3") and not rules.is_figure_reference("FIGN")
    assert rules.is_roman_numeral("IV") and rules.is_roman_numeral("VIII") and rules.is_roman_numeral("XII")
    assert not rules.is_roman_numeral("IIV") and not rules.is_roman_numeral("VIP") and not rules.is_roman_numeral("")
    assert rules.is_prose_word("apoptosis") and not rules.is_prose_word("Akt") and not rules.is_prose_word("miR")
    assert rules.stoplisted("CAT") and rules.stoplisted("ATP") and not rules.stoplisted("TP53")
    assert not rules.stoplisted("ATP", chemicals=False)
    # disease abbreviations: the curated disease table's (three characters or more) and a few more
    assert rules.stoplisted("COPD") and rules.stoplisted("HCC") and rules.stoplisted("MDS")
    assert "T2D" in rules.disease_abbreviations() and "AD" not in rules.disease_abbreviations()


@pytest.mark.parametrize(("word", "out"), [
    ("miR-155", "MIR155"), ("hsa-miR-21-5p", "MIR21"), ("miR-200a-3p", "MIR200A"), ("let-7a", "MIRLET7A"),
    ("mir-16-1", "MIR16-1"), ("microRNA-34a", "MIR34A"), ("miRNA", "miRNA"), ("MIRO1", "MIRO1"),
])
def test_mirna_symbol(word: str, out: str) -> None:
    assert T.mirna_symbol(word) == out


@pytest.mark.parametrize(("word", "parts"), [
    ("MRE11NBS1", ["MRE11", "NBS1"]), ("OAS1IFITM2", ["OAS1", "IFITM2"]), ("TP53", ["TP53"]), ("IL6R", ["IL6R"]),
    ("CD4T", ["CD4T"]), ("IKKαIKKβ", ["IKKα", "IKKβ"]), ("IFNγR1", ["IFNγR1"]),   # (parts of 3 at least)
    ("P65P50", ["P65", "P50"]), ("p65p50", ["p65", "p50"]), ("CYP2P1", ["CYP2P1"]),
])
def test_split_glued(word: str, parts: list[str]) -> None:
    assert T.split_glued(word) == parts


@pytest.mark.parametrize(("word", "parts"), [
    ("IFIH1,MX1", ["IFIH1", "MX1"]), ("SMAD2,SMAD3,SMAD4", ["SMAD2", "SMAD3", "SMAD4"]),
    ("IL-6,TNF-α", ["IL-6", "TNF-α"]), ("↑IFN−γ,IL-2", ["↑IFN−γ", "IL-2"]), ("a,↓ERK", ["a", "↓ERK"]),
    ("TLR1,2", ["TLR1,2"]), ("IFN-α,β", ["IFN-α,β"]),    # one name's list: join_list's
    ("1,4,5-IP3", ["1,4,5-IP3"]), ("IFIH1,", ["IFIH1,"]), ("IFIH1, MX1", ["IFIH1, MX1"]),
])
def test_split_comma(word: str, parts: list[str]) -> None:
    assert T.split_comma(word) == parts


@pytest.mark.parametrize(("word", "parts"), [
    ("MNK12", ["MNK1", "MNK2"]), ("TAO12", ["TAO1", "TAO2"]), ("IL13", ["IL13"]), ("ERK", ["ERK"]),
    ("CD34", ["CD3", "CD4"]),  # the recogniser tries this only when CD34 itself names no gene
])
def test_restore_slash(word: str, parts: list[str]) -> None:
    assert T.restore_slash(word) == parts


@pytest.mark.parametrize(("word", "parts"), [
    ("TLR718", ["TLR7", "TLR8"]), ("ERK112", ["ERK1", "ERK2"]), ("MEK1l2", ["MEK1", "MEK2"]),
    ("TLR817", ["TLR817"]),      # digits must rise across the slash
    ("MNK12", ["MNK12"]),        # a dropped slash is restore_slash's default
])
def test_restore_slash_read_as_one(word: str, parts: list[str]) -> None:
    assert T.restore_slash(word, read=True) == parts
    if parts != [word]:
        assert T.restore_slash(word) == [word]


def test_documented_order_is_the_order_used() -> None:
    from pathfig.ner import genes

    # strip_punct and american_spelling first (every word), then the rewrites in order.
    assert T.ORDER[:2] == ("strip_punct", "american_spelling")
    assert [name for name, _ in genes._REWRITES] == list(T.ORDER[2:2 + len(genes._REWRITES)])


@pytest.mark.parametrize(("word", "out"), [
    ("GIP2", "G1P2"), ("GIP3", "G1P3"), ("TRIP6", "TRIP6"), ("GIP", "GIP"), ("AIP12", "AIP12"),
])
def test_ocr_i_for_1(word: str, out: str) -> None:
    assert T.ocr_i_for_1(word) == out


@pytest.mark.parametrize(("word", "out"), [
    ("II6", "Il6"), ("II1b", "Il1b"), ("PIk1", "Plk1"), ("SIc2a4", "Slc2a4"), ("FIt3", "Flt3"),
    ("IIa", "IIa"), ("II", "II"), ("IL6", "IL6"), ("PIgR", "PlgR"),
    ("Copll", "CopII"), ("LiglV", "LigIV"), ("Angll", "AngII"), ("Nucl", "Nucl"), ("Jakl", "Jakl"),
])
def test_ocr_l_for_i(word: str, out: str) -> None:
    # (A rewrite: ``PIgR`` names a gene as read, so the recogniser never gets this far.)
    assert T.ocr_l_for_i(word) == out


@pytest.mark.parametrize(("word", "out"), [("miR-200a-3p个", "miR-200a-3p"), ("个", ""), ("TP53", "TP53")])
def test_strip_punct_drops_cjk_at_the_edges(word: str, out: str) -> None:
    # The recogniser's alphabet is mostly CJK; an arrowhead beside a label comes out as 个.
    assert T.strip_punct(word) == out


@pytest.mark.parametrize(("text", "american"), [
    ("Tumour necrosis factor", "Tumor necrosis factor"), ("Haem oxygenase", "Heme oxygenase"),
    ("haemoglobin", "hemoglobin"), ("Oestrogen receptor", "Estrogen receptor"),
    ("tensin homologue", "tensin homolog"), ("TP53", "TP53"), ("Tumor", "Tumor"),
])
def test_american_spelling(text: str, american: str) -> None:
    assert T.american_spelling(text) == american


def test_ocr_symbol_variants() -> None:
    assert "ATP5I" in T.ocr_symbol_variants("ATPSI")
    assert "GSK3B" in T.ocr_symbol_variants("GSK38")
    assert T.ocr_symbol_variants("Akt1") == []          # lower case: not a code of capitals
    assert "TPS3" in T.ocr_symbol_variants("TP53") and "TP53" not in T.ocr_symbol_variants("TP53")
    assert all(sum(a != b for a, b in zip("ABLI05", v)) <= 2 for v in T.ocr_symbol_variants("ABLI05"))


@pytest.mark.parametrize(("word", "out"), [
    ("elF3", "eIF3"), ("elF2α", "eIF2α"), ("eIF4E", "eIF4E"), ("ELF3", "ELF3"), ("elF", "elF"),
])
def test_eif_spelling(word: str, out: str) -> None:
    assert T.eif_spelling(word) == out
