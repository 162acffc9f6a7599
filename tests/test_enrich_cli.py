"""``pathfig enrich`` through Typer's CliRunner: TSV and JSON on stdout, the gene report on stderr."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathfig.cli import app
from pathfig.enrich import COLUMNS

ENRICH = Path(__file__).parent / "resources" / "enrich"
runner = CliRunner()


def test_tsv_with_symbols_through_the_bundled_lexicon() -> None:
    result = runner.invoke(app, ["enrich", str(ENRICH / "genes.txt"), "--library", str(ENRICH / "tiny.gmt")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))
    assert list(rows[0]) == list(COLUMNS)
    assert [r["term"] for r in rows] == ["PMC1/F1", "PMC4/F1"]
    assert rows[0]["genes"] == "1026;HDM2;TP53" and rows[0]["overlap"] == "3" and rows[0]["set_size"] == "4"
    assert float(rows[0]["p_value"]) == pytest.approx(1 / 21, rel=1e-15)  # C(4,3)·C(5,0)/C(9,3) = 4/84
    err = result.stderr
    assert "unmapped (1): NOTAGENE1" in err and "p21 (CDKN1A (1026)" in err and "HDM2→MDM2" in err
    assert "tiny.gmt:4: PMC1/F1: duplicate name" in err
    assert "tested 3 distinct sets of 3 (library universe, N = 9, K = 3)" in err


def test_json_from_stdin_with_top_and_background(tmp_path: Path) -> None:
    bg = tmp_path / "bg.txt"
    bg.write_text("\n".join(["7157", "4193", "1026", "1956", "2885", "100", "101", "102"]) + "\n")
    result = runner.invoke(app, ["enrich", "-", "-l", str(ENRICH / "tiny.gmt"), "--format", "json", "--top", "1",
                                 "--background", str(bg)], input="7157\n4193\n")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 1 and list(rows[0]) == list(COLUMNS)
    # PMC4/F1 within the background is {7157, 4193} (207 is not in it): both query genes, the best p.
    assert rows[0]["term"] == "PMC4/F1" and rows[0]["set_size"] == 2 and rows[0]["genes"] == ["4193", "7157"]
    assert "background universe, N = 8, K = 2" in result.stderr


def test_size_filter_and_all(tmp_path: Path) -> None:
    result = runner.invoke(app, ["enrich", "-", "-l", str(ENRICH / "tiny.gmt"), "--min-size", "4", "--all",
                                 "-f", "json"], input="7157\n")
    rows = json.loads(result.stdout)
    assert [(r["term"], r["overlap"]) for r in rows] == [("PMC1/F1", 1), ("PMC2/F3", 0)]


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["enrich", str(tmp_path / "none.txt"), "-l", str(ENRICH / "tiny.gmt")])
    assert missing.exit_code == 1 and "none.txt: cannot read gene list" in missing.stderr
    assert "Traceback" not in missing.output
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(b"TP53\nG\xe8ne\n")
    res = runner.invoke(app, ["enrich", str(latin1), "-l", str(ENRICH / "tiny.gmt")])
    assert res.exit_code == 1 and "latin1.txt: gene list is not UTF-8 text (byte 6)" in res.stderr
    nothing = runner.invoke(app, ["enrich", "-", "-l", str(ENRICH / "tiny.gmt")], input="99999999\n")
    assert nothing.exit_code == 1 and "none of the 1 genes is in the universe" in nothing.stderr
    empty = runner.invoke(app, ["enrich", "-", "-l", str(ENRICH / "tiny.gmt")], input="# nothing\n")
    assert empty.exit_code == 1 and "no genes in the gene list" in empty.stderr
