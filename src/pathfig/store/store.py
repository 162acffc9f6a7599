"""The SQLite store: one file per output directory, the single source of truth for exports.

Only the parent process of a run writes (workers return results); WAL mode lets readers
(``export``, a web app) read while a run writes. Every write is one short transaction, so an
interrupted run loses at most the figure it was storing, and words/mentions exist only for
figures whose status is ``ok``.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pathfig.models import Box, FigureInput, Mention, Word
from pathfig.store.annotations import (
    AnnotationRecord,
    EntityRecord,
    clear_annotations,
    read_annotations,
    read_entity_mentions,
    write_annotations,
)
from pathfig.store.records import FigureRecord, InputErrorRecord, MentionRecord, organism_name
from pathfig.store.schema import SCHEMA_VERSION, StoreError, migrate, read_schema_version

__all__ = ["STORE_FILENAME", "Store", "open_store"]

logger = logging.getLogger(__name__)

#: File name of the store inside an output directory.
STORE_FILENAME = "pathfig.sqlite"

_FIGURE_COLUMNS = (
    "figid", "status", "error", "stage", "metadata", "source_path", "sidecar_path", "sha256", "size",
    "width", "height", "ocr_engine", "ocr_engine_version", "lexicon_version", "pathfig_version",
    "run_versions", "timings", "created_at", "updated_at", "automl_pathway", "classifier_version",
)

# Counts are computed, not stored, so they can never disagree with the rows they count.
_FIGURE_SELECT = f"""
SELECT {", ".join("f." + c for c in _FIGURE_COLUMNS)},
       (SELECT count(*) FROM ocr_words w WHERE w.figid = f.figid) AS n_words,
       (SELECT count(*) FROM gene_mentions m WHERE m.figid = f.figid) AS n_mentions,
       (SELECT count(DISTINCT m.organism_id || ':' || m.ncbigene_id)
          FROM gene_mentions m WHERE m.figid = f.figid) AS n_genes
FROM figures f
"""


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _box_values(box: Box | None) -> tuple[float | None, ...]:
    if box is None:
        return (None, None, None, None)
    return (float(box.x0), float(box.y0), float(box.x1), float(box.y1))


def _box(row: sqlite3.Row) -> Box | None:
    if row["x0"] is None:
        return None
    return Box(row["x0"], row["y0"], row["x1"], row["y1"])


def open_store(out_dir: str | Path) -> Store:
    """Open (creating if needed) the store of an output directory: ``out_dir/pathfig.sqlite``."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{out}: cannot create output directory ({exc.strerror or exc})") from exc
    return Store(out / STORE_FILENAME)


class Store:
    """A pathfig SQLite store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            # Autocommit mode: transactions are opened explicitly in _tx() and in migrate().
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA foreign_keys = ON")
            mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":  # e.g. a network file system
                logger.warning("[%s] journal mode is %s, not WAL", self.path, mode)
            self._conn.execute("PRAGMA synchronous = NORMAL")
            old, new = migrate(self._conn)
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise StoreError(f"{self.path}: not a pathfig store or unreadable ({exc})") from exc
        except StoreError as exc:
            self._close_quietly()
            raise StoreError(f"{self.path}: {exc}") from exc
        if old != new:
            if old == 0:
                self._set_meta_if_missing("created_at", _now())
                from pathfig import __version__

                self._set_meta_if_missing("created_by", f"pathfig {__version__}")
            logger.info("[%s] schema version %d → %d", self.path, old, new)

    # -- lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        """Checkpoint and close the connection."""
        self._conn.close()

    def _close_quietly(self) -> None:
        try:
            self._conn.close()
        except Exception:  # noqa: BLE001 - already failing; report the first error
            pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- meta --------------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return read_schema_version(self._conn)

    def get_meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._tx() as c:
            c.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def _set_meta_if_missing(self, key: str, value: str) -> None:
        with self._tx() as c:
            c.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- figures -----------------------------------------------------------------------------------

    def _figure(self, row: sqlite3.Row) -> FigureRecord:
        return FigureRecord(
            figid=row["figid"], status=row["status"], error=row["error"], stage=row["stage"],
            metadata=json.loads(row["metadata"]), source_path=row["source_path"],
            sidecar_path=row["sidecar_path"], sha256=row["sha256"], size=row["size"],
            width=row["width"], height=row["height"], ocr_engine=row["ocr_engine"],
            ocr_engine_version=row["ocr_engine_version"], lexicon_version=row["lexicon_version"],
            pathfig_version=row["pathfig_version"], run_versions=json.loads(row["run_versions"]),
            timings=json.loads(row["timings"]),
            created_at=row["created_at"], updated_at=row["updated_at"],
            n_words=row["n_words"], n_mentions=row["n_mentions"], n_genes=row["n_genes"],
            automl_pathway=row["automl_pathway"], classifier_version=row["classifier_version"],
        )

    def get_figure(self, figid: str) -> FigureRecord | None:
        row = self._conn.execute(_FIGURE_SELECT + " WHERE f.figid = ?", (figid,)).fetchone()
        return None if row is None else self._figure(row)

    def figures(self, *, status: str | None = None) -> list[FigureRecord]:
        """All figures (or those with ``status``), ordered by figure id."""
        if status is None:
            rows = self._conn.execute(_FIGURE_SELECT + " ORDER BY f.figid").fetchall()
        else:
            rows = self._conn.execute(_FIGURE_SELECT + " WHERE f.status = ? ORDER BY f.figid", (status,)).fetchall()
        return [self._figure(r) for r in rows]

    def figures_from_source(self, source_path: str) -> list[FigureRecord]:
        rows = self._conn.execute(_FIGURE_SELECT + " WHERE f.source_path = ? ORDER BY f.figid", (source_path,))
        return [self._figure(r) for r in rows.fetchall()]

    def mark_pending(self, figure: FigureInput, *, sha256: str, size: int) -> None:
        """Record that ``figure`` is about to be processed; drops any earlier words and mentions.

        A figure left ``pending`` (the run was interrupted) is redone by the next run.
        """
        now = _now()
        with self._tx() as c:
            c.execute("DELETE FROM ocr_words WHERE figid = ?", (figure.figid,))
            c.execute("DELETE FROM gene_mentions WHERE figid = ?", (figure.figid,))
            clear_annotations(c, figure.figid)
            c.execute(
                """
                INSERT INTO figures (figid, status, error, stage, metadata, source_path, sidecar_path,
                                     sha256, size, timings, created_at, updated_at)
                VALUES (?, 'pending', '', '', ?, ?, ?, ?, ?, '{}', ?, ?)
                ON CONFLICT (figid) DO UPDATE SET
                    status = 'pending', error = '', stage = '', metadata = excluded.metadata,
                    source_path = excluded.source_path, sidecar_path = excluded.sidecar_path,
                    sha256 = excluded.sha256, size = excluded.size, width = NULL, height = NULL,
                    run_versions = '{}', timings = '{}', automl_pathway = NULL, classifier_version = '',
                    updated_at = excluded.updated_at
                """,
                (figure.figid, _json(figure.metadata), figure.path, figure.sidecar, sha256, size, now, now),
            )

    def update_source(self, figure: FigureInput) -> None:
        """Update where a stored figure comes from and its metadata, keeping its results."""
        with self._tx() as c:
            self._require(c, figure.figid)
            c.execute(
                "UPDATE figures SET metadata = ?, source_path = ?, sidecar_path = ?, updated_at = ? WHERE figid = ?",
                (_json(figure.metadata), figure.path, figure.sidecar, _now(), figure.figid),
            )

    def record_ok(
        self,
        figid: str,
        *,
        words: Sequence[Word],
        mentions: Sequence[Mention],
        width: int,
        height: int,
        ocr_engine: str,
        ocr_engine_version: str,
        lexicon_version: str,
        pathfig_version: str,
        timings: Mapping[str, float],
        run_versions: Mapping[str, str] | None = None,
        automl_pathway: float | None = None,
        classifier_version: str = "",
    ) -> None:
        """Store a figure's words and mentions and mark it ``ok``, in one transaction.

        ``ocr_engine``/``ocr_engine_version`` are what the OCR result says it was read with;
        ``run_versions`` is what the run asked for, compared by the next run to decide skips.
        ``timings`` is stored with ``store`` added: the seconds this write took.
        ``automl_pathway`` is the classifier's score when the run classified the figure.
        """
        start = time.perf_counter()
        with self._tx() as c:
            self._require(c, figid)
            c.execute("DELETE FROM ocr_words WHERE figid = ?", (figid,))
            c.execute("DELETE FROM gene_mentions WHERE figid = ?", (figid,))
            clear_annotations(c, figid)
            c.executemany(
                "INSERT INTO ocr_words (figid, idx, line, text, x0, y0, x1, y1, confidence, orientation) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (figid, i, w.line, w.text, *_box_values(w.box), float(w.confidence), int(w.orientation))
                    for i, w in enumerate(words)
                ],
            )
            c.executemany(
                """
                INSERT INTO gene_mentions (figid, seq, word, match, name, ncbigene_id, ncbigene_symbol, hgnc_id,
                    organism_id, organism_name, source, family, transforms, ambiguous, candidates, word_index,
                    x0, y0, x1, y1, confidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    (
                        figid, i, m.word, m.match, m.name, str(m.ncbigene_id), m.ncbigene_symbol, m.hgnc_id,
                        str(m.organism_id), organism_name(m.organism_id), m.source, m.family,
                        _json(list(m.transforms)), int(m.ambiguous),
                        _json([{"ncbigene_id": k.ncbigene_id, "ncbigene_symbol": k.ncbigene_symbol,
                                "hgnc_id": k.hgnc_id} for k in m.candidates]),
                        m.word_index, *_box_values(m.box), float(m.confidence),
                    )
                    for i, m in enumerate(mentions)
                ],
            )
            c.execute(
                """
                UPDATE figures SET status = 'ok', error = '', stage = '', width = ?, height = ?,
                    ocr_engine = ?, ocr_engine_version = ?, lexicon_version = ?, pathfig_version = ?,
                    run_versions = ?, timings = ?, automl_pathway = ?, classifier_version = ?, updated_at = ?
                WHERE figid = ?
                """,
                (width, height, ocr_engine, ocr_engine_version, lexicon_version, pathfig_version,
                 _json(dict(run_versions or {})),
                 _json({**timings, "store": round(time.perf_counter() - start, 4)}),
                 _score(automl_pathway), classifier_version, _now(), figid),
            )

    def record_not_pathway(
        self,
        figid: str,
        *,
        automl_pathway: float,
        classifier_version: str,
        width: int | None = None,
        height: int | None = None,
        pathfig_version: str = "",
        timings: Mapping[str, float] | None = None,
        run_versions: Mapping[str, str] | None = None,
    ) -> None:
        """Mark a figure ``not_pathway``: scored below the run's threshold, so not read (no words, no mentions).

        It is recorded, not dropped: exports list it with its score, and a later run with a lower
        threshold (or ``--all``) reads it, since its ``run_versions`` then differ.
        """
        with self._tx() as c:
            self._require(c, figid)
            c.execute("DELETE FROM ocr_words WHERE figid = ?", (figid,))
            c.execute("DELETE FROM gene_mentions WHERE figid = ?", (figid,))
            clear_annotations(c, figid)
            c.execute(
                """
                UPDATE figures SET status = 'not_pathway', error = '', stage = 'classify', width = ?, height = ?,
                    ocr_engine = '', ocr_engine_version = '', lexicon_version = '', pathfig_version = ?,
                    run_versions = ?, timings = ?, automl_pathway = ?, classifier_version = ?, updated_at = ?
                WHERE figid = ?
                """,
                (width, height, pathfig_version, _json(dict(run_versions or {})), _json(dict(timings or {})),
                 _score(automl_pathway), classifier_version, _now(), figid),
            )

    def record_failure(
        self,
        figid: str,
        error: str,
        *,
        stage: str = "",
        timings: Mapping[str, float] | None = None,
        pathfig_version: str = "",
    ) -> None:
        """Mark a figure ``failed`` with its error; it keeps no words or mentions."""
        with self._tx() as c:
            self._require(c, figid)
            c.execute("DELETE FROM ocr_words WHERE figid = ?", (figid,))
            c.execute("DELETE FROM gene_mentions WHERE figid = ?", (figid,))
            clear_annotations(c, figid)
            c.execute(
                "UPDATE figures SET status = 'failed', error = ?, stage = ?, timings = ?, pathfig_version = ?, "
                "run_versions = '{}', updated_at = ? WHERE figid = ?",
                (error, stage, _json(dict(timings or {})), pathfig_version, _now(), figid),
            )

    def delete_figure(self, figid: str) -> None:
        with self._tx() as c:
            c.execute("DELETE FROM figures WHERE figid = ?", (figid,))

    @staticmethod
    def _require(c: sqlite3.Connection, figid: str) -> None:
        if c.execute("SELECT 1 FROM figures WHERE figid = ?", (figid,)).fetchone() is None:
            raise StoreError(f"[{figid}] no such figure in the store (mark_pending first)")

    # -- words and mentions ------------------------------------------------------------------------

    def words(self, figid: str) -> list[Word]:
        """A figure's OCR words in reading order."""
        rows = self._conn.execute("SELECT * FROM ocr_words WHERE figid = ? ORDER BY idx", (figid,))
        return [
            Word(text=r["text"], box=_box(r), confidence=r["confidence"], line=r["line"], orientation=r["orientation"])
            for r in rows.fetchall()
        ]

    def mentions(self, figid: str | None = None, *, status: str | None = "ok") -> Iterator[MentionRecord]:
        """Mentions of one figure (or of every figure), ordered by figure id and recogniser order."""
        sql = "SELECT m.* FROM gene_mentions m JOIN figures f ON f.figid = m.figid"
        where: list[str] = []
        args: list[Any] = []
        if figid is not None:
            where.append("m.figid = ?")
            args.append(figid)
        if status is not None:
            where.append("f.status = ?")
            args.append(status)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY m.figid, m.seq"
        for r in self._conn.execute(sql, args):
            yield MentionRecord(
                figid=r["figid"], seq=r["seq"], word=r["word"], match=r["match"], ncbigene_id=r["ncbigene_id"],
                ncbigene_symbol=r["ncbigene_symbol"], hgnc_id=r["hgnc_id"], organism_id=r["organism_id"],
                organism_name=r["organism_name"], source=r["source"], name=r["name"], family=r["family"],
                transforms=tuple(json.loads(r["transforms"])), ambiguous=bool(r["ambiguous"]),
                word_index=r["word_index"], box=_box(r), confidence=r["confidence"],
            )

    # -- organisms, chemicals, diseases (schema 3) -----------------------------------------------

    def record_annotations(
        self,
        figid: str,
        *,
        organisms: Sequence[Mapping[str, Any]],
        candidates: Sequence[Mapping[str, Any]] = (),
        lexicons: Mapping[str, str] | None = None,
        entities: Sequence[Any] = (),
    ) -> None:
        """Replace what organism, chemical and disease recognition found in a figure."""
        with self._tx() as c:
            self._require(c, figid)
            write_annotations(c, figid, organisms=organisms, candidates=candidates, lexicons=lexicons,
                              entities=entities)

    def annotations(self, figid: str | None = None, *, status: str | None = "ok") -> dict[str, AnnotationRecord]:
        """Organism annotations by figure id."""
        return read_annotations(self._conn, figid, status=status)

    def entity_mentions(self, figid: str | None = None, *, kind: str | None = None,
                        status: str | None = "ok") -> Iterator[EntityRecord]:
        """Chemical (``kind="chemical"``) and disease mentions, by figure id and recognition order."""
        return read_entity_mentions(self._conn, figid, kind=kind, status=status)

    # -- input errors ------------------------------------------------------------------------------

    def replace_input_errors(self, errors: Sequence[InputErrorRecord]) -> None:
        """Replace the recorded input errors with those of the current run."""
        now = _now()
        with self._tx() as c:
            c.execute("DELETE FROM input_errors")
            c.executemany(
                "INSERT OR REPLACE INTO input_errors (source_path, figid, sidecar_path, error, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(e.source_path, e.figid, e.sidecar_path, e.error, e.created_at or now) for e in errors],
            )

    def input_errors(self) -> list[InputErrorRecord]:
        rows = self._conn.execute("SELECT * FROM input_errors ORDER BY source_path").fetchall()
        return [
            InputErrorRecord(source_path=r["source_path"], figid=r["figid"], sidecar_path=r["sidecar_path"],
                             error=r["error"], created_at=r["created_at"])
            for r in rows
        ]


def _score(value: float | None) -> float | None:
    return None if value is None else float(value)


def _json(value: Any) -> str:
    # Sorted keys and no ASCII escaping: stable bytes, readable in sqlite3 shells.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


