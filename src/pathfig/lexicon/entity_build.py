"""Build the chemical and disease lexicons from MeSH, ChEBI and the Disease Ontology.

Chemicals (:func:`build_chemicals`):

- MeSH descriptors under the small-molecule branches of the D tree (inorganic, organic and
  heterocyclic compounds, hormones, carbohydrates, lipids, nucleotides, amino acids, coenzymes,
  complex mixtures, pharmaceutical preparations). Proteins, enzymes, nucleic acids and other
  macromolecules (D05, D08, D12 except amino acids, D13.444) are genes' business and left out, as
  are the broad classes at the top of the tree ("Lipids", "Carbohydrates") and chemical actions
  (D27: "Antioxidants");
- supplementary concepts mapped to those descriptors that name a single compound linked to
  ChEBI or PubChem (drugs and metabolites; not "... protein, human");
- ChEBI names of compounds that MeSH, HMDB or DrugBank link (metabolites and drugs, not the
  systematic names of the whole database), and ChEBI ids for MeSH concepts (curated mappings,
  PubChem compound ids shared by both, identical names);
- the curated core signalling chemicals (``curated/chemicals.tsv``: ``Ca2+``, ``IP3``, ``ROS``).

Diseases (:func:`build_diseases`): MeSH C-tree descriptors (not C23 signs and symptoms unless
also in another C branch), Disease Ontology names and exact synonyms joined to MeSH by DOID's
cross-references, and curated abbreviations (``curated/diseases.tsv``: ``HCC``, ``T2D``).

Names that are ordinary words or too short or long to be printed as a name are dropped
(:data:`CHEMICAL_STOPWORDS`, :data:`DISEASE_STOPWORDS`).
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pathfig.lexicon._common import Source, iter_lines, source_label
from pathfig.lexicon.entities import EntityEntry, EntityLexicon, entity_key, iter_unique
from pathfig.lexicon.mesh import MeshRecord, is_inverted
from pathfig.lexicon.obo import Term

__all__ = [
    "CHEMICAL_STOPWORDS",
    "CURATED_DIR",
    "DISEASE_STOPWORDS",
    "ChemicalLinks",
    "build_chemicals",
    "build_diseases",
    "chemical_trees_ok",
    "disease_trees_ok",
    "name_variants",
    "read_curated",
    "role_closure",
]

logger = logging.getLogger(__name__)

CURATED_DIR = Path(__file__).parent / "curated"

# Small-molecule branches of the MeSH D tree; a descriptor needs a tree number under one of them.
_CHEM_ALLOWED = ("D01.", "D02.", "D03.", "D04.", "D06.", "D09.", "D10.", "D13.", "D12.125", "D08.211",
                 "D20.", "D25.", "D26.")
# Macromolecules (genes' business): a descriptor with a tree number here is left out.
_CHEM_DENIED = ("D05.", "D08.811", "D08.244", "D12.644", "D12.776", "D12.097", "D13.444", "D23.050.301",
                "D23.119.970")
# Broad classes: descriptors whose tree numbers are all this shallow ("D10" Lipids, "D09"
# Carbohydrates) are classes too vague to be a figure's chemical; "D10.251" Fatty Acids is not.
_MIN_DEPTH = 2

#: Words that are MeSH or ChEBI names and ordinary words in figure text.
CHEMICAL_STOPWORDS = frozenset("""
lead tin gold silver iron salt salts water acid acids base bases ion ions metal metals element elements
oil oils fat fats wax ash dust smoke milk sugar sugars glass gas gases drug drugs ligand ligands
solution solutions solvent solvents nutrient nutrients metabolite metabolites toxin toxins hormone hormones
lipid lipids protein proteins peptide peptides enzyme enzymes vitamin vitamins mineral minerals
fiber fibers food foods diet diets polymer polymers compound compounds agent agents substance substances
mixture mixtures product products precursor precursors inhibitor inhibitors antagonist antagonists
agonist agonists antioxidant antioxidants medium media buffer buffers serum plasma blood urine
energy light heat radiation oxygen-free control vehicle placebo standard
cell cells factor factors signal signals complex complexes receptor receptors channel channels
ph ppi ic50 ec50 p-value carbon antigen antigens nucleotide nucleotides cation cations anion anions
coenzyme coenzymes diamond diamonds retinal ser/thr amino polysaccharide polysaccharides
""".split()) | {"amino acid", "amino acids"}

#: Words that are disease names and ordinary (or too generic) words in figure text.
DISEASE_STOPWORDS = frozenset("""
disease diseases syndrome syndromes disorder disorders infection infections lesion lesions
pain death injury injuries wound wounds shock stress fever weakness fatigue aging
metastasis metastases tumorigenesis carcinogenesis oncogenesis neoplasia cyst cysts ganglion
starvation
""".split())
# Disease abbreviations from MeSH entry terms and DOID synonyms (TAM, SOD, EPI, FIH) are mostly
# other things in figures (tumour-associated macrophages, superoxide dismutase); only curated ones count.
_ABBREVIATION = re.compile(r"^[A-Z0-9][A-Za-z0-9-]{0,5}$")

#: ChEBI roles whose bearers (and those of their sub-roles) are worth a name entry: metabolite,
#: drug, pharmaceutical.
CHEBI_ROLES = ("CHEBI:25212", "CHEBI:23888", "CHEBI:52217")
#: ChEBI classes of gene products (protein), left out of the chemical lexicon with their subclasses.
CHEBI_PROTEINS = ("CHEBI:36080",)
_IC_ACID = re.compile(r"^(.*[a-z])ic [Aa]cid(s?)$")
_CHARGE = re.compile(r"\((?:\d*[+-]|\d+[+-])\)$")

_SYSTEMATIC = re.compile(r"\d+[,-]\d+|\([RSEZ+\-]|[\[\]{}]|\d[a-z]?-\w+-\d")
_PROTEINISH = re.compile(r"\b(?:protein|proteins|antibod\w*|receptor|peptide|kinase|gene|mRNA|human|mouse|rat|"
                         r"fusion|subunit|isoform|domain|enzyme|factor)\b", re.IGNORECASE)


def name_variants(name: str) -> list[str]:
    """A name and the forms figures print for it: the conjugate base of an acid (``Citric Acid`` →
    ``citrate``), a ChEBI name without its charge (``citrate(3-)`` → ``citrate``), and a permuted
    MeSH term put back in order (``Fibrosis, Liver`` → ``Liver Fibrosis``)."""
    out = [name]
    if is_inverted(name) and name.count(",") == 1:
        head, _, rest = name.partition(", ")
        out.append(f"{rest} {head}")
    for n in list(out):
        m = _IC_ACID.match(n)
        if m:
            out.append(f"{m.group(1)}ate{m.group(2)}")
        stripped = _CHARGE.sub("", n)
        if stripped != n and len(stripped) > 2:
            out.append(stripped)
    return list(dict.fromkeys(out))


def role_closure(terms: Iterable[Term], roots: Iterable[str] = CHEBI_ROLES) -> frozenset[str]:
    """The roles ``roots`` and every role below them (ChEBI ``is_a``)."""
    children: dict[str, set[str]] = {}
    for t in terms:
        for p in t.parents:
            children.setdefault(p, set()).add(t.id)
    out = set(roots)
    stack = list(roots)
    while stack:
        for c in children.get(stack.pop(), ()):
            if c not in out:
                out.add(c)
                stack.append(c)
    return frozenset(out)


def chemical_trees_ok(trees: Iterable[str]) -> bool:
    """True when MeSH tree numbers place a descriptor among small molecules (see the module docstring)."""
    trees = list(trees)
    if not trees or any(t.startswith(_CHEM_DENIED) for t in trees):
        return False
    if not any(t.startswith(_CHEM_ALLOWED) or t in ("D12.125",) for t in trees):
        return False
    return any(t.count(".") + 1 >= _MIN_DEPTH for t in trees)


def disease_trees_ok(trees: Iterable[str]) -> bool:
    """True when MeSH tree numbers place a descriptor among diseases (C tree; C23 only with another C branch)."""
    cs = [t for t in trees if t.startswith("C")]
    return bool(cs) and any(not t.startswith("C23") for t in cs)


def _usable(name: str, stop: frozenset[str], *, max_len: int = 45, max_words: int = 5) -> bool:
    n = name.strip()
    if stop is CHEMICAL_STOPWORDS and re.search(r"ases?$", n, re.IGNORECASE):
        return False  # enzymes (peroxidase, kinase) are genes' business
    if not n or len(n) > max_len or len(n.split()) > max_words or is_inverted(n):
        return False
    if n.lower() in stop or n.lower().rstrip("s") in stop:
        return False
    key = entity_key(n)
    # Two-character names ("Fe", "Li") only from the curated table, where their case is kept.
    return len(re.sub(r"[^A-Za-z0-9]", "", key)) >= 3


def read_curated(source: Source, kind: str, *, name: str | None = None) -> list[EntityEntry]:
    """The curated table: ``name mesh chebi|doid label core`` (``#`` lines are comments)."""
    label = source_label(source, name)
    lines = [ln for ln in iter_lines(source, label) if ln.strip() and not ln.startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter="\t")
    header = next(reader, None)
    third = "chebi" if kind == "chemical" else "doid"
    if header is None or header[:5] != ["name", "mesh", third, "label", "core"]:
        from pathfig.errors import LexiconError

        raise LexiconError(f"{label}: expected columns name, mesh, {third}, label, core; got {header!r}")
    out = []
    for row in reader:
        nm, mesh, other, lab, core = (row + [""] * 5)[:5]
        out.append(EntityEntry.make(nm, kind, mesh=mesh, chebi=other if kind == "chemical" else "",
                                    doid=other if kind == "disease" else "", label=lab, source="curated",
                                    core=core.strip() == "1"))
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class ChemicalLinks:
    """Identifier links used to join MeSH and ChEBI."""

    mesh_chebi: Mapping[str, str]             # MeSH id → ChEBI id (curated mappings first)
    chebi_wanted: frozenset[str] = frozenset()  # ChEBI ids worth a name entry (HMDB, DrugBank, MeSH-linked)
    mesh_compounds: frozenset[str] = frozenset()  # MeSH ids with a PubChem compound: single substances


def build_chemicals(
    descriptors: Iterable[MeshRecord],
    supplementary: Iterable[MeshRecord],
    chebi: Iterable[Term],
    links: ChemicalLinks,
    curated: Iterable[EntityEntry],
    provenance: dict[str, Any] | None = None,
) -> EntityLexicon:
    """The chemical lexicon (see the module docstring)."""
    entries: list[EntityEntry] = list(curated)
    chebi_names: dict[str, str] = {}
    chebi_by_name: dict[str, set[str]] = {}
    chebi_terms = list(chebi)
    for t in chebi_terms:
        chebi_names[t.id] = t.name
        chebi_by_name.setdefault(t.name.lower(), set()).add(t.id)
    mesh_chebi = dict(links.mesh_chebi)
    kept_desc: dict[str, MeshRecord] = {}
    for rec in descriptors:
        if not chemical_trees_ok(rec.trees):
            continue
        kept_desc[rec.ui] = rec
        if rec.ui not in mesh_chebi:
            same = chebi_by_name.get(rec.name.lower(), set())
            if len(same) == 1:
                mesh_chebi[rec.ui] = next(iter(same))
        ch = mesh_chebi.get(rec.ui, "")
        for raw, src in [(rec.name, "mesh")] + [(s, "mesh_entry") for s in rec.synonyms]:
            for nm in name_variants(raw):
                if _usable(nm, CHEMICAL_STOPWORDS):
                    entries.append(EntityEntry.make(nm, "chemical", mesh=rec.ui, chebi=ch, label=rec.name,
                                                    source=src if nm == raw else "mesh_entry"))
    n_supp = 0
    for rec in supplementary:
        if not any(m in kept_desc for m in rec.mapped) or _PROTEINISH.search(rec.name):
            continue
        ch = mesh_chebi.get(rec.ui, "")
        if not ch:
            same = chebi_by_name.get(rec.name.lower(), set())
            ch = next(iter(same)) if len(same) == 1 else ""
        if not ch and rec.ui not in links.mesh_chebi and rec.ui not in links.mesh_compounds and not _druglike(rec):
            continue
        n_supp += 1
        for nm in (rec.name, *rec.synonyms):
            if re.fullmatch(r"[A-Z0-9'-]{1,4}", nm):
                continue  # short codes of supplementary concepts (DAQ, MTOP) are other things in figures
            if _usable(nm, CHEMICAL_STOPWORDS, max_words=3) and not _SYSTEMATIC.search(nm) and not _PROTEINISH.search(nm):
                entries.append(EntityEntry.make(nm, "chemical", mesh=rec.ui, chebi=ch, label=rec.name, source="mesh_supp"))
    linked = set(mesh_chebi.values())
    chebi_mesh = {v: k for k, v in mesh_chebi.items()}
    roles = role_closure(chebi_terms)
    proteins = role_closure(chebi_terms, CHEBI_PROTEINS)  # thrombin, collagen, cytochrome c: genes' business
    for t in chebi_terms:
        if t.id in proteins or (t.id not in linked and t.id not in links.chebi_wanted and not (set(t.roles) & roles)):
            continue
        for raw in (t.name, *t.synonyms):
            for nm in name_variants(raw):
                if _usable(nm, CHEMICAL_STOPWORDS, max_words=3) and not _SYSTEMATIC.search(nm):
                    entries.append(EntityEntry.make(nm, "chemical", mesh=chebi_mesh.get(t.id, ""), chebi=t.id,
                                                    label=t.name, source="chebi"))
    prov = dict(provenance or {})
    prov.update({"kind": "chemical", "mesh_descriptors": len(kept_desc), "mesh_supplementary": n_supp,
                 "mesh_chebi_links": len(mesh_chebi)})
    return EntityLexicon(entries=iter_unique(entries), provenance=prov)


def _disease_abbreviation(name: str) -> bool:
    """``TAM``, ``SOD``, ``IL-7R``: short names with capitals after the first letter."""
    return bool(_ABBREVIATION.match(name)) and sum(c.isupper() for c in name) >= 2


def _druglike(rec: MeshRecord) -> bool:
    """A supplementary concept named like a drug: one lower-case word (``lenvatinib``, ``sorafenib``)."""
    return bool(re.fullmatch(r"[a-z][a-z-]{4,}", rec.name))


def build_diseases(
    descriptors: Iterable[MeshRecord],
    doid: Iterable[Term],
    curated: Iterable[EntityEntry],
    provenance: dict[str, Any] | None = None,
) -> EntityLexicon:
    """The disease lexicon (see the module docstring)."""
    entries: list[EntityEntry] = list(curated)
    kept: dict[str, MeshRecord] = {}
    for rec in descriptors:
        if disease_trees_ok(rec.trees):
            kept[rec.ui] = rec
    mesh_doid: dict[str, str] = {}
    terms = [t for t in doid if not t.obsolete]
    for t in terms:
        for m in t.xref_ids("MESH"):
            if m in kept:
                mesh_doid.setdefault(m, t.id)
    for ui, rec in kept.items():
        d = mesh_doid.get(ui, "")
        for raw, src in [(rec.name, "mesh")] + [(s, "mesh_entry") for s in rec.synonyms]:
            for nm in name_variants(raw):
                if _usable(nm, DISEASE_STOPWORDS, max_len=60, max_words=6) and not _disease_abbreviation(nm):
                    entries.append(EntityEntry.make(nm, "disease", mesh=ui, doid=d, label=rec.name,
                                                    source=src if nm == raw else "mesh_entry"))
    for t in terms:
        mesh = next((m for m in t.xref_ids("MESH") if m in kept), "")
        for nm, src in [(t.name, "doid")] + [(s, "doid_synonym") for s in t.synonyms]:
            if _usable(nm, DISEASE_STOPWORDS, max_len=60, max_words=6) and not _disease_abbreviation(nm):
                entries.append(EntityEntry.make(nm, "disease", mesh=mesh, doid=t.id, label=t.name, source=src))
    prov = dict(provenance or {})
    prov.update({"kind": "disease", "mesh_descriptors": len(kept), "doid_terms": len(terms),
                 "mesh_doid_links": len(mesh_doid)})
    return EntityLexicon(entries=iter_unique(entries), provenance=prov)
