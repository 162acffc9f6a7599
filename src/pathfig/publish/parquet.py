"""The published figures as one Parquet table, for data users (pandas, polars, R arrow, DuckDB).

One row per published figure: the page's fields (same names and values as the front matter,
``schema-jsonld`` left out) plus the genes recognised in it. The schema follows the record
model, so a new field appears here without another list to keep in step.
"""

from __future__ import annotations

import os
import typing
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathfig.records import JSONLD_KEY, FigureMeta

if TYPE_CHECKING:
    import pyarrow as pa

    from pathfig.publish.pages import FigurePage
    from pathfig.store import MentionRecord

__all__ = ["EXTRA_COLUMNS", "figures_schema", "write_figures_parquet"]

#: Columns after the page fields: the figure's distinct genes, in reading order.
EXTRA_COLUMNS = ("ncbigene_ids", "ncbigene_symbols", "n_genes")


def _arrow_type(name: str, annotation: Any) -> pa.DataType:
    import pyarrow as pa

    kind = str(annotation)
    if name == "keywords":
        return pa.string()  # the page's " | "-joined form
    if kind.startswith("tuple"):
        return pa.list_(pa.string())
    if kind.startswith("float"):
        return pa.float64()
    if kind == "int":
        return pa.int64()
    return pa.string()


def figures_schema() -> pa.Schema:
    """Page fields of :class:`~pathfig.records.FigureMeta` in page order, then :data:`EXTRA_COLUMNS`."""
    import pyarrow as pa

    hints = typing.get_type_hints(FigureMeta)
    cols = [pa.field(f.name, _arrow_type(f.name, hints[f.name])) for f in fields(FigureMeta) if f.metadata["page"]]
    cols += [pa.field("ncbigene_ids", pa.list_(pa.string())), pa.field("ncbigene_symbols", pa.list_(pa.string())),
             pa.field("n_genes", pa.int64())]
    return pa.schema(cols)


def write_figures_parquet(pages: Sequence[tuple[FigurePage, Sequence[MentionRecord]]], path: Path) -> Path:
    """Write ``path`` (atomically) with one row per page, in the order given."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = figures_schema()
    rows: list[dict[str, Any]] = []
    for page, mentions in pages:
        row = {k: v for k, v in page.front_matter().items() if k != JSONLD_KEY}
        genes = dict.fromkeys((m.ncbigene_id, m.ncbigene_symbol) for m in mentions)
        row.update(ncbigene_ids=[g for g, _ in genes], ncbigene_symbols=[s for _, s in genes], n_genes=len(genes))
        rows.append(row)
    table = pa.Table.from_pylist(rows, schema=schema)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
