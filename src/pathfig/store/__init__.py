"""The local store: one SQLite file per output directory, the only module that writes SQL.

>>> from pathfig.store import open_store
>>> with open_store(out_dir) as store:          # doctest: +SKIP
...     [f.figid for f in store.figures(status="ok")]
"""

from pathfig.store.annotations import AnnotationRecord, EntityRecord
from pathfig.store.records import (
    ORGANISM_NAMES,
    FigureRecord,
    FigureStatus,
    InputErrorRecord,
    MentionRecord,
    organism_name,
)
from pathfig.store.schema import SCHEMA_VERSION, StoreError
from pathfig.store.store import STORE_FILENAME, Store, open_store

__all__ = [
    "AnnotationRecord",
    "EntityRecord",
    "ORGANISM_NAMES",
    "SCHEMA_VERSION",
    "STORE_FILENAME",
    "FigureRecord",
    "FigureStatus",
    "InputErrorRecord",
    "MentionRecord",
    "Store",
    "StoreError",
    "open_store",
    "organism_name",
]
