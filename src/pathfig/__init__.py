"""pathfig: turn published pathway figures into computable data.

The pipeline stages are subpackages: ``collect`` → ``classify`` → ``ocr`` → ``ner`` →
``store`` → ``publish`` → ``enrich`` → ``web``. The core records they exchange live in
:mod:`pathfig.models`.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
