"""Figure pages and the site: seed round trip (each repaired defect checked), store → site,
escaping of untrusted text, stale files, the Parquet table, the ``publish`` command."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml
from typer.testing import CliRunner

from pathfig.models import Box, FigureInput, Mention, Word
from pathfig.publish import GENE_TABLE_COLUMNS, PageError, publish_site, read_page, render_page
from pathfig.records import PAGE_KEYS, safe_filename
from pathfig.store import Store, open_store

SEEDS = Path(__file__).parent / "resources" / "seeds"
SEED_CELLS = SEEDS / "PMC7349227__cells-09-01450-g003.md"
SEED_MEMBRANES = SEEDS / "PMC9414313__membranes-12-00775-g005.md"


def _front(text: str) -> dict[str, object]:
    m = re.match(r"---\n(.*?)^---\n", text, re.S | re.M)
    assert m, text[:200]
    return yaml.safe_load(m.group(1))


# -- round trip of the seed pages ------------------------------------------------------------------


def _round_trip(path: Path) -> tuple[dict[str, object], dict[str, object], str]:
    original = path.read_text(encoding="utf-8")
    written = render_page(read_page(path))
    return _front(original), _front(written), written


def _unchanged_except(before: dict[str, object], after: dict[str, object], changed: set[str]) -> None:
    assert list(after) == list(PAGE_KEYS)
    assert set(before) == set(after)
    for key in set(PAGE_KEYS) - changed - {"schema-jsonld"}:
        assert after[key] == before[key], key
        assert type(after[key]) is type(before[key]), key
    ld_before, ld_after = before["schema-jsonld"], after["schema-jsonld"]
    assert isinstance(ld_before, dict) and isinstance(ld_after, dict)
    assert list(ld_after) == list(ld_before)
    for key in set(ld_before) - {"name"}:
        assert ld_after[key] == ld_before[key], key


def test_seed_cells_round_trip_repairs_r_missing_values_and_ner_organisms() -> None:
    before, after, _ = _round_trip(SEED_CELLS)
    repaired = {"doi", "journal_title", "journal_nlm_ta", "publisher_name", "keywords", "organisms_ner"}
    _unchanged_except(before, after, repaired)
    # R's NA_character_ leaked as text: now an empty value of the same type
    for key in ("doi", "journal_title", "journal_nlm_ta", "publisher_name", "keywords"):
        assert before[key] == ".na.character" and after[key] == ""
    # fly and fish from case-insensitive symbol hits on a human/mouse figure: not vouched for
    assert before["organisms_ner"] == ["Drosophila melanogaster", "Danio rerio"]
    assert after["organisms_ner"] == []
    assert after["organisms"] == ["Homo sapiens", "Mus musculus"]
    # schema.org name: the figure title, not the literal "CreativeWork"
    assert before["schema-jsonld"]["name"] == "CreativeWork"  # type: ignore[index]
    assert after["schema-jsonld"]["name"] == after["figtitle"]  # type: ignore[index]


def test_seed_membranes_round_trip_repairs_mojibake_na_order_and_figlink() -> None:
    before, after, written = _round_trip(SEED_MEMBRANES)
    _unchanged_except(before, after, {"reftext", "organisms", "organisms_ner", "figlink"})
    assert before["reftext"] == "Lingâ€™ao Meng, et al. Membranes (Basel). 2022 Aug;12(8):775."
    assert after["reftext"] == "Ling’ao Meng, et al. Membranes (Basel). 2022 Aug;12(8):775."
    assert before["organisms"] == ["NA"] and after["organisms"] == []
    assert before["organisms_ner"] == ["Drosophila melanogaster"] and after["organisms_ner"] == []
    # the seed has organisms_ner after figtype; the page order puts it after organisms
    assert list(before).index("organisms_ner") > list(before).index("figtype")
    assert list(after).index("organisms_ner") == list(after).index("organisms") + 1
    # the reference site builds https://www.ncbi.nlm.nih.gov/{{ page.figlink }}: no leading slash
    assert before["figlink"] == "/pmc/articles/PMC9414313/figure/membranes-12-00775-f005/"
    assert after["figlink"] == "pmc/articles/PMC9414313/figure/membranes-12-00775-f005/"
    assert "automl_pathway: 0.9426126\n" in written and "year: '2022'\n" in written and "ndex: ''\n" in written


def test_round_trip_is_byte_stable_and_otherwise_byte_identical() -> None:
    for seed in (SEED_CELLS, SEED_MEMBRANES):
        once = render_page(read_page(seed))
        assert render_page(read_page(seed, text=once)) == once
    # Lines that hold no repaired value come back byte for byte (PyYAML writes the seeds' style).
    original = SEED_CELLS.read_text(encoding="utf-8").splitlines()
    written = render_page(read_page(SEED_CELLS)).splitlines()
    dropped = [ln for ln in original if ln not in written]
    assert dropped == [
        "organisms_ner:", "- Drosophila melanogaster", "- Danio rerio", "doi: .na.character", "journal_title: .na.character",
        "journal_nlm_ta: .na.character", "publisher_name: .na.character", "keywords: .na.character",
        "  name: CreativeWork"]


@pytest.mark.parametrize(("text", "message"), [
    ("no front matter", "no YAML front matter"),
    ("---\nfigid: [unclosed\n---\n", "invalid YAML"),
    ("---\n- a\n---\n", "front matter is not a mapping"),
])
def test_bad_pages_name_the_file(text: str, message: str) -> None:
    with pytest.raises(PageError, match=f"x.md: {message}"):
        read_page("x.md", text=text)


# -- store → site ------------------------------------------------------------------------------------

SHARED_STYLE_SIDECAR = {  # as in ../shared/figures: a raw label, mojibake, a leading slash
    "figid": "PMC1533821__1465-9921-7-97-2", "filename": "1465-9921-7-97-2.jpg", "pmcid": "PMC1533821",
    "number": "Figure 2", "figtitle": "Recognition of pathogens by cytosolic PRRs",
    "papertitle": "Lung epithelium as a sentinel and effector system in pneumonia ‚Äì molecular mechanisms.",
    "caption": "Recognition of pathogens by cytosolic PRRs. RICK transmits the signal to the NF-Œ∫B pathway.",
    "figlink": "/pmc/articles/PMC1533821/figure/F2/", "reftext": "Stefan Hippenstiel, et al. Respir Res. 2006;7(1):97-97.",
    "year": "2006",
}


def _mention(word: str, gid: str, sym: str, *, source: str = "symbol", org: str = "9606", match: str = "") -> Mention:
    return Mention(word=word, match=match or word.upper(), ncbigene_id=gid, ncbigene_symbol=sym, organism_id=org,
                   source=source, box=Box(0, 0, 1, 1), confidence=0.9)


def _add(store: Store, figid: str, metadata: dict[str, object], mentions: list[Mention], *, ok: bool = True,
         score: float | None = None) -> None:
    store.mark_pending(FigureInput(figid=figid, path=f"/in/{figid}.jpg", metadata=metadata), sha256="s", size=1)
    if ok:
        store.record_ok(figid, words=[Word(text=m.word) for m in mentions], mentions=mentions, width=1, height=1,
                        ocr_engine="fake", ocr_engine_version="1", lexicon_version="l", pathfig_version="0",
                        timings={}, automl_pathway=score)
    else:
        store.record_failure(figid, "broken", stage="ocr")


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "run") as s:
        yield s  # type: ignore[misc]


def test_site_pages_tables_and_parquet(store: Store, tmp_path: Path) -> None:
    figid = SHARED_STYLE_SIDECAR["figid"]
    _add(store, str(figid), dict(SHARED_STYLE_SIDECAR), [
        _mention("NOD1", "10392", "NOD1"), _mention("RICK", "8767", "RIPK2", source="alias"),
        _mention("NOD1", "10392", "NOD1"),                       # same word again: one row
        _mention("Nod1", "107607", "Nod1", org="10090", match="NOD1"),
    ])
    _add(store, "plain", {"figtitle": "A sample figure", "automl_pathway": 0.2}, [], score=0.75)
    _add(store, "broken", {}, [], ok=False)
    summary = publish_site(store, tmp_path / "site", base_url="https://figs.example.org/")
    assert (summary.pages, summary.gene_tables, summary.skipped) == (2, 1, [])
    site = tmp_path / "site"
    assert sorted(p.name for p in (site / "_figures").iterdir()) == [f"{figid}.md", "plain.md"]

    front = _front((site / "_figures" / f"{figid}.md").read_text(encoding="utf-8"))
    assert list(front) == list(PAGE_KEYS)
    assert front["number"] == "F2" and front["figtype"] == "Figure" and front["figid_alias"] == "PMC1533821__F2"
    assert front["redirect_from"] == "/figures/PMC1533821__F2" and front["figlink"] == "pmc/articles/PMC1533821/figure/F2/"
    assert front["caption"] == ("Recognition of pathogens by cytosolic PRRs. RICK transmits the signal to the "
                                "NF-κB pathway.")
    assert front["papertitle"] == "Lung epithelium as a sentinel and effector system in pneumonia – molecular mechanisms."
    assert front["organisms_ner"] == ["Homo sapiens", "Mus musculus"]   # pathfig's own mentions, most first
    ld = front["schema-jsonld"]
    assert ld["@id"] == f"https://figs.example.org/figures/{figid}.html"  # type: ignore[index]
    assert ld["keywords"] == ["NOD1", "RIPK2", "Nod1"] and ld["creator"]["name"] == "pathfig"  # type: ignore[index]

    with open(site / "_data" / f"{figid}-genes.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert tuple(rows[0]) == GENE_TABLE_COLUMNS
    assert rows[1:] == [
        ["9606", "Homo sapiens", "Primates", "NOD1", "NOD1", "NOD1", "10392", "symbol", "2", "1", "2"],
        ["9606", "Homo sapiens", "Primates", "RICK", "RICK", "RIPK2", "8767", "alias", "2", "1", "2"],
        ["10090", "Mus musculus", "Rodents", "Nod1", "NOD1", "Nod1", "107607", "symbol", "2", "1", "2"],
    ]
    assert not (site / "_data" / "plain-genes.tsv").exists()

    table = pq.read_table(site / "figures.parquet")
    assert table.column_names[: len(PAGE_KEYS) - 1] == list(PAGE_KEYS[:-1])
    rec = table.to_pylist()
    assert [r["figid"] for r in rec] == [figid, "plain"]
    assert rec[0]["ncbigene_symbols"] == ["NOD1", "RIPK2", "Nod1"] and rec[0]["n_genes"] == 3
    assert front["automl_pathway"] is None                        # not classified, no score given
    assert rec[1]["organisms"] == [] and rec[1]["figtitle"] == "A sample figure"
    assert rec[1]["automl_pathway"] == 0.75                       # the store's classifier score wins

    # a minimal Jekyll site is written once and never overwritten
    config = site / "_config.yml"
    assert "figures:" in config.read_text(encoding="utf-8") and (site / "_layouts" / "figure.html").is_file()
    config.write_text("title: mine\n", encoding="utf-8")
    publish_site(store, site)
    assert config.read_text(encoding="utf-8") == "title: mine\n"


def test_ids_that_are_no_file_names_link_by_their_file_name(store: Store, tmp_path: Path) -> None:
    # An image named ``Figure 1.png`` without a sidecar: its page, URL, gene table and redirect
    # all use the one safe name, so the links resolve and the layout finds the table.
    _add(store, "Figure 1", {"pmcid": "PMC9", "number": "Figure 1/2"}, [_mention("TP53", "7157", "TP53")])
    publish_site(store, tmp_path / "site", base_url="https://figs.example.org")
    site = tmp_path / "site"
    (page,) = (site / "_figures").iterdir()
    stem = page.name.removesuffix(".md")
    assert stem == safe_filename("Figure 1") and stem.startswith("Figure_1-")
    front = _front(page.read_text(encoding="utf-8"))
    assert front["figid"] == "Figure 1"
    assert front["schema-jsonld"]["@id"] == f"https://figs.example.org/figures/{stem}.html"  # type: ignore[index]
    assert (site / "_data" / f"{stem}-genes.tsv").is_file()
    alias = str(front["figid_alias"])
    assert front["redirect_from"] == f"/figures/{safe_filename(alias)}" and " " not in str(front["redirect_from"])
    # The layout keys the table by the page's file name, not by the id.
    layout = (site / "_layouts" / "figure.html").read_text(encoding="utf-8")
    assert "page.path" in layout and "page.figid | remove" not in layout
    # Reading the page back recovers the base URL through the same name.
    assert read_page(page).jsonld.base_url == "https://figs.example.org"


def test_site_removes_only_its_own_stale_files(store: Store, tmp_path: Path) -> None:
    site = tmp_path / "site"
    _add(store, "F1", {"figtitle": "First figure title"}, [_mention("TP53", "7157", "TP53")])
    _add(store, "F2", {"figtitle": "Second figure title"}, [_mention("EGFR", "1956", "EGFR")])
    publish_site(store, site)
    (site / "_figures" / "someone-elses.md").write_text("---\nfigid: x\n---\n", encoding="utf-8")
    store.record_failure("F2", "re-read and failed", stage="ocr")
    summary = publish_site(store, site)
    assert summary.removed == 2
    assert sorted(p.name for p in (site / "_figures").iterdir()) == ["F1.md", "someone-elses.md"]
    assert sorted(p.name for p in (site / "_data").iterdir()) == ["F1-genes.tsv"]


def test_site_output_is_deterministic(store: Store, tmp_path: Path) -> None:
    _add(store, "F1", dict(SHARED_STYLE_SIDECAR, figid="F1"), [_mention("TP53", "7157", "TP53")])
    publish_site(store, tmp_path / "a")
    publish_site(store, tmp_path / "b")
    for rel in ("_figures/F1.md", "_data/F1-genes.tsv", "figures.parquet"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


HOSTILE = ('</script><script>alert(1)</script> ---\n--- {{ site.title }} {% include x %} key: value # not '
           'a comment & "quotes" \'single\' \ttab *star !tag @at `tick` |pipe >fold')


def test_untrusted_text_is_escaped_in_pages_and_tables(store: Store, tmp_path: Path) -> None:
    _add(store, "F1", {"caption": HOSTILE, "figtitle": "---", "papertitle": "- a: b"},
         [_mention('"Ac\tts\n', "12", "SERPINA3")])
    publish_site(store, tmp_path / "site")
    text = (tmp_path / "site" / "_figures" / "F1.md").read_text(encoding="utf-8")
    # exactly two front-matter delimiters at the start of a line: the caption cannot end it early
    assert [ln for ln in text.splitlines() if ln.strip() in ("---", "...")] == ["---", "---"]
    front = _front(text)
    expected = re.sub(r"\s+", " ", HOSTILE).strip()
    assert front["caption"] == expected and front["schema-jsonld"]["description"] == expected  # type: ignore[index]
    assert front["papertitle"] == "- a: b"
    with open(tmp_path / "site" / "_data" / "F1-genes.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert len(rows) == 2 and rows[1][3] == '"Ac ts'
    # the layout escapes HTML and keeps "</script>" out of the JSON-LD script element
    layout = (tmp_path / "site" / "_layouts" / "figure.html").read_text(encoding="utf-8")
    assert '| replace: "<", "\\u003c"' in layout and "{{ page.caption | escape }}" in layout


def test_publish_accepts_a_run_dir_or_store_file_and_fails_clearly(store: Store, tmp_path: Path) -> None:
    _add(store, "F1", {"figtitle": "First figure title"}, [])
    store.close()
    assert publish_site(tmp_path / "run", tmp_path / "s1").pages == 1
    assert publish_site(tmp_path / "run" / "pathfig.sqlite", tmp_path / "s2").pages == 1
    from pathfig.store import StoreError

    with pytest.raises(StoreError, match="no pathfig store here"):
        publish_site(tmp_path / "nothing", tmp_path / "s3")


def test_publish_command(store: Store, tmp_path: Path) -> None:
    from pathfig.cli import app

    _add(store, "F1", {"figtitle": "First figure title"}, [_mention("TP53", "7157", "TP53")])
    store.close()
    res = CliRunner().invoke(app, ["publish", str(tmp_path / "run"), "--site", str(tmp_path / "site"),
                                   "--base-url", "https://x.org"])
    assert res.exit_code == 0, res.output
    assert "pages: 1" in res.output and "gene tables: 1" in res.output
    assert "https://x.org/figures/F1.html" in (tmp_path / "site" / "_figures" / "F1.md").read_text(encoding="utf-8")
    res = CliRunner().invoke(app, ["publish", str(tmp_path / "missing"), "--site", str(tmp_path / "s")])
    assert res.exit_code == 1 and "no pathfig store here" in res.output and "Traceback" not in res.output


def test_seed_pages_publish_through_a_store(tmp_path: Path) -> None:
    """A seed page's front matter used as a sidecar gives the same page (repaired), from the store."""
    with open_store(tmp_path / "run") as s:
        for seed in (SEED_CELLS, SEED_MEMBRANES):
            front = _front(seed.read_text(encoding="utf-8"))
            _add(s, str(front["figid"]), front, [])
        publish_site(s, tmp_path / "site", base_url="https://pfocr.wikipathways.org", creator="WikiPathways")
    for seed in (SEED_CELLS, SEED_MEMBRANES):
        page = _front((tmp_path / "site" / "_figures" / seed.name).read_text(encoding="utf-8"))
        expected = _front(render_page(read_page(seed)))
        expected["schema-jsonld"]["keywords"] = []  # type: ignore[index]  # no genes were recognised here
        assert page == expected
    shutil.rmtree(tmp_path / "site")
