"""Words the generated figures are labelled with: gene symbols, proteins, treatments, study text.

Hard negatives need the same vocabulary as pathway figures (a bar chart of ``TP53`` expression
is not a pathway), so the classifier cannot learn "gene names → pathway" from pixels of text.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "CELL_LINES",
    "COMPARTMENTS",
    "GENES",
    "PROCESSES",
    "STUDY_STEPS",
    "TREATMENTS",
    "WORKFLOW_STEPS",
    "pick",
    "protein_label",
]

GENES = tuple("""
TP53 MDM2 CDKN1A BAX BCL2 BCL2L1 MCL1 CASP3 CASP8 CASP9 APAF1 CYCS AKT1 AKT2 PIK3CA PIK3R1 PTEN MTOR RPTOR
RICTOR RHEB TSC1 TSC2 RPS6KB1 EIF4EBP1 EGFR ERBB2 KRAS HRAS NRAS BRAF RAF1 MAP2K1 MAP2K2 MAPK1 MAPK3 MAPK8
MAPK14 JUN FOS MYC ELK1 STAT3 STAT1 STAT5A JAK1 JAK2 TYK2 IL6 IL6R IL1B IL10 TNF TNFRSF1A TRADD TRAF2 TRAF6
RIPK1 IKBKB CHUK NFKBIA RELA NFKB1 TLR4 MYD88 IRAK4 IRF3 IRF7 TBK1 MAVS STING1 CGAS IFNB1 IFNAR1 ISG15 MX1
OAS1 SMAD2 SMAD3 SMAD4 TGFB1 TGFBR1 TGFBR2 CTNNB1 APC GSK3B AXIN1 WNT3A LRP6 FZD7 NOTCH1 HES1 SHH PTCH1
SMO GLI1 VEGFA KDR HIF1A VHL EPAS1 NOS3 PRKAA1 STK11 ULK1 BECN1 ATG5 ATG7 MAP1LC3B SQSTM1 NFE2L2 KEAP1
HMOX1 SOD2 CAT GPX4 ACE2 TMPRSS2 CD4 CD8A CD19 PTPRC FOXP3 GATA3 TBX21 RORC IL17A IFNG IL2 IL4 CXCL8 CCL2
CXCR4 ICAM1 VCAM1 SELE MMP2 MMP9 TIMP1 COL1A1 ACTA2 VIM CDH1 CDH2 SNAI1 TWIST1 ZEB1 ESR1 PGR AR KLK3 BRCA1
BRCA2 ATM ATR CHEK1 CHEK2 RAD51 PARP1 H2AX CDK1 CDK2 CDK4 CDK6 CCND1 CCNE1 CCNB1 RB1 E2F1 PCNA MKI67 TOP2A
AURKA PLK1 BUB1 INS INSR IRS1 SLC2A4 PPARG PPARA SREBF1 FASN ACACA CPT1A LDLR PCSK9 HMGCR APOE APOB LEP
ADIPOQ UCP1 SIRT1 PPARGC1A FOXO1 FOXO3 CREB1 PRKACA ADCY5 GNAS GNB1 PLCB1 PRKCA CAMK2A CALM1 NFATC1 PPP3CA
""".split())

PROTEINS = ("p-AKT", "AKT", "p-ERK1/2", "ERK1/2", "p-STAT3", "STAT3", "GAPDH", "β-actin", "Tubulin", "LC3-I",
            "LC3-II", "p62", "Cleaved caspase-3", "PARP", "Bcl-2", "Bax", "p-mTOR", "mTOR", "p-S6K", "S6K",
            "NF-κB p65", "IκBα", "p-IκBα", "Histone H3", "Lamin B1", "Vinculin", "HIF-1α", "c-Myc", "Cyclin D1",
            "p21", "p53", "E-cadherin", "N-cadherin", "Vimentin", "Snail", "HO-1", "Nrf2", "Keap1", "β-catenin")

TREATMENTS = ("Control", "Vehicle", "DMSO", "LPS", "TNF-α", "IL-6", "Dox", "Cisplatin", "siNC", "siRNA",
              "shCtrl", "shKD", "WT", "KO", "Mock", "Virus", "H2O2", "Rapamycin", "Insulin", "EGF", "TGF-β",
              "0 h", "6 h", "12 h", "24 h", "48 h", "Sham", "Model", "Low", "High", "NC", "OE")

CELL_LINES = ("HeLa", "HEK293T", "A549", "MCF-7", "HepG2", "Caco-2", "THP-1", "Jurkat", "U87", "PC-3",
              "HCT116", "SW480", "RAW264.7", "Vero E6", "Calu-3", "HUVEC", "MDA-MB-231", "LNCaP")

COMPARTMENTS = ("Cytoplasm", "Nucleus", "Plasma membrane", "Extracellular", "Mitochondrion", "ER", "Golgi",
                "Endosome", "Lysosome", "Cytosol")

PROCESSES = ("Apoptosis", "Proliferation", "Inflammation", "Autophagy", "Cell survival", "Angiogenesis",
             "Migration", "Transcription", "Cell cycle arrest", "DNA repair", "Metastasis", "Senescence")

STUDY_STEPS = (
    "Records identified through database searching (n = {n})",
    "Additional records identified through other sources (n = {n})",
    "Records after duplicates removed (n = {n})",
    "Records screened (n = {n})",
    "Records excluded (n = {n})",
    "Full-text articles assessed for eligibility (n = {n})",
    "Full-text articles excluded, with reasons (n = {n})",
    "Studies included in qualitative synthesis (n = {n})",
    "Studies included in meta-analysis (n = {n})",
    "Assessed for eligibility (n = {n})",
    "Excluded (n = {n}): not meeting inclusion criteria",
    "Randomized (n = {n})",
    "Allocated to intervention (n = {n})",
    "Allocated to placebo (n = {n})",
    "Lost to follow-up (n = {n})",
    "Discontinued intervention (n = {n})",
    "Analysed (n = {n})",
    "Patients enrolled (n = {n})",
    "Patients with COVID-19 admitted to hospital",
    "Healthy controls (n = {n})",
    "Baseline visit",
    "Follow-up at 12 months",
)

WORKFLOW_STEPS = (
    "Sample collection", "RNA extraction", "Library preparation", "RNA-seq", "Quality control",
    "Read alignment (STAR)", "Quantification", "Differential expression", "GO enrichment", "KEGG analysis",
    "PPI network", "Hub genes", "Validation by qPCR", "Survival analysis", "GEO datasets", "Data download",
    "Normalization", "WGCNA", "Machine learning", "Feature selection", "Model training", "ROC analysis",
    "Molecular docking", "Literature search", "Data extraction", "Statistical analysis", "Cell culture",
    "Transfection", "Western blot", "Flow cytometry", "Animal model", "Histology", "Immunostaining",
)


def pick(rng: np.random.Generator, items: tuple[str, ...], k: int) -> list[str]:
    """``k`` distinct items (or all of them, shuffled, when there are fewer)."""
    k = min(k, len(items))
    return [items[i] for i in rng.choice(len(items), size=k, replace=False)]


def protein_label(rng: np.random.Generator) -> str:
    """A label as written on a figure: a protein name, or a gene symbol, sometimes phosphorylated."""
    if rng.random() < 0.5:
        return str(rng.choice(PROTEINS))
    g = str(rng.choice(GENES))
    return ("p-" + g) if rng.random() < 0.2 else g
