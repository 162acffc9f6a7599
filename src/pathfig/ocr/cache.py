"""A per-image cache of OCR results, so re-running recognition does not redo OCR.

One JSON file per image, engine and settings, named from the sha256 of the image file's
bytes and a hash of everything that changes the output: the engine's name and version
(library versions, model files, thresholds), the stage options and this format's version.
Anything else — a renamed or moved file — still hits. Writes are atomic, so parallel
workers sharing a cache directory never see half a file; an unreadable entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from pathfig.models import OcrResult

__all__ = ["CACHE_FORMAT", "cache_key", "cache_path", "read_cached", "write_cached"]

logger = logging.getLogger(__name__)

#: Bump when the stage's post-processing changes what a cached result would contain.
CACHE_FORMAT = 1


def cache_key(content_sha256: str, engine: str, engine_version: str, options: str) -> dict[str, Any]:
    return {
        "format": CACHE_FORMAT,
        "sha256": content_sha256,
        "engine": engine,
        "engine_version": engine_version,
        "options": options,
    }


def cache_path(cache_dir: str | os.PathLike[str], key: dict[str, Any]) -> Path:
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    sha = key["sha256"]
    return Path(cache_dir).expanduser() / sha[:2] / f"{sha}.{key['engine']}.{digest}.json"


def read_cached(path: Path, key: dict[str, Any]) -> OcrResult | None:
    """The cached result at ``path`` if it exists and was made under ``key``, else ``None``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        logger.warning("[%s] ignoring unreadable OCR cache entry: %s", path, exc)
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    try:
        return OcrResult.from_dict(data["result"])
    except (KeyError, TypeError, ValueError) as exc:
        logger.warning("[%s] ignoring malformed OCR cache entry: %s", path, exc)
        return None


def write_cached(path: Path, key: dict[str, Any], result: OcrResult) -> None:
    """Write atomically (temporary file + rename); a failure is logged, not raised."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"key": key, "result": result.to_dict()}, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        logger.warning("[%s] could not write OCR cache entry: %s", path, exc)
