"""Publish the store: tables for download (genes.tsv, figures.jsonl, GMT, per-figure OCR JSON) and
the figure site (pages in the seed format, per-figure gene tables, the figures as Parquet)."""

from pathfig.publish.exports import GENES_COLUMNS, GMT_MIN_GENES, Artifact, export, gene_rows, safe_filename
from pathfig.publish.pages import FigurePage, PageError, read_page, render_page
from pathfig.publish.parquet import figures_schema, write_figures_parquet
from pathfig.publish.site import GENE_TABLE_COLUMNS, SiteSummary, figure_page, publish_site

__all__ = [
    "GENES_COLUMNS",
    "GENE_TABLE_COLUMNS",
    "GMT_MIN_GENES",
    "Artifact",
    "FigurePage",
    "PageError",
    "SiteSummary",
    "export",
    "figure_page",
    "figures_schema",
    "gene_rows",
    "publish_site",
    "read_page",
    "render_page",
    "safe_filename",
    "write_figures_parquet",
]
