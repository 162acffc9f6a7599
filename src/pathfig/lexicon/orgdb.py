"""Read a Bioconductor ``org.*.eg.db`` SQLite file (e.g. Debian's ``r-bioc-org.hs.eg.db``).

Tables used: ``genes(_id, gene_id)``, ``gene_info(_id, gene_name, symbol)``,
``alias(_id, alias_symbol)``, ``genetype(_id, gene_type)`` and ``metadata(name, value)``
(``TAXID``, ``ORGANISM``, ``EGSOURCEDATE``...). The symbol becomes a ``symbol`` entry and every
other alias an ``ncbi_synonym``; the alias table repeats the symbol itself, which is skipped.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from pathfig.errors import LexiconError
from pathfig.lexicon._common import Source, SourceLoad, file_info, is_path, source_label, usable_name
from pathfig.lexicon.model import LexiconEntry

__all__ = ["load_orgdb", "parse_orgdb", "read_orgdb_metadata"]

_REQUIRED_TABLES = ("genes", "gene_info", "alias", "metadata")


def _connect(source: Source, label: str) -> sqlite3.Connection:
    if is_path(source):
        path = Path(source)  # type: ignore[arg-type]
        if not path.is_file():
            raise LexiconError(f"{label}: file not found")
        # Read-only and immutable: the file may sit in a read-only system directory.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    else:
        if isinstance(source, str):
            raise LexiconError(f"{label}: an org.eg.db source must be a path or the SQLite file's bytes")
        conn = sqlite3.connect(":memory:")
        try:
            conn.deserialize(bytes(source))
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise LexiconError(f"{label}: not an SQLite database ({exc})") from exc
    return conn


def _check(conn: sqlite3.Connection, label: str) -> None:
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise LexiconError(f"{label}: not an SQLite database ({exc})") from exc
    missing = [t for t in _REQUIRED_TABLES if t not in tables]
    if missing:
        raise LexiconError(f"{label}: not a Bioconductor org.*.eg.db file: missing table(s) {', '.join(missing)}")


def read_orgdb_metadata(source: Source, *, name: str | None = None) -> dict[str, str]:
    """The ``metadata`` table: ``{"TAXID": "9606", "EGSOURCEDATE": "2022-Sep12", ...}``."""
    label = source_label(source, name)
    with closing(_connect(source, label)) as conn:
        _check(conn, label)
        return {str(k): str(v) for k, v in conn.execute("SELECT name, value FROM metadata")}


def parse_orgdb(source: Source, *, name: str | None = None) -> SourceLoad:
    """Entries (symbol, ncbi_synonym) of every gene in an org.eg.db file, and its metadata."""
    label = source_label(source, name)
    entries: list[LexiconEntry] = []
    junk = 0
    with closing(_connect(source, label)) as conn:
        _check(conn, label)
        try:
            meta = {str(k): str(v) for k, v in conn.execute("SELECT name, value FROM metadata")}
            taxon = meta.get("TAXID", "")
            if not taxon:
                raise LexiconError(f"{label}: metadata has no TAXID")
            has_type = bool(conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'genetype'").fetchone())
            type_join = "LEFT JOIN genetype t ON t._id = g._id" if has_type else ""
            type_col = "t.gene_type" if has_type else "''"
            genes: dict[int, tuple[str, str, str]] = {}
            for _id, gene_id, symbol, gene_type in conn.execute(
                f"SELECT g._id, g.gene_id, i.symbol, {type_col} FROM genes g "
                f"JOIN gene_info i ON i._id = g._id {type_join} ORDER BY g._id"
            ):
                genes[_id] = (str(gene_id), str(symbol), str(gene_type or ""))
            aliases: dict[int, list[str]] = {}
            for _id, alias in conn.execute("SELECT _id, alias_symbol FROM alias ORDER BY _id, rowid"):
                aliases.setdefault(_id, []).append(str(alias))
        except sqlite3.DatabaseError as exc:
            raise LexiconError(f"{label}: cannot read org.eg.db tables ({exc})") from exc
    for _id, (gene_id, symbol, gene_type) in genes.items():
        seen: set[str] = set()
        for kind, raw in [("symbol", symbol)] + [("ncbi_synonym", a) for a in aliases.get(_id, ())]:
            clean = usable_name(raw)
            if clean is None:
                junk += 1
                continue
            if clean in seen:  # the alias table includes the symbol itself
                continue
            seen.add(clean)
            entries.append(LexiconEntry.make(clean, kind, gene_id, symbol, taxon_id=taxon, locus_type=gene_type))
    info: dict[str, Any] = {
        "source": "Bioconductor org.eg.db",
        **file_info(source, name),
        "organism": meta.get("ORGANISM", ""),
        "taxon_id": taxon,
        "ncbi_gene_source_date": meta.get("EGSOURCEDATE", ""),
        "ncbi_gene_source_url": meta.get("EGSOURCEURL", ""),
        "genes": len(genes),
        "dropped_names": junk,
        "entries": len(entries),
    }
    return SourceLoad(entries=entries, info=info)


def load_orgdb(source: Source, *, name: str | None = None) -> list[LexiconEntry]:
    """Lexicon entries (symbol, ncbi_synonym) of an org.eg.db SQLite file (path or bytes)."""
    return parse_orgdb(source, name=name).entries
