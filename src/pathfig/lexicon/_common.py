"""Helpers shared by the lexicon loaders: opening a source, guarding names, load results.

Every loader accepts a path *or* the file's content (``str`` text or ``bytes``, gzipped or
plain), so tests can put a three-line fixture inline beside the expected result.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pathfig.errors import LexiconError
from pathfig.lexicon.keys import normalize_key

__all__ = [
    "FULL_NAME_EXCLUDED",
    "MAX_FULL_NAME_LENGTH",
    "MAX_NAME_LENGTH",
    "Source",
    "SourceLoad",
    "file_info",
    "full_name_variants",
    "new_full_name_forms",
    "is_path",
    "iter_lines",
    "source_label",
    "usable_full_name",
    "usable_name",
]

#: A path (``str`` without a newline, or ``os.PathLike``) or the content itself.
Source = str | os.PathLike[str] | bytes

#: Names longer than this are descriptions, not names a figure would print.
MAX_NAME_LENGTH = 60
#: Full names run longer (``dual specificity tyrosine phosphorylation regulated kinase 1A``, 61);
#: 100 keeps all but a few dozen of HGNC's protein-coding names.
MAX_FULL_NAME_LENGTH = 100

#: Full gene names containing these (case-insensitively) are placeholders or describe a locus,
#: not a product a figure would print: "chromosome 1 open reading frame 112", "... pseudogene".
FULL_NAME_EXCLUDED = (
    "open reading frame",
    "pseudogene",
    "antisense rna",
    "long intergenic",
    "readthrough",
    "uncharacterized",
)

_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceLoad:
    """What a loader read: its entries and facts for the provenance (counts, skips, dates)."""

    entries: list[Any]
    info: dict[str, Any] = field(default_factory=dict)


def is_path(source: object) -> bool:
    """True when ``source`` names a file rather than holding its content."""
    if isinstance(source, os.PathLike):
        return True
    # A one-line string is a path; real content always has a header line and a row.
    return isinstance(source, str) and "\n" not in source


def source_label(source: Source, name: str | None = None) -> str:
    """How error messages and provenance refer to ``source``."""
    if name:
        return name
    if is_path(source):
        return str(source)
    return "<text>" if isinstance(source, str) else "<bytes>"


def _decode(data: bytes, label: str) -> str:
    if data[:2] == _GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise LexiconError(f"{label}: not a readable gzip file ({exc})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{label}: not UTF-8 text ({exc})") from exc


def iter_lines(source: Source, label: str) -> Iterator[str]:
    """Lines of ``source`` without their line ends; gzip is recognised by its magic bytes.

    Files are streamed, so a multi-gigabyte ``gene_info`` never sits in memory whole.
    """
    if not is_path(source):
        text = source if isinstance(source, str) else _decode(bytes(source), label)  # type: ignore[arg-type]
        for line in io.StringIO(text, newline=None):
            yield line.rstrip("\r\n")
        return
    path = Path(source)  # type: ignore[arg-type]
    if not path.is_file():
        raise LexiconError(f"{label}: file not found")
    try:
        with open(path, "rb") as probe:
            magic = probe.read(2)
        raw: Any = gzip.open(path, "rb") if magic == _GZIP_MAGIC else open(path, "rb")
        with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline=None) as text:
            for line in text:
                yield line.rstrip("\r\n")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{label}: cannot read ({exc})") from exc


def usable_name(name: str, max_length: int = MAX_NAME_LENGTH) -> str | None:
    """``name`` stripped, or None when it is junk: empty, over ``max_length`` characters, no key,
    control characters."""
    name = name.strip()
    if not name or len(name) > max_length:
        return None
    if any(c in name for c in "\t\r\n"):
        return None
    if not normalize_key(name):
        return None
    return name


def usable_full_name(name: str) -> str | None:
    """A full gene name (HGNC approved name, NCBI full name) stripped, or None when it is of no use.

    On top of :func:`usable_name`: None when it contains one of :data:`FULL_NAME_EXCLUDED`.
    """
    clean = usable_name(name, MAX_FULL_NAME_LENGTH)
    if clean is None:
        return None
    low = clean.lower()
    if any(bad in low for bad in FULL_NAME_EXCLUDED):
        return None
    return clean


# A note in brackets after a space, one level of brackets inside (``(NADP(+))``); brackets
# glued to a word are part of the name (``lipoprotein(a)``).
_PAREN_NOTE = re.compile(r"\s+\((?:[^()]|\([^()]*\))*\)")
_SUBUNIT_GREEK = re.compile(r" subunit (alpha|beta|gamma|delta|epsilon)$")


def full_name_variants(name: str) -> list[str]:
    """Forms of a full name as figures print it, besides the name itself: without its notes in
    brackets (``isocitrate dehydrogenase (NADP(+)) 1`` → ``isocitrate dehydrogenase 1``,
    ``acetylcholinesterase (Yt blood group)``) and without ``subunit`` before a Greek letter
    (``hypoxia inducible factor 1 subunit alpha`` → ``hypoxia inducible factor 1 alpha``)."""
    out = []
    bare = " ".join(_PAREN_NOTE.sub("", name).replace(" ,", ",").split()).strip(" ,")
    if bare != name and normalize_key(bare) and any(c.isalpha() for c in bare):
        out.append(bare)
    for form in [name, *out]:
        short = _SUBUNIT_GREEK.sub(r" \1", form)
        if short != form:
            out.append(short)
    return out


def new_full_name_forms(name: str, seen: set[str]) -> Iterator[str]:
    """A full name and its :func:`full_name_variants` not in ``seen`` yet (added to it)."""
    for form in (name, *full_name_variants(name)):
        if form not in seen:
            seen.add(form)
            yield form


def file_info(source: Source, name: str | None = None) -> dict[str, Any]:
    """File name, size, sha256 and modification time of a source, for the provenance."""
    if not is_path(source):
        data = source.encode("utf-8") if isinstance(source, str) else bytes(source)  # type: ignore[arg-type]
        return {"file": name or source_label(source), "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest()}
    path = Path(source)  # type: ignore[arg-type]
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    stat = path.stat()
    return {
        "file": name or path.name,
        "size": stat.st_size,
        "sha256": digest.hexdigest(),
        "modified": datetime.fromtimestamp(stat.st_mtime, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
