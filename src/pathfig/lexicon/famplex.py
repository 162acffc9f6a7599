"""Read FamPlex families and complexes and expand them to their member genes.

FamPlex resources (https://github.com/sorgerlab/famplex):

- ``entities.csv``: one FamPlex id per line (``PI3K``, ``mTORC1``, ``p14_3_3``);
- ``relations.csv``: ``ns1,id1,rel,ns2,id2`` with rel ``isa`` or ``partof``
  (``HGNC,MTOR,partof,FPLX,mTORC1``; ``FPLX,NFkappaB_1,partof,FPLX,NFkappaB``);
- ``equivalences.csv``: ``ns,id_or_name,fplx_id``; only BEL gives names (``BEL,14-3-3 Family,p14_3_3``),
  the other namespaces give accessions (``NXP,FA:00078``, ``GO:...``) that nobody prints in a figure;
- ``grounding_map.csv``: ``text,ns,id[,ns,id...]``, how a text seen in papers grounds.

Families are expanded transitively (a family of families, a complex of families) to HGNC
genes. Each name of a family gives one ``family`` entry per member gene. Grounding-map texts
that ground to an HGNC symbol (``c-Rel → REL``) are curated paper spellings: ``alias`` entries.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Container, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pathfig.errors import LexiconError
from pathfig.lexicon._common import SourceLoad, file_info, iter_lines, usable_name
from pathfig.lexicon.keys import normalize_key
from pathfig.lexicon.model import LexiconEntry

__all__ = [
    "FAMPLEX_FILES",
    "NAME_NAMESPACES",
    "expand_families",
    "grounded_genes",
    "load_famplex",
    "parse_famplex",
    "read_famplex_tables",
]

logger = logging.getLogger(__name__)

#: The FamPlex files the lexicon uses; ``relations.csv`` is required, the rest add names.
FAMPLEX_FILES = ("entities.csv", "relations.csv", "equivalences.csv", "grounding_map.csv")

#: Equivalence namespaces whose second column is a name rather than an accession.
NAME_NAMESPACES = frozenset({"BEL"})

#: A FamPlex directory, or ``{file name: content}`` for in-memory input.
FamplexSource = str | Path | Mapping[str, str | bytes]

_RELATIONS = frozenset({"isa", "partof"})


def _rows(source: FamplexSource, file: str, *, required: bool) -> tuple[list[list[str]], str]:
    if isinstance(source, Mapping):
        label = f"<famplex>/{file}"
        if file not in source:
            if required:
                raise LexiconError(f"{label}: missing; a FamPlex source needs {file}")
            return [], label
        content: Any = source[file]
    else:
        path = Path(source) / file
        label = str(path)
        if not Path(source).is_dir():
            raise LexiconError(f"{source}: not a FamPlex directory (expected a folder holding {', '.join(FAMPLEX_FILES)})")
        if not path.is_file():
            if required:
                raise LexiconError(f"{label}: missing; a FamPlex directory needs {file}")
            return [], label
        content = path
    text = content if isinstance(content, str) else "\n".join(iter_lines(content, label))
    try:
        rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    except csv.Error as exc:
        raise LexiconError(f"{label}: not a CSV file ({exc})") from exc
    return rows, label


def read_famplex_tables(source: FamplexSource) -> dict[str, Any]:
    """Parse the FamPlex files into plain tables (checked for shape), keyed by file name.

    Returns ``entities`` (list of ids), ``relations`` (``(ns1, id1, rel, ns2, id2)`` tuples),
    ``equivalences`` (``(ns, value, fplx_id)``) and ``grounding_map`` (``(text, [(ns, id), ...])``).
    """
    out: dict[str, Any] = {"files": {}}
    rows, label = _rows(source, "relations.csv", required=True)
    relations = []
    for n, row in enumerate(rows, start=1):
        if len(row) < 5:
            raise LexiconError(f"{label}: line {n} has {len(row)} columns, expected ns1,id1,rel,ns2,id2")
        relations.append(tuple(row[:5]))
    out["relations"] = relations
    out["files"]["relations.csv"] = label

    rows, label = _rows(source, "entities.csv", required=False)
    out["entities"] = [row[0] for row in rows]
    if rows:
        out["files"]["entities.csv"] = label

    rows, label = _rows(source, "equivalences.csv", required=False)
    equivalences = []
    for n, row in enumerate(rows, start=1):
        if len(row) < 3:
            raise LexiconError(f"{label}: line {n} has {len(row)} columns, expected ns,id,fplx_id")
        equivalences.append(tuple(row[:3]))
    out["equivalences"] = equivalences
    if rows:
        out["files"]["equivalences.csv"] = label

    rows, label = _rows(source, "grounding_map.csv", required=False)
    grounding = []
    for row in rows:
        pairs = [(row[i], row[i + 1]) for i in range(1, len(row) - 1, 2) if row[i] and row[i + 1]]
        grounding.append((row[0], pairs))
    out["grounding_map"] = grounding
    if rows:
        out["files"]["grounding_map.csv"] = label
    return out


def expand_families(relations: Iterable[Sequence[str]]) -> dict[str, set[str]]:
    """FamPlex id → HGNC symbols of all its members, following isa/partof transitively.

    >>> rels = [("HGNC", "NFKB1", "isa", "FPLX", "NFkappaB_1"), ("FPLX", "NFkappaB_1", "partof", "FPLX", "NFkappaB")]
    >>> sorted(expand_families(rels)["NFkappaB"])
    ['NFKB1']
    """
    children: dict[str, list[tuple[str, str]]] = {}
    for ns1, id1, rel, ns2, id2 in (tuple(r[:5]) for r in relations):
        if rel in _RELATIONS and ns2 == "FPLX":
            children.setdefault(id2, []).append((ns1, id1))
    members: dict[str, set[str]] = {}

    def walk(fplx: str, trail: frozenset[str]) -> set[str]:
        if fplx in members:
            return members[fplx]
        genes: set[str] = set()
        for ns, ident in children.get(fplx, ()):
            if ns == "HGNC":
                genes.add(ident)
            elif ns == "FPLX" and ident not in trail:  # guard against a cycle in edited files
                genes |= walk(ident, trail | {ident})
        members[fplx] = genes
        return genes

    for fplx in children:
        walk(fplx, frozenset({fplx}))
    return members


def parse_famplex(
    source: FamplexSource,
    genes: Mapping[str, Sequence[str]],
    *,
    taxon: str = "9606",
    mesh_names: Mapping[str, Sequence[str]] | None = None,
    taken_keys: Container[str] = (),
) -> SourceLoad:
    """Family entries and grounding-map aliases, with counts for the provenance.

    ``genes`` maps an HGNC symbol to ``(ncbigene_id, hgnc_id[, current_symbol])``; build it from
    the HGNC entries (:func:`pathfig.lexicon.build.gene_map`). Members it does not know are
    counted in ``info["unmapped_members"]`` and skipped. ``mesh_names`` (MeSH descriptor id →
    names, :func:`pathfig.lexicon.mesh_genes.mesh_family_names`) names a family by the MeSH
    descriptor FamPlex declares equivalent to it.
    """
    tables = read_famplex_tables(source)
    members = expand_families(tables["relations"])
    # Names in the order a shared key keeps them (collapse_entries keeps the first): texts as
    # printed in papers (the grounding map: ``NADPH oxidase``, ``Na/K-ATPase``), then other
    # vocabularies' names (``Na(+),K(+)-ATPase``), then the identifier (``NADPH_oxidase``).
    grounded: dict[str, list[str]] = {}
    gene_aliases: list[tuple[str, str]] = []
    for text, pairs in tables["grounding_map"]:
        for ns, ident in pairs:
            if ns == "FPLX":
                grounded.setdefault(ident, []).append(text)
            elif ns == "HGNC":
                gene_aliases.append((text, ident))
    equivalent: dict[str, list[str]] = {}
    from_mesh: dict[str, list[str]] = {}
    mesh_named = mesh_dropped = 0
    for ns, value, fplx in tables["equivalences"]:
        if ns in NAME_NAMESPACES:
            equivalent.setdefault(fplx, []).append(value)
        elif ns == "MESH" and mesh_names and value in mesh_names:
            from_mesh.setdefault(fplx, []).extend(mesh_names[value])
            mesh_named += 1
    names: dict[str, list[str]] = {}
    for fplx in list(tables["entities"]) + sorted(members) + sorted(grounded) + sorted(equivalent) + sorted(from_mesh):
        if fplx not in names:
            names[fplx] = grounded.get(fplx, []) + equivalent.get(fplx, []) + [fplx]
    # A MeSH name only fills a gap: its key must name nothing else, neither a gene (``taken_keys``)
    # nor another family (FamPlex ties IKK_family to "I-kappa B Proteins", whose term
    # "I kappa B" is the IkB family).
    owners: dict[str, set[str]] = {}
    for fplx, own in names.items():
        for n in own:
            owners.setdefault(normalize_key(n), set()).add(fplx)
    for fplx, extra in from_mesh.items():
        for n in extra:
            key = normalize_key(n)
            if key and key not in taken_keys and owners.get(key, {fplx}) == {fplx}:
                names[fplx].append(n)
            else:
                mesh_dropped += 1

    def gene(symbol: str) -> tuple[str, str, str] | None:
        ref = genes.get(symbol)
        if not ref or not ref[0]:
            return None
        return ref[0], (ref[1] if len(ref) > 1 else ""), (ref[2] if len(ref) > 2 else symbol)

    entries: list[LexiconEntry] = []
    unmapped: set[str] = set()
    junk = 0
    empty_families = []
    for fplx in sorted(names):
        refs = []
        for symbol in sorted(members.get(fplx, ())):
            ref = gene(symbol)
            if ref is None:
                unmapped.add(symbol)
            else:
                refs.append(ref)
        if not refs:
            empty_families.append(fplx)
            continue
        seen: set[str] = set()
        for raw in names[fplx]:
            clean = usable_name(raw)
            if clean is None:
                junk += 1
                continue
            if clean in seen:
                continue
            seen.add(clean)
            for gid, hgnc_id, symbol in sorted(set(refs)):
                entries.append(LexiconEntry.make(clean, "family", gid, symbol, hgnc_id=hgnc_id,
                                                 taxon_id=taxon, family=fplx))
    aliases = 0
    for text, symbol in gene_aliases:
        ref = gene(symbol)
        clean = usable_name(text)
        if ref is None:
            unmapped.add(symbol)
        elif clean is None:
            junk += 1
        else:
            gid, hgnc_id, current = ref
            entries.append(LexiconEntry.make(clean, "alias", gid, current, hgnc_id=hgnc_id, taxon_id=taxon))
            aliases += 1
    if unmapped:
        logger.info("[famplex] %d member symbols not in the gene map (renamed or withdrawn): %s",
                    len(unmapped), ", ".join(sorted(unmapped)[:10]))
    info: dict[str, Any] = {
        "source": "FamPlex",
        "files": {
            file: file_info(label) if not isinstance(source, Mapping) else {"file": file}
            for file, label in tables["files"].items()
        },
        "families": len(names) - len(empty_families),
        "families_without_genes": len(empty_families),
        "unmapped_members": sorted(unmapped),
        "grounding_aliases": aliases,
        "families_named_by_mesh": mesh_named,
        "mesh_names_dropped_as_taken": mesh_dropped,
        "dropped_names": junk,
        "entries": len(entries),
    }
    return SourceLoad(entries=entries, info=info)


def load_famplex(
    source: FamplexSource,
    genes: Mapping[str, Sequence[str]],
    *,
    taxon: str = "9606",
) -> list[LexiconEntry]:
    """``family`` entries (one per name × member gene) and grounding-map ``alias`` entries."""
    return parse_famplex(source, genes, taxon=taxon).entries


def grounded_genes(source: FamplexSource, genes: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Key → NCBI Gene id for grounding-map texts that name one human gene (``NIK`` → MAP3K14).

    FamPlex curates how an ambiguous text is meant in papers; the build uses this to drop other
    genes' synonyms of the same key (MAP4K4's alias NIK). Texts with a lower-case species or
    form prefix (``rSK2``: rat SK2, ``hRI``) are left out: lexicon keys ignore case, and the
    same key in capitals is another protein (RSK2, HRI).
    """
    out: dict[str, str] = {}
    for text, pairs in read_famplex_tables(source)["grounding_map"]:
        ids = {genes[i][0] for ns, i in pairs if ns == "HGNC" and i in genes and genes[i][0]}
        clean = usable_name(text)
        if (not clean or len(ids) != 1 or any(ns == "FPLX" for ns, _ in pairs)
                or (len(clean) > 1 and clean[0].islower() and clean[1].isupper())):
            continue
        out[normalize_key(clean)] = ids.pop()
    return out
