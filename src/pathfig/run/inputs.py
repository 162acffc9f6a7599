"""Find the figures a user gave: image files and folders, each image with its metadata sidecar.

An image ``dir/<stem>.<ext>`` may have a sidecar ``dir/<stem>.yml``, ``.yaml`` or ``.json`` (looked
for in that order) holding the seed's field names (figid, figtitle, papertitle, caption, pmcid,
…). The figure id is the sidecar's ``figid``, else the file stem.

Nothing given is dropped without a trace: a malformed sidecar gives a figure (id = file stem)
that carries the error; a second file claiming a figure id already taken becomes an
:class:`InputProblem`. The first file in path order keeps the id, so runs are repeatable.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pathfig.errors import InputFileError, PathfigError
from pathfig.models import FigureInput
from pathfig.records import repair_metadata

__all__ = [
    "IMAGE_EXTENSIONS",
    "SIDECAR_SUFFIXES",
    "CollectedInputs",
    "InputProblem",
    "SidecarError",
    "collect_inputs",
    "find_images",
    "find_sidecar",
    "read_sidecar",
]

logger = logging.getLogger(__name__)

#: Image file extensions looked for in folders (compared lower-cased).
IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".webp", ".bmp"})

#: Sidecar suffixes, in the order they are looked for.
SIDECAR_SUFFIXES = (".yml", ".yaml", ".json")


class SidecarError(PathfigError):
    """A metadata sidecar cannot be read or is not a mapping; the message names the file."""


@dataclass(frozen=True, slots=True, kw_only=True)
class InputProblem:
    """An input that cannot become a figure of this run: an image whose figure id is already
    taken, or a path that cannot be read at all (``unreadable``: missing, a broken link, a
    folder that cannot be listed, a sidecar given without its image)."""

    path: str
    figid: str
    error: str
    sidecar: str = ""
    unreadable: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class CollectedInputs:
    """What :func:`collect_inputs` found.

    ``figures`` holds one entry per figure id. ``sidecar_errors`` maps a figure id to the error of
    its unreadable sidecar (that figure is recorded as failed, not processed). ``problems`` are
    images that could not take a figure id.
    """

    figures: list[FigureInput] = field(default_factory=list)
    sidecar_errors: dict[str, str] = field(default_factory=dict)
    problems: list[InputProblem] = field(default_factory=list)


def _is_hidden(name: str) -> bool:
    # Skips .git, .DS_Store and macOS "._x.jpg" resource forks, which carry the image extension.
    return name.startswith(".")


def find_images(inputs: Iterable[str | Path], problems: list[InputProblem] | None = None) -> list[Path]:
    """Image files named directly or found (recursively) in folders, in a stable order.

    A file named directly is taken whatever its extension: the user asked for it, so if it is
    not an image the OCR stage records that; a sidecar (``.yml``, ``.yaml``, ``.json``) named
    directly is read with its image, not as one (``pathfig run figs/*``). In folders, only
    :data:`IMAGE_EXTENSIONS` count and hidden files and folders are skipped. A path given twice
    is read once.

    A path that cannot be read (missing, a broken link, a folder that cannot be listed) raises
    :class:`InputFileError`; with ``problems``, it is added there and the rest goes on.
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            found.append(p)

    def problem(path: Path, error: str) -> None:
        if problems is None:
            raise InputFileError(path, error)
        problems.append(InputProblem(path=os.path.abspath(path), figid=path.stem or path.name, error=error,
                                     unreadable=True))
        logger.warning("[%s] %s", path, error)

    sidecars: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            hits: list[Path] = []

            def unlisted(exc: OSError, top: Path = path) -> None:
                problem(Path(exc.filename or top), f"cannot read folder ({exc.strerror or exc})")

            for root, dirs, files in os.walk(path, followlinks=False, onerror=unlisted):
                dirs[:] = sorted(d for d in dirs if not _is_hidden(d))
                hits.extend(
                    Path(root) / f for f in files if not _is_hidden(f) and Path(f).suffix.lower() in IMAGE_EXTENSIONS
                )
            for p in sorted(hits):
                add(p)
        elif path.is_file() and path.suffix.lower() in SIDECAR_SUFFIXES:
            sidecars.append(path)
        elif path.is_file():
            add(path)
        elif path.is_symlink():
            problem(path, f"broken symbolic link (its target {os.readlink(path)} does not exist)")
        elif path.exists():
            problem(path, "not a regular file or folder")
        else:
            problem(path, "no such file or folder")
    images = {p.resolve().with_suffix("") for p in found}
    for sidecar in sidecars:
        if sidecar.resolve().with_suffix("") not in images:
            problem(sidecar, "a metadata sidecar given without its image (name the image, or its folder)")
    return found
def find_sidecar(image: Path) -> Path | None:
    """The metadata sidecar of ``image`` (``<stem>.yml``, ``.yaml`` or ``.json``), if any."""
    candidates = [image.with_suffix(s) for s in SIDECAR_SUFFIXES]
    # Any entry counts, not only readable files: a broken link or a folder named ``x.yml`` is
    # a sidecar that cannot be read (an error for the figure), not a figure without metadata.
    present = [c for c in candidates if os.path.lexists(c) and c != image]
    if len(present) > 1:
        logger.warning("[%s] several sidecars; using %s, ignoring %s",
                       image, present[0].name, ", ".join(p.name for p in present[1:]))
    return present[0] if present else None


def read_sidecar(source: str | Path | bytes, *, name: str = "") -> dict[str, Any]:
    """Read a sidecar (a path, or its bytes with ``name`` for the format) into a JSON-safe dict.

    Raises :class:`SidecarError` naming the file when it is unreadable, not UTF-8, not valid
    YAML/JSON, or not a mapping.
    """
    if isinstance(source, bytes):
        data, label = source, name or "<sidecar>"
    else:
        label = str(source)
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise SidecarError(f"sidecar {label}: cannot read ({exc.strerror or exc})") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SidecarError(f"sidecar {label}: not UTF-8 text (byte {exc.start})") from exc
    suffix = Path(name or label).suffix.lower()
    try:
        value = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise SidecarError(f"sidecar {label}: invalid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SidecarError(f"sidecar {label}: invalid YAML ({where}{problem})") from exc
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SidecarError(f"sidecar {label}: expected a mapping of field names to values, got {type(value).__name__}")
    # YAML gives dates and non-string keys; a JSON round trip makes the metadata storable as is.
    safe = json.loads(json.dumps({str(k): v for k, v in value.items()}, default=str))
    figid = safe.get("figid")
    if figid is not None and not isinstance(figid, str | int):
        raise SidecarError(f"sidecar {label}: figid must be text, got {type(figid).__name__}")
    return safe


def _figid(metadata: dict[str, Any], image: Path) -> str:
    value = metadata.get("figid")
    text = str(value).strip() if value is not None else ""
    return text or image.stem


def collect_inputs(inputs: Sequence[str | Path]) -> CollectedInputs:
    """Find images (see :func:`find_images`), read their sidecars, give each a figure id."""
    out = CollectedInputs()
    owner: dict[str, str] = {}
    images = find_images(inputs, out.problems)
    if not images and out.problems:
        # Nothing to read at all (a mistyped folder): an error for the run, not a figure's.
        raise InputFileError(out.problems[0].path, out.problems[0].error)
    for found in images:
        # Absolute paths: the store then recognises a file whatever directory the next run starts in.
        image = Path(os.path.abspath(found))
        sidecar = find_sidecar(image)
        metadata: dict[str, Any] = {}
        error = ""
        if sidecar is not None:
            try:
                metadata = repair_metadata(read_sidecar(sidecar))  # mojibake, entities, R's NA
            except SidecarError as exc:
                error = str(exc)
        figid = _figid(metadata, image)
        if figid in owner:
            out.problems.append(InputProblem(
                path=str(image), figid=figid, sidecar=str(sidecar or ""),
                error=f"figure id {figid!r} is already used by {owner[figid]}; "
                      "give this image its own figid in a sidecar, or remove one of the two",
            ))
            logger.warning("[%s] duplicate figure id: %s and %s", figid, owner[figid], image)
            continue
        owner[figid] = str(image)
        out.figures.append(FigureInput(figid=figid, path=str(image), metadata=metadata, sidecar=str(sidecar or "")))
        if error:
            out.sidecar_errors[figid] = error
            logger.warning("[%s] %s", figid, error)
    return out
