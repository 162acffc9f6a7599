"""Figure records: the one model for sidecars, the store and pages, and the rules that clean it.

>>> from pathfig.records import FigureMeta
>>> meta = FigureMeta.from_mapping({"figid": "PMC1__gr3", "caption": "Figure 3. The NF-Œ∫B pathway. More."})
>>> meta.figtitle, meta.number, meta.figid_alias
('The NF-κB pathway', 'F3', 'PMC1__F3')
"""

from pathfig.records.labels import FIGURE_TYPES, FigureNumber, figid_alias, figure_number, safe_filename
from pathfig.records.model import (
    JSONLD_KEY,
    PAGE_KEYS,
    SIDECAR_KEYS,
    FigureMeta,
    JsonLd,
    normalize_figlink,
    normalize_pmcid,
    vouched_organisms,
)
from pathfig.records.reftext import format_reftext
from pathfig.records.text import is_missing, repair_metadata, repair_text
from pathfig.records.titles import clean_title, figure_title, first_sentence

__all__ = [
    "FIGURE_TYPES",
    "JSONLD_KEY",
    "PAGE_KEYS",
    "SIDECAR_KEYS",
    "FigureMeta",
    "FigureNumber",
    "JsonLd",
    "clean_title",
    "figid_alias",
    "figure_number",
    "figure_title",
    "first_sentence",
    "format_reftext",
    "is_missing",
    "normalize_figlink",
    "normalize_pmcid",
    "repair_metadata",
    "repair_text",
    "safe_filename",
    "vouched_organisms",
]
