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

    def __len__(self) -> int:
        """Rows: reported set names."""
        return int(self._expand()[0].size)

    def overlap_genes(self, position: int) -> list[str]:
        """Query genes (as the user wrote them) in the distinct set at ``position``, sorted."""
        lib = self.library
        s = int(self.set_index[position])
        members = lib.set_genes[lib.set_ptr[s]:lib.set_ptr[s + 1]]
        tokens = self.query_tokens
        return sorted(tokens[g] for g in members.tolist() if g in tokens)

    def records(self, top: int | None = None) -> list[dict[str, Any]]:
        """Rows as dicts with the :data:`COLUMNS` keys; ``genes`` is a list."""
        rows, terms = self._expand()
        if top is not None:
            rows, terms = rows[:top], terms[:top]
        if rows.size == 0:
            return []
        pos = np.unique(rows)
        lib = self.library
        x, n = self.overlap[pos], self.set_size[pos]
        lp = self.log_p[pos]
        cols = {
            "overlap": x.tolist(), "set_size": n.tolist(), "p_value": np.exp(lp).tolist(),
            "log10_p": (lp / _LN10).tolist(), "fdr": self.fdr[pos].tolist(),
            "odds_ratio": odds_ratio(x, n, self.query_size, self.universe_size).tolist(),
            "fold_enrichment": self.fold_enrichment[pos].tolist(),
        }
        cols["combined_score"] = [-a * b for a, b in zip(lp.tolist(), cols["odds_ratio"], strict=True)]
        at = {int(p): i for i, p in enumerate(pos.tolist())}
        genes_at: dict[int, list[str]] = {}
        out = []
        for r, t in zip(rows.tolist(), terms.tolist(), strict=True):
            i = at[r]
            if r not in genes_at:
                genes_at[r] = self.overlap_genes(r)
            rec: dict[str, Any] = {"term": lib.terms[t], "description": lib.descriptions[t]}
            for c in COLUMNS[2:-1]:
                rec[c] = cols[c][i]
            rec["genes"] = list(genes_at[r])
            out.append(rec)
        return out

    def to_frame(self, top: int | None = None) -> pd.DataFrame:
        """A pandas DataFrame of the rows (``genes`` holds lists); ``attrs`` carry the query facts."""
        import pandas as pd

        df = pd.DataFrame.from_records(self.records(top), columns=list(COLUMNS))
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
        for rec in self.records(top):
            w.writerow([_cell(rec[c]) for c in COLUMNS])

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
