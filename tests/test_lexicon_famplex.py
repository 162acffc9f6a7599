"""FamPlex: transitive expansion, family names, grounding-map aliases, bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathfig.errors import LexiconError
from pathfig.lexicon.famplex import expand_families, load_famplex, parse_famplex, read_famplex_tables

LEX = Path(__file__).parent / "resources" / "lexicon"
FAMPLEX = LEX / "famplex"

# symbol → (ncbigene_id, hgnc_id), as build.gene_map makes it from HGNC entries.
GENES = {
    "MAPK1": ("5594", "HGNC:6871"), "MAPK3": ("5595", "HGNC:6877"), "NFKB1": ("4790", "HGNC:7794"),
    "RELA": ("5970", "HGNC:9955"), "REL": ("5966", "HGNC:9954"), "MTOR": ("2475", "HGNC:3942"),
    "RPTOR": ("57521", "HGNC:30287"),
}


@pytest.fixture(scope="module")
def entries():
    return load_famplex(FAMPLEX, GENES)


def members(entries, name: str) -> set[str]:
    return {e.symbol for e in entries if e.kind == "family" and e.name == name}


@pytest.mark.parametrize(
    "name,family,expected",
    [
        ("ERK", "ERK", {"MAPK1", "MAPK3"}),
        ("MAPK", "MAPK", {"MAPK1", "MAPK3"}),                     # family of families
        ("NFkappaB", "NFkappaB", {"NFKB1", "RELA", "REL"}),       # complex of families
        ("NFkappaB_2", "NFkappaB_2", {"RELA", "REL"}),
        ("mTORC1", "mTORC1", {"MTOR", "RPTOR"}),                  # complex of genes
        ("ERK Family", "ERK", {"MAPK1", "MAPK3"}),                # BEL equivalence name
        ("TORC1 Complex", "mTORC1", {"MTOR", "RPTOR"}),
        ("ERK1/2", "ERK", {"MAPK1", "MAPK3"}),                    # grounding-map text
        ("NF-κB", "NFkappaB", {"NFKB1", "RELA", "REL"}),
        ("TORC1, mTOR complex 1", "mTORC1", {"MTOR", "RPTOR"}),   # quoted CSV field with a comma
    ],
)
def test_family_names_expand_to_member_genes(entries, name, family, expected):
    assert members(entries, name) == expected
    assert {e.family for e in entries if e.name == name} == {family}


def test_family_rows_carry_ids_and_keys(entries):
    row = next(e for e in entries if e.name == "NF-κB" and e.symbol == "RELA")
    assert (row.key, row.kind, row.ncbigene_id, row.hgnc_id, row.taxon_id, row.family) == (
        "NFKB", "family", "5970", "HGNC:9955", "9606", "NFkappaB")


@pytest.mark.parametrize("name", ["FA:01234", "GO:0031931", "cAMP", "CK2", "Orphan_family"])
def test_accessions_chemicals_and_geneless_families_give_no_rows(entries, name):
    assert not [e for e in entries if e.name == name]


def test_grounding_map_hgnc_rows_are_gene_aliases(entries):
    aliases = {(e.name, e.symbol, e.ncbigene_id, e.family) for e in entries if e.kind == "alias"}
    assert aliases == {("c-Rel", "REL", "5966", ""), ("p65", "RELA", "5970", "")}


def test_over_long_grounding_text_is_dropped(entries):
    assert not [e for e in entries if len(e.name) > 60]
    assert parse_famplex(FAMPLEX, GENES).info["dropped_names"] == 1


def test_info_counts_unmapped_and_empty_families():
    info = parse_famplex(FAMPLEX, GENES).info
    assert info["unmapped_members"] == ["CKBE"]
    assert info["families_without_genes"] == 2  # CK2 (member unknown) and Orphan_family (no members)
    assert info["grounding_aliases"] == 2
    assert set(info["files"]) == {"entities.csv", "relations.csv", "equivalences.csv", "grounding_map.csv"}


def test_renamed_member_uses_the_current_symbol():
    genes = dict(GENES, RPTOR=("57521", "HGNC:30287", "RPTOR_NEW"))
    assert members(load_famplex(FAMPLEX, genes), "mTORC1") == {"MTOR", "RPTOR_NEW"}


def test_expand_survives_a_cycle():
    rels = [("FPLX", "A", "isa", "FPLX", "B"), ("FPLX", "B", "isa", "FPLX", "A"), ("HGNC", "X1", "isa", "FPLX", "A")]
    assert expand_families(rels) == {"A": {"X1"}, "B": {"X1"}}


def test_in_memory_mapping_source():
    files = {
        "relations.csv": "HGNC,MTOR,partof,FPLX,mTORC1\nHGNC,RPTOR,partof,FPLX,mTORC1\n",
        "grounding_map.csv": b"mTORC1,FPLX,mTORC1,,,,\nraptor,HGNC,RPTOR,,,,\n",
    }
    got = {(e.name, e.kind, e.symbol) for e in load_famplex(files, GENES)}
    assert got == {("mTORC1", "family", "MTOR"), ("mTORC1", "family", "RPTOR"), ("raptor", "alias", "RPTOR")}


def test_entities_file_with_crlf_line_ends():
    assert read_famplex_tables(FAMPLEX)["entities"][:3] == ["CK2", "ERK", "MAPK"]


@pytest.mark.parametrize(
    "file,content,message",
    [
        ("relations.csv", "HGNC,MTOR,partof\n", "relations.csv: line 1 has 3 columns, expected ns1,id1,rel,ns2,id2"),
        ("equivalences.csv", "BEL,TORC1 Complex\n", "equivalences.csv: line 1 has 2 columns, expected ns,id,fplx_id"),
        ("relations.csv", None, "relations.csv: missing; a FamPlex directory needs relations.csv"),
    ],
)
def test_bad_files_name_the_file_and_problem(tmp_path, file, content, message):
    folder = tmp_path / "famplex"
    shutil.copytree(FAMPLEX, folder)
    if content is None:
        (folder / file).unlink()
    else:
        (folder / file).write_text(content)
    with pytest.raises(LexiconError) as err:
        load_famplex(folder, GENES)
    assert str(folder / file) in str(err.value) and message in str(err.value)


def test_not_a_directory(tmp_path):
    with pytest.raises(LexiconError, match="not a FamPlex directory"):
        load_famplex(tmp_path / "missing", GENES)


GROUNDING = {
    "relations.csv": "HGNC,MAPK1,isa,FPLX,ERK\nHGNC,MAPK3,isa,FPLX,ERK\n",
    "grounding_map.csv": (
        "NIK,HGNC,MAP3K14,,,,\n"          # one gene: grounded
        "rSK2,HGNC,KCNN2,,,,\n"           # species prefix: its key RSK2 is another protein
        "Erk,FPLX,ERK,,,,\n"              # a family, not a gene
        "dual,HGNC,MAPK1,HGNC,MAPK3,,\n"  # two genes: not a grounding to one
    ),
}
GROUNDING_GENES = {**GENES, "MAP3K14": ("9020", "HGNC:6853"), "KCNN2": ("3781", "HGNC:6291")}


def test_grounded_genes_are_single_gene_texts_without_a_case_prefix():
    from pathfig.lexicon.famplex import grounded_genes

    assert grounded_genes(GROUNDING, GROUNDING_GENES) == {"NIK": "9020"}


def test_grounding_settles_a_shared_alias_only_with_the_literature():
    from pathfig.lexicon.build import _apply_groundings
    from pathfig.lexicon.model import LexiconEntry

    nik = [LexiconEntry.make("NIK", "alias", "9020", "MAP3K14"), LexiconEntry.make("NIK", "alias", "9448", "MAP4K4"),
           LexiconEntry.make("NIK", "symbol", "1", "NIK")]
    grounded = {"NIK": "9020"}
    kept, dropped = _apply_groundings(nik, grounded, {"9020": 170, "9448": 116})
    # MAP4K4's alias goes; an official symbol stays whatever the grounding says.
    assert [(e.symbol, e.kind) for e in kept] == [("MAP3K14", "alias"), ("NIK", "symbol")] and dropped == 1
    # Where the other gene is the more cited, the grounding is one corpus's sense: nothing drops.
    kept, dropped = _apply_groundings(nik, grounded, {"9020": 10, "9448": 116})
    assert kept == nik and dropped == 0


def test_printed_names_come_before_the_identifier():
    """A shared key keeps the first row (build.collapse_entries): the grounding map's text as
    printed (``NADPH oxidase``, a two-word name) must come before the identifier ``NADPH_oxidase``."""
    files = {
        "entities.csv": "NADPH_oxidase\n",
        "relations.csv": "HGNC,MTOR,partof,FPLX,NADPH_oxidase\n",
        "equivalences.csv": "BEL,NADPH Oxidase Complex,NADPH_oxidase\n",
        "grounding_map.csv": "NADPH oxidase,FPLX,NADPH_oxidase,,,,\n",
    }
    names = [e.name for e in load_famplex(files, GENES)]
    assert names == ["NADPH oxidase", "NADPH Oxidase Complex", "NADPH_oxidase"]


def test_mesh_names_fill_gaps_only():
    """A MeSH name of a family counts unless its key already names a gene or another family."""
    files = {
        "entities.csv": "AKT\nIKB\nIKK_family\n",
        "relations.csv": "HGNC,MTOR,isa,FPLX,AKT\nHGNC,RELA,isa,FPLX,IKB\nHGNC,REL,isa,FPLX,IKK_family\n",
        "equivalences.csv": "MESH,D1,AKT\nMESH,D2,IKK_family\n",
        "grounding_map.csv": "I kappa B,FPLX,IKB,,,,\n",
    }
    mesh = {"D1": ["Protein Kinase B", "Raptor"], "D2": ["I-kappa B", "IkappaB Kinase"]}
    loaded = parse_famplex(files, GENES, mesh_names=mesh, taken_keys={"RAPTOR"})
    names = {(e.name, e.family) for e in loaded.entries}
    assert ("Protein Kinase B", "AKT") in names and ("IkappaB Kinase", "IKK_family") in names
    assert not {n for n, f in names if n in ("Raptor", "I-kappa B")}
    assert loaded.info["families_named_by_mesh"] == 2
    assert loaded.info["mesh_names_dropped_as_taken"] == 2
