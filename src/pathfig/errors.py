"""Errors a user can act on: one base class, subclasses that name the failure."""

from __future__ import annotations

__all__ = [
    "PathfigError",
    "LexiconError",
    "InputFileError",
    "DownloadError",
    "OcrError",
]


class PathfigError(Exception):
    """Base class of every expected pathfig failure; the CLI prints it without a traceback."""


class LexiconError(PathfigError):
    """A lexicon file is missing, unreadable or not in the expected format."""


class InputFileError(PathfigError):
    """A user-given file cannot be read; the message names the file and the problem."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class DownloadError(PathfigError):
    """A download asked for by the user failed after retries."""


class OcrError(PathfigError):
    """An image could not be read by the OCR stage."""
