"""A gene-set library held as integer arrays, ready for many fast queries.

Loading maps every gene token once (:class:`~pathfig.enrich.genes.GeneMapper`), stores each
distinct gene set once as a sorted run of gene indices (compressed sparse rows) plus the
inverted index gene → sets, and remembers every name of sets that are identical: they are
tested once and reported under each name.

A library comes from a GMT file, from ``{name: genes}`` in memory, or from a pathfig output
directory / store (one set per figure with at least ``GMT_MIN_GENES`` human genes, as in the
published GMT).
"""

from __future__ import annotations

import logging
import time
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import NDArray

from pathfig.enrich.genes import GeneMapper, MappingReport
from pathfig.enrich.gmt import GmtProblem, GmtSet, iter_gmt_rows, read_gmt_text
from pathfig.errors import InputFileError, PathfigError
from pathfig.lexicon.model import Lexicon

if TYPE_CHECKING:  # pragma: no cover
    from pathfig.enrich.engine import SearchResult
    from pathfig.enrich.result import EnrichmentResult

__all__ = ["EnrichError", "GeneSetLibrary", "Universe", "UniverseKind", "load_library"]

logger = logging.getLogger(__name__)

UniverseKind = Literal["library", "protein-coding", "background"]

#: Prepared universes kept per library (the two named ones plus the most recent backgrounds).
_MAX_UNIVERSES = 10


class EnrichError(PathfigError):
    """Enrichment cannot run as asked (no usable gene sets, no query gene in the universe, ...)."""


@dataclass(frozen=True, slots=True, eq=False)
class Universe:
    """The genes a test counts as drawable, prepared once for a library.

    ``size`` is N; ``set_sizes`` are the set sizes within it; ``in_library`` marks the library
    genes it holds (``None``: all of them). ``members`` holds the identities of a background or
    protein-coding universe (``None`` for the library's own genes).
    """

    kind: UniverseKind
    size: int
    set_sizes: NDArray[np.int64]
    in_library: NDArray[np.bool_] | None
    members: frozenset[str] | None
    #: For a background: how its genes were read.
    report: MappingReport | None = None
    # Per-size ranks for the overlap → p-value lookup table (see engine.py).
    size_values: NDArray[np.int64] | None = None
    size_rank: NDArray[np.int64] | None = None


class GeneSetLibrary:
    """Gene sets as arrays. Build with :meth:`from_gmt`, :meth:`from_sets`, :meth:`from_store`."""

    def __init__(
        self, *, terms: list[str], descriptions: list[str], term_set: NDArray[np.int64],
        set_ptr: NDArray[np.int64], set_genes: NDArray[np.int32], gene_ids: list[str], gene_labels: list[str],
        problems: list[GmtProblem], source: str, mapper: GeneMapper, load_seconds: float = 0.0,
    ) -> None:
        self.terms = terms
        self.descriptions = descriptions
        self.term_set = term_set
        self.set_ptr = set_ptr
        self.set_genes = set_genes
        self.gene_ids = gene_ids
        self.gene_labels = gene_labels
        self.gene_index = {g: i for i, g in enumerate(gene_ids)}
        self.problems = problems
        self.source = source
        self.mapper = mapper
        self.load_seconds = load_seconds
        self.set_sizes = np.diff(set_ptr)
        # Names of each distinct set (CSR over term indices, in library order).
        order = np.argsort(term_set, kind="stable")
        self.set_term_ptr = np.concatenate(([0], np.cumsum(np.bincount(term_set, minlength=self.n_sets))))
        self.set_terms = order.astype(np.int64)
        self.set_first_term = self.set_terms[self.set_term_ptr[:-1]]
        self.has_duplicates = len(terms) != self.n_sets
        # Inverted index: gene → the distinct sets holding it.
        set_of_entry = np.repeat(np.arange(self.n_sets, dtype=np.int32), self.set_sizes)
        by_gene = np.argsort(set_genes, kind="stable")
        self.gene_sets = set_of_entry[by_gene]
        self.gene_ptr = np.concatenate(([0], np.cumsum(np.bincount(set_genes, minlength=len(gene_ids)))))
        self._universes: dict[Any, Universe] = {}

    # -- construction ------------------------------------------------------------------------------

    @classmethod
    def from_sets(
        cls, sets: Iterable[GmtSet] | Mapping[str, Iterable[str]], *, mapper: GeneMapper | None = None,
        lexicon: Lexicon | str | Path | None = None, source: str = "<memory>",
    ) -> GeneSetLibrary:
        """A library from :class:`GmtSet` records or a ``{name: genes}`` mapping."""
        if isinstance(sets, Mapping):
            rows: Iterable[tuple[str, str, Sequence[str]]] = (
                (str(k), "", [str(g) for g in v]) for k, v in sets.items())
        else:
            rows = ((s.name, s.description, s.genes) for s in sets)
        return cls._build(rows, mapper=mapper or GeneMapper(lexicon), problems=[], source=source)

    @classmethod
    def _build(
        cls, rows: Iterable[tuple[str, str, Sequence[str]]], *, mapper: GeneMapper, problems: list[GmtProblem],
        source: str,
    ) -> GeneSetLibrary:
        t0 = time.perf_counter()
        tokens: dict[str, int] = {}
        flat = array("i")  # C int: 32 bits on every platform numpy supports
        lengths = array("q")
        terms: list[str] = []
        descriptions: list[str] = []
        get = tokens.get
        for name, description, genes in rows:
            # map() with dict.get runs in C; new tokens (rare after the first sets) take the slow path.
            ids = list(map(get, genes))
            if None in ids:
                ids = [tokens.setdefault(t, len(tokens)) for t in genes]
            flat.extend(ids)
            lengths.append(len(ids))
            terms.append(name)
            descriptions.append(description)
        if not terms:
            raise EnrichError(f"{source}: no usable gene sets" + (f" ({len(problems)} problem lines)" if problems else ""))
        # Map each distinct token once; tokens naming the same gene share one index.
        gene_index: dict[str, int] = {}
        gene_labels: list[str] = []
        token_to_gene = np.empty(len(tokens), dtype=np.int32)
        for token, i in tokens.items():
            gene = mapper.map(token).gene
            j = gene_index.get(gene)
            if j is None:
                j = gene_index[gene] = len(gene_labels)
                gene_labels.append(token)
            token_to_gene[i] = j
        genes = token_to_gene[np.frombuffer(flat, dtype=np.int32)]
        del flat
        n_genes = len(gene_labels)
        lens = np.frombuffer(lengths, dtype=np.int64)
        # Sort genes within each set (and drop repeats created by mapping) in one pass, in place:
        # key = set * n_genes + gene.
        keys = np.repeat(np.arange(len(terms), dtype=np.int64), lens)
        keys *= n_genes
        keys += genes
        del genes
        keys.sort()
        repeat = keys[1:] == keys[:-1]
        if repeat.any():
            keys = keys[np.concatenate(([True], ~repeat))]
        del repeat
        # Set s owns the keys in [s·n_genes, (s+1)·n_genes).
        raw_ptr = np.searchsorted(keys, np.arange(len(terms) + 1, dtype=np.int64) * n_genes)
        np.remainder(keys, n_genes, out=keys)
        raw_genes = keys.astype(np.int32)
        del keys
        # Identical sets: one distinct set per content, every name kept.
        term_set, keep_sets = _identical_sets(raw_ptr, raw_genes, n_genes)
        if len(keep_sets) == len(terms):
            set_ptr, set_genes = raw_ptr, raw_genes
        else:
            kept = keep_sets
            sizes = raw_ptr[kept + 1] - raw_ptr[kept]
            starts = np.repeat(raw_ptr[kept] - np.concatenate(([0], np.cumsum(sizes)[:-1])), sizes)
            set_genes = raw_genes[np.arange(int(sizes.sum())) + starts]
            set_ptr = np.concatenate(([0], np.cumsum(sizes)))
            logger.info("[%s] %d names share %d distinct sets", source, len(terms), len(keep_sets))
        gene_ids = [""] * n_genes
        for gene, j in gene_index.items():
            gene_ids[j] = gene
        lib = cls(terms=terms, descriptions=descriptions, term_set=term_set, set_ptr=set_ptr,
                  set_genes=set_genes, gene_ids=gene_ids, gene_labels=gene_labels, problems=problems,
                  source=source, mapper=mapper)
        lib.load_seconds = time.perf_counter() - t0
        return lib

    @classmethod
    def from_gmt(cls, path: str | Path, *, mapper: GeneMapper | None = None,
                 lexicon: Lexicon | str | Path | None = None) -> GeneSetLibrary:
        """Read a GMT file (gzip allowed); skipped lines are listed in :attr:`problems`."""
        t0 = time.perf_counter()
        problems: list[GmtProblem] = []
        lib = cls._build(_gmt_file_rows(path, problems), mapper=mapper or GeneMapper(lexicon), problems=problems,
                         source=str(path))
        lib.load_seconds = time.perf_counter() - t0
        if problems:
            # Listed in lib.problems (and printed by the CLI); logged once here for library users.
            logger.info("[%s] %d lines skipped or changed, first: %s", path, len(problems), problems[0])
        return lib

    @classmethod
    def from_store(cls, path: str | Path, *, organism_id: str = "9606", min_genes: int | None = None,
                   mapper: GeneMapper | None = None) -> GeneSetLibrary:
        """One set per ok figure of a pathfig store with ≥ ``min_genes`` genes of ``organism_id``.

        ``path`` is an output directory of ``pathfig run`` or its ``pathfig.sqlite``. The sets are
        the ones the published GMT holds: figure id, title, NCBI Gene ids.
        """
        from pathfig.publish import GMT_MIN_GENES
        from pathfig.store import STORE_FILENAME, Store

        path = Path(path)
        db = path / STORE_FILENAME if path.is_dir() else path
        if not db.is_file():
            raise InputFileError(db, "no pathfig store here (run `pathfig run ... --out DIR` first)")
        limit = GMT_MIN_GENES if min_genes is None else min_genes
        with Store(db) as store:
            genes: dict[str, dict[str, None]] = {}
            for m in store.mentions(status="ok"):
                if m.organism_id == organism_id:
                    genes.setdefault(m.figid, {})[m.ncbigene_id] = None
            rows = [(f.figid, f.title, list(genes[f.figid]))
                    for f in store.figures(status="ok") if len(genes.get(f.figid, ())) >= limit]
        return cls._build(rows, mapper=mapper or GeneMapper(), problems=[], source=str(db))

    # -- shape -------------------------------------------------------------------------------------

    @property
    def n_sets(self) -> int:
        """Distinct gene sets (identical sets under several names count once)."""
        return int(self.set_ptr.size - 1)

    @property
    def n_terms(self) -> int:
        """Names (GMT lines used)."""
        return len(self.terms)

    @property
    def n_genes(self) -> int:
        return len(self.gene_ids)

    def __repr__(self) -> str:
        return (f"GeneSetLibrary({self.source!r}: {self.n_terms} sets, {self.n_sets} distinct, "
                f"{self.n_genes} genes, {len(self.problems)} problems)")

    def genes_of(self, term: str) -> list[str]:
        """Gene identities of the set named ``term``."""
        try:
            t = self.terms.index(term)
        except ValueError:
            raise KeyError(term) from None
        s = int(self.term_set[t])
        return [self.gene_ids[g] for g in self.set_genes[self.set_ptr[s]:self.set_ptr[s + 1]]]

    def nbytes(self) -> int:
        """Bytes held by the index arrays (not counting names)."""
        return sum(a.nbytes for a in (self.term_set, self.set_ptr, self.set_genes, self.set_sizes, self.set_term_ptr,
                                      self.set_terms, self.set_first_term, self.gene_sets, self.gene_ptr))

    # -- queries (the engine lives in engine.py) -----------------------------------------------------

    def enrich(self, genes: Iterable[str], **options: Any) -> EnrichmentResult:
        """Test every set for over-representation of ``genes``: see :func:`~pathfig.enrich.engine.enrich_library`."""
        from pathfig.enrich.engine import enrich_library

        return enrich_library(self, genes, **options)

    def search(self, genes: Iterable[str], **options: Any) -> SearchResult:
        """Sets holding all of ``genes``, ranked: see :func:`~pathfig.enrich.engine.search_library`."""
        from pathfig.enrich.engine import search_library

        return search_library(self, genes, **options)

    # -- universes ---------------------------------------------------------------------------------

    def universe(self, universe: UniverseKind | str = "library",
                 background: Iterable[str] | None = None) -> Universe:
        """Prepare (once, cached) the universe of a test.

        * ``"library"`` (default): every gene of the library; N = library genes.
        * ``"protein-coding"``: the lexicon's protein-coding genes; sets and queries are
          intersected with them.
        * a ``background`` gene list (then ``universe`` is ignored): its genes, mapped like a
          query; sets and queries are intersected with it. Background genes in no set still
          count in N.
        """
        if background is not None:
            tokens = list(dict.fromkeys(background))
            key: Any = ("background", tuple(tokens))
            if key in self._universes:
                return self._universes[key]
            report = MappingReport(given=len(tokens))
            members: dict[str, str] = {}
            for match in self.mapper.map_all(tokens):
                if match.status == "unmapped":
                    report.unmapped.append(match.token)
                elif match.status == "ambiguous":
                    report.ambiguous[match.token] = list(match.candidates)
                if match.gene in members:
                    report.duplicates[match.token] = members[match.gene]
                else:
                    members[match.gene] = match.token
            report.used = len(members)
            u = self._make_universe("background", frozenset(members), report)
        else:
            kind = str(universe)
            if kind not in ("library", "protein-coding"):
                raise EnrichError(f"unknown universe {kind!r}: use 'library', 'protein-coding' or a background list")
            key = kind
            if key in self._universes:
                return self._universes[key]
            if kind == "library":
                u = Universe(kind="library", size=self.n_genes, set_sizes=self.set_sizes, in_library=None,
                             members=None)
            else:
                u = self._make_universe("protein-coding", frozenset(self.mapper.protein_coding()), None)
        if u.size == 0:
            raise EnrichError(f"the {u.kind} universe is empty")
        values, rank = np.unique(u.set_sizes, return_inverse=True)
        u = Universe(kind=u.kind, size=u.size, set_sizes=u.set_sizes, in_library=u.in_library, members=u.members,
                     report=u.report, size_values=values.astype(np.int64), size_rank=rank.astype(np.int64))
        if len(self._universes) >= _MAX_UNIVERSES:  # a long-lived process sees many backgrounds
            del self._universes[next(k for k in self._universes if isinstance(k, tuple))]
        self._universes[key] = u
        return u

    def _make_universe(self, kind: UniverseKind, members: frozenset[str], report: MappingReport | None) -> Universe:
        in_library = np.fromiter((g in members for g in self.gene_ids), dtype=bool, count=self.n_genes)
        sizes = np.add.reduceat(in_library[self.set_genes].astype(np.int64), self.set_ptr[:-1]) \
            if self.set_genes.size else np.zeros(self.n_sets, dtype=np.int64)
        # reduceat returns the element at an empty run's start; no set is empty, so this is exact.
        return Universe(kind=kind, size=len(members), set_sizes=sizes, in_library=in_library, members=members,
                        report=report)


def _gmt_file_rows(path: str | Path, problems: list[GmtProblem]) -> Iterator[tuple[str, str, list[str]]]:
    """Rows of a GMT file; the file's text is freed as soon as the last row is read."""
    text, read_problems = read_gmt_text(path)
    problems.extend(read_problems)
    for _, name, description, genes in iter_gmt_rows(text, str(path), problems):
        yield name, description, genes


def _identical_sets(
    ptr: NDArray[np.int64], genes: NDArray[np.int32], n_genes: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(distinct-set index of every set, first set of each distinct content), in library order.

    Sets are grouped by a 64-bit sum of random per-gene keys (vectorised), then every group of
    more than one set is checked element by element, so a hash collision can never merge two
    different sets; if one ever happens, a slower exact grouping by content takes over.
    """
    n_sets = ptr.size - 1
    weights = np.random.default_rng(20240611).integers(0, np.iinfo(np.int64).max, n_genes, dtype=np.int64)
    with np.errstate(over="ignore"):
        h = np.add.reduceat(weights[genes].view(np.uint64), ptr[:-1]) if genes.size else np.zeros(n_sets, np.uint64)
        h = h ^ (np.diff(ptr).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))
    _, first, inverse, counts = np.unique(h, return_index=True, return_inverse=True, return_counts=True)
    if counts.max(initial=1) > 1:
        by_group = np.argsort(inverse, kind="stable")
        ends = np.cumsum(counts)
        for g in np.flatnonzero(counts > 1).tolist():
            members = by_group[ends[g] - counts[g]:ends[g]].tolist()
            head = genes[ptr[members[0]]:ptr[members[0] + 1]]
            for t in members[1:]:
                if not np.array_equal(head, genes[ptr[t]:ptr[t + 1]]):
                    return _identical_sets_exact(ptr, genes)
    # Number distinct sets in order of first appearance.
    order = np.argsort(first, kind="stable")
    renumber = np.empty(order.size, dtype=np.int64)
    renumber[order] = np.arange(order.size)
    return renumber[inverse], np.sort(first).astype(np.int64)


def _identical_sets_exact(
    ptr: NDArray[np.int64], genes: NDArray[np.int32],
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    seen: dict[bytes, int] = {}
    n_sets = ptr.size - 1
    term_set = np.empty(n_sets, dtype=np.int64)
    keep: list[int] = []
    for t in range(n_sets):
        s = seen.setdefault(genes[ptr[t]:ptr[t + 1]].tobytes(), len(seen))
        if s == len(keep):
            keep.append(t)
        term_set[t] = s
    return term_set, np.asarray(keep, dtype=np.int64)


def load_library(source: str | Path, *, lexicon: Lexicon | str | Path | None = None) -> GeneSetLibrary:
    """A library from a GMT file, a pathfig output directory, or a pathfig store file.

    An output directory is read through its store (``pathfig.sqlite``) when it has one, else
    through its published GMT (``gmt/pathfig-Homo_sapiens.gmt``).
    """
    from pathfig.store import STORE_FILENAME

    path = Path(source)
    mapper = GeneMapper(lexicon)
    if path.is_dir():
        if (path / STORE_FILENAME).is_file():
            return GeneSetLibrary.from_store(path, mapper=mapper)
        gmt = path / "gmt" / "pathfig-Homo_sapiens.gmt"
        if gmt.is_file():
            return GeneSetLibrary.from_gmt(gmt, mapper=mapper)
        raise InputFileError(path, "a folder without a pathfig store or gmt/pathfig-Homo_sapiens.gmt")
    if path.suffix in (".sqlite", ".db"):
        return GeneSetLibrary.from_store(path, mapper=mapper)
    return GeneSetLibrary.from_gmt(path, mapper=mapper)
