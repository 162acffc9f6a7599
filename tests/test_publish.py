"""Exports from the store: genes.tsv columns and rows, figures.jsonl, the GMT library, OCR JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pathfig.models import Box, FigureInput, Mention, Word
from pathfig.publish import GENES_COLUMNS, export, safe_filename
from pathfig.publish.exports import write_gmts
from pathfig.store import InputErrorRecord, Store, StoreError, open_store


def _mention(word: str, gid: str, sym: str, *, conf: float = 0.9, box: Box | None = Box(1, 2, 3, 4),
             org: str = "9606", hgnc: str = "", source: str = "symbol") -> Mention:
    return Mention(word=word, match=word.upper(), ncbigene_id=gid, ncbigene_symbol=sym, hgnc_id=hgnc,
                   organism_id=org, source=source, box=box, confidence=conf)


def _add(store: Store, figid: str, mentions: list[Mention], *, words: list[Word] | None = None,
         status: str = "ok", **meta: object) -> None:
    store.mark_pending(FigureInput(figid=figid, path=f"/in/{figid}.png", metadata=dict(meta)), sha256="s", size=1)
    if status == "ok":
        store.record_ok(figid, words=words or [Word(text=m.word, box=m.box) for m in mentions], mentions=mentions,
                        width=10, height=10, ocr_engine="fake", ocr_engine_version="1", lexicon_version="l",
                        pathfig_version="0.1.0", timings={"total": 1.0})
    elif status == "failed":
        store.record_failure(figid, "broken image", stage="ocr")


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "out") as s:
        yield s  # type: ignore[misc]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_genes_tsv_columns_rows_and_order(store: Store, tmp_path: Path) -> None:
    _add(store, "F2", [
        _mention("TP53", "7157", "TP53", hgnc="HGNC:11998"),
        _mention("p53", "7157", "TP53", conf=0.5, box=None),
        _mention("TP53", "7157", "TP53", conf=0.95, box=Box(10.26, 20, 30.04, 40), hgnc="HGNC:11998"),  # best kept
        _mention("Akt", "207", "AKT1", source="alias"),
        _mention("Trp53", "22059", "Trp53", org="10090"),
    ])
    _add(store, "F1", [_mention("EGFR", "1956", "EGFR")])
    _add(store, "F3", [_mention("KRAS", "3845", "KRAS")], status="failed")
    export(store, tmp_path / "out")
    lines = _read(tmp_path / "out" / "genes.tsv").splitlines()
    assert lines[0] == "\t".join(GENES_COLUMNS) == (
        "figid\torganism_id\torganism_name\tword\tmatch\tncbigene_id\tncbigene_symbol\thgnc_id\tsource"
        "\tx0\ty0\tx1\ty1\tconfidence")
    assert lines[1:] == [
        "F1\t9606\tHomo sapiens\tEGFR\tEGFR\t1956\tEGFR\t\tsymbol\t1.0\t2.0\t3.0\t4.0\t0.900",
        "F2\t9606\tHomo sapiens\tAkt\tAKT\t207\tAKT1\t\talias\t1.0\t2.0\t3.0\t4.0\t0.900",
        "F2\t9606\tHomo sapiens\tTP53\tTP53\t7157\tTP53\tHGNC:11998\tsymbol\t10.3\t20.0\t30.0\t40.0\t0.950",
        "F2\t9606\tHomo sapiens\tp53\tP53\t7157\tTP53\t\tsymbol\t\t\t\t\t0.500",
        "F2\t10090\tMus musculus\tTrp53\tTRP53\t22059\tTrp53\t\tsymbol\t1.0\t2.0\t3.0\t4.0\t0.900",
    ]


def test_genes_tsv_survives_quotes_in_words(store: Store, tmp_path: Path) -> None:
    _add(store, "F1", [_mention('"Acts', "12", "SERPINA3"), _mention("NPC\"", "4864", "NPC1")])
    _add(store, "F2", [_mention("EGFR", "1956", "EGFR")])
    export(store, tmp_path / "out")
    with open(tmp_path / "out" / "genes.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert [(r["figid"], r["word"]) for r in rows] == [("F1", "NPC\""), ("F1", '"Acts'), ("F2", "EGFR")]


def test_exports_are_deterministic(store: Store, tmp_path: Path) -> None:
    _add(store, "F1", [_mention("EGFR", "1956", "EGFR"), _mention("KRAS", "3845", "KRAS"),
                       _mention("TP53", "7157", "TP53")], figtitle="T")
    first = export(store, tmp_path / "a")
    second = export(store, tmp_path / "b")
    for name in ("genes", "gmt"):
        assert first[name].read_bytes() == second[name].read_bytes()


def test_gmt_format(store: Store, tmp_path: Path) -> None:
    three = [_mention("TP53", "7157", "TP53"), _mention("EGFR", "1956", "EGFR"), _mention("AKT1", "207", "AKT1")]
    _add(store, "B", [*three, _mention("TP53", "7157", "TP53")], figtitle="A\ttitle\nover  lines ")
    _add(store, "A", three, papertitle="Paper title")                         # no figtitle: paper title
    _add(store, "C", three)                                                   # no titles: empty
    _add(store, "D", three[:2] + [_mention("Trp53", "22059", "Trp53", org="10090")])  # 2 human genes
    _add(store, "E", three, status="failed", figtitle="failed figure")
    _add(store, "F", three, status="pending")
    export(store, tmp_path / "out")
    assert _read(tmp_path / "out" / "gmt" / "pathfig-Homo_sapiens.gmt") == (
        "A\tPaper title\t207\t1956\t7157\n"
        "B\tA title over lines\t207\t1956\t7157\n"
        "C\t\t207\t1956\t7157\n"
    )


def test_one_gmt_per_organism(store: Store, tmp_path: Path) -> None:
    mouse = [_mention(s, g, s, org="10090") for s, g in (("Trp53", "22059"), ("Egfr", "13649"), ("Akt1", "11651"))]
    _add(store, "M", mouse, figtitle="Mouse figure")
    _add(store, "X", [_mention(s, str(i), s, org="7227") for i, s in enumerate(("a", "b"), 1)])  # 2 fly genes
    _add(store, "Q", [_mention(s, str(i), s, org="99999") for i, s in enumerate(("a", "b", "c"), 1)])
    gmt = tmp_path / "out" / "gmt"
    gmt.mkdir(parents=True)
    (gmt / "pathfig-Rattus_norvegicus.gmt").write_text("stale\n", encoding="utf-8")
    paths = export(store, tmp_path / "out")
    assert _read(gmt / "pathfig-Homo_sapiens.gmt") == ""   # always written, here empty
    assert _read(paths["gmt:Mus_musculus"]) == "M\tMouse figure\t11651\t13649\t22059\n"
    assert _read(paths["gmt:taxon_99999"]) == "Q\t\t1\t2\t3\n"   # a taxon without a name
    assert sorted(p.name for p in gmt.iterdir()) == [   # no fly file (2 genes), the stale rat one gone
        "pathfig-Homo_sapiens.gmt", "pathfig-Mus_musculus.gmt", "pathfig-taxon_99999.gmt"]
    (gmt / "pathfig-chemicals-Homo_sapiens.gmt").write_text("kept\n", encoding="utf-8")
    write_gmts(store, tmp_path / "out")   # the chemical libraries are not the gene writer's to remove
    assert (gmt / "pathfig-chemicals-Homo_sapiens.gmt").is_file()


def test_figures_jsonl(store: Store, tmp_path: Path) -> None:
    _add(store, "F1", [_mention("TP53", "7157", "TP53"), _mention("p53", "7157", "TP53")],
         words=[Word(text="TP53"), Word(text="p53"), Word(text="noise")], figtitle="T", caption="NF-\u03baB")
    _add(store, "F2", [], status="failed")
    store.replace_input_errors([InputErrorRecord(source_path="/in/dup/F1.png", figid="F1", error="figure id taken")])
    export(store, tmp_path / "out")
    objs = [json.loads(x) for x in _read(tmp_path / "out" / "figures.jsonl").splitlines()]
    assert [(o["figid"], o["status"]) for o in objs] == [("F1", "ok"), ("F2", "failed"), ("F1", "rejected")]
    f1, f2, dup = objs
    assert f1["counts"] == {"words": 3, "mentions": 2, "genes": 1}
    assert f1["metadata"] == {"figtitle": "T", "caption": "NF-\u03baB"} and f1["title"] == "T"
    assert {"sha256", "size", "width", "height", "timings", "ocr_engine", "ocr_engine_version", "lexicon_version",
            "pathfig_version", "source_path", "sidecar_path", "error"} <= set(f1)
    assert (f2["error"], f2["stage"], f2["counts"]) == ("broken image", "ocr", {"words": 0, "mentions": 0, "genes": 0})
    assert dup["source_path"] == "/in/dup/F1.png" and dup["error"] == "figure id taken"


def test_ocr_json_per_figure_with_safe_names(store: Store, tmp_path: Path) -> None:
    odd = "pmc:PMC1/F2 fig"
    _add(store, odd, [], words=[Word(text="EGFR", box=Box(1.04, 2, 3, 4), confidence=0.87654, line=0),
                                Word(text="up", line=1, orientation=90)])
    _add(store, "plain.id-1", [], words=[Word(text="x")])
    out = tmp_path / "out"
    (out / "ocr").mkdir(parents=True)
    (out / "ocr" / "stale.json").write_text("{}")
    (out / "ocr" / "keep.txt").write_text("not ours")
    export(store, out)
    names = sorted(p.name for p in (out / "ocr").iterdir())
    assert names == sorted(["keep.txt", "plain.id-1.json", safe_filename(odd) + ".json"])
    data = json.loads(_read(out / "ocr" / (safe_filename(odd) + ".json")))
    assert data["figid"] == odd and data["width"] == 10
    assert data["words"] == [
        {"text": "EGFR", "line": 0, "box": [1.0, 2.0, 3.0, 4.0], "confidence": 0.8765, "orientation": 0},
        {"text": "up", "line": 1, "box": None, "confidence": 1.0, "orientation": 90},
    ]


@pytest.mark.parametrize(
    ("figid", "kept"),
    [("PMC1298938__ppat.0010039.g007", True), ("WP106", True), ("a/b", False), ("..", False), ("", False),
     ("pmc:PMC1/F2", False), ("x" * 300, False), ("caf\u00e9", False), ("-rf", False), ("ends.", False)],
)
def test_safe_filename(figid: str, kept: bool) -> None:
    name = safe_filename(figid)
    assert (name == figid) is kept
    assert name and "/" not in name and "\\" not in name and not name.startswith((".", "-")) and len(name) <= 160
    assert safe_filename(figid) == name


def test_safe_filename_keeps_ids_apart() -> None:
    ids = ("a/b", "a:b", "a_b", "a b", "A/B", "a%2Fb")
    assert len({safe_filename(x) for x in ids}) == len(ids)


def test_export_from_a_directory(store: Store, tmp_path: Path) -> None:
    _add(store, "F1", [_mention("EGFR", "1956", "EGFR")])
    paths = export(tmp_path / "out", tmp_path / "elsewhere")
    assert _read(paths["genes"]).count("\n") == 2
    with pytest.raises(StoreError, match="no pathfig store"):
        export(tmp_path / "empty", tmp_path / "x")
