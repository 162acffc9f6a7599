"""Store tables for what organism, chemical and disease recognition found in a figure (schema 3).

``figure_annotations`` holds one row per figure: its organisms (ranked, with scores and evidence),
every organism its text mentions, and the lexicon its genes were mapped in per organism, as
JSON. ``entity_mentions`` holds one row per chemical or disease recognised in the figure's
words or in its title and caption. Both are cleared whenever a figure's words and gene mentions
are (see :class:`~pathfig.store.Store`), so they always describe the same reading of the figure.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pathfig.models import Box

__all__ = [
    "AnnotationRecord",
    "EntityRecord",
    "clear_annotations",
    "read_annotations",
    "read_entity_mentions",
    "write_annotations",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class AnnotationRecord:
    """One row of ``figure_annotations``."""

    figid: str
    organisms: list[dict[str, Any]] = field(default_factory=list)
    candidates: list[dict[str, Any]] = field(default_factory=list)
    lexicons: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityRecord:
    """One row of ``entity_mentions``: a chemical or disease recognised in a stored figure."""

    figid: str
    seq: int
    kind: str            # chemical | disease
    word: str
    match: str
    name: str
    mesh: str = ""
    chebi: str = ""
    doid: str = ""
    source: str = ""
    location: str = ""   # image | figtitle | caption | papertitle | text
    box: Box | None = None
    confidence: float = 1.0


def clear_annotations(c: sqlite3.Connection, figid: str) -> None:
    c.execute("DELETE FROM figure_annotations WHERE figid = ?", (figid,))
    c.execute("DELETE FROM entity_mentions WHERE figid = ?", (figid,))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def write_annotations(
    c: sqlite3.Connection,
    figid: str,
    *,
    organisms: Sequence[Mapping[str, Any]],
    candidates: Sequence[Mapping[str, Any]] = (),
    lexicons: Mapping[str, str] | None = None,
    entities: Sequence[Any] = (),
) -> None:
    """Replace a figure's annotations (``entities``: objects with the fields of an entity mention)."""
    clear_annotations(c, figid)
    c.execute("INSERT INTO figure_annotations (figid, organisms, candidates, lexicons) VALUES (?, ?, ?, ?)",
              (figid, _json(list(organisms)), _json(list(candidates)), _json(dict(lexicons or {}))))
    rows = []
    for i, e in enumerate(entities):
        box = getattr(e, "box", None)
        rows.append((figid, i, e.kind, e.word, e.match, e.name, e.mesh, e.chebi, e.doid, e.source,
                     getattr(e, "where", "") or getattr(e, "location", ""),
                     *((box.x0, box.y0, box.x1, box.y1) if box is not None else (None, None, None, None)),
                     float(getattr(e, "confidence", 1.0))))
    c.executemany(
        "INSERT INTO entity_mentions (figid, seq, kind, word, match, name, mesh, chebi, doid, source, location, "
        "x0, y0, x1, y1, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _where(figid: str | None, status: str | None, extra: Sequence[tuple[str, Any]] = ()) -> tuple[str, list[Any]]:
    where, args = [], []
    if figid is not None:
        where.append("t.figid = ?")
        args.append(figid)
    if status is not None:
        where.append("f.status = ?")
        args.append(status)
    for clause, value in extra:
        where.append(clause)
        args.append(value)
    return (" WHERE " + " AND ".join(where)) if where else "", args


def read_annotations(c: sqlite3.Connection, figid: str | None = None, *,
                     status: str | None = "ok") -> dict[str, AnnotationRecord]:
    """Annotations by figure id (of figures with ``status``)."""
    where, args = _where(figid, status)
    sql = f"SELECT t.* FROM figure_annotations t JOIN figures f ON f.figid = t.figid{where} ORDER BY t.figid"
    return {
        r["figid"]: AnnotationRecord(figid=r["figid"], organisms=json.loads(r["organisms"]),
                                     candidates=json.loads(r["candidates"]), lexicons=json.loads(r["lexicons"]))
        for r in c.execute(sql, args)
    }


def read_entity_mentions(c: sqlite3.Connection, figid: str | None = None, *, kind: str | None = None,
                         status: str | None = "ok") -> Iterator[EntityRecord]:
    """Chemical and/or disease mentions, ordered by figure id and recognition order."""
    where, args = _where(figid, status, [("t.kind = ?", kind)] if kind else [])
    sql = f"SELECT t.* FROM entity_mentions t JOIN figures f ON f.figid = t.figid{where} ORDER BY t.figid, t.seq"
    for r in c.execute(sql, args):
        box = None if r["x0"] is None else Box(r["x0"], r["y0"], r["x1"], r["y1"])
        yield EntityRecord(figid=r["figid"], seq=r["seq"], kind=r["kind"], word=r["word"], match=r["match"],
                           name=r["name"], mesh=r["mesh"], chebi=r["chebi"], doid=r["doid"], source=r["source"],
                           location=r["location"], box=box, confidence=r["confidence"])
