"""``pathfig run`` with the pathway classifier: scores stored, figures below the threshold not read.

OCR, recognition and the classifier are replaced by fakes: the fake classifier scores a figure
by its file name (``pathway*`` high, anything else low), so the runner's decisions are tested,
not the model.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from pathfig.lexicon import Lexicon, LexiconEntry
from pathfig.models import Box, Line, Mention, OcrResult, Word
from pathfig.ocr.images import load_image
from pathfig.run import run, runner, worker
from pathfig.run.cli import register
from pathfig.store import FigureRecord, open_store

LEXICON = Lexicon(entries=[LexiconEntry.make("TP53", "symbol", "7157", "TP53"),
                           LexiconEntry.make("MDM2", "symbol", "4193", "MDM2")],
                  provenance={"version": "test-lexicon-1"})


class Fakes:
    def __init__(self) -> None:
        self.ocr_calls: list[str] = []
        self.classify_calls: list[str] = []
        self.broken_classifier = False

    def ocr(self, path: str, *, engine: str, cache_dir: str | None) -> OcrResult:
        self.ocr_calls.append(Path(path).name)
        rgb = load_image(path)  # unreadable files fail here, as with the real engine
        words = tuple(Word(text=t, box=Box(10.0 * i, 5, 10.0 * i + 9, 15), line=0) for i, t in
                      enumerate(("TP53", "MDM2")))
        return OcrResult(width=rgb.shape[1], height=rgb.shape[0], engine="fake", engine_version="1",
                         lines=(Line(text="TP53 MDM2", words=words),))

    def classify(self, path: str) -> tuple[float, int, int]:
        self.classify_calls.append(Path(path).name)
        if self.broken_classifier:
            raise RuntimeError("model exploded")
        rgb = load_image(path)
        return (0.91 if Path(path).name.startswith("pathway") else 0.12), rgb.shape[1], rgb.shape[0]

    @staticmethod
    def recognize(words: Sequence[Word], lexicon: Lexicon | None) -> list[Mention]:
        gid = {"TP53": "7157", "MDM2": "4193"}
        return [Mention(word=w.text, match=w.text, ncbigene_id=gid[w.text], ncbigene_symbol=w.text, box=w.box,
                        word_index=i) for i, w in enumerate(words) if w.text in gid]


@pytest.fixture()
def fakes(monkeypatch: pytest.MonkeyPatch) -> Fakes:
    f = Fakes()
    monkeypatch.setattr(worker, "ocr_figure", f.ocr)
    monkeypatch.setattr(worker, "recognize", f.recognize)
    monkeypatch.setattr(worker, "classify_figure", f.classify)
    monkeypatch.setattr(worker, "annotate", lambda task, words, mentions, lexicon: None)
    monkeypatch.setattr(worker, "engine_version", lambda engine: "1")
    monkeypatch.setattr(worker, "warm_up", lambda engine: None)
    monkeypatch.setattr(runner, "_classifier_versions",
                        lambda threshold, read_all: {"classifier": "fake:1",
                                                     "pathway_gate": "all" if read_all else f"{threshold:g}"})
    return f


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("pathway_a.png", "chart_b.png"):
        Image.new("RGB", (120, 80), "white").save(src / name)
    return src


def _run(src: Path, out: Path, **kw: object) -> runner.RunSummary:
    kw.setdefault("pathway_threshold", 0.5)
    return run([src], out, workers=1, lexicon=LEXICON, progress=False, **kw)  # type: ignore[arg-type]


def _figures(out: Path) -> dict[str, FigureRecord]:
    with open_store(out) as store:
        return {f.figid: f for f in store.figures()}


def test_figures_below_threshold_are_recorded_not_read(tmp_path: Path, fakes: Fakes, inputs: Path) -> None:
    s = _run(inputs, tmp_path / "out")
    assert (s.ok, s.not_pathway, s.failed) == (2, 1, 0)
    assert fakes.ocr_calls == ["pathway_a.png"]  # the chart is never OCR'd
    figs = _figures(tmp_path / "out")
    a, b = figs["pathway_a"], figs["chart_b"]
    assert (a.status, a.automl_pathway, a.classifier_version, a.n_genes) == ("ok", 0.91, "fake:1", 2)
    assert (b.status, b.automl_pathway, b.n_words, b.width, b.height) == ("not_pathway", 0.12, 0, 120, 80)
    assert "classify" in b.timings and "ocr" not in b.timings
    assert any(line.startswith("not pathway figures: 1") for line in s.lines())
    # Recorded, not dropped: the figures table lists it with its status.
    rows = [json.loads(x) for x in (tmp_path / "out" / "figures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["figid"]: r["status"] for r in rows} == {"chart_b": "not_pathway", "pathway_a": "ok"}
    assert {r["figid"]: r["automl_pathway"] for r in rows} == {"chart_b": 0.12, "pathway_a": 0.91}
    genes = (tmp_path / "out" / "genes.tsv").read_text(encoding="utf-8")
    assert "pathway_a" in genes and "chart_b" not in genes


def test_rerun_skips_both_and_all_reads_the_rest(tmp_path: Path, fakes: Fakes, inputs: Path) -> None:
    _run(inputs, tmp_path / "out")
    s = _run(inputs, tmp_path / "out")
    assert (s.ok, s.skipped, len(fakes.ocr_calls)) == (0, 2, 1)  # not_pathway counts as done
    s = _run(inputs, tmp_path / "out", read_all=True)  # --all: a new gate, so both are redone
    assert (s.ok, s.not_pathway) == (2, 0)
    b = _figures(tmp_path / "out")["chart_b"]
    assert (b.status, b.automl_pathway, b.n_genes) == ("ok", 0.12, 2)
    s = _run(inputs, tmp_path / "out", pathway_threshold=0.05)  # another threshold redoes them too
    assert (s.ok, s.not_pathway, s.skipped) == (2, 0, 0)


def test_no_threshold_means_no_classification(tmp_path: Path, fakes: Fakes, inputs: Path) -> None:
    s = _run(inputs, tmp_path / "out", pathway_threshold=None)
    assert (s.ok, s.not_pathway, fakes.classify_calls) == (2, 0, [])
    assert {f.automl_pathway for f in _figures(tmp_path / "out").values()} == {None}


def test_classifier_failures_are_recorded_per_figure(tmp_path: Path, fakes: Fakes, inputs: Path) -> None:
    (inputs / "broken.png").write_bytes(b"not an image")
    fakes.broken_classifier = True
    s = _run(inputs, tmp_path / "out")
    assert (s.ok, s.failed) == (0, 3)
    figs = _figures(tmp_path / "out")
    assert figs["pathway_a"].stage == "classify" and "model exploded" in figs["pathway_a"].error
    fakes.broken_classifier = False
    s = _run(inputs, tmp_path / "out")
    # An unreadable image is reported by the OCR stage, naming the file, as without a classifier.
    broken = _figures(tmp_path / "out")["broken"]
    assert (broken.status, broken.stage) == ("failed", "ocr") and "broken.png" in broken.error


def test_cli_threshold_and_all(tmp_path: Path, fakes: Fakes, inputs: Path, monkeypatch: pytest.MonkeyPatch,
                               make_cli) -> None:  # noqa: ANN001
    monkeypatch.setattr(runner, "_resolve_lexicon", lambda spec: (LEXICON, "test-lexicon-1"))
    app = make_cli(register)
    args = ["run", str(inputs), "--out", str(tmp_path / "out"), "-j", "1", "-q"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "figures: 2 ok" in res.output and "not pathway figures: 1" in res.output
    res = CliRunner().invoke(app, [*args, "--threshold", "0.95"])
    assert res.exit_code == 0 and "not pathway figures: 2" in res.output  # still ok: recorded, not failed
    res = CliRunner().invoke(app, [*args, "--all"])
    assert res.exit_code == 0 and "not pathway figures" not in res.output
    assert {f.status for f in _figures(tmp_path / "out").values()} == {"ok"}


def test_real_classifier_seam_scores_an_image(tmp_path: Path) -> None:
    path = tmp_path / "blank.png"
    Image.new("RGB", (300, 200), "white").save(path)
    score, width, height = worker.classify_figure(str(path))
    assert 0.0 <= score < 0.5 and (width, height) == (300, 200)
