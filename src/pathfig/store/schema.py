"""The store's SQL schema, its version, and the migrations that bring an older store up to date.

The schema version lives in the ``meta`` table (``schema_version``). ``MIGRATIONS[n]`` is the SQL
that turns a version ``n - 1`` store into a version ``n`` store; a new store runs them all from 1.
To change the schema: append ``MIGRATIONS[n + 1]`` (never edit a released step), bump
:data:`SCHEMA_VERSION`, and add a test that opens a version-``n`` store and checks the upgrade.
"""

from __future__ import annotations

import sqlite3

from pathfig.errors import PathfigError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "StoreError", "migrate", "read_schema_version"]

#: The schema this code reads and writes.
SCHEMA_VERSION = 3

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE IF NOT EXISTS meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    -- One row per figure id. Words and mentions exist only while status = 'ok'.
    CREATE TABLE figures (
        figid              TEXT PRIMARY KEY,
        status             TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'failed')),
        error              TEXT NOT NULL DEFAULT '',
        stage              TEXT NOT NULL DEFAULT '',   -- the stage that failed
        metadata           TEXT NOT NULL DEFAULT '{}', -- sidecar content, JSON object
        source_path        TEXT NOT NULL,
        sidecar_path       TEXT NOT NULL DEFAULT '',
        sha256             TEXT NOT NULL DEFAULT '',
        size               INTEGER NOT NULL DEFAULT 0,
        width              INTEGER,
        height             INTEGER,
        ocr_engine         TEXT NOT NULL DEFAULT '',
        ocr_engine_version TEXT NOT NULL DEFAULT '',
        lexicon_version    TEXT NOT NULL DEFAULT '',
        pathfig_version    TEXT NOT NULL DEFAULT '',
        -- What the run asked for (engine, its version, lexicon, pathfig), JSON: a figure whose
        -- run_versions equal the current ones, with the same sha256, is done and skipped.
        run_versions       TEXT NOT NULL DEFAULT '{}',
        timings            TEXT NOT NULL DEFAULT '{}', -- seconds per stage, JSON object
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL
    );
    CREATE INDEX figures_source ON figures (source_path);

    CREATE TABLE ocr_words (
        figid       TEXT NOT NULL REFERENCES figures (figid) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,  -- reading order within the figure
        line        INTEGER NOT NULL,
        text        TEXT NOT NULL,
        x0 REAL, y0 REAL, x1 REAL, y1 REAL,
        confidence  REAL NOT NULL,
        orientation INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (figid, idx)
    );

    CREATE TABLE gene_mentions (
        figid           TEXT NOT NULL REFERENCES figures (figid) ON DELETE CASCADE,
        seq             INTEGER NOT NULL,  -- order the recogniser returned them in
        word            TEXT NOT NULL,
        match           TEXT NOT NULL,
        name            TEXT NOT NULL DEFAULT '',
        ncbigene_id     TEXT NOT NULL,
        ncbigene_symbol TEXT NOT NULL,
        hgnc_id         TEXT NOT NULL DEFAULT '',
        organism_id     TEXT NOT NULL,
        organism_name   TEXT NOT NULL DEFAULT '',
        source          TEXT NOT NULL,
        family          TEXT NOT NULL DEFAULT '',
        transforms      TEXT NOT NULL DEFAULT '[]',  -- JSON array
        ambiguous       INTEGER NOT NULL DEFAULT 0,
        candidates      TEXT NOT NULL DEFAULT '[]',  -- JSON array of objects
        word_index      INTEGER NOT NULL DEFAULT -1,
        x0 REAL, y0 REAL, x1 REAL, y1 REAL,
        confidence      REAL NOT NULL,
        PRIMARY KEY (figid, seq)
    );
    CREATE INDEX gene_mentions_gene ON gene_mentions (ncbigene_id);

    -- Inputs that could not become a figure row (e.g. a second file claiming a figure id).
    -- Rewritten by every run: it describes the inputs of the latest run.
    CREATE TABLE input_errors (
        source_path  TEXT PRIMARY KEY,
        figid        TEXT NOT NULL,
        sidecar_path TEXT NOT NULL DEFAULT '',
        error        TEXT NOT NULL,
        created_at   TEXT NOT NULL
    );
    """,
    # 2: the pathway-figure classifier. figures gain its score (automl_pathway, NULL when the
    # figure was not classified) and the model version, and the status 'not_pathway': scored
    # below the run's threshold, so OCR and gene extraction were skipped. SQLite cannot change a
    # CHECK constraint in place, so the three linked tables are rebuilt. Renaming a parent first
    # makes its children point at the old copy, which is dropped last, so no ON DELETE CASCADE
    # fires on the rows being copied.
    2: """
    ALTER TABLE figures RENAME TO figures_v1;
    CREATE TABLE figures (
        figid              TEXT PRIMARY KEY,
        status             TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'failed', 'not_pathway')),
        error              TEXT NOT NULL DEFAULT '',
        stage              TEXT NOT NULL DEFAULT '',
        metadata           TEXT NOT NULL DEFAULT '{}',
        source_path        TEXT NOT NULL,
        sidecar_path       TEXT NOT NULL DEFAULT '',
        sha256             TEXT NOT NULL DEFAULT '',
        size               INTEGER NOT NULL DEFAULT 0,
        width              INTEGER,
        height             INTEGER,
        ocr_engine         TEXT NOT NULL DEFAULT '',
        ocr_engine_version TEXT NOT NULL DEFAULT '',
        lexicon_version    TEXT NOT NULL DEFAULT '',
        pathfig_version    TEXT NOT NULL DEFAULT '',
        run_versions       TEXT NOT NULL DEFAULT '{}',
        timings            TEXT NOT NULL DEFAULT '{}',
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        automl_pathway     REAL,                       -- P(pathway figure) from pathfig.classify
        classifier_version TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO figures (figid, status, error, stage, metadata, source_path, sidecar_path, sha256, size, width,
                         height, ocr_engine, ocr_engine_version, lexicon_version, pathfig_version, run_versions,
                         timings, created_at, updated_at)
        SELECT figid, status, error, stage, metadata, source_path, sidecar_path, sha256, size, width, height,
               ocr_engine, ocr_engine_version, lexicon_version, pathfig_version, run_versions, timings,
               created_at, updated_at
        FROM figures_v1;

    ALTER TABLE ocr_words RENAME TO ocr_words_v1;
    CREATE TABLE ocr_words (
        figid       TEXT NOT NULL REFERENCES figures (figid) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        line        INTEGER NOT NULL,
        text        TEXT NOT NULL,
        x0 REAL, y0 REAL, x1 REAL, y1 REAL,
        confidence  REAL NOT NULL,
        orientation INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (figid, idx)
    );
    INSERT INTO ocr_words SELECT * FROM ocr_words_v1;
    DROP TABLE ocr_words_v1;

    ALTER TABLE gene_mentions RENAME TO gene_mentions_v1;
    CREATE TABLE gene_mentions (
        figid           TEXT NOT NULL REFERENCES figures (figid) ON DELETE CASCADE,
        seq             INTEGER NOT NULL,
        word            TEXT NOT NULL,
        match           TEXT NOT NULL,
        name            TEXT NOT NULL DEFAULT '',
        ncbigene_id     TEXT NOT NULL,
        ncbigene_symbol TEXT NOT NULL,
        hgnc_id         TEXT NOT NULL DEFAULT '',
        organism_id     TEXT NOT NULL,
        organism_name   TEXT NOT NULL DEFAULT '',
        source          TEXT NOT NULL,
        family          TEXT NOT NULL DEFAULT '',
        transforms      TEXT NOT NULL DEFAULT '[]',
        ambiguous       INTEGER NOT NULL DEFAULT 0,
        candidates      TEXT NOT NULL DEFAULT '[]',
        word_index      INTEGER NOT NULL DEFAULT -1,
        x0 REAL, y0 REAL, x1 REAL, y1 REAL,
        confidence      REAL NOT NULL,
        PRIMARY KEY (figid, seq)
    );
    INSERT INTO gene_mentions SELECT * FROM gene_mentions_v1;
    DROP TABLE gene_mentions_v1;

    DROP TABLE figures_v1;
    CREATE INDEX figures_source ON figures (source_path);
    CREATE INDEX gene_mentions_gene ON gene_mentions (ncbigene_id);
    """,
    # 3: organism inference, chemicals and diseases (pathfig.ner.annotate). One row per figure
    # with its organisms as JSON, and one row per chemical or disease mention. Both are cleared
    # with the figure's words and gene mentions (pathfig.store.annotations).
    3: """
    CREATE TABLE figure_annotations (
        figid      TEXT PRIMARY KEY REFERENCES figures (figid) ON DELETE CASCADE,
        organisms  TEXT NOT NULL DEFAULT '[]',  -- JSON: ranked [{taxon_id, name, score, evidence}]
        candidates TEXT NOT NULL DEFAULT '[]',  -- JSON: every organism the figure mentions
        lexicons   TEXT NOT NULL DEFAULT '{}'   -- JSON: taxon → lexicon its genes were mapped in
    );
    CREATE TABLE entity_mentions (
        figid      TEXT NOT NULL REFERENCES figures (figid) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('chemical', 'disease')),
        word       TEXT NOT NULL,
        match      TEXT NOT NULL,
        name       TEXT NOT NULL DEFAULT '',
        mesh       TEXT NOT NULL DEFAULT '',
        chebi      TEXT NOT NULL DEFAULT '',
        doid       TEXT NOT NULL DEFAULT '',
        source     TEXT NOT NULL DEFAULT '',
        location   TEXT NOT NULL DEFAULT '',     -- image | figtitle | caption | papertitle | text
        x0 REAL, y0 REAL, x1 REAL, y1 REAL,
        confidence REAL NOT NULL DEFAULT 1.0,
        PRIMARY KEY (figid, seq)
    );
    CREATE INDEX entity_mentions_kind ON entity_mentions (kind, figid);
    """,
}


class StoreError(PathfigError):
    """The store file cannot be opened, is not a pathfig store, or is newer than this code."""


def read_schema_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in ``conn``; 0 for an empty database."""
    has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
    if not has_meta:
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        if tables:
            raise StoreError("database has tables but no 'meta' table: not a pathfig store")
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise StoreError("'meta' table has no schema_version: not a pathfig store")
    return int(row[0])


def migrate(conn: sqlite3.Connection, *, target: int = SCHEMA_VERSION) -> tuple[int, int]:
    """Bring the database to ``target``, one migration per transaction; returns (from, to).

    ``conn`` must be in autocommit mode (``isolation_level=None``) so each step's ``BEGIN`` …
    ``COMMIT`` is the only transaction: a failed step leaves the store at the previous version.
    """
    current = read_schema_version(conn)
    if current > target:
        raise StoreError(
            f"store has schema version {current}, this pathfig reads up to {target}: "
            "upgrade pathfig or use a new --out directory"
        )
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(version),),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return current, target


def _statements(script: str) -> list[str]:
    # executescript() would commit on its own; splitting keeps each migration one transaction.
    # Migrations hold no string literals with ';', so a plain split is safe.
    lines = [ln.split("--", 1)[0] for ln in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
