"""Gene recognition on labels as printed in pathway figures: a table of cases, rules, properties."""

from __future__ import annotations

import functools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pathfig.cli import app
from pathfig.lexicon import Lexicon, LexiconEntry
from pathfig.models import Box, Word
from pathfig.ner import GeneRecognizer, Options, default_recognizer


@pytest.fixture(scope="module")
def rec() -> GeneRecognizer:
    return default_recognizer()


def symbols(rec: GeneRecognizer, text: str) -> list[str]:
    return sorted({m.ncbigene_symbol for m in rec.recognize_text(text)})


# Labels as printed in published pathway figures → the HGNC symbols pathfig must report.
# Family names (PI3K, AKT, NF-κB, Smads) report one representative member (the most cited);
# test_family_candidates checks that every member is kept as a candidate.
LABELS = [
    ('TNF-α', ['TNF']),
    ('IL-1β', ['IL1B']),
    ('IFN-γ', ['IFNG']),
    ('TGF-β1', ['TGFB1']),
    ('NF-κB', ['NFKB1']),
    ('β-catenin', ['CTNNB1']),
    ('IKKα', ['CHUK']),
    ('PKCδ', ['PRKCD']),
    ('14-3-3ε', ['YWHAE']),
    ('GSK3β', ['GSK3B']),
    ('p27', ['CDKN1B']),
    ('HMGR', ['HMGCR']),
    ('GAF', ['STAT1']),
    ('MKP', ['DUSP1']),
    ('PP5', ['PPP5C']),
    ('PP2Cα', ['PPM1A']),
    ('PP2CA', ['PPM1A']),
    ('eIF4F', ['EIF4E']),
    ('LAT1', ['SLC7A5']),
    ('IFN-α,β', ['IFNA1', 'IFNB1']),
    ('IFNalpha', ['IFNA1']),
    ('ERK1/2', ['MAPK1', 'MAPK3']),
    ('SMAD1/5/8', ['SMAD1', 'SMAD5', 'SMAD9']),
    ('IRF3/7', ['IRF3', 'IRF7']),
    ('KDM6A/B', ['KDM6A', 'KDM6B']),
    ('AdipoR1/R2', ['ADIPOR1', 'ADIPOR2']),
    ('WNT1-3', ['WNT1', 'WNT2', 'WNT3']),
    ('TLR1,2 and 5', ['TLR1', 'TLR2', 'TLR5']),
    ('IKKα/β/γ', ['CHUK', 'IKBKB', 'IKBKG']),
    ('Caspase-3/7', ['CASP3', 'CASP7']),
    ('PP1α/γ', ['PPP1CA', 'PPP1CC']),
    ('Atg5-Atg12', ['ATG12', 'ATG5']),
    ('MEK1/2', ['MAP2K1', 'MAP2K2']),
    ('p-AKT', ['AKT1']),
    ('pERK', ['MAPK1']),
    ('c-Myc', ['MYC']),
    ('v-Src', ['SRC']),
    ('GST-Akt', ['AKT1']),
    ('FLAG-ERK2', ['MAPK1']),
    ('Ras-GTP', ['KRAS']),
    ('Rac1-GDP', ['RAC1']),
    ('STAT3-P', ['STAT3']),
    ('AKT-S473', ['AKT1']),
    ('pS6K', ['RPS6KB1']),
    ('Smads', ['SMAD3']),
    ('Caspases', ['CASP3']),
    ('Caspase 12', ['CASP12']),
    ('14-3-3 epsilon', ['YWHAE']),
    ('protein kinase C', ['PRKCA']),
    ('Cyclin D1', ['CCND1']),
    # Full names with a hyphen where the official name has a space, and the other way round.
    ('Amyloid-beta precursor protein', ['APP']),
    ('Brain-derived neurotrophic factor', ['BDNF']),
    ('Mitogen activated protein kinase kinase 1', ['MAP2K1']),
    # Protein names from MeSH, which HGNC lacks.
    ('Osteopontin', ['SPP1']),
    ('Neutral ceramidase', ['ASAH2']),
    ('Factor VII', ['F7']),
    ('Estrogen receptor alpha', ['ESR1']),
    ('Geminin', ['GMNN']),
    # FamPlex's grounding map settles an alias two genes share, when the literature agrees.
    ('NIK', ['MAP3K14']),
    # OCR reads γ as y; γt is RORC's T-cell isoform.
    ('AMPKy3', ['PRKAG3']),
    ('IFN-y', ['IFNG']),
    ('RORγt', ['RORC']),
    # Clotting factors by Roman numeral, activated or not.
    ('FVIIa', ['F7']),
    ('Factor IXa', ['F9']),
    ('FX', ['F10']),
    # Residue-phospho and ubiquitin prefixes; Roman-numbered receptor types and kinases.
    ('pY705-STAT3', ['STAT3']),
    ('Ub-PCNA', ['PCNA']),
    ('TGF-βRI', ['TGFBR1']),
    ('CaMKIIδ', ['CAMK2D']),
    ('BMPRII', ['BMPR2']),
    # C/EBP's slash is part of its name; a Greek letter is no English word (Gαs, not "gas").
    ('C/EBPβ', ['CEBPB']),
    ('C/EBP', ['CEBPA']),
    ('Gαs', ['GNAS']),
    # Curated corrections (lexicon/curated/genes.tsv).
    ('MHC-II', ['HLA-DRB1']),
    ('cytochrome c', ['CYCS']),
    ('YAP/TAZ', ['WWTR1', 'YAP1']),
    ('Aurora A', ['AURKA']),
    ('γH2AX', ['H2AX']),
    ('Topo IIα', ['TOP2A']),
    ('IL-12p40', ['IL12B']),
    ('gp130', ['IL6ST']),
    ('C5a', ['C5']),
    ('PD-1', ['PDCD1']),
    ('InsR', ['INSR']),
    ('FIH', ['HIF1AN']),
    ('Talin', ['TLN1']),
    ('Noxa', ['PMAIP1']),
    ('AIF', ['AIFM1']),
    ('FXR', ['NR1H4']),
    ('XBP1s', ['XBP1']),
    ('tBid', ['BID']),
    ('Dsh', ['DVL2']),
    ('ANP', ['NPPA']),
    ('cPLA2', ['PLA2G4A']),
    ('DOR', ['OPRD1']),
    ('PAR2', ['F2RL1']),
    ('tPA', ['PLAT']),
    ('PI3K/Akt/mTOR', ['AKT1', 'MTOR', 'PIK3CA']),
    ('TGN', []),
    ('E2F1-3', ['E2F1', 'E2F2', 'E2F3']),
    ('HLA-DR4', ['HLA-DRB1']),
    ('lL-6', ['IL6']),
    ('Ca²+/CaM', ['CALM1']),
    ('SNAREs', []),
    ('hematopoietic stem cell (HSC)', []),
    ('tumor necrosis factor (TNF)', ['TNF']),
    ('KRASG12D', ['KRAS']),
    ('EGFRvIII', ['EGFR']),
    ('AR-V7', ['AR']),
    ('Adiponectin receptor', []),
    ('ACE2 receptor', ['ACE2']),
    ('Caspase-11', []),
    ('BET', ['BRD4']),
    ('m6A', []),
    ('PI3Kδ', ['PIK3CD']),
    ('FLT3-ITD', ['FLT3']),
    ('CAR-T', []),
    ('NT-3', ['NTF3']),
    ('Aβ42', ['APP']),
    ('sAPPα', ['APP']),
    ('α-SMA', ['ACTA2']),
    ('ALP', ['ALPL']),
    ('Collagen I', ['COL1A1']),
    ('AT2R', ['AGTR2']),
    ('Podocin', ['NPHS2']),
    ('MCT4', ['SLC16A3']),
    ('G6PDH', ['G6PD']),
    ('PDI', ['P4HB']),
    ('Rab11', ['RAB11A']),
    ('IL12', ['IL12B']),
    ('CoQ10', []),
    ('β-arrestin 2', ['ARRB2']),
    ('β-arrestin-1', ['ARRB1']),
    ('P-gp', ['ABCB1']),
    ('Pak-2', ['PAK2']),
    ('Insulin receptor', ['INSR']),
    ('β-Klotho', ['KLB']),
    # Rb as printed is the retinoblastoma protein; pRb/p-Rb spell its synonym, not the PRB1-4 root.
    ('Rb', ['RB1']),
    ('RB', []),
    ('pRb', ['RB1']),
    ('p-Rb', ['RB1']),
    ('sEH', ['EPHX2']),
    # Soluble, human and recombinant-human forms.
    ('sICAM-1', ['ICAM1']),
    ('hTERT', ['TERT']),
    ('rhIL-10', ['IL10']),
    ('hMSC', []),
    # Precursor forms, with or without the hyphen.
    ('procaspase-8', ['CASP8']),
    ('Procaspase-1', ['CASP1']),
    ('proIL-1β', ['IL1B']),
    ('proMMP-9', ['MMP9']),
    ('Protects', []),
    # EC numbers printed with "EC", also when a label ran into them.
    ('EC 2.7.1.30', ['GK']),
    ('Glycerol kinaseEC 2.7.1.30', ['GK']),
    ('2.7.1.30', []),
    ('МАРК8', ['MAPK8']),
    ('TP53', ['TP53']),
    ('p53', ['TP53']),
    ('MDM2', ['MDM2']),
    ('EGFR', ['EGFR']),
    ('HER2', ['ERBB2']),
    ('ErbB2', ['ERBB2']),
    ('GRB2', ['GRB2']),
    ('SOS1', ['SOS1']),
    ('KRAS', ['KRAS']),
    ('Raf-1', ['RAF1']),
    ('B-Raf', ['BRAF']),
    ('MEK', ['MAP2K1']),
    ('ERK', ['MAPK1']),
    ('JNK', ['MAPK8']),
    ('p38', ['MAPK14']),
    ('p38 MAPK', ['MAPK14']),
    ('PI3K', ['PIK3CA']),
    ('PTEN', ['PTEN']),
    ('mTOR', ['MTOR']),
    ('mTORC1', ['MTOR']),
    ('mTORC2', ['MTOR']),
    ('Rheb', ['RHEB']),
    ('TSC2', ['TSC2']),
    ('AMPK', ['PRKAA1']),
    ('LKB1', ['STK11']),
    ('S6K1', ['RPS6KB1']),
    ('4E-BP1', ['EIF4EBP1']),
    ('eIF4E', ['EIF4E']),
    ('Bcl-2', ['BCL2']),
    ('Bcl-xL', ['BCL2L1']),
    ('Bax', ['BAX']),
    ('Bak', ['BAK1']),
    ('Bid', ['BID']),
    ('Apaf-1', ['APAF1']),
    ('Caspase-9', ['CASP9']),
    ('Caspase-8', ['CASP8']),
    ('FADD', ['FADD']),
    ('TRADD', ['TRADD']),
    ('TRAF6', ['TRAF6']),
    ('TRAF2', ['TRAF2']),
    ('RIPK1', ['RIPK1']),
    ('RIPK3', ['RIPK3']),
    ('MLKL', ['MLKL']),
    ('IRAK4', ['IRAK4']),
    ('IRAK1', ['IRAK1']),
    ('MyD88', ['MYD88']),
    ('TRIF', ['TICAM1']),
    ('TLR4', ['TLR4']),
    ('CD14', ['CD14']),
    ('MD-2', ['LY96']),
    ('NEMO', ['IKBKG']),
    ('IKKβ', ['IKBKB']),
    ('IκBα', ['NFKBIA']),
    ('RelA', ['RELA']),
    ('p65', ['RELA']),
    ('p50', ['NFKB1']),
    ('JAK2', ['JAK2']),
    ('STAT3', ['STAT3']),
    ('STAT5', ['STAT5A']),
    ('SOCS3', ['SOCS3']),
    ('IL-6', ['IL6']),
    ('IL-6R', ['IL6R']),
    ('TNFR1', ['TNFRSF1A']),
    ('TNF-R1', ['TNFRSF1A']),
    ('Fas', ['FAS']),
    ('FasL', ['FASLG']),
    ('TRAIL', ['TNFSF10']),
    ('DR5', ['TNFRSF10B']),
    ('Notch1', ['NOTCH1']),
    ('Jagged1', ['JAG1']),
    ('Hes1', ['HES1']),
    ('Wnt3a', ['WNT3A']),
    ('Frizzled', ['FZD4']),
    ('LRP5/6', ['LRP5', 'LRP6']),
    ('Dvl', ['DVL2']),
    ('Axin', ['AXIN1']),
    ('APC', ['APC']),
    ('GSK-3β', ['GSK3B']),
    ('TCF/LEF', ['TCF7L2']),  # FamPlex's TCF_LEF, one node
    ('Shh', ['SHH']),
    ('PTCH1', ['PTCH1']),
    ('SMO', ['SMO']),
    ('Gli1', ['GLI1']),
    ('YAP', ['YAP1']),
    ('LATS1/2', ['LATS1', 'LATS2']),
    ('HIF-1α', ['HIF1A']),
    ('VEGF', ['VEGFA']),
    ('VEGFR2', ['KDR']),
    ('PDGFRβ', ['PDGFRB']),
    ('FGFR1', ['FGFR1']),
    ('IGF-1R', ['IGF1R']),
    ('IRS-1', ['IRS1']),
    ('GLUT4', ['SLC2A4']),
    ('PPARγ', ['PPARG']),
    ('PGC-1α', ['PPARGC1A']),
    ('SIRT1', ['SIRT1']),
    ('FOXO3a', ['FOXO3']),
    ('CREB', ['CREB1']),
    ('c-Jun', ['JUN']),
    ('c-Fos', ['FOS']),
    ('AP-1', ['JUN']),
    ('Nrf2', ['NFE2L2']),
    ('Keap1', ['KEAP1']),
    ('HO-1', ['HMOX1']),
    ('NQO1', ['NQO1']),
    ('p21', ['CDKN1A']),
    ('CDK4/6', ['CDK4', 'CDK6']),
    ('Cyclin E', ['CCNE1']),
    ('CDK2', ['CDK2']),
    ('E2F1', ['E2F1']),
    ('ATM', ['ATM']),
    ('ATR', ['ATR']),
    ('Chk1', ['CHEK1']),
    ('Chk2', ['CHEK2']),
    ('BRCA1', ['BRCA1']),
    ('PARP1', ['PARP1']),
    ('Beclin 1', ['BECN1']),
    ('LC3', ['MAP1LC3A']),
    ('p62', ['SQSTM1']),
    ('ULK1', ['ULK1']),
    ('Atg7', ['ATG7']),
    ('RLRs', ['RIGI']),
    ('CEACAM1-L', ['CEACAM1']),  # long isoform
    ('CD40-L', ['CD40LG']),      # a ligand's name, found before the isoform rewrite        # RIG-I-like receptors: a FamPlex family, not a stoplisted class word
    # prose, chemicals and ions that collide with gene names
    ("apoptosis", []),
    ("CELL", []),
    ("ALL", []),
    ("and", []),
    ("ATP", []),
    ("ROS", []),
    ("Ca2+", []),
    ("Na+", []),
    ("DNA", []),
    ("cat", []),
    ("rest", []),
    ("impact", []),
    # lower-case words: names written as words count, acronyms and English words do not
    ("insulin", ["INS"]),
    ("vimentin", ["VIM"]),
    ("viperin", ["RSAD2"]),
    ("beclin 1", ["BECN1"]),
    ("wave", []),        # WAVE (WASF1) is an acronym
    ("steps", []),       # STEP (PTPN5)
    ("homodimer", []),   # an NCBI synonym of SOD1
    ("flower", []),      # an HGNC alias of CACFD1
    ("actin", []),       # a class word in prose (actin cytoskeleton); Actin is the family
    ("YH2AX", ["H2AX"]),               # OCR reads a leading γ as Y ...
    ("y-tubulin", ["TUBG1"]),
    ("YST", []),                       # ... but only names written with γ count (not GST)
    ("SERCA2a", ["ATP2A2"]),           # splice isoform letter
    ("IL-1Ra", ["IL1RN"]),             # curated: the receptor antagonist, not IL1R1's old symbol
    ("p110-y", ["PIK3CG"]),            # proteins named by mass keep their p (p110γ, OCR y)
    ("14-3-3", ["YWHAZ"]),             # a family named by numbers alone
    ("6-16", []),                      # ... other digit names are ranges (IFI6's alias)
    ("HMG-CoA reductase", ["HMGCR"]),
    ("thrombin", ["F2"]),
    ("AMPKβ1", ["PRKAB1"]),
    ("APC/C", ["CDC27"]),              # the anaphase-promoting complex, not APC and a stray C
    ("SWI/SNF complex", ["SMARCA4"]),
    ("Separase", ["ESPL1"]),
    ("CR3", ["ITGB2"]),                # complement receptor 3 (Mac-1), not CRIPTO3
    ("factor H", ["CFH"]),
    ("properdin", ["CFP"]),
    ("hsa-mir-16", ["MIR16-1"]),       # a microRNA's precursor gene, not GDE1 (alias MIR16)
    ("miR-16-5p", ["MIR16-1"]),
    ("pp1ab", []),                     # coronavirus polyprotein, not PP1α
    ("PB1", []),                       # influenza polymerase subunit (and the PB1 domain)
    ("MCs", []),                       # mast cells: a plural of capitals names a class
    ("DCs", []),
    ("NF-xB", ["NFKB1"]),              # OCR reads κ as x
    ("IxBα", ["NFKBIA"]),
    ("p-STAT3Y705", ["STAT3"]),        # a phospho-site glued to the symbol's number
    ("TP53¹", ["TP53"]),               # a footnote mark, not part of the number
    ("IL-6R·gp130", ["IL6R", "IL6ST"]),
    ("Arginase", ["ARG1"]),            # arginase 1 and 2: an enzyme's name without its number
    ("Malate dehydrogenase", ["MDH2"]),
    ("Transcription factor", []),      # ... other numbered names are classes
    ("Carnitine palmitoyltransferase 1", ["CPT1A"]),   # curated: CPT-1 in words (1A, 1B, 1C)
    ("CK1δ/ε", ["CSNK1D", "CSNK1E"]),  # curated: HGNC writes CKIdelta
    ("S6 kinase", ["RPS6KB1"]),
    ("GIP2", ["ISG15"]),               # G1P2 (ISG15's old symbol) with 1 read as I
    ("Sestrin2", ["SESN2"]),           # a name glued to its number ("sestrin 2")
    ("Proteins", []),                  # ... but not "protein S"
    ("v-ATPase", ["ATP6AP2"]),         # curated complexes of lysosome and mTORC1 figures
    ("HOPS", ["VPS33A"]),
    ("Rag GTPases", ["RRAGA"]),
    ("GATOR1", ["DEPDC5"]),
    ("ATPase", []),
    ("NICD", ["NOTCH1"]),              # curated Notch, Wnt and G12/13 names
    ("CSL", ["RBPJ"]),
    ("Gα12/13", ["GNA12", "GNA13"]),
    ("Wntless", ["WLS"]),
    ("CPT1", ["CPT1A"]),               # previous symbol of CPT1A and CPT2 (paralogs), alias of CHPT1
    ("Hsp70", ["HSPA1A"]),             # curated: the inducible HSPA1A/B, not BiP (HSPA5)
    ("PAF-R", ["PTAFR"]),
    ("SMase", ["SMPD1"]),
    ("NO synthase", ["NOS3"]),
    ("Atg16", ["ATG16L1"]),
    ("JAK1→JAK2", ["JAK1", "JAK2"]),   # OCR reads arrows and plus signs without spaces
    ("JAK1+JAK2", ["JAK1", "JAK2"]),
    ("TNF-α→NF-κB", ["NFKB1", "TNF"]),
    ("IL2/3", ["IL2", "IL3"]),
    ("P13K", ["PIK3CA"]),
    ("XBP-1(s)", ["XBP1"]),
    ("LC3-II", ["MAP1LC3A"]),
    ("CycD", ["CCND1"]),
    ("FDFT", ["FDFT1"]),               # the root of one gene, four letters or more
    ("THY", []),                       # not THY1: a three-letter root of one gene is no family
    ("SEH", ["EPHX2"]),                # soluble epoxide hydrolase, not SEH1L's root
    ("ZAP", ["ZC3HAV1"]),              # the antiviral protein, not ZAP70's root
    ("(VIII)", []),                    # a Roman numeral alone (COX8A's alias VIII)
    ("Factor VIII", ["F8"]),
    ("NP+B", []),                      # a sign inside a word the key drops: not NPB
    ("Can't", []),
    ("MDMs", []),                      # cell types: monocyte-derived macrophages, not the MDM family
    ("HSC", []),                       # haematopoietic stem cells, not FUT1's old symbol
    ("cDC1", []),                      # conventional dendritic cells ...
    ("CDC2", ["CDK1"]),                # ... but CDK1's old symbol in capitals
    ("TIL", []),
    ("COPD", []),                      # disease abbreviations: not ARCN1's old symbol
    ("HCC", []),
    ("ST2", ["IL1RL1"]),               # the IL-33 receptor, not a locus of unknown type
    ("IFNR", ["IFNAR2"]),
    ("TALDO", ["TALDO1"]),             # a pseudogene's old symbol does not hide the root
    ("Cyt c", ["CYCS"]),               # curated enzyme and protein nicknames
    ("Ferritin", ["FTL"]),
    ("TOR", ["MTOR"]),
    ("GABAB", ["GABBR1"]),
    ("Fumarase", ["FH"]),
    ("Smad2/3-P", ["SMAD2", "SMAD3"]),   # a suffix after a slash list marks every gene
    ("ERK1/2-P", ["MAPK1", "MAPK3"]),
    ("pERK1/2", ["MAPK1", "MAPK3"]),     # a glued phospho p before a list, as p-ERK1/2
    ("pJNK1/2", ["MAPK8", "MAPK9"]),
    ("cl-caspase-3", ["CASP3"]),        # cleaved forms of western-blot panels
    ("cl-PARP", ["PARP1"]),
    ("HP1α", ["CBX5"]),                 # a final Greek letter among synonyms alone (not TFF1's HP1.A)
    ("a2B receptor", ["ADRA2B"]),       # α typed as a: adrenergic ...
    ("A2B receptor", ["ADORA2B"]),      # ... A2B: adenosine
    ("α1 receptor", ["ADRA1A"]),
    ("Type II IFN", ["IFNG"]),          # interferon types (IFN alone: type I)
    ("IFN-III", ["IFNL3"]),
    ("Type I IFN receptor", ["IFNAR1"]),
    ("μ-opioid receptor", ["OPRM1"]),
    ("KOP", ["OPRK1"]),                 # IUPHAR receptor names
    ("NOP", ["OPRL1"]),
    ("A1R", ["ADORA1"]),
    ("BKCa", ["KCNMA1"]),               # channels and pumps of cardiac and renal figures
    ("KATP", ["KCNJ11"]),
    ("NCX", ["SLC8A1"]),
    ("β-MHC", ["MYH7"]),
    ("NT-proBNP", ["NPPB"]),
    ("H+/K+-ATPase", ["ATP4A"]),
    ("Protein C", ["PROC"]),            # coagulation, not the salivary PRH2
    ("Plasmin", ["PLG"]),
    ("GCN5", ["KAT2A"]),                # not PCAF (KAT2B)
    ("HK", ["HK2"]),                    # hexokinase: a two-letter family glycolysis diagrams print
    ("Pyruvate kinase", ["PKM"]),       # enzyme classes in words (HGNC names only isoforms)
    ("lactate dehydrogenase", ["LDHA"]),
    ("GDH", ["GLUD1"]),                 # glutamate dehydrogenase, not H6PD's old symbol
    ("SCS", ["SUCLA2"]),                # succinyl-CoA synthetase, not TWIST1's alias
    ("PEPCK", ["PCK1"]),
    ("Importin α", ["KPNA2"]),          # karyopherins, not HGNC's numbered importins
    ("CMG", ["MCM7"]),                  # the replicative helicase, not CASK's synonym
    ("CRL4", ["CUL4A"]),                # cullin-RING ligases, not old interleukin-receptor aliases
    ("CRL1", ["CUL1"]),
    ("GPIIb/IIIa", ["ITGB3"]),
    ("ERR", ["ESRRA"]),                 # estrogen-related receptors, not SLC7A1's old symbol
    ("LepRb", ["LEPR"]),
    ("TP receptor", ["TBXA2R"]),
    ("INF-α", ["IFNA1"]),               # a misspelt IFN-α: the family, not IFNA17's synonym
    ("MDC", ["CCL22"]),                 # macrophage-derived chemokine, not ADAM11's old symbol
    ("Rha", []),                        # monosaccharides: rhamnose, not DHX9's alias RHA
    ("Glc", []),
    ("Gal", []),                        # galactose ...
    ("GAL", ["GAL"]),                   # ... galanin in capitals
    ("Jakl", ["JAK1"]),                 # OCR's l for a final 1, not JAK3's alias JAKL
    ("Rapl", ["RAP1A"]),                # not RASSF5's alias RAPL
    ("Hsl", ["LIPE"]),                  # "Hs1" names no gene by its symbol
    ("Cbl", ["CBL"]),                   # a symbol as printed stays
    ("RF9", ["IRF9"]),                  # OCR lost the I beside a node's outline
    ("FIT3", ["IFIT3"]),
    ("F135", ["IFI35"]),                # ... and read its I as 1
    ("FNGR1", ["IFNGR1"]),
    ("RIG-", ["RIGI"]),                 # ... or the final I of a hyphenated name
    ("GCAP-", ["GUCA1A"]),
    ("IFN-", ["IFNB1"]),                # a name before its hyphen stays what it names
    ("CA-", []),                        # two letters: calcium, not carbonic anhydrase I
    ("D3", []),                         # two characters: vitamin D3, not ID3
    ("CD3", ["CD3E"]),                  # a name as read is never second-guessed
    ("II4", ["IL4"]),                   # Il4 in a sans-serif face
    ("PIk1", ["PLK1"]),
    ("IIa", []),                        # factor IIa, not TNFRSF9's old symbol ILA
    ("LC3-II1", []),                    # a numeral inside a split word stays one (not Il1)
    ("TLR718", ["TLR7", "TLR8"]),       # the slash of TLR7/8 read as a 1
    ("ERK112", ["MAPK1", "MAPK3"]),
    ("NR113", ["NR1I3"]),               # an I read as 1 before a slash read as 1
    ("TNFRSF118", ["TNFRSF11B"]),
    ("IRF3P", ["IRF3"]),                # the phospho mark glued to the name
    ("PI4P", []),                       # a phosphoinositide, not SERPINA4's old symbol PI4
    ("LiglV", ["LIG4"]),                # DNA ligase IV, its numeral's I read as l
    ("Nucl", []),                       # nucleus, not PPARD's alias NUCI
    ("COPII", ["SEC13"]),               # the vesicle coat, a curated family
    ("CopI", ["COPA"]),                 # the coatomer, not the E3 ligase COP1
    ("Cop1", ["COP1"]),
    ("Pellino-1", ["PELI1"]),
    ("Smoothened", ["SMO"]),
    ("ApoE4", ["APOE"]),
    ("TRAIL-R", ["TNFRSF10B"]),
    ("AMP kinase", ["PRKAA1"]),             # AMPK, not adenylate kinase (MeSH's entry term)
    ("finger protein", []),                  # a MeSH synonym cut down to generic words
    ("IKKαIKKβ", ["CHUK", "IKBKB"]),          # two subunits glued where a slash was lost
    ("LUBAC", ["RNF31"]),                    # a curated complex: HOIP, HOIL-1, SHARPIN
    ("ZAPS", ["ZC3HAV1"]),
    ("lkBa", ["NFKBIA"]),                    # IκBα: I read as l, κ printed as k
    ("P65P50", ["NFKB1", "RELA"]),           # the NF-κB dimer's two shapes read as one word
    ("RSK", ["RPS6KA1"]),                    # p90 RSK (curated), not FamPlex's wider RSK whose top is S6K1
    ("PTPN2-1", ["PTPN2"]),                  # isoform 1 of PTPN2 (Reactome's style), not PTPN21
    ("STAT1-1", ["STAT1"]),
    ("NKX2-1", ["NKX2-1"]),                  # a symbol written with its hyphen stays
    ("B7-2", ["CD86"]),
    ("B2M(21-119)", ["B2M"]),                # a chain's residue range, as Reactome prints it
    ("IFIH1,MX1,", ["IFIH1", "MX1"]),        # OCR dropped the space after a list's comma
    ("collagen,fibronectin", ["FN1"]),       # each part as a word of its own: collagen names no gene
    ("ERK1/2,p38", ["MAPK1", "MAPK14", "MAPK3"]),   # not a slash list with a stray part
    ("Na,K-ATPase", ["ATP1A1"]),            # a name written with its comma stays whole
    ("Ate", []),                        # a word, not ATM's NCBI synonym ATE
    ("Toll", []),                       # the fly receptor, not TLR4's NCBI synonym
    ("Prolidase", ["PEPD"]),            # a protein's name stays
    ("NF-I°B", []),                     # a degree sign inside a word is OCR noise, not NFIB
    ("AK•T", []),
    ("fldB", []),                       # bacterial gene style: not APOB's synonym FLDB ...
    ("porC", []),                       # ... nor HMBS's old symbol PORC
    ("cblA", ["MMAA"]),                 # ... unless a name is spelled exactly so
    ("minK", ["KCNE1"]),
    ("MEK1/2-ERK1/2", ["MAP2K1", "MAP2K2", "MAPK1", "MAPK3"]),   # a cascade of slash lists
    ("Smad2/3-Smad4", ["SMAD2", "SMAD3", "SMAD4"]),
    ("JNK1/2-c-Jun", ["JUN", "MAPK8", "MAPK9"]),
    ("FcyRIIB", ["FCGR2B"]),               # OCR read γ as y before a receptor's R too
    ("IFNyR1/2", ["IFNGR1", "IFNGR2"]),
    ("TYR", []),                           # tyrosine, stoplisted; no TγR (TXNRD3) either
    ("IFNγRα", ["IFNGR1"]),                # a receptor's α and β chains are its 1 and 2
    ("IFNγRβ", ["IFNGR2"]),
    ("IL-2Rα", ["IL2RA"]),                 # ... when no symbol letters them
    ("RelB-NF-kB2", ["NFKB2", "RELB"]),     # two names, the second with a hyphen of its own
    ("IkBα-NF-kB1", ["NFKB1", "NFKBIA"]),
    ("NF-kB2", ["NFKB2"]),                  # the gene, not FamPlex's class NFkappaB_2 (RELA)
    ("APC/C-Cdc20", ["CDC20", "CDC27"]),   # the anaphase-promoting complex, not APC
    ("ASC-2/NCOA6", ["NCOA6"]),            # a part starting with a number ends a name
    ("Neuroligin", ["NLGN1"]),             # numbered protein names of one word name a family
    ("Presenilin", ["PSEN1"]),
    ("Sestrins", ["SESN2"]),
    ("αvβ3", ["ITGAV", "ITGB3"]),          # integrin heterodimers: both chains ...
    ("αLβ2", ["ITGAL", "ITGB2"]),          # ... (not AFM's alias ALB2)
    ("α4β2", []),                          # a nicotinic receptor, no integrin
    ("α4β2 nAChR", ["CHRNA4", "CHRNB2"]),  # a family and its subunits: those members ...
    ("α7-nAChR", ["CHRNA7"]),
    ("AMPK α1β1γ1", ["PRKAA1", "PRKAB1", "PRKAG1"]),
    ("AMPKα2β2γ3", ["PRKAA2", "PRKAB2", "PRKAG3"]),
    ("α1β2γ2 GABAA receptor", ["GABRA1", "GABRB2", "GABRG2"]),
    ("GABAA receptor α5", ["GABRA5"]),
    ("sGC α1β1", ["GUCY1A1", "GUCY1B1"]),  # ... (not the integrin α1β1)
    ("PKC δ", ["PRKCD"]),
    ("PI3K α", ["PIK3CA"]),
    ("HIF α", ["HIF1A"]),                  # no member ends in A: the family, as before
    ("soluble guanylate cyclase α1β1", ["GUCY1A1", "GUCY1B1"]),
    ("Nicotinic acetylcholine receptor α7", ["CHRNA7"]),   # a class, then which subunit
    ("nicotinic acetylcholine receptor", []),   # a class takes its words (not the muscarinic CHRM3)
    ("G-protein Coupled Receptor", []),    # (not GNAS for G-protein)
    ("p70 S6K", ["RPS6KB1"]),              # a mass apart from its name: one name ...
    ("p90 RSK", ["RPS6KA1"]),
    ("p44/42 MAPK", ["MAPK1", "MAPK3"]),
    ("p21 Ras", ["HRAS"]),
    ("p53 MDM2", ["MDM2", "TP53"]),        # ... not two names glued
    ("p-ERK1/2(T202/Y204)", ["MAPK1", "MAPK3"]),   # a site suffix marks every gene of the list
    ("p-Smad1/5/8(S463/465)", ["SMAD1", "SMAD5", "SMAD9"]),
    ("p120 catenin", ["CTNND1"]),
    ("Bcr-Abl", ["ABL1", "BCR"]),          # the fusion: both genes
    ("ALK1", ["ACVRL1"]),                  # the TGF-β type I receptors ALK1–7 ...
    ("ALK4/5/7", ["ACVR1B", "ACVR1C", "TGFBR1"]),   # ... a list in aliases keeps each gene
    ("ALK2/3/6", ["ACVR1", "BMPR1A", "BMPR1B"]),
    ("IL-17RA/RC", ["IL17RA", "IL17RC"]),
    ("HLA-DQA1/DQB1", ["HLA-DQA1", "HLA-DQB1"]),   # a list under one prefix
    ("HLA-DR/DQ", ["HLA-DQB1", "HLA-DRB1"]),
    ("CDK-cyclin", []),                    # cyclin is no CCN (CCN1–6)
    ("PKC α/β", ["PRKCA", "PRKCB"]),       # a Greek list printed apart from its name
    ("IKK α/β/γ", ["CHUK", "IKBKB", "IKBKG"]),
    ("GSK-3 α/β", ["GSK3A", "GSK3B"]),
    ("FGFR 1-4", ["FGFR1", "FGFR2", "FGFR3", "FGFR4"]),   # a range or list printed apart
    ("Wnt 5a/b", ["WNT5A", "WNT5B"]),
    ("IL 1β", ["IL1B"]),
    ("NF- κB", ["NFKB1"]),
    ("days 1-3", []),
    ("SREBP", ["SREBF1"]),                 # curated families figures print as acronyms
    ("FcεRI", ["FCER1A"]),
    ("NKCC", ["SLC12A2"]),
    ("5-HT2AR", ["HTR2A"]),                # a receptor's name with R for receptor
    ("CB2R", ["CNR2"]),
    ("P2X7R", ["P2RX7"]),
    ("H3R", []),                           # histone H3 is no receptor
    ("A2AR", ["ADORA2A"]),                 # a capital A is no α: adenosine ...
    ("α2AR", ["ADRA2A"]),                  # ... the Greek letter: adrenergic
    ("ASMA", ["ACTA2"]),
    ("TLRs 2/4", ["TLR2", "TLR4"]),
    ("STAT 5", ["STAT5A"]),
    ("MET", ["MET"]),
    ("BAD", ["BAD"]),
    # approved full names
    ("Insulin receptor", ["INSR"]),
    ("Glycerol kinase", ["GK"]),
    ("Cyclin-dependent kinase 6", ["CDK6"]),
    ("Catalase", ["CAT"]),
    ("Pro-CASP8", ["CASP8"]),
    ("miR-155", ["MIR155"]),
    ("hsa-miR-21-5p", ["MIR21"]),
    ("IκB", ["NFKBIA"]),
    # OCR merges and dropped slashes; chemicals after a prefix is removed
    ("MRE11NBS1", ["MRE11", "NBN"]),
    ("MNK12", ["MKNK1", "MKNK2"]),
    ("MST12", ["STK3", "STK4"]),             # a lost slash is a slash list: the Hippo kinases
    ("MVP12", []),                           # not one series: SNX8's Mvp1 and DCHS1's MVP2
    ("IL12", ["IL12B"]),
    ("cAMP", []),
    ("cGMP", []),
    # cell populations, two-letter abbreviations, pseudogene aliases, full names in one word
    ("CD8+", []),
    ("NAD+", []),
    ("PC", []),
    ("TG", []),
    ("AR", ["AR"]),
    ("C3", ["C3"]),
    ("CR4", []),
    ("Proteins", []),
    ("NS3/4A", []),
    ("PGD2", []),
    ("CAMP", []),
    ("is a", []),
    ("p 38", ["MAPK14"]),
    ("IL 6", ["IL6"]),
    # full names of seven words and more; names in brackets glued to another name
    ("Dual-specificity tyrosine phosphorylation regulated kinase 1A", ["DYRK1A"]),
    ("Signal transducer and activator of transcription 3", ["STAT3"]),
    ("ARF(CDKN2A)", ["CDKN2A"]),
    ("p21(WAF1)", ["CDKN1A"]),
    ("CUL2(ZYG11B)", ["CUL2", "ZYG11B"]),
    ("Cdc42(GTP)", ["CDC42"]),
    ("senescence(RAS)", []),
    ("PI(3)K", ["PIK3CA"]),
    ("Ca(2+)", []),
    # figure references and cell lines that spell aliases (FIG1, THP1, PC3, INS-1, HL-1)
    ("Fig 1", []),
    ("Fig. 2b", []),
    ("Figure 3", []),
    ("THP-1", []),
    ("(THP-1 cells)", []),
    ("Huh7", []),
    ("PC-3", []),
    ("INS-1", []),
    ("HL-1", []),
    ("HK-2", ["HK2"]),
    # complexes named with a slash or in words (FamPlex's printed names); classes are no node
    ("SWI/SNF", ["SMARCA4"]),
    ("Na/K-ATPase", ["ATP1A1"]),
    ("Na+/K+-ATPase", ["ATP1A1"]),
    ("NADPH oxidase", ["RAC1"]),
    ("IL2/3", ["IL2", "IL3"]),
    ("Growth factor", []),
    ("Growth Factor", []),
    ("G protein", []),
    ("Sodium channels", []),
    # "X receptor": X's own gene when it is a receptor, else the receptor named with R
    ("CB2 receptor", ["CNR2"]),
    ("5-HT1A receptor", ["HTR1A"]),
    ("IL-6 receptor", ["IL6R"]),
    ("D1 receptor", ["DRD1"]),
    ("β2 receptor", ["ADRB2"]),
    ("β1-adrenergic receptor", ["ADRB1"]),
    ("EGF receptor", ["EGFR"]),
    ("ACE2 receptor", ["ACE2"]),
    ("Adiponectin receptor", []),
    # ... and with R for receptor as a word of its own
    ("TNF R", ["TNFRSF1A"]),
    ("IFNγ R", ["IFNGR1"]),
    ("IFN-α/β R", []),
    # a slash list joins no next label (``STAT 5`` does)
    ("ERK1/2 p38", ["MAPK1", "MAPK14", "MAPK3"]),
    ("IKKα/β γ", ["CHUK", "IKBKB"]),
    # neighbouring labels on one OCR line: no join that drops or invents a gene
    ("Rb P", ["RB1"]),                                  # P marks a phosphate (not RBP4's RBP)
    ("Ras P", ["KRAS"]),                                # (not HHAT's alias RASP)
    ("IFN-γ p38", ["IFNG", "MAPK14"]),                  # not re-cut into IFN and γp38
    ("TNF-α p50", ["NFKB1", "TNF"]),
    ("ERK1/2 MAPK", ["MAPK1", "MAPK3"]),                # the list, not the family's one member
    ("ERK1/2 p-AKT", ["AKT1", "MAPK1", "MAPK3"]),       # a prefix is no end of the word before
    ("MEK1/2 c-Raf", ["MAP2K1", "MAP2K2", "RAF1"]),
    ("ERK1/2 β-catenin", ["CTNNB1", "MAPK1", "MAPK3"]),
    ("p53 YAP/TAZ", ["TP53", "WWTR1", "YAP1"]),         # no mass name p53 + YAP
    ("MEK1/2 →", ["MAP2K1", "MAP2K2"]),                 # an arrow ends no name
    ("G protein →", []),
    # a multi-word name whose last word carries its complex partner
    ("cyclin B1-CDK1", ["CCNB1", "CDK1"]),
    ("Cyclin D1-CDK4", ["CCND1", "CDK4"]),
    ("cyclin B1/Cdc2", ["CCNB1", "CDK1"]),
    ("Cyclin D-CDK4/6", ["CCND1", "CDK4", "CDK6"]),
    ("Caspase 8-FADD", ["CASP8", "FADD"]),
    # a family named in words, then which member; plurals of multi-word names
    ("Glucose transporter 4", ["SLC2A4"]),
    ("Sterol regulatory element-binding protein 2", ["SREBF2"]),
    ("Acetyl-CoA carboxylase 1", ["ACACA"]),
    ("Tissue inhibitor of metalloproteinases 1", ["TIMP1"]),
    # full names without their bracketed notes or "subunit"; families by their MeSH names
    ("Isocitrate dehydrogenase 1", ["IDH1"]),
    ("Hypoxia-inducible factor 1α", ["HIF1A"]),
    ("Protein kinase B", ["AKT1"]),
    ("Estrogen receptor", ["ESR1"]),
    ("IκB", ["NFKBIA"]),
    ("G-beta-gamma", ["GNB3"]),
    # British spellings; full names the sources lack (curated)
    # cell types, antibodies, viruses, clinical lipids, ions side by side, LOC genes' synonyms
    ("Th1", []),
    ("pDC", []),
    ("PDC", ["PDC"]),
    ("TAMs", []),
    ("SARS", []),
    ("SARS1", ["SARS1"]),
    ("Abs", []),
    ("LDL-C", []),
    ("Na K", []),
    ("Envelope", []),
    ("IgA", []),
    ("Mtb", []),
    ("gp120", []),
    ("E1A", []),
    ("US11", []),
    ("LMP1", []),
    ("Nsp1", []),
    ("vRNA", []),
    ("MAM", []),
    ("PAMP/DAMPs", []),
    ("Golgi/TGN", []),
    ("Peptidase", []),
    ("Chymase", ["CMA1"]),
    # eIF2 subunits by their Greek letter (not EIF2A, nor the eIF2B complex); OCR's elF for eIF
    ("eIF2α", ["EIF2S1"]),
    ("p-eIF2α", ["EIF2S1"]),
    ("eIF2β", ["EIF2S2"]),
    ("eIF2a", ["EIF2S1"]),                     # a Latin a for α after the number
    ("Rab5a", ["RAB5A"]),                      # a member's letter stays a letter
    ("EIF2A", ["EIF2A"]),
    ("elF4E", ["EIF4E"]),
    ("elF2α", ["EIF2S1"]),
    ("ELF3", ["ELF3"]),
    ("14-3-3β", ["YWHAB"]),
    ("Heat shock protein 70", ["HSPA1A"]),      # the inducible Hsp70, as HSP70 (not HSPA5)
    ("C6/36", []),
    # capitals and digits with OCR's letter/digit swaps undone (JPEG type: 5 read as S, B as 8)
    ("ATPSI", ["ATP5ME"]),
    ("GSK38", ["GSK3B"]),
    ("STATI", ["STAT1"]),
    ("IF144", ["IFI44"]),
    ("DI03", ["DIO3"]),
    ("TLRS", []),                              # a plural in capitals, not TLR5
    ("MP1", []),                               # a name (LAMTOR3's MP1), not MPI
    ("(TKI)", []),                             # tyrosine kinase inhibitor, not TK1
    ("Cit", []),
    # class words in capitals, acronyms stay nodes; codon, adhesion molecules, compartments, PEG
    ("HISTONE", []),
    ("PROTEASOME", []),
    ("MAPKKK", ["BRAF"]),
    ("AUG", []),
    ("CAMs", []),
    ("CaM", ["CALM1"]),
    ("NPC", []),
    ("NPC1", ["NPC1"]),
    ("PCP", []),
    ("PEG", []),
    # lab and clinical abbreviations that spell aliases
    ("NAC", []),
    ("RFP", []),
    ("SEM", []),
    ("BMI", []),
    ("Bmi-1", ["BMI1"]),
    ("eGFR", []),
    ("EGFR", ["EGFR"]),
    ("Tumour necrosis factor", ["TNF"]),
    ("Haem oxygenase-1", ["HMOX1"]),
    ("Phosphatase and tensin homologue", ["PTEN"]),
    ("Inducible nitric oxide synthase", ["NOS2"]),
    ("Mammalian target of rapamycin", ["MTOR"]),
    ("Stimulator of interferon genes", ["STING1"]),
    # bile acids and lipid mediators by their abbreviations (gene aliases, roots, symbols)
    ("CDCA", []),
    ("CDCA8", ["CDCA8"]),
    ("GDCA", []),
    ("LCA", []),
    ("PEA", []),
    ("PEA-15", ["PEA15"]),
    ("SEA", []),
    ("PGA1", []),
    ("RvD1", []),
    # families of 40 or more members are classes however spelled; smaller ones stay nodes
    ("Cytochrome P450", []),
    ("CYP450", []),
    ("20S proteasome", []),
    ("CYP1A1", ["CYP1A1"]),
    ("FGF", ["FGF2"]),
    ("PP1", ["PPP1CA"]),
    # a Roman numeral after a family named in words picks the member; slash tails
    ("TGF-β receptor I", ["TGFBR1"]),
    ("TGF-beta receptor II", ["TGFBR2"]),
    ("TAK1/TAB1/2", ["MAP3K7", "TAB1", "TAB2"]),
    ("p38/JNK1/2", ["MAPK14", "MAPK8", "MAPK9"]),
    ("FOXO1/3a", ["FOXO1", "FOXO3"]),
    ("B7-1/2", ["CD80", "CD86"]),
    ("PKCθ", ["PRKCQ"]),   # "PKC theta", its Greek letter glued
]


@pytest.mark.parametrize(("label", "expected"), LABELS, ids=[lab for lab, _ in LABELS])
def test_label(rec: GeneRecognizer, label: str, expected: list[str]) -> None:
    assert symbols(rec, label) == expected


@pytest.mark.parametrize(
    ("label", "family", "members"),
    [
        ("NF-κB", "NFkappaB", {"NFKB1", "NFKB2", "RELA", "RELB", "REL"}),
        ("PI3K", "PI3K", {"PIK3CA", "PIK3CB", "PIK3CD", "PIK3R1"}),
        ("mTORC1", "mTORC1", {"MTOR", "RPTOR"}),  # FamPlex 0.0.5 lists these two
        ("AKT", "AKT", {"AKT1", "AKT2", "AKT3"}),
    ],
)
def test_family_candidates(rec: GeneRecognizer, label: str, family: str, members: set[str]) -> None:
    (m,) = rec.recognize_text(label)
    assert m.source == "family" and m.family == family
    assert members <= {c.ncbigene_symbol for c in m.candidates}
    assert m.ncbigene_symbol in members


def test_families_expand_option(rec: GeneRecognizer) -> None:
    expand = GeneRecognizer(rec.lexicon, Options(families="expand"), rec.prior)
    assert set(symbols(expand, "AKT")) == {"AKT1", "AKT2", "AKT3"}


@pytest.mark.parametrize(
    "label, rooted, most_cited",
    [("HDAC", "HDAC1", "SIRT1"),      # FamPlex HDAC holds the sirtuins of class III
     ("MAP3Ks", "MAP3K7", "BRAF"),    # the MAP3K family holds RAF kinases
     ("FSH", "FSHB", "CGA")],         # FSH is CGA + FSHB; CGA is shared by LH, TSH, hCG
)
def test_rooted_representative(rec: GeneRecognizer, label: str, rooted: str, most_cited: str) -> None:
    # The representative is spelled like the family when a member is; the option off gives
    # the most cited member, which both candidate lists hold.
    (m,) = rec.recognize_text(label)
    assert m.ncbigene_symbol == rooted and m.source == "family"
    off = GeneRecognizer(rec.lexicon, Options(rooted_representative=False), rec.prior)
    (m_off,) = off.recognize_text(label)
    assert m_off.ncbigene_symbol == most_cited
    assert {rooted, most_cited} <= {c.ncbigene_symbol for c in m.candidates}


@pytest.mark.parametrize(("switch", "label", "on", "off"), [
    ("microbe_case", "fldB", [], ["APOB"]),
    ("receptor_suffix", "5-HT2AR", ["HTR2A"], []),
    ("latin_not_greek", "A2AR", ["ADORA2A"], ["ADRA2A"]),
    ("ocr_final_l", "Jakl", ["JAK1"], ["JAK3"]),
    ("subunits", "α4β2 nAChR", ["CHRNA4", "CHRNB2"], ["CHRNA7"]),
    ("mass_names", "p70 S6K", ["RPS6KB1"], ["ANXA6", "RPS6KB1"]),
    ("ocr_lost_i", "SG15", ["ISG15"], []),
    ("word_case", "Glow", [], ["DICER1"]),
])
def test_rule_switches(rec: GeneRecognizer, switch: str, label: str, on: list[str], off: list[str]) -> None:
    # Switched off, each rule gives back the reading it corrects (its effect is measurable).
    assert symbols(rec, label) == on
    assert symbols(GeneRecognizer(rec.lexicon, Options(**{switch: False}), rec.prior), label) == off


def test_mention_fields(rec: GeneRecognizer) -> None:
    words = [Word(text="p-AKT", box=Box(10, 20, 50, 30), confidence=0.9, line=0)]
    (m,) = rec.recognize_words(words)
    assert (m.word, m.match, m.ncbigene_id, m.hgnc_id, m.organism_id) == ("p-AKT", "AKT", "207", "HGNC:391", "9606")
    assert m.transforms == ("strip_modification",)
    assert m.box == Box(10, 20, 50, 30) and m.confidence == 0.9


def test_multiword_box_is_union(rec: GeneRecognizer) -> None:
    words = [Word(text="Caspase", box=Box(0, 0, 40, 10), line=3), Word(text="12", box=Box(45, 0, 60, 12), line=3)]
    (m,) = rec.recognize_words(words)
    assert m.ncbigene_symbol == "CASP12" and m.word == "Caspase 12"
    assert m.box == Box(0, 0, 60, 12)


def test_receptor_mention_spans_both_words(rec: GeneRecognizer) -> None:
    words = [Word(text="IL-6", box=Box(0, 0, 30, 10), line=1), Word(text="receptor", box=Box(35, 0, 90, 11), line=1),
             Word(text="binds", box=Box(95, 0, 120, 10), line=1)]
    (m,) = rec.recognize_words(words)
    assert (m.ncbigene_symbol, m.word, m.box) == ("IL6R", "IL-6 receptor", Box(0, 0, 90, 11))


def test_words_on_different_lines_are_not_joined(rec: GeneRecognizer) -> None:
    words = [Word(text="Caspase", line=0), Word(text="12", line=1)]
    # "Caspase" alone is the caspase family (one representative); "12" alone is nothing.
    (m,) = rec.recognize_words(words)
    assert m.source == "family" and m.word == "Caspase" and m.ncbigene_symbol.startswith("CASP")


def test_a_figure_that_lost_leading_i_lost_it_elsewhere(rec: GeneRecognizer) -> None:
    # RF9 and F135 name nothing but IRF9 and IFI35 with the I OCR lost at their nodes' edges;
    # in that figure RF1 (ETF1's alias) is IRF1 and "(FIT1" (IL1RL1's alias FIT-1) is IFIT1.
    box = Box(5, 5, 40, 15)
    words = [Word(text=t, line=i, box=box) for i, t in enumerate(["RF9", "F135", "RF1", "(FIT1", "TAT"])]
    got = [(m.word, m.ncbigene_symbol, m.source, m.box) for m in rec.recognize_words(words)]
    assert got == [("RF9", "IRF9", "symbol", box), ("F135", "IFI35", "symbol", box), ("RF1", "IRF1", "symbol", box),
                   ("(FIT1", "IFIT1", "symbol", box), ("TAT", "TAT", "symbol", box)]   # a symbol stays
    # One lost I is no evidence: RF1 stays the alias it spells.
    alone = [(m.word, m.ncbigene_symbol) for m in rec.recognize_text("RF9\nRF1")]
    assert alone == [("RF9", "IRF9"), ("RF1", "ETF1")]
    off = GeneRecognizer(rec.lexicon, Options(ocr_lost_i=False), rec.prior)
    assert [m.ncbigene_symbol for m in off.recognize_words(words)] == ["ETF1", "IL1RL1", "TAT"]


def test_ambiguous_flag_lists_candidates(rec: GeneRecognizer) -> None:
    # IPS-1 is an alias of MAVS and of PPIP5K1; MAVS is far more cited, and both are listed.
    (m,) = rec.recognize_text("IPS-1")
    assert m.ncbigene_symbol == "MAVS" and m.ambiguous
    assert {"MAVS", "PPIP5K1"} <= {c.ncbigene_symbol for c in m.candidates}


def test_ambiguous_all_and_drop() -> None:
    lex = Lexicon([
        LexiconEntry.make("GENEA", "symbol", "1", "GENEA"),
        LexiconEntry.make("GENEB", "symbol", "2", "GENEB"),
        LexiconEntry.make("XYZ1", "alias", "1", "GENEA"),
        LexiconEntry.make("XYZ1", "alias", "2", "GENEB"),
    ])
    assert symbols(GeneRecognizer(lex, Options(ambiguous="all")), "XYZ1") == ["GENEA", "GENEB"]
    assert symbols(GeneRecognizer(lex, Options(ambiguous="drop")), "XYZ1") == []
    # No prior to tell them apart: "best" keeps none rather than guessing.
    assert symbols(GeneRecognizer(lex), "XYZ1") == []
    assert symbols(GeneRecognizer(lex, prior={"2": 500, "1": 10}), "XYZ1") == ["GENEB"]


def test_symbol_beats_previous_and_alias() -> None:
    lex = Lexicon([
        LexiconEntry.make("ABC1", "symbol", "1", "ABC1"),
        LexiconEntry.make("ABC1", "previous", "2", "NEW2"),
        LexiconEntry.make("NEW2", "symbol", "2", "NEW2"),
        LexiconEntry.make("OLD3", "previous", "3", "GENE3"),
        LexiconEntry.make("OLD3", "alias", "4", "GENE4"),
    ])
    rec = GeneRecognizer(lex)
    assert symbols(rec, "ABC1") == ["ABC1"]
    assert symbols(rec, "OLD3") == ["GENE3"]
    assert symbols(GeneRecognizer(lex, Options(priority="strict")), "OLD3") == []


def test_stoplist_switch(rec: GeneRecognizer) -> None:
    loose = GeneRecognizer(rec.lexicon, Options(stoplist=False, prose_rule=False), rec.prior)
    assert symbols(rec, "Set") == [] and symbols(loose, "Set") == ["SET"]


def test_output_is_deterministic(rec: GeneRecognizer) -> None:
    text = "ERK1/2 p38 JNK PI3K AKT NF-κB p62 IPS-1 Rip HSP70 TLR1,2 and 5"
    first = [m.to_dict() for m in rec.recognize_text(text)]
    fresh = GeneRecognizer(rec.lexicon, rec.options, rec.prior)
    assert [m.to_dict() for m in fresh.recognize_text(text)] == first


#: Labels that name their gene whatever text surrounds them on other lines.
_STABLE = {"TP53": "TP53", "MDM2": "MDM2", "ERK1/2": "MAPK1", "NF-κB": "NFKB1", "p-AKT": "AKT1", "IL-1β": "IL1B"}


@functools.lru_cache(maxsize=1)
def _symbols_by_id() -> dict[str, str]:
    return {gid: e.symbol for gid, e in default_recognizer().lexicon.genes().items()}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(max_size=20), max_size=4),
    st.lists(st.sampled_from(sorted(_STABLE)), max_size=3),
)
def test_any_unicode_is_safe_and_deterministic(noise: list[str], labels: list[str]) -> None:
    # Random text lines with real labels on lines of their own: nothing crashes, the output
    # does not depend on the cache, every mention is a real gene under its own symbol and
    # points at a word of the input, and the real labels are found among the noise.
    text = "\n".join(noise + labels + noise[:1])
    rec = default_recognizer()
    a = [m.to_dict() for m in rec.recognize_text(text)]
    rec.clear_cache()
    b = [m.to_dict() for m in rec.recognize_text(text)]
    assert a == b
    n_words = len(text.split())
    symbols_by_id = _symbols_by_id()
    for m in a:
        assert symbols_by_id[m["ncbigene_id"]] == m["ncbigene_symbol"]
        assert 0 <= m["word_index"] < n_words
    assert {_STABLE[lab] for lab in labels} <= {m["ncbigene_symbol"] for m in a}


def test_cli_genes_json() -> None:
    res = CliRunner().invoke(app, ["genes", "--json", "ERK1/2 and TNF-α"])
    assert res.exit_code == 0, res.output
    got = json.loads(res.output)
    assert [(d["word"], d["ncbigene_symbol"]) for d in got] == [("ERK1/2", "MAPK3"), ("ERK1/2", "MAPK1"), ("TNF-α", "TNF")]
    assert set(got[0]) >= {"word", "match", "ncbigene_id", "ncbigene_symbol", "hgnc_id", "organism_id", "source", "transforms", "ambiguous", "candidates"}


def test_cli_genes_table_from_stdin() -> None:
    res = CliRunner().invoke(app, ["genes", "-"], input="p53 binds MDM2\n")
    assert res.exit_code == 0, res.output
    lines = res.output.strip().splitlines()
    assert lines[0].split("\t")[:4] == ["word", "match", "ncbigene_id", "ncbigene_symbol"]
    assert [ln.split("\t")[3] for ln in lines[1:]] == ["TP53", "MDM2"]
