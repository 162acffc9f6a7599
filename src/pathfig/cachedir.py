"""Where pathfig keeps what it derives or downloads on the user's request (lexicons, models)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CACHE_ENV", "cache_dir"]

#: Environment variable that overrides the user cache directory.
CACHE_ENV = "PATHFIG_CACHE_DIR"


def cache_dir(cache: str | Path | None = None) -> Path:
    """The pathfig cache: ``cache``, else ``$PATHFIG_CACHE_DIR``, else the platform user cache."""
    if cache:
        return Path(cache)
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("pathfig"))
