"""The two hooks in ``pathfig run``: sidecar text is repaired on input, and the run writes the site."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml
from PIL import Image

from pathfig.lexicon import Lexicon, LexiconEntry
from pathfig.lexicon.keys import normalize_key
from pathfig.models import Box, Line, Mention, OcrResult, Word
from pathfig.run import collect_inputs, run, worker
from pathfig.store import open_store

LEXICON = Lexicon(entries=[LexiconEntry.make("TP53", "symbol", "7157", "TP53"),
                           LexiconEntry.make("MDM2", "symbol", "4193", "MDM2")],
                  provenance={"version": "test"})

SIDECAR = """\
figid: PMC1298938__ppat.0010039.g007
filename: ppat.0010039.g007.jpg
pmcid: PMC1298938
number: Figure 7
papertitle: Functional and Genetic Analysis of Coronavirus Replicase-Transcriptase Proteins.
caption: A model of the NF-Œ∫B pathway (W√º ts38 &amp; Alb ts17).
doi: .na.character
year: '2005'
"""


def _fake_ocr(path: str, *, engine: str, cache_dir: str | None) -> OcrResult:
    words = tuple(Word(text=t, box=Box(10.0 * i, 0, 10.0 * i + 9, 9), line=0) for i, t in enumerate(("TP53", "MDM2")))
    return OcrResult(width=8, height=8, engine="fake", engine_version="1", lines=(Line(text="TP53 MDM2", words=words),))


def _fake_recognize(words: Sequence[Word], lexicon: Lexicon | None) -> list[Mention]:
    assert lexicon is not None
    return [Mention(word=w.text, match=e.key, ncbigene_id=e.ncbigene_id, ncbigene_symbol=e.symbol, box=w.box)
            for w in words for e in lexicon.lookup(normalize_key(w.text))]


@pytest.fixture()
def figures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(worker, "ocr_figure", _fake_ocr)
    monkeypatch.setattr(worker, "recognize", _fake_recognize)
    monkeypatch.setattr(worker, "engine_version", lambda engine: "1")
    monkeypatch.setattr(worker, "warm_up", lambda engine: None)
    folder = tmp_path / "in"
    folder.mkdir()
    Image.new("RGB", (8, 8), "white").save(folder / "PMC1298938__ppat.0010039.g007.jpg")
    (folder / "PMC1298938__ppat.0010039.g007.yml").write_text(SIDECAR, encoding="utf-8")
    return folder


def test_sidecar_text_is_repaired_on_input(figures: Path) -> None:
    (meta,) = [f.metadata for f in collect_inputs([figures]).figures]
    assert meta["caption"] == "A model of the NF-κB pathway (Wü ts38 & Alb ts17)."
    assert "doi" not in meta                      # R's NA is no value
    assert meta["number"] == "Figure 7"           # repaired, not reinterpreted: numbers are for publish


def test_run_writes_the_site(figures: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run([figures], out, workers=1, lexicon=LEXICON, progress=False)
    assert summary.ok == 1
    page = (out / "site" / "_figures" / "PMC1298938__ppat.0010039.g007.md").read_text(encoding="utf-8")
    front = yaml.safe_load(page.split("---\n")[1])
    assert front["number"] == "F7" and front["figid_alias"] == "PMC1298938__F7" and front["doi"] == ""
    assert front["figtitle"] == "NF-κB pathway (Wü ts38 & Alb ts17)"  # "A model of the" stripped
    assert front["schema-jsonld"]["keywords"] == ["TP53", "MDM2"]
    assert front["organisms_ner"] == ["Homo sapiens"]
    assert (out / "site" / "_data" / "PMC1298938__ppat.0010039.g007-genes.tsv").is_file()
    assert (out / "site" / "figures.parquet").is_file()
    # the store keeps the repaired text too, so every export agrees with the page
    with open_store(out) as store:
        (fig,) = store.figures()
        assert fig.metadata["caption"] == front["caption"]
    assert (out / "gmt" / "pathfig-Homo_sapiens.gmt").read_text(encoding="utf-8") == ""  # 2 genes < 3
