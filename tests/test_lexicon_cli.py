"""``pathfig lexicon info`` and ``build`` through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathfig.lexicon.cli import lexicon_app
from pathfig.lexicon.model import read_lexicon

LEX = Path(__file__).parent / "resources" / "lexicon"
runner = CliRunner()


def test_info_text_of_the_bundled_lexicon():
    result = runner.invoke(lexicon_app, ["info"])
    assert result.exit_code == 0, result.output
    assert "(bundled)" in result.output and "organism  human (taxon 9606)" in result.output
    assert "ncbi gene source date 2022-Sep12" in result.output
    assert "famplex==0.0.5" in result.output


def test_info_json():
    result = runner.invoke(lexicon_app, ["info", "--json"])
    info = json.loads(result.output)
    assert info["bundled"] is True and info["counts"]["entries"] > 100_000
    assert set(info["counts"]["by_kind"]) == {"symbol", "previous", "alias", "ncbi_synonym", "name", "family"}


def test_build_human_then_info(tmp_path):
    out = tmp_path / "mine.tsv.gz"
    result = runner.invoke(lexicon_app, [
        "build", "--hgnc", str(LEX / "hgnc_complete_set.txt"), "--gene-info", str(LEX / "gene_info_two_taxa.tsv"),
        "--famplex", str(LEX / "famplex"), "--out", str(out),
    ])
    assert result.exit_code == 0, result.output
    assert "7 families (taxa 9606)" in result.output   # with the curated `TOR` (=MTOR)
    assert read_lexicon(out).lookup("ERK2")[0].symbol == "MAPK1"
    assert (tmp_path / "mine.provenance.json").is_file()
    info = json.loads(runner.invoke(lexicon_app, ["info", "--lexicon", str(out), "--json"]).output)
    assert info["bundled"] is False and info["sources"]["hgnc"]["file"] == "hgnc_complete_set.txt"
    # The curated corrections ran; of their genes these small files hold only MTOR (three rows).
    curated = read_lexicon(out).provenance["sources"]["curated"]
    assert curated["rows"] > 50 and curated["rows_skipped"] == curated["rows"] - 3
    assert {e.symbol for e in read_lexicon(out).lookup("TOR")} == {"MTOR"}
    assert {e.symbol for e in read_lexicon(out).lookup("MAMMALIANTARGETOFRAPAMYCIN")} == {"MTOR"}


def test_build_human_with_mesh_names_and_without_curation(tmp_path):
    out = tmp_path / "mine.tsv.gz"
    supp = tmp_path / "supp.tsv"
    supp.write_text("C000001\tTP53 protein, human\tcellular tumor antigen p53, human\tD016159\n")
    result = runner.invoke(lexicon_app, [
        "build", "--hgnc", str(LEX / "hgnc_complete_set.txt"), "--mesh", str(supp), "--no-curated", "--out", str(out),
    ])
    assert result.exit_code == 0, result.output
    lex = read_lexicon(out)
    assert [e.symbol for e in lex.lookup("CELLULARTUMORANTIGENP53")] == ["TP53"]
    assert "curated" not in lex.provenance["sources"]


@pytest.mark.parametrize(
    "args,taxa",
    [
        (["--gene-info", str(LEX / "gene_info_two_taxa.tsv"), "--taxon", "10090"], ["10090"]),
        (["--gene-info", str(LEX / "Drosophila_melanogaster.gene_info.gz")], ["7227"]),
    ],
)
def test_build_other_organisms_from_gene_info(tmp_path, args, taxa):
    out = tmp_path / "x.tsv.gz"
    result = runner.invoke(lexicon_app, ["build", *args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert read_lexicon(out).taxa() == taxa


def test_build_keeps_biological_regions_on_request(tmp_path):
    out = tmp_path / "x.tsv"
    args = ["build", "--gene-info", str(LEX / "gene_info_two_taxa.tsv"), "--taxon", "9606", "--out", str(out)]
    assert runner.invoke(lexicon_app, args).exit_code == 0
    assert not read_lexicon(out).lookup("20MER2")
    assert runner.invoke(lexicon_app, [*args, "--keep-biological-regions"]).exit_code == 0
    assert read_lexicon(out).lookup("20MER2")[0].symbol == "LOC107198089"


@pytest.mark.parametrize(
    "args,message",
    [
        (["build", "--out", "x.tsv.gz"], "at least one of"),
        (["build", "--hgnc", str(LEX / "gene_info_two_taxa.tsv"), "--out", "x.tsv.gz"],
         "gene_info_two_taxa.tsv: not an HGNC complete set"),
        (["info", "--lexicon", "martian"], "martian: no such lexicon file"),
        (["update", "--organism", "martian"], "unknown organism 'martian'"),
    ],
)
def test_errors_exit_1_without_traceback(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(lexicon_app, args)
    assert result.exit_code == 1
    assert "error: " in result.output and message in result.output
    assert "Traceback" not in result.output


def test_wired_into_the_pathfig_command():
    from pathfig.cli import app

    result = runner.invoke(app, ["lexicon", "info", "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["organism"] == "human"
