"""``pathfig annotate-text``, and the run hooks: annotations in the store (schema 3) and their exports."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathfig.cli import app
from pathfig.models import Box, FigureInput, Mention, Word
from pathfig.ner.annotate import annotate_figure, read_records
from pathfig.ner.entities import EntityMention
from pathfig.publish import export
from pathfig.publish.entities import chemical_gmt_name
from pathfig.store import STORE_FILENAME, open_store
from pathfig.store import schema as schema_mod

@pytest.fixture(autouse=True)
def _empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No organism lexicons beyond the bundled ones, whatever the machine's cache holds.
    monkeypatch.setenv("PATHFIG_CACHE_DIR", str(tmp_path / "cache"))


RECORDS = [
    {"figid": "F1", "figtitle": "Ca2+ and cAMP signalling in hepatocellular carcinoma",
     "caption": "EGFR activates PI3K; PIP3 recruits AKT. Sorafenib blocks RAF in HCC."},
    {"figid": "F2", "figtitle": "Flowering time", "papertitle": "Flowering genes in Arabidopsis thaliana.",
     "caption": "FT and CO in the photoperiod pathway."},
]


def test_annotate_text_jsonl(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\nnot json\n{\"caption\": \"no id\"}\n",
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(app, ["annotate-text", str(src), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "2 records, 2 skipped" in res.output
    assert "line 3: invalid JSON" in res.output and "line 4: no figid" in res.output
    f1, f2 = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert f1["caption"] == RECORDS[0]["caption"]  # the input record, plus the annotations
    assert [o["taxon_id"] for o in f1["organisms"]] == ["9606"]
    assert {g["ncbigene_symbol"] for g in f1["genes"]} >= {"EGFR", "AKT1"}
    assert {c["name"] for c in f1["chemicals"]} >= {"calcium(2+)", "cyclic AMP",
                                                    "phosphatidylinositol 3,4,5-trisphosphate", "Sorafenib"}
    assert {d["name"] for d in f1["diseases"]} == {"hepatocellular carcinoma"}
    assert {c["where"] for c in f1["chemicals"]} == {"figtitle", "caption"}
    # A plant figure: Arabidopsis; no Arabidopsis lexicon in the (empty test) cache, so no genes,
    # never human genes, and the record says which lexicon is missing.
    assert [o["taxon_id"] for o in f2["organisms"]] == ["3702"]
    assert f2["genes"] == [] and "lexicon update --organism arabidopsis" in f2["lexicons"]["3702"]


def test_annotate_text_tsv(tmp_path: Path) -> None:
    src = tmp_path / "in.tsv"
    src.write_text("figid\tcaption\nT1\tROS and H2O2 in type 2 diabetes\nT2\ttoo\tmany\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(app, ["annotate-text", str(src), "-o", str(out)])
    assert res.exit_code == 0 and "line 3: 3 columns, the header has 2" in res.output
    (rec,) = (json.loads(x) for x in out.read_text(encoding="utf-8").splitlines())
    assert [c["word"] for c in rec["chemicals"]] == ["ROS", "H2O2"]
    assert [d["doid"] for d in rec["diseases"]] == ["DOID:9352"]


def test_annotate_text_errors(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["annotate-text", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o")])
    assert res.exit_code == 1 and "missing.jsonl: cannot read" in res.output
    bad = tmp_path / "bad.tsv"
    bad.write_text("caption\nx\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["annotate-text", str(bad), "--out", str(tmp_path / "o")])
    assert res.exit_code == 1 and "needs a header row with a figid column" in res.output
    res = CliRunner().invoke(app, ["annotate-text", str(bad), "--out", str(tmp_path / "o"), "--lab-animals", "cats"])
    assert res.exit_code == 2 and "must be 'human' or 'own'" in res.output


def test_read_records_skips_blank_lines(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl"
    p.write_text('{"figid": "A"}\n\n{"figid": "B", "text": "x"}\n', encoding="utf-8")
    assert [(n, r["figid"]) for n, r, _ in read_records(p) if r] == [(1, "A"), (3, "B")]


def test_read_records_one_line_one_record(tmp_path: Path) -> None:
    # A stray quote in a TSV caption does not swallow the rows after it; a field quoted whole
    # loses its quotes.
    tsv = tmp_path / "q.tsv"
    tsv.write_text('figid\tcaption\nr1\t"TP53 binds (see text\nr2\t"EGFR ""wild type"""\nr3\tBRAF\n',
                   encoding="utf-8")
    assert [(r["figid"], r["caption"]) for _, r, _ in read_records(tsv) if r] == [
        ("r1", '"TP53 binds (see text'), ("r2", 'EGFR "wild type"'), ("r3", "BRAF")]
    # JSON strings may hold U+2028 and U+0085 unescaped: they end no record.
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text('{"figid": "A", "caption": "TP53\u2028MDM2"}\r\n{"figid": "B", "caption": "x\u0085y"}\n',
                     encoding="utf-8")
    assert [(n, r["caption"], e) for n, r, e in read_records(jsonl)] == [
        (1, "TP53\u2028MDM2", ""), (2, "x\u0085y", "")]


def test_run_hook_keeps_human_mentions_and_maps_plants_nowhere() -> None:
    words = [Word(text=t, line=0, box=Box(0, 0, 1, 1)) for t in ("EGFR", "ATP", "glucose")]
    given = [Mention(word="EGFR", match="EGFR", ncbigene_id="1956", ncbigene_symbol="EGFR")]
    human = annotate_figure({"figid": "H", "figtitle": "EGFR in lung cancer"}, words, given)
    assert human.genes == tuple(given)
    assert [c.word for c in human.chemicals] == ["ATP", "glucose"] and {c.where for c in human.chemicals} == {"image"}
    plant = annotate_figure({"figid": "P", "papertitle": "Sugar signalling in Arabidopsis thaliana."}, words, given)
    assert plant.organisms.taxa == ["3702"] and plant.genes == ()
    chosen = annotate_figure({"figid": "P", "papertitle": "Arabidopsis thaliana."}, words, given,
                             explicit_lexicon=True)
    assert chosen.genes == tuple(given)  # the user's lexicon wins over the organism


def test_bile_acid_abbreviations_are_chemicals_not_genes() -> None:
    # GDCA is a GNAT3 alias and PEA the root of PEA15; in a lipid figure they are metabolites.
    words = [Word(text=t, line=i, box=Box(0, 10 * i, 40, 10 * i + 8)) for i, t in enumerate(("GDCA", "FXR", "PEA"))]
    ann = annotate_figure({"figid": "L", "figtitle": "Bile acid signalling in human liver"}, words)
    assert [m.ncbigene_symbol for m in ann.genes] == ["NR1H4"]
    assert [(c.word, c.name) for c in ann.chemicals if c.where == "image"] == [
        ("GDCA", "glycodeoxycholic acid"), ("PEA", "palmitoylethanolamide")]


def _store_with_annotations(tmp: Path) -> Path:
    with open_store(tmp) as store:
        for figid, title in (("F1", "Insulin signalling"), ("F2", "Flowering")):
            store.mark_pending(FigureInput(figid=figid, path=f"/in/{figid}.png", metadata={"figtitle": title}),
                               sha256="x", size=1)
            store.record_ok(figid, words=[], mentions=[], width=1, height=1, ocr_engine="e", ocr_engine_version="1",
                            lexicon_version="l", pathfig_version="p", timings={})
        ents = [
            EntityMention(word="ATP", match="ATP", name="ATP", kind="chemical", mesh="D000255", chebi="CHEBI:15422",
                          where="image", box=Box(1, 2, 3, 4), confidence=0.9),
            EntityMention(word="ATP", match="ATP", name="ATP", kind="chemical", mesh="D000255", chebi="CHEBI:15422",
                          where="caption"),
            EntityMention(word="IP3", match="IP3", name="inositol 1,4,5-trisphosphate", kind="chemical",
                          mesh="D015544", chebi="CHEBI:16595", where="image"),
            EntityMention(word="HCC", match="HCC", name="hepatocellular carcinoma", kind="disease", mesh="D006528",
                          doid="DOID:684", where="caption"),
        ]
        store.record_annotations("F1", organisms=[{"taxon_id": "9606", "name": "Homo sapiens", "score": 1.0,
                                                   "evidence": []}], lexicons={"9606": "bundled"}, entities=ents)
        store.record_annotations("F2", organisms=[{"taxon_id": "3702", "name": "Arabidopsis thaliana", "score": 2.2,
                                                   "evidence": ["papertitle: Arabidopsis (genus)"]}],
                                 entities=ents[:1] + ents[2:3])
    return tmp


def test_entity_exports(tmp_path: Path) -> None:
    out = _store_with_annotations(tmp_path)
    paths = export(out, out)
    rows = list(csv.DictReader(open(paths["chemicals"], encoding="utf-8"), delimiter="\t"))
    assert [(r["figid"], r["word"], r["chebi"], r["location"], r["x0"]) for r in rows] == [
        ("F1", "ATP", "CHEBI:15422", "image", "1.0"), ("F1", "IP3", "CHEBI:16595", "image", ""),
        ("F2", "ATP", "CHEBI:15422", "image", "1.0"), ("F2", "IP3", "CHEBI:16595", "image", "")]
    (dis,) = csv.DictReader(open(paths["diseases"], encoding="utf-8"), delimiter="\t")
    assert (dis["figid"], dis["doid"], dis["mesh"], dis["name"]) == ("F1", "DOID:684", "D006528",
                                                                    "hepatocellular carcinoma")
    human = (out / chemical_gmt_name("Homo sapiens")).read_text(encoding="utf-8").splitlines()
    assert human == ["F1\tInsulin signalling\tCHEBI:15422\tCHEBI:16595"]
    assert (out / "gmt" / "pathfig-chemicals-Arabidopsis_thaliana.gmt").is_file()
    figs = {json.loads(x)["figid"]: json.loads(x) for x in paths["figures"].read_text(encoding="utf-8").splitlines()}
    assert [o["taxon_id"] for o in figs["F1"]["organisms"]] == ["9606"]
    assert [c["chebi"] for c in figs["F1"]["chemicals"]] == ["CHEBI:15422", "CHEBI:16595"]
    assert figs["F1"]["diseases"][0]["doid"] == "DOID:684"


def test_annotations_follow_the_figure(tmp_path: Path) -> None:
    out = _store_with_annotations(tmp_path)
    with open_store(out) as store:
        assert len(list(store.entity_mentions("F1"))) == 4
        store.record_failure("F1", "boom")  # a figure read again and failing loses its annotations
        assert list(store.entity_mentions("F1", status=None)) == [] and "F1" not in store.annotations(status=None)
        assert [e.kind for e in store.entity_mentions("F2", kind="chemical")] == ["chemical", "chemical"]


def test_version_2_store_gains_the_annotation_tables(tmp_path: Path) -> None:
    db = tmp_path / STORE_FILENAME
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    schema_mod.migrate(conn, target=2)
    now = "2024-01-01T00:00:00Z"
    conn.execute("INSERT INTO figures (figid, status, source_path, created_at, updated_at) "
                 "VALUES ('F1', 'ok', '/in/F1.png', ?, ?)", (now, now))
    conn.close()
    with open_store(tmp_path) as store:
        assert store.schema_version == 3
        assert [f.figid for f in store.figures()] == ["F1"] and store.annotations() == {}
        store.record_annotations("F1", organisms=[{"taxon_id": "9606"}])
        assert store.annotations()["F1"].organisms == [{"taxon_id": "9606"}]


@pytest.mark.parametrize("organism,name", [("Homo sapiens", "gmt/pathfig-chemicals-Homo_sapiens.gmt"),
                                           ("", "gmt/pathfig-chemicals-unknown.gmt")])
def test_chemical_gmt_name(organism, name):
    assert chemical_gmt_name(organism) == name


def test_animals_without_a_lexicon_get_human_orthologue_names() -> None:
    words = [Word(text=t, line=0) for t in ("FASN", "ACACA")]
    given = [Mention(word="FASN", match="FASN", ncbigene_id="2194", ncbigene_symbol="FASN")]
    ann = annotate_figure({"figid": "M", "papertitle": "Lipid metabolism in dengue-infected mosquito cells.",
                           "caption": "Mosquito cells"}, words, given)
    assert ann.organisms.taxa == ["7157"] and ann.genes == tuple(given)


@pytest.mark.parametrize("papertitle,taxon,mapped", [
    # The taxonomy has the clam but not its lineage; "Clam" beside it says it is an animal.
    ("Transcriptomics of Hemocytes from the Manila Clam Ruditapes philippinarum.", "129788", True),
    # Without a word of its group, a species of unknown lineage gets no genes (it may be a plant).
    ("Transcriptomics of Hemocytes from Ruditapes philippinarum.", "129788", False),
])
def test_a_species_takes_the_animal_group_its_figure_names(papertitle, taxon, mapped) -> None:
    words = [Word(text=t, line=0) for t in ("FASN", "ACACA")]
    given = [Mention(word="FASN", match="FASN", ncbigene_id="2194", ncbigene_symbol="FASN")]
    ann = annotate_figure({"figid": "C", "papertitle": papertitle}, words, given)
    assert ann.organisms.taxa == [taxon]
    assert ann.genes == (tuple(given) if mapped else ())


def test_site_pages_carry_inferred_organisms_and_entity_keywords(tmp_path: Path) -> None:
    import yaml

    from pathfig.publish.site import publish_site

    out = _store_with_annotations(tmp_path)
    publish_site(out, tmp_path / "site", scaffold=False)
    text = (tmp_path / "site" / "_figures" / "F2.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front["organisms"] == ["Arabidopsis thaliana"]  # no curated organisms: the inferred ones
    assert front["schema-jsonld"]["keywords"] == ["ATP", "inositol 1,4,5-trisphosphate"]


def test_site_writes_per_figure_chemical_tables(tmp_path: Path) -> None:
    import csv

    from pathfig.publish.entities import CHEMICALS_COLUMNS
    from pathfig.publish.site import publish_site

    out = _store_with_annotations(tmp_path)
    publish_site(out, tmp_path / "site", scaffold=False)
    path = tmp_path / "site" / "_data" / "F2-chemicals.tsv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert tuple(rows[0]) == CHEMICALS_COLUMNS
    assert {r[5] for r in rows[1:]} == {"ATP", "inositol 1,4,5-trisphosphate"}
    assert all(r[0] == "F2" for r in rows[1:])
    assert not (tmp_path / "site" / "_data" / "F2-diseases.tsv").exists()  # none recognised
