"""Publish the store: tables for download (genes.tsv, figures.jsonl, GMT, per-figure OCR JSON)."""

from pathfig.publish.exports import GENES_COLUMNS, GMT_MIN_GENES, Artifact, export, gene_rows, safe_filename

__all__ = ["GENES_COLUMNS", "GMT_MIN_GENES", "Artifact", "export", "gene_rows", "safe_filename"]
