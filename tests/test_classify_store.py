"""The store's classifier fields: schema migration 1 → 2, the score, the ``not_pathway`` status."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pathfig.models import Box, FigureInput, Mention, Word
from pathfig.store import STORE_FILENAME, Store, open_store
from pathfig.store import schema as schema_mod


def _fig(figid: str) -> FigureInput:
    return FigureInput(figid=figid, path=f"/in/{figid}.png", metadata={"figtitle": figid}, sidecar="")


def _words() -> list[Word]:
    return [Word(text="TP53", box=Box(1, 2, 30, 12), confidence=0.9), Word(text="MDM2", confidence=0.8)]


def _mentions() -> list[Mention]:
    return [Mention(word="TP53", match="TP53", ncbigene_id="7157", ncbigene_symbol="TP53", box=Box(1, 2, 30, 12))]


def _ok(store: Store, figid: str, **kw: object) -> None:
    store.record_ok(figid, words=_words(), mentions=_mentions(), width=100, height=50, ocr_engine="fake",
                    ocr_engine_version="1", lexicon_version="lex", pathfig_version="0.1.0", timings={"ocr": 0.1},
                    **kw)  # type: ignore[arg-type]


def _version_1_store(tmp_path: Path) -> Path:
    """A store as pathfig with schema version 1 wrote it, holding one read figure."""
    db = tmp_path / STORE_FILENAME
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    schema_mod.migrate(conn, target=1)
    now = "2024-01-01T00:00:00Z"
    conn.execute("INSERT INTO figures (figid, status, source_path, created_at, updated_at, width) "
                 "VALUES ('F1', 'ok', '/in/F1.png', ?, ?, 640)", (now, now))
    conn.execute("INSERT INTO figures (figid, status, error, source_path, created_at, updated_at) "
                 "VALUES ('F2', 'failed', 'boom', '/in/F2.png', ?, ?)", (now, now))
    conn.execute("INSERT INTO ocr_words (figid, idx, line, text, confidence) VALUES ('F1', 0, 0, 'TP53', 0.9)")
    conn.execute("INSERT INTO gene_mentions (figid, seq, word, match, ncbigene_id, ncbigene_symbol, organism_id, "
                 "source, confidence) VALUES ('F1', 0, 'TP53', 'TP53', '7157', 'TP53', '9606', 'symbol', 0.9)")
    conn.close()
    return db


def test_version_1_store_is_upgraded_keeping_every_row(tmp_path: Path) -> None:
    _version_1_store(tmp_path)
    with open_store(tmp_path) as store:
        assert store.schema_version >= 2  # upgraded through 2 (and any later steps)
        f1, f2 = store.figures()
        assert (f1.figid, f1.status, f1.width, f1.n_words, f1.n_mentions, f1.automl_pathway) == (
            "F1", "ok", 640, 1, 1, None)
        assert (f2.status, f2.error, f2.classifier_version) == ("failed", "boom", "")
        assert [m.ncbigene_id for m in store.mentions()] == ["7157"]
    conn = sqlite3.connect(tmp_path / STORE_FILENAME)
    # Children point at the new figures table, the old copies are gone, the indexes are back.
    for child in ("ocr_words", "gene_mentions"):
        assert {r[2] for r in conn.execute(f"PRAGMA foreign_key_list({child})")} == {"figures"}
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert not {n for n in names if n.endswith("_v1")}
    assert {"figures_source", "gene_mentions_gene"} <= names
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_cascade_still_works_after_the_upgrade(tmp_path: Path) -> None:
    _version_1_store(tmp_path)
    with open_store(tmp_path) as store:
        store.delete_figure("F1")
        assert store.words("F1") == [] and list(store.mentions("F1", status=None)) == []


def test_failed_upgrade_leaves_version_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _version_1_store(tmp_path)
    broken = schema_mod.MIGRATIONS[2].replace("DROP TABLE figures_v1;", "DROP TABLE figures_v1; SELECT * FROM nope;")
    monkeypatch.setitem(schema_mod.MIGRATIONS, 2, broken)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.OperationalError):
        schema_mod.migrate(conn)
    assert schema_mod.read_schema_version(conn) == 1
    assert conn.execute("SELECT count(*) FROM ocr_words").fetchone()[0] == 1
    assert "automl_pathway" not in {r[1] for r in conn.execute("PRAGMA table_info(figures)")}
    conn.close()


def test_score_is_stored_with_results(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.mark_pending(_fig("A"), sha256="aa", size=1)
        _ok(store, "A", automl_pathway=0.93, classifier_version="m1")
        fig = store.get_figure("A")
        assert fig is not None and (fig.status, fig.automl_pathway, fig.classifier_version) == ("ok", 0.93, "m1")
        store.mark_pending(_fig("A"), sha256="aa", size=1)  # redoing it forgets the old score
        fig = store.get_figure("A")
        assert fig is not None and (fig.automl_pathway, fig.classifier_version) == (None, "")


def test_not_pathway_figure_is_recorded_without_words(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.mark_pending(_fig("B"), sha256="bb", size=1)
        _ok(store, "B")
        store.record_not_pathway("B", automl_pathway=0.04, classifier_version="m1", width=320, height=200,
                                 pathfig_version="0.1.0", timings={"classify": 0.02}, run_versions={"gate": "0.5"})
        fig = store.get_figure("B")
        assert fig is not None
        assert (fig.status, fig.stage, fig.automl_pathway, fig.width, fig.n_words, fig.n_mentions) == (
            "not_pathway", "classify", 0.04, 320, 0, 0)
        assert fig.run_versions == {"gate": "0.5"} and fig.timings == {"classify": 0.02}
        assert [f.figid for f in store.figures(status="ok")] == []
        assert [f.figid for f in store.figures(status="not_pathway")] == ["B"]
        # The rows _ok wrote are gone, not only the counts.
        assert store.words("B") == [] and list(store.mentions("B", status=None)) == []
        assert list(store.entity_mentions("B")) == []
