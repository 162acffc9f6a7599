"""The collect ledger: which figures and articles a collection folder already has.

One JSON object per line, appended and flushed as each figure is saved and each article is
finished, so an interrupted run loses at most the figure it was saving. A later run (the next
month's, or the same command again after Ctrl-C) skips articles finished with the same figure
filter and figures already saved, and so fetches only what is new. A last line cut short by a
crash is ignored.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

__all__ = ["LEDGER_NAME", "Ledger"]

logger = logging.getLogger(__name__)

LEDGER_NAME = "collect-ledger.jsonl"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Ledger:
    """Figures saved and articles finished in one collection folder. Use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.figures: dict[str, dict[str, Any]] = {}
        self.articles: dict[tuple[str, str], dict[str, Any]] = {}
        if self.path.is_file():
            self._load()
        self._out: TextIO | None = None

    def _load(self) -> None:
        with open(self.path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                try:
                    entry = json.loads(line)
                except ValueError:
                    logger.warning("[%s] line %d is not JSON (an interrupted write?); ignored", self.path, n)
                    continue
                if entry.get("type") == "figure" and entry.get("figid"):
                    self.figures[entry["figid"]] = entry
                elif entry.get("type") == "article" and entry.get("pmcid"):
                    self.articles[(entry["pmcid"], entry.get("filter", ""))] = entry

    def has_article(self, pmcid: str, filter_key: str) -> bool:
        """True when ``pmcid`` was finished by a run with the same figure filter."""
        return (pmcid, filter_key) in self.articles

    def has_figure(self, figid: str, folder: Path) -> bool:
        """True when the figure was saved and its image file is still there."""
        entry = self.figures.get(figid)
        return bool(entry) and (folder / str(entry.get("file", ""))).is_file()

    def _write(self, entry: dict[str, Any]) -> None:
        if self._out is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._out = open(self.path, "a", encoding="utf-8")
        self._out.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
        self._out.flush()

    def add_figure(self, figid: str, *, pmcid: str, file: str, sidecar: str, sha256: str, url: str) -> None:
        entry = {"type": "figure", "figid": figid, "pmcid": pmcid, "file": file, "sidecar": sidecar,
                 "sha256": sha256, "url": url, "at": _now()}
        self.figures[figid] = entry
        self._write(entry)

    def add_article(self, pmcid: str, *, filter_key: str, figures: list[str], note: str = "") -> None:
        entry = {"type": "article", "pmcid": pmcid, "filter": filter_key, "figures": figures, "at": _now()}
        if note:
            entry["note"] = note
        self.articles[(pmcid, filter_key)] = entry
        self._write(entry)

    def close(self) -> None:
        if self._out is not None:
            os.fsync(self._out.fileno())
            self._out.close()
            self._out = None

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
