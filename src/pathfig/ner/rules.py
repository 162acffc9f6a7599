"""Acceptance rules: which words may be read as gene names at all, each with its reason.

The effects were measured on the curated figure labels and the OCR text of the development
figures (see BENCHMARKS.md, "NER rules"); each rule can be switched off in :class:`Options`.
"""

from __future__ import annotations

import functools
import re

from pathfig.lexicon.keys import normalize_key

__all__ = [
    "CHEMICAL_STOPLIST",
    "CHEMICAL_GENE_EXCEPTIONS",
    "DOMAIN_STOPLIST",
    "EXACT_NOT_GENES",
    "FUNCTION_WORDS",
    "PROCESS_STOPLIST",
    "STOPLIST",
    "TWO_LETTER_GENES",
    "TWO_LETTER_NAMES",
    "WEAK_LOCUS_TYPES",
    "disease_abbreviations",
    "is_figure_reference",
    "is_ion",
    "is_prose_word",
    "is_roman_numeral",
    "is_viral_protein",
    "stoplisted",
]

#: English words and lab terms that are also official symbols or aliases. As bare words in
#: figures they are almost always prose (``ALL`` cells, ``SET`` point, ``CAN`` induce), so they
#: match only through a gene-shaped form (``c-Met``, ``p-MET``, ``MET1``). The last lines: cell
#: types (``Th1`` is NELFCD's alias, ``pDC`` phosducin, ``TAMs``, ``HSC`` FUT1's old symbol,
#: ``MDMs`` monocyte-derived macrophages not the MDM family, ``CAF`` cancer-associated
#: fibroblasts not KAT2B's synonym, ``TIL``, ``ILC``), antibodies (``Abs``) and
#: immunoglobulin classes (``IgA``: CD79A's old symbol), pathogens (``SARS``: SARS1's old
#: symbol; ``Mtb``), viral RNA (``vRNA``), cell adhesion molecules (``CAMs``, not calmodulin)
#: the start codon (``AUG``), the reporter ``RFP`` (TRIM27's alias), ``SEM`` (standard error,
#: electron microscopy) and ``BMI`` (body mass index). Disease abbreviations are stoplisted
#: too: see :func:`disease_abbreviations`.
STOPLIST = frozenset("""
CAT SET MET REST MAX WAS ALL CAN FOR NOT IMPACT CELL CELLS TYPE AND THE ARE HAS HAD HER ITS
OUR ONE TWO SHE WHO WHY HOW OFF OUT BUT ANY MAY MUST SAME ACT ACTS AIM ARM ARMS BAD BAG BAT
BED BIG BOX BOY CAR CUT CUP DAY END ENDS EYE FAT FIT GAP GAS GET GOT HIT HOT JET KEY LAB LAW
LED LET LIP LOW MAN MAP MEN NET NEW NOR OLD PAN PAR PET PIG POP PUT RAN RAY RED RUN SAD SAT
SEA SEX SIT SKY SON SUN TAN TEN TIP TOP TOY WAR WAY WET WIN YES ZIP ACTIVE AGE AIR ARC ATTRACT
BASE BLOCK BODY BRIGHT CAMP CARD CASH CAST CHIP CODE COIL CORE CROP DAMAGE DARK DEAD DIP EDGE
EGG FACE FACT FAME FAST FATE FIND FLASH FOCUS FORM FREE GAIN GATE GOLD HELP HOME HOOK HOPE
KIDNEY LAMP LARGE LIGHT LIME LINE LOCK LONG MASS MINOR MIRROR PALM PATH PEAK PICK PILOT PLAN
PLAY POLE POOR RAFT RARE RING RISK SAFE SALT SEAL SHOT SIGN STOP TANK TASK TEAM TIME TRAP TUBE
WARS WEE WISH LIMB CALM PROP TACT TRIP ATLAS ACCEPT ANGEL AXIS BASIC CLAMP DRAW EPIC FLAP HEAT
HERO HIP HOLE IDEAL INVOLVES KING LAMB MAGIC MARCH MOLE NICE PACE PEAR PINK RAD REACT SEEK
SHARP SLIM SMART SPIN SPOT SPRING STEP SUPER TAPE TIGER TRACE TRANS WIND GENE GENES PROTEIN
DNA RNA MRNA NUCLEUS PLASMA MEMBRANE RECEPTOR KINASE LIGAND INHIBITION ACTIVATION EXPRESSION
SIGNALING FIGURE FIG PANEL TABLE DAYS HOURS WEEK WEEKS
TH1 TH2 TH9 TH17 TH22 TFH TREG TREGS PDC PDCS TAM TAMS ABS SARS MERS MTB IGA IGM IGG IGE IGD VRNA
MDM MDMS BMDM BMDMS BMDC BMDCS MODC MODCS HSC HSCS HSPC HSPCS ILC ILCS CAF CAFS TIL TILS
CAMS AUG RFP SEM BMI
""".split())

#: Chemicals, ions and process abbreviations that collide with gene aliases in figures:
#: ``ATP`` (ATP8A2 synonym), ``ROS`` (ROS1 alias), ``NO``, ``DAG``, ``ER`` (endoplasmic reticulum),
#: ``EMT``, ``ECM``. They are drawn in metabolic and signalling figures as small molecules.
#: Bile acids (``CDCA``, ``GDCA``), N-acylethanolamines (``PEA``, ``SEA``) and lipid mediators
#: (``PGA1``, ``RvD1``) by their standard abbreviations: see ``lexicon/curated/chemicals.tsv``.
#: Monosaccharides of glycan figures (``Glc``, ``Fuc``, ``Rha``: DHX9's alias RHA) like amino acids.
CHEMICAL_STOPLIST = frozenset("""
ATP ADP AMP GTP GDP GMP CTP UTP NAD NADH NADP NADPH FAD FADH CAMP CGMP ROS RNS NO CO CO2 O2
H2O H2O2 DAG IP3 PIP PIP2 PIP3 PI3P PA PC PE PS PG LPA S1P GSH GSSG ACETYLCOA COA HCL NACL
ER ECM EMT LPS DSRNA SSRNA CPG UV IR HIF ROS1 GABA NE EPI DA 5HT HA ACH GLU GLY ALA ARG ASP
ASN CYS GLN HIS ILE LEU LYS MET PHE PRO SER THR TRP TYR VAL LDL HDL VLDL FFA TG TAG CHOL
MIRNA MIR LNCRNA CIRCRNA SIRNA SHRNA MTDNA MRNA TRNA RRNA SNRNA LPC LPE PGN PAF CDP UDP CMP UMP
PEP OAA FBP G6P F6P DHAP GAP PGA NADP ACP SAM SAH THF DHF BH4 PLP TPP PRPP IMP XMP AICAR
LDLC HDLC CIT TKI TKIS PEG NAC PGD2 PGE2 PGE1 PGF2A PGI2 PGH2 PGG2 TXA2 TXB2 LTA4 LTB4 LTC4 LTD4 LTE4 EET EETS HETE DHET EPA DHA
PPI FMN PUFA SCFA LCFA NEFA UDPGLC LPG LPI CLPA PI PIP PIP3 SM CER S1P C1P GLCCER LACCER COQ COQ10
CDCA DCA LCA UDCA GCA GCDCA TCDCA GDCA TDCA GLCA TLCA GUDCA TUDCA AEA OEA PEA SEA LEA 2AG
PGA1 PGA2 PGJ2 15DPGJ2 LXA4 RVD1 RVE1 DGLA DPA
GLC GAL MAN FUC XYL RHA ARA GLCNAC GALNAC MANNAC NEU5AC NEU5GC KDO GLCA IDOA GALA FRU
""".split()) - {"HIF"}

#: Words that name no gene as spelled exactly so, whatever their key: ``eGFR`` is the estimated
#: glomerular filtration rate of clinical figures (the receptor is printed ``EGFR``); ``cDC1``
#: and ``cDC2`` are conventional dendritic cells (``CDC2`` is CDK1's old symbol), ``Tem``
#: effector memory T cells, ``iPS`` induced pluripotent stem cells.
EXACT_NOT_GENES = frozenset({"eGFR", "cDC", "cDC1", "cDC2", "cDCs", "Tem", "iPS", "iPSC", "iPSCs"})

#: Chemical abbreviations that are also well-known gene symbols drawn in figures; they keep the
#: capitals-exactly-as-the-symbol exemption (the methionine ``Met`` vs the MET receptor, the
#: galactose ``Gal`` vs galanin, GAL).
CHEMICAL_GENE_EXCEPTIONS = frozenset({"MET", "GAL"})

# Viral proteins (``NS1``, ``nsp3``, ``ORF8``, ``VP35``; HIV ``gp120``, adenovirus ``E1A``,
# herpesvirus ``US11``/``UL36``, EBV ``LMP1``/``EBNA1``) are drawn in host-pathogen figures and
# collide with human aliases (NS3 is a KRAS synonym, nsp2 a BCAR3 alias, gp120 an ITIH4 one).
_VIRAL_RE = re.compile(r"^(?:[Nn]s[Pp]\d{1,2}|NSP\d{1,2}|NS\d[AB]?|ORF\d{1,2}[ab]?|VP\d{1,2}|Vpr|Vpu|Vif|Nef|Tat|Rev|Gag|Pol|Env"
                        r"|pp1ab?|PB[12](?:-F2)?|gp(?:41|120|160)|E1[AB]|U[LS]\d{1,3}|LMP-?1|EBNA-?\d[A-C]?)$")

#: Protein domain and complex abbreviations drawn inside proteins (``CARD``, ``LRR``, ``TIR``,
#: ``DISC``); as bare words they collide with gene families (CARD6/8/11…, LRR1, DISC1). Also
#: enzyme classes that NCBI lists as one gene's synonym (``Peptidase``: OMA1, ``Protease``: ERVK).
DOMAIN_STOPLIST = frozenset("""
CARD LRR LRRS CTD NTD TPR DISC PYD PYRIN DED TIR SH2 SH3 PH PX KD TM TMD NLS NES BH3 BH4 RING
HECT WD40 PDZ PAS BZIP HLH BHLH ZF TAD DBD LBD NBD NACHT BIR DEATH UBA UIM CC ECD ICD JM ATPASE
GTPASE HELICASE PEPTIDASE POLYMERASE PROTEASE PROTEINASE SULFATASE
""".split())

#: Process and class abbreviations drawn in pathway figures: pentose phosphate pathway, DNA
#: repair routes, unfolded protein response, interferon-stimulated genes, deubiquitinases,
#: pattern molecules; cell compartments (trans-Golgi network, ER-Golgi intermediate
#: compartment, multivesicular bodies, mitochondria-associated membranes, rough ER, nuclear pore
#: complexes), the SNARE protein class, CAR-T cell therapy, homology-directed repair and planar
#: cell polarity (``PCP``). They collide with numbered-symbol
#: roots and aliases (PPP5C, NHEJ1, ISG15, CAP1, ERGIC1; TGN is a thyroglobulin synonym), also
#: as parts of a slash list (``PAMP/DAMPs``: PAMP is ADM's alias).
#: Not ``RLR``: RIG-I-like receptors are a FamPlex family (RIGI, IFIH1, DHX58), drawn as a node.
PROCESS_STOPLIST = frozenset("""
PPP TCA ETC OXPHOS NHEJ HR BER NER MMR TLS UPR ERAD ISG ISGS DUB DUBS PAMP PAMPS DAMP DAMPS PRR
PRRS NOD NLR CLR SASP MAPK/ERK COP CAP RTK RTKS GPCR GPCRS TF TFS
TGN ERGIC MVB MVBS SNARE SNARES CART MAM MAMS HDR RER NPC NPCS PCP
""".split())

#: Stoplisted words that never name a gene, whatever their case.
FUNCTION_WORDS = frozenset("""
AND THE FOR NOT ALL CAN WAS ARE HAS HAD HER ITS OUR ONE TWO SHE WHO WHY HOW OFF OUT BUT ANY
MAY MUST SAME TYPE CELL CELLS GENE GENES PROTEIN DNA RNA MRNA FIGURE FIG PANEL TABLE ROS ATP
ADP AMP GTP GDP NO CO ER ECM EMT LPS DAG IP3 PIP2 PIP3 CARD LRR CTD NTD DISC TIR DEATH
""".split())

#: English words that HGNC lists as lower-case aliases (fly and mouse gene names, nicknames):
#: a lower-case word in a figure never means the gene by them (Options.prose_names). From a
#: read of every lower-case single-word alias and name of the bundled human lexicon.
LOWERCASE_WORDS = frozenset("""
armadillo castor flower fleer fring fritz fruitless hang hole jerky maestro megamind morpheus
nessy pelle pitchfork pokemon rasp rubicon salvador scurvy serrate slim solo spatial treacle
trident wyatt zeta kish tamo umat
""".split())

#: Locus types whose genes match only by their exact official symbol (HGNC and NCBI spellings).
WEAK_LOCUS_TYPES = frozenset({
    "pseudogene", "pseudo", "immunoglobulin pseudogene", "T cell receptor pseudogene",
    "immunoglobulin gene", "T cell receptor gene", "unknown", "other", "readthrough",
    "biological-region", "fragile site", "region", "phenotype only",
})

#: Two-letter official symbols kept despite the short-name rule: drawn as such in figures.
TWO_LETTER_GENES = frozenset({"AR"})
#: Two-letter synonyms that figures print in exactly this case for one protein or family:
#: ``Rb`` (RB1, the retinoblastoma protein of every cell-cycle diagram; ``RB`` in capitals stays
#: out) and ``HK`` (hexokinase, the first step of every glycolysis diagram).
TWO_LETTER_NAMES = frozenset({"Rb", "HK"})

# Element symbols as printed for ions whose charge OCR lost (``Ca2``, ``Ca²``, ``Ca{2``) and
# fatty-acyl notation (``C16:0``, ``C18:1``): chemistry, never the genes CA2 or POLR3A's alias C16.
_ELEMENT_RE = re.compile(r"^(?:Ca|Mg|Na|Zn|Fe|Cu|Mn|Ni|Hg|Pb|Cl|Li)[0-9²³⁺]?\W{0,2}$")
_ACYL_RE = re.compile(r"^C\d{1,2}:\d")
# (A digit after a minus is a name's number, not a charge: ``B7-1`` is CD80, ``B7-2`` CD86.)
_ION_RE = re.compile(r"^(?:[A-Z][a-z]?\d*[+\-]|[A-Z][a-z]?\d?\(?(?:\+\d?|-)\)?|[A-Z][a-z]?\(\d?[+\-]\d?\))$")
_PROSE_RE = re.compile(r"^[a-z]{3,}$")
_ROMAN_RE = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
_REFERENCE_RE = re.compile(r"^(?:Fig|FIG|Figs|Figure|FIGURE|Table|TABLE|Panel|Step|STEP|Lane)\.?\s?\d{1,2}[A-Za-z]?$")


#: Disease abbreviations the disease table lacks; they name genes' synonyms too (``RCC`` is
#: XRCC1's old symbol, ``MDS`` PAFAH1B1's).
_MORE_DISEASES = frozenset("RCC CCRCC MDS MPN ASD SCZ".split())


@functools.cache
def disease_abbreviations() -> frozenset[str]:
    """Keys of the disease abbreviations of ``lexicon/curated/diseases.tsv`` (three characters
    or more; shorter names fall to the two-character rule) and :data:`_MORE_DISEASES`: a
    disease, not a gene's synonym (``COPD`` is ARCN1's old symbol, ``HCC`` HYCC1's alias,
    ``CML`` BCR's, ``ALS`` SOD1's old symbol)."""
    from pathfig.lexicon.entity_build import CURATED_DIR, read_curated

    curated = read_curated(CURATED_DIR / "diseases.tsv", "disease")
    return frozenset(k for e in curated if len(k := normalize_key(e.name)) >= 3) | _MORE_DISEASES


def stoplisted(key: str, chemicals: bool = True) -> bool:
    """True when a bare word with this key must not be read as a gene."""
    return (key in STOPLIST or key in DOMAIN_STOPLIST or key in PROCESS_STOPLIST
            or (chemicals and key in CHEMICAL_STOPLIST) or key in disease_abbreviations())


def is_figure_reference(text: str) -> bool:
    """``Fig 1``, ``Fig.2b``, ``Table 3``, ``Step 2``: a pointer to a panel or a step, printed in
    figures and legends; ``Fig 1`` is also IL4I1's alias FIG1."""
    return bool(_REFERENCE_RE.match(text.strip()))


def is_roman_numeral(text: str) -> bool:
    """``IV``, ``VIII``: the number of a complex, class or step (``Complex IV``, ``(VIII)``), not
    COX8A's alias VIII."""
    return bool(_ROMAN_RE.match(text))


def is_viral_protein(word: str) -> bool:
    """``NS1``, ``nsp2``, ``ORF3a``, ``VP35``, ``Nef``, coronavirus ``pp1ab``, influenza ``PB1``:
    viral protein names, not human genes (PP1α, PBRM1's alias PB1)."""
    return bool(_VIRAL_RE.match(word))


def is_ion(word: str) -> bool:
    """Ions and charged or marker-positive names: ``Ca2+``, ``K+``, ``NAD+``, ``CD8+`` (a cell population).

    They collide with gene symbols (CA2, NAD → ?, CD8A) but name a chemical or a cell type.
    """
    w = word.strip()
    return bool(_ION_RE.match(w) or _ELEMENT_RE.match(w) or _ACYL_RE.match(w)) or w.endswith(("+", "⁺"))


def is_prose_word(word: str) -> bool:
    """An all-lower-case word of letters (``cat``, ``rest``, ``impact``, ``actin``): prose in a figure.

    Gene and protein names are written with capitals in human and mouse figures; fly genes are
    lower case, which the organism-aware lexicons (not the human default) handle.
    """
    return bool(_PROSE_RE.match(word))
