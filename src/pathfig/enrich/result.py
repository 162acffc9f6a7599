"""The result of one enrichment query: arrays first, tables (pandas, TSV, JSON) on demand.

Every statistic is held per distinct gene set; rows are expanded to set names only when a table
is asked for, and the overlap genes of a row are listed only for the rows shown, so a query's
cost does not grow with the size of the table nobody reads.

Columns, in order: ``term description overlap set_size p_value log10_p fdr odds_ratio
fold_enrichment combined_score genes``. ``log10_p`` is exact even where ``p_value`` underflows
to 0 (below ~1e-308); ``combined_score`` is Enrichr's ``-ln(p) × odds_ratio`` computed from
``log10_p``, so it stays finite too.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from pathfig.enrich.genes import MappingReport
from pathfig.enrich.stats import odds_ratio

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from pathfig.enrich.library import GeneSetLibrary, Universe

__all__ = ["COLUMNS", "EnrichmentResult"]

#: Columns of every result table (DataFrame, TSV, JSON objects), in order.
COLUMNS = (
    "term", "description", "overlap", "set_size", "p_value", "log10_p", "fdr", "odds_ratio",
    "fold_enrichment", "combined_score", "genes",
)

_LN10 = math.log(10.0)


@dataclass(slots=True, kw_only=True, eq=False)
class EnrichmentResult:
    """Statistics of every reported set, sorted by p-value (ties in library order)."""

    library: GeneSetLibrary
    universe: Universe
    report: MappingReport
    query_tokens: dict[int, str]
    #: K: distinct query genes in the universe.
    query_size: int
    #: N: genes in the universe.
    universe_size: int
    #: m: distinct sets tested (the Benjamini–Hochberg family).
    tested_sets: int
    set_index: NDArray[np.int64]
    overlap: NDArray[np.int64]
    set_size: NDArray[np.int64]
    #: Natural log of the p-value.
    log_p: NDArray[np.float64]
    fdr: NDArray[np.float64]
    _rows: NDArray[np.int64] | None = field(default=None, repr=False)
    _terms: NDArray[np.int64] | None = field(default=None, repr=False)

    # -- per distinct set ----------------------------------------------------------------------------

    @property
    def p_value(self) -> NDArray[np.float64]:
        return np.exp(self.log_p)

    @property
    def log10_p(self) -> NDArray[np.float64]:
        return self.log_p / _LN10

    @property
    def odds_ratio(self) -> NDArray[np.float64]:
        return odds_ratio(self.overlap, self.set_size, self.query_size, self.universe_size)

    @property
    def fold_enrichment(self) -> NDArray[np.float64]:
        """Observed over expected overlap: ``(x / K) / (n / N)``."""
        return (self.overlap * float(self.universe_size)) / (float(max(self.query_size, 1)) * self.set_size)

    @property
    def combined_score(self) -> NDArray[np.float64]:
        return -self.log_p * self.odds_ratio

    # -- rows (one per set name) -----------------------------------------------------------------------

    def _expand(self) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """(position in the per-set arrays, term index) of every row."""
        if self._rows is None or self._terms is None:
            lib = self.library
            if not lib.has_duplicates:
                self._rows = np.arange(self.set_index.size)
                self._terms = lib.set_first_term[self.set_index]
            else:
                start = lib.set_term_ptr[self.set_index]
                count = lib.set_term_ptr[self.set_index + 1] - start
                self._rows = np.repeat(np.arange(self.set_index.size), count)
                offset = np.arange(self._rows.size) - np.repeat(np.cumsum(count) - count, count)
                self._terms = lib.set_terms[np.repeat(start, count) + offset]
        return self._rows, self._terms

    def __repr__(self) -> str:
        return (f"EnrichmentResult({len(self)} rows; K = {self.query_size}, N = {self.universe_size}, "
                f"m = {self.tested_sets}, {self.universe.kind} universe, library {self.library.source!r})")

    def __len__(self) -> int:
        """Rows: reported set names."""
        return int(self._expand()[0].size)

    def overlap_genes(self, position: int) -> list[str]:
        """Query genes (as the user wrote them) in the distinct set at ``position``, sorted."""
        return self._genes_of(np.array([position]))[0]

    def _genes_of(self, positions: NDArray[np.int64]) -> list[list[str]]:
        """Sorted overlap genes of many distinct sets at once (one gather over their members)."""
        lib = self.library
        sets = self.set_index[positions]
        start = lib.set_ptr[sets]
        size = lib.set_ptr[sets + 1] - start
        members = lib.set_genes[np.repeat(start - np.cumsum(size) + size, size) + np.arange(int(size.sum()))]
        token = np.empty(lib.n_genes, dtype=object)
        in_query = np.zeros(lib.n_genes, dtype=bool)
        if self.query_tokens:
            keys = np.fromiter(self.query_tokens, dtype=np.int64, count=len(self.query_tokens))
            token[keys] = list(self.query_tokens.values())
            in_query[keys] = True
        hits = token[members[in_query[members]]].tolist()
        # Each set's hits are consecutive, and there are exactly `overlap` of them.
        ends = np.cumsum(self.overlap[positions]).tolist()
        out, begin = [], 0
        for end in ends:
            out.append(sorted(hits[begin:end]))
            begin = end
        return out

    def columns(self, top: int | None = None) -> dict[str, list[Any]]:
        """The table as one list per column (:data:`COLUMNS`), rows in order; ``genes`` holds lists."""
        rows, terms = self._expand()
        if top is not None:
            rows, terms = rows[:top], terms[:top]
        lib = self.library
        x, n, lp = self.overlap[rows], self.set_size[rows], self.log_p[rows]
        ratio = odds_ratio(x, n, self.query_size, self.universe_size)
        pos, first = np.unique(rows, return_inverse=True)
        genes = self._genes_of(pos) if pos.size else []
        term_list = terms.tolist()
        return {
            "term": [lib.terms[t] for t in term_list],
            "description": [lib.descriptions[t] for t in term_list],
            "overlap": x.tolist(), "set_size": n.tolist(), "p_value": np.exp(lp).tolist(),
            "log10_p": (lp / _LN10).tolist(), "fdr": self.fdr[rows].tolist(), "odds_ratio": ratio.tolist(),
            "fold_enrichment": ((x * float(self.universe_size)) / (float(max(self.query_size, 1)) * n)).tolist(),
            "combined_score": (-lp * ratio).tolist(),
            "genes": [list(genes[i]) for i in first.tolist()],
        }

    def records(self, top: int | None = None) -> list[dict[str, Any]]:
        """Rows as dicts with the :data:`COLUMNS` keys; ``genes`` is a list."""
        cols = self.columns(top)
        return [dict(zip(COLUMNS, values, strict=True)) for values in zip(*(cols[c] for c in COLUMNS), strict=True)]

    def to_frame(self, top: int | None = None) -> pd.DataFrame:
        """A pandas DataFrame of the rows (``genes`` holds lists); ``attrs`` carry the query facts."""
        import pandas as pd

        df = pd.DataFrame(self.columns(top), columns=list(COLUMNS))
        df.attrs.update(self.summary())
        return df

    def summary(self) -> dict[str, Any]:
        """Query facts: sizes, universe, the tested family and the gene mapping report."""
        return {
            "query_size": self.query_size, "universe": self.universe.kind, "universe_size": self.universe_size,
            "tested_sets": self.tested_sets, "library": self.library.source, "mapping": self.report.to_dict(),
        }

    # -- text -----------------------------------------------------------------------------------------

    def write_tsv(self, f: IO[str], top: int | None = None) -> None:
        """Tab-separated: a header of :data:`COLUMNS`, then one row per set name; genes joined by ``;``."""
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(COLUMNS)
        cols = self.columns(top)
        w.writerows([_cell(v) for v in values] for values in zip(*(cols[c] for c in COLUMNS), strict=True))

    def to_tsv(self, top: int | None = None) -> str:
        buf = io.StringIO()
        self.write_tsv(buf, top)
        return buf.getvalue()

    def to_json(self, top: int | None = None, indent: int | None = None) -> str:
        """A JSON list of row objects with the :data:`COLUMNS` keys."""
        return json.dumps(self.records(top), ensure_ascii=False, indent=indent)


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)
