"""NCBI gene_info: kinds, taxon filter, dbXrefs, '-' empties, gzip, old header, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathfig.errors import LexiconError
from pathfig.lexicon.ncbi import iter_gene_info_records, load_gene_info, parse_gene_info

LEX = Path(__file__).parent / "resources" / "lexicon"
TWO_TAXA = LEX / "gene_info_two_taxa.tsv"
FLY_GZ = LEX / "Drosophila_melanogaster.gene_info.gz"


def test_kinds_of_a_human_gene():
    entries = [e for e in load_gene_info(TWO_TAXA) if e.ncbigene_id == "7157"]
    assert {(e.name, e.kind) for e in entries} == {
        ("TP53", "symbol"), ("BCC7", "ncbi_synonym"), ("BMFS5", "ncbi_synonym"),
        ("LFS1", "ncbi_synonym"), ("P53", "ncbi_synonym"), ("TRP53", "ncbi_synonym"),
    }
    assert {(e.symbol, e.hgnc_id, e.taxon_id, e.locus_type) for e in entries} == {
        ("TP53", "HGNC:11998", "9606", "protein-coding")}


def test_authority_symbol_that_differs_becomes_an_alias():
    entries = {(e.name, e.kind) for e in load_gene_info(TWO_TAXA) if e.ncbigene_id == "55732"}
    assert entries == {("C1orf112", "symbol"), ("FIRRM", "alias"), ("FLJ10706", "ncbi_synonym")}


@pytest.mark.parametrize(
    "taxon,genes",
    [
        (None, {"7157", "5594", "55732", "107198089", "106821730", "22059", "26413"}),
        ("9606", {"7157", "5594", "55732", "107198089", "106821730"}),
        (10090, {"22059", "26413"}),
        (["10090", 7227], {"22059", "26413"}),
        ("7955", set()),
    ],
)
def test_taxon_filter(taxon, genes):
    assert {e.ncbigene_id for e in load_gene_info(TWO_TAXA, taxon=taxon)} == genes


def test_mouse_taxon_comes_from_the_file():
    mapk1 = [e for e in load_gene_info(TWO_TAXA, taxon="10090") if e.symbol == "Mapk1"]
    assert {e.taxon_id for e in mapk1} == {"10090"}
    # Synonyms that differ only in case are distinct names with the same key.
    assert {e.name for e in mapk1 if e.key == "ERK2"} == {"ERK2", "Erk2"}


def test_dash_means_empty():
    lone = [e for e in load_gene_info(TWO_TAXA) if e.ncbigene_id == "106821730"]
    assert [(e.name, e.kind, e.hgnc_id, e.locus_type) for e in lone] == [("LOC106821730", "symbol", "", "other")]
    rec = next(r for r in iter_gene_info_records(TWO_TAXA) if r.gene_id == "106821730")
    assert (rec.synonyms, rec.xrefs, rec.authority_symbol, rec.organism_id) == ((), {}, "", None)


@pytest.mark.parametrize(
    "gene_id,organism_id,hgnc_id",
    [
        ("7157", ("HGNC", "HGNC:11998"), "HGNC:11998"),
        ("22059", ("MGI", "MGI:98834"), ""),
        ("26413", ("MGI", "MGI:1346858"), ""),
    ],
)
def test_organism_ids_from_dbxrefs(gene_id, organism_id, hgnc_id):
    rec = next(r for r in iter_gene_info_records(TWO_TAXA) if r.gene_id == gene_id)
    assert rec.organism_id == organism_id
    assert rec.hgnc_id == hgnc_id


def test_all_xrefs_kept_by_database():
    rec = next(r for r in iter_gene_info_records(TWO_TAXA) if r.gene_id == "7157")
    assert rec.xrefs == {"MIM": ("191170",), "HGNC": ("HGNC:11998",), "Ensembl": ("ENSG00000141510",),
                         "AllianceGenome": ("HGNC:11998",)}
    assert rec.modification_date == "20240623"


def test_full_names_only_when_asked():
    assert not any(e.kind == "name" for e in load_gene_info(TWO_TAXA))
    loaded = parse_gene_info(TWO_TAXA, full_names=True)
    names = {(e.name, e.symbol, e.taxon_id) for e in loaded.entries if e.kind == "name"}
    # Protein-coding genes only: not the biological-region LOC107198089 ("20-mer repeat 2").
    assert names == {
        ("tumor protein p53", "TP53", "9606"), ("mitogen-activated protein kinase 1", "MAPK1", "9606"),
        ("FIGNL1 interacting regulator of recombination and mitosis", "C1orf112", "9606"),
        ("transformation related protein 53", "Trp53", "10090"),
        ("mitogen-activated protein kinase 1", "Mapk1", "10090"),
    }
    assert loaded.info["full_names"] == 5
    adh = [e for e in load_gene_info(FLY_GZ, full_names=True) if e.kind == "name" and e.symbol == "Adh"]
    assert [(e.name, e.key, e.locus_type) for e in adh] == [
        ("Alcohol dehydrogenase", "ALCOHOLDEHYDROGENASE", "protein-coding")]


_GI_HEADER = ("#tax_id\tGeneID\tSymbol\tSynonyms\tdescription\ttype_of_gene\t"
              "Full_name_from_nomenclature_authority\n")


@pytest.mark.parametrize(
    "description,type_of_gene,authority,expected",
    [
        ("insulin receptor", "protein-coding", "-", "insulin receptor"),           # description as fallback
        ("old description", "protein-coding", "insulin receptor", "insulin receptor"),  # authority wins
        ("uncharacterized LOC100", "protein-coding", "-", None),
        ("predicted gene 12345", "protein-coding", "-", None),
        ("hypothetical protein", "protein-coding", "-", None),
        ("si:ch211-195b13.1", "protein-coding", "-", None),                        # zebrafish clone name
        ("zgc:110340", "protein-coding", "-", None),
        ("chromosome 1 open reading frame 112", "protein-coding", "-", None),
        ("x" * 101, "protein-coding", "-", None),               # over 100 characters
        ("microRNA 21", "ncRNA", "-", None),
        ("-", "protein-coding", "-", None),
    ],
)
def test_full_name_exclusions(description, type_of_gene, authority, expected):
    text = _GI_HEADER + f"7955\t1\tgene1\t-\t{description}\t{type_of_gene}\t{authority}\n"
    names = [e.name for e in load_gene_info(text, full_names=True) if e.kind == "name"]
    assert names == ([expected] if expected else [])


def test_gzipped_fly_file():
    recs = list(iter_gene_info_records(FLY_GZ))
    assert [(r.gene_id, r.symbol, r.organism_id) for r in recs] == [
        ("30970", "Hmr", ("FLYBASE", "FBgn0001206")), ("33824", "Adh", ("FLYBASE", "FBgn0000055"))]
    adh = {(e.name, e.kind) for e in load_gene_info(FLY_GZ) if e.symbol == "Adh"}
    assert adh == {("Adh", "symbol"), ("ADH", "ncbi_synonym"), ("CG3481", "ncbi_synonym"), ("Dmel\\CG3481", "ncbi_synonym")}
    assert load_gene_info(FLY_GZ.read_bytes()) == load_gene_info(FLY_GZ)


def test_parse_reports_taxa_and_latest_modification():
    info = parse_gene_info(TWO_TAXA).info
    assert info["taxa"] == {"10090": 2, "9606": 5}
    assert info["latest_modification_date"] == "20240623"
    assert info["file"] == "gene_info_two_taxa.tsv"


def test_old_format_header_and_placeholder_records():
    text = (
        "#Format: tax_id GeneID Symbol LocusTag Synonyms dbXrefs chromosome map_location description "
        "type_of_gene (tab is used as a separator, pound sign - start of a comment)\n"
        "9606\t1\tA1BG\t-\tA1B|ABG|GAB\tHGNC:5\t19\t19q13.4\talpha-1-B glycoprotein\tprotein-coding\n"
        "9606\t2\tNEWENTRY\t-\t-\t-\t-\t-\tRecord to support submission of GeneRIFs\tother\n"
    )
    loaded = parse_gene_info(text)
    assert [(e.name, e.kind, e.hgnc_id) for e in loaded.entries] == [
        ("A1BG", "symbol", "HGNC:5"), ("A1B", "ncbi_synonym", "HGNC:5"),
        ("ABG", "ncbi_synonym", "HGNC:5"), ("GAB", "ncbi_synonym", "HGNC:5")]
    assert loaded.info["skipped_placeholder"] == 1


@pytest.mark.parametrize(
    "text,message",
    [
        ("tax_id\tGeneID\tSymbol\tSynonyms\n9606\t1\tA\t-\n", "first line should start with '#tax_id'"),
        ("#tax_id\tGeneID\tSymbol\n9606\t1\tA\n", "missing column(s) Synonyms"),
        ("#tax_id\tGeneID\tSymbol\tSynonyms\n9606\t1\tA\n", "line 2 has 3 columns, the header has 4"),
        ("#tax_id\tGeneID\tSymbol\tSynonyms\n9606\tX1\tA\t-\n", "line 2: GeneID 'X1' is not a number"),
    ],
)
def test_bad_input_names_the_file_and_problem(tmp_path, text, message):
    bad = tmp_path / "Homo_sapiens.gene_info"
    bad.write_text(text)
    with pytest.raises(LexiconError) as err:
        load_gene_info(bad)
    assert str(bad) in str(err.value) and message in str(err.value)


def test_truncated_gzip_is_a_lexicon_error(tmp_path):
    cut = tmp_path / "cut.gene_info.gz"
    cut.write_bytes(FLY_GZ.read_bytes()[:-12])
    with pytest.raises(LexiconError, match="cut.gene_info.gz: cannot read"):
        load_gene_info(cut)
