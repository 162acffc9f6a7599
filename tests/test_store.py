"""The SQLite store: schema versioning and migrations, and the figure/word/mention records."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pathfig.models import Box, Candidate, FigureInput, Mention, Word
from pathfig.store import SCHEMA_VERSION, STORE_FILENAME, InputErrorRecord, Store, StoreError, open_store
from pathfig.store import schema as schema_mod


def _fig(figid: str = "F1", path: str = "/in/F1.png", **meta: object) -> FigureInput:
    return FigureInput(figid=figid, path=path, metadata=dict(meta), sidecar="")


def _ok(
    store: Store, figid: str = "F1", *, words: list[Word] | None = None, mentions: list[Mention] | None = None,
) -> None:
    store.record_ok(
        figid,
        words=words if words is not None else [Word(text="TP53", box=Box(1, 2, 30, 12), confidence=0.9)],
        mentions=mentions if mentions is not None else [
            Mention(word="TP53", match="TP53", ncbigene_id="7157", ncbigene_symbol="TP53", hgnc_id="HGNC:11998",
                    box=Box(1, 2, 30, 12), confidence=0.9, transforms=("upper",),
                    candidates=(Candidate(ncbigene_id="7157", ncbigene_symbol="TP53"),)),
        ],
        width=100, height=50, ocr_engine="fake", ocr_engine_version="1", lexicon_version="lex1",
        pathfig_version="0.1.0", timings={"ocr": 0.5, "ner": 0.01, "total": 0.51}, run_versions={"engine": "fake"},
    )


def test_new_store_has_current_schema_and_wal(tmp_path: Path) -> None:
    with open_store(tmp_path / "out") as store:
        assert store.path == tmp_path / "out" / STORE_FILENAME
        assert store.schema_version == SCHEMA_VERSION
        assert store.get_meta("created_by", ).startswith("pathfig ")  # type: ignore[union-attr]
    conn = sqlite3.connect(tmp_path / "out" / STORE_FILENAME)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meta", "figures", "ocr_words", "gene_mentions", "input_errors"} <= tables


def test_reopening_keeps_data_and_version(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.mark_pending(_fig(), sha256="aa", size=3)
        _ok(store)
    with open_store(tmp_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [f.figid for f in store.figures()] == ["F1"]


def test_newer_store_is_refused(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.set_meta("schema_version", str(SCHEMA_VERSION + 1))
    with pytest.raises(StoreError, match="upgrade pathfig"):
        open_store(tmp_path)


@pytest.mark.parametrize("content", [b"this is not a database" * 100, b""])
def test_not_a_store(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / STORE_FILENAME
    if content:
        db.write_bytes(content)
        with pytest.raises(StoreError, match="not a pathfig store"):
            open_store(tmp_path)
    else:  # an empty file is an empty database: it becomes a store
        db.write_bytes(b"")
        with open_store(tmp_path) as store:
            assert store.schema_version == SCHEMA_VERSION


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / STORE_FILENAME)
    conn.execute("CREATE TABLE other (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="no 'meta' table"):
        open_store(tmp_path)


def test_migration_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A version-1 store is upgraded step by step; a failing step leaves it at its old version."""
    open_store(tmp_path).close()
    db = tmp_path / STORE_FILENAME
    v2 = "ALTER TABLE figures ADD COLUMN classifier_score REAL"
    monkeypatch.setitem(schema_mod.MIGRATIONS, SCHEMA_VERSION + 1, v2)
    conn = sqlite3.connect(db, isolation_level=None)
    assert schema_mod.migrate(conn, target=SCHEMA_VERSION + 1) == (SCHEMA_VERSION, SCHEMA_VERSION + 1)
    cols = {r[1] for r in conn.execute("PRAGMA table_info(figures)")}
    assert "classifier_score" in cols
    assert schema_mod.read_schema_version(conn) == SCHEMA_VERSION + 1

    monkeypatch.setitem(schema_mod.MIGRATIONS, SCHEMA_VERSION + 2, "CREATE TABLE t (x); SELECT * FROM missing")
    with pytest.raises(sqlite3.OperationalError):
        schema_mod.migrate(conn, target=SCHEMA_VERSION + 2)
    assert schema_mod.read_schema_version(conn) == SCHEMA_VERSION + 1
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 't'").fetchone() is None
    conn.close()


def test_every_version_has_a_migration() -> None:
    assert sorted(schema_mod.MIGRATIONS) == list(range(1, SCHEMA_VERSION + 1))


def test_record_ok_stores_words_mentions_and_counts(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.mark_pending(_fig(figtitle="A title"), sha256="aa", size=3)
        assert store.get_figure("F1").status == "pending"  # type: ignore[union-attr]
        words = [Word(text="TP53", box=Box(1, 2, 30, 12), confidence=0.9, line=0),
                 Word(text="MDM2", box=None, confidence=0.8, line=1, orientation=90)]
        _ok(store, words=words)
        fig = store.get_figure("F1")
        assert fig is not None
        assert (fig.status, fig.n_words, fig.n_mentions, fig.n_genes) == ("ok", 2, 1, 1)
        assert fig.metadata == {"figtitle": "A title"} and fig.title == "A title"
        assert fig.width == 100 and fig.lexicon_version == "lex1" and fig.run_versions == {"engine": "fake"}
        assert set(fig.timings) == {"ocr", "ner", "total", "store"}
        assert store.words("F1") == words
        [m] = list(store.mentions("F1"))
        assert (m.ncbigene_id, m.organism_id, m.organism_name, m.transforms) == (
            "7157", "9606", "Homo sapiens", ("upper",))
        assert m.box == Box(1, 2, 30, 12)


def test_failure_drops_results_and_pending_clears_them(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.mark_pending(_fig(), sha256="aa", size=3)
        _ok(store)
        store.mark_pending(_fig(), sha256="bb", size=4)
        fig = store.get_figure("F1")
        assert fig is not None and (fig.status, fig.n_words, fig.sha256, fig.run_versions) == ("pending", 0, "bb", {})
        assert store.words("F1") == [] and list(store.mentions("F1", status=None)) == []
        _ok(store)
        assert store.words("F1") != []
        store.record_failure("F1", "boom", stage="ocr", timings={"ocr": 1.0})
        fig = store.get_figure("F1")
        assert fig is not None and (fig.status, fig.error, fig.stage, fig.n_words, fig.n_mentions) == (
            "failed", "boom", "ocr", 0, 0)
        assert list(store.mentions()) == []
        assert list(store.mentions(status=None)) == []
        assert store.words("F1") == []


def test_results_need_a_figure_row(tmp_path: Path) -> None:
    with open_store(tmp_path) as store, pytest.raises(StoreError, match="mark_pending first"):
        _ok(store, "nope")


def test_update_source_keeps_results(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.mark_pending(_fig(), sha256="aa", size=3)
        _ok(store)
        moved = FigureInput(figid="F1", path="/moved/F1.png", metadata={"figtitle": "New"}, sidecar="/moved/F1.yml")
        store.update_source(moved)
        fig = store.get_figure("F1")
        assert fig is not None
        assert (fig.status, fig.source_path, fig.sidecar_path, fig.title, fig.n_mentions) == (
            "ok", "/moved/F1.png", "/moved/F1.yml", "New", 1)
        assert [f.figid for f in store.figures_from_source("/moved/F1.png")] == ["F1"]


def test_figures_are_ordered_and_filtered(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        for figid in ("b", "a", "c"):
            store.mark_pending(_fig(figid, f"/in/{figid}.png"), sha256=figid, size=1)
        _ok(store, "c")
        store.record_failure("a", "bad", stage="ocr")
        assert [f.figid for f in store.figures()] == ["a", "b", "c"]
        assert [f.figid for f in store.figures(status="ok")] == ["c"]
        store.delete_figure("c")
        assert store.get_figure("c") is None and list(store.mentions()) == []


def test_input_errors_are_replaced_each_time(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.replace_input_errors([InputErrorRecord(source_path="/a.png", figid="X", error="dup")])
        assert [e.figid for e in store.input_errors()] == ["X"]
        store.replace_input_errors([])
        assert store.input_errors() == []


def test_unicode_and_odd_ids_round_trip(tmp_path: Path) -> None:
    figid = "pmc:PMC1/F2 \u00e9\t/..\\x"
    with open_store(tmp_path) as store:
        store.mark_pending(_fig(figid, "/in/x.png", caption="NF-\u03baB \u2192 TNF-\u03b1"), sha256="aa", size=1)
        _ok(store, figid, words=[Word(text="NF-\u03baB")], mentions=[])
        fig = store.get_figure(figid)
        assert fig is not None and fig.metadata["caption"] == "NF-\u03baB \u2192 TNF-\u03b1"
        assert store.words(figid)[0].text == "NF-\u03baB"
