"""The runner: stages per figure, skip / resume / force, failures recorded, the CLI's exit codes.

OCR and recognition are replaced by fakes (``fake_stages``): the fake OCR decodes the image
with Pillow (so broken files fail as they would) and "reads" the words listed for the file.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
import typer
from PIL import Image
from typer.testing import CliRunner

from pathfig.errors import InputFileError, OcrError
from pathfig.lexicon import Lexicon, LexiconEntry
from pathfig.lexicon.keys import normalize_key
from pathfig.models import Box, Line, Mention, OcrResult, Word
from pathfig.run import run, runner, worker
from pathfig.run.cli import register
from pathfig.store import open_store

GENES = {"EGFR": "1956", "KRAS": "3845", "TP53": "7157", "MDM2": "4193", "AKT1": "207"}
LEXICON = Lexicon(
    entries=[LexiconEntry.make(sym, "symbol", gid, sym) for sym, gid in GENES.items()],
    provenance={"version": "test-lexicon-1"},
)
DEFAULT_WORDS = ("EGFR", "KRAS", "TP53", "signalling")


class FakeStages:
    """Counts OCR calls; ``words`` maps a file name to the words its image 'contains'."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.words: dict[str, Sequence[str]] = {}
        self.engine_version = "fake-1"
        self.interrupt_on = ""

    def ocr(self, path: str, *, engine: str, cache_dir: str | None) -> OcrResult:
        self.calls.append(Path(path).name)
        name = Path(path).name
        if "crash" in name:
            os._exit(3)  # a worker dying mid-figure (OOM kill, segfault)
        if name == self.interrupt_on:
            raise KeyboardInterrupt  # Ctrl-C while this figure is read
        try:
            with Image.open(path) as im:
                im.load()
                width, height = im.size
        except Exception as exc:
            raise OcrError(f"{path}: not a readable image ({exc})") from exc
        texts = self.words.get(name, DEFAULT_WORDS)
        words = tuple(Word(text=t, box=Box(10.0 * i, 5, 10.0 * i + 9, 15), confidence=0.9, line=0)
                      for i, t in enumerate(texts))
        return OcrResult(width=width, height=height, engine="fake", engine_version=self.engine_version,
                         lines=(Line(text=" ".join(texts), words=words),))

    @staticmethod
    def recognize(words: Sequence[Word], lexicon: Lexicon | None) -> list[Mention]:
        assert lexicon is not None
        out = []
        for i, w in enumerate(words):
            if w.text == "NERBOOM":
                raise ValueError("recogniser exploded")
            for e in lexicon.lookup(normalize_key(w.text)):
                out.append(Mention(word=w.text, match=e.key, ncbigene_id=e.ncbigene_id, ncbigene_symbol=e.symbol,
                                   box=w.box, confidence=w.confidence, word_index=i))
        return out


@pytest.fixture()
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeStages:
    stages = FakeStages()
    monkeypatch.setattr(worker, "ocr_figure", stages.ocr)
    monkeypatch.setattr(worker, "recognize", stages.recognize)
    monkeypatch.setattr(worker, "engine_version", lambda engine: stages.engine_version)
    monkeypatch.setattr(worker, "warm_up", lambda engine: None)
    return stages


def _image(path: Path, fmt: str = "PNG", color: str = "white") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 32), color).save(path, format=fmt)
    return path


def _run(inputs: list[Path], out: Path, **kw: object) -> runner.RunSummary:
    kw.setdefault("workers", 1)
    kw.setdefault("lexicon", LEXICON)
    kw.setdefault("progress", False)
    return run(inputs, out, **kw)  # type: ignore[arg-type]


def _statuses(out: Path) -> dict[str, str]:
    with open_store(out) as store:
        return {f.figid: f.status for f in store.figures()}


def test_run_stores_and_exports(tmp_path: Path, fake: FakeStages) -> None:
    _image(tmp_path / "in" / "a.png")
    _image(tmp_path / "in" / "b.jpg", "JPEG")
    (tmp_path / "in" / "b.yml").write_text("figid: FIG-B\nfigtitle: B title\n", encoding="utf-8")
    fake.words["a.png"] = ("TP53", "MDM2", "TP53")
    s = _run([tmp_path / "in"], tmp_path / "out")
    assert (s.images, s.ok, s.failed, s.skipped, s.rejected) == (2, 2, 0, 0, 0)
    assert (s.genes, s.distinct_genes, s.mentions) == (5, 4, 6)
    assert not s.all_failed and len(s.figure_seconds) == 2
    out = tmp_path / "out"
    assert set(s.outputs) == {"store", "genes", "figures", "gmt", "ocr", "chemicals", "diseases"}
    rows = (out / "genes.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t") == ["figid", "organism_id", "organism_name", "word", "match", "ncbigene_id",
                                   "ncbigene_symbol", "hgnc_id", "source", "x0", "y0", "x1", "y1", "confidence"]
    assert [r.split("\t")[0] + ":" + r.split("\t")[6] for r in rows[1:]] == [
        "FIG-B:EGFR", "FIG-B:KRAS", "FIG-B:TP53", "a:MDM2", "a:TP53"]
    assert (out / "gmt" / "pathfig-Homo_sapiens.gmt").read_text(encoding="utf-8") == (
        "FIG-B\tB title\t1956\t3845\t7157\n")  # 'a' has two genes: below the GMT threshold
    figs = [json.loads(line) for line in (out / "figures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(f["figid"], f["status"], f["counts"]) for f in figs] == [
        ("FIG-B", "ok", {"words": 4, "mentions": 3, "genes": 3}),
        ("a", "ok", {"words": 3, "mentions": 3, "genes": 2})]
    assert sorted(p.name for p in (out / "ocr").iterdir()) == ["FIG-B.json", "a.json"]


def test_rerun_skips_done_figures_and_force_redoes_them(tmp_path: Path, fake: FakeStages) -> None:
    _image(tmp_path / "in" / "a.png")
    _image(tmp_path / "in" / "b.png", color="black")
    _run([tmp_path / "in"], tmp_path / "out")
    assert len(fake.calls) == 2
    s = _run([tmp_path / "in"], tmp_path / "out")
    assert (s.ok, s.skipped, len(fake.calls)) == (0, 2, 2)
    assert s.genes == 6  # skipped figures still count towards the run's genes
    s = _run([tmp_path / "in"], tmp_path / "out", force=True)
    assert (s.ok, s.skipped, len(fake.calls)) == (2, 0, 4)


@pytest.mark.parametrize("change", ["content", "engine", "lexicon"])
def test_changes_that_make_a_figure_redone(tmp_path: Path, fake: FakeStages, change: str) -> None:
    a = _image(tmp_path / "in" / "a.png")
    _image(tmp_path / "in" / "b.png", color="black")
    _run([tmp_path / "in"], tmp_path / "out")
    lexicon = LEXICON
    if change == "content":
        _image(a, color="red")
    elif change == "engine":
        fake.engine_version = "fake-2"
    else:
        lexicon = Lexicon(entries=LEXICON.entries, provenance={"version": "test-lexicon-2"})
    s = _run([tmp_path / "in"], tmp_path / "out", lexicon=lexicon)
    assert (s.ok, s.skipped) == ((1, 1) if change == "content" else (2, 0))


def test_interrupted_run_is_finished_by_the_next(tmp_path: Path, fake: FakeStages) -> None:
    for name in ("a.png", "b.png", "c.png"):
        _image(tmp_path / "in" / name)
    fake.interrupt_on = "b.png"
    with pytest.raises(KeyboardInterrupt) as info:
        _run([tmp_path / "in"], tmp_path / "out")
    partial = info.value.args[0]
    assert partial.interrupted and partial.ok == 1
    assert _statuses(tmp_path / "out") == {"a": "ok", "b": "pending", "c": "pending"}
    assert (tmp_path / "out" / "genes.tsv").read_text().count("\na\t") == 3  # exported what was done
    fake.interrupt_on = ""
    s = _run([tmp_path / "in"], tmp_path / "out")
    assert (s.ok, s.skipped) == (2, 1)
    assert _statuses(tmp_path / "out") == {"a": "ok", "b": "ok", "c": "ok"}


def test_bad_figures_are_recorded_and_the_batch_goes_on(tmp_path: Path, fake: FakeStages) -> None:
    src = tmp_path / "in"
    _image(src / "good.png")
    (src / "text.png").write_text("this is not an image", encoding="utf-8")
    buf = io.BytesIO()
    Image.effect_noise((400, 300), 64).convert("RGB").save(buf, format="JPEG")
    (src / "truncated.jpg").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    (src / "empty.gif").write_bytes(b"")
    _image(src / "nerfail.png")
    fake.words["nerfail.png"] = ("EGFR", "NERBOOM")
    s = _run([src], tmp_path / "out")
    assert (s.ok, s.failed, s.all_failed) == (1, 4, False)
    with open_store(tmp_path / "out") as store:
        figs = {f.figid: f for f in store.figures()}
    assert figs["good"].status == "ok"
    for figid in ("text", "truncated", "empty"):
        assert figs[figid].status == "failed" and figs[figid].stage == "ocr"
        assert str(src / f"{figid}.") in figs[figid].error  # the message names the file
    assert "truncated" in figs["truncated"].error
    assert figs["nerfail"].stage == "ner" and figs["nerfail"].error.startswith("ValueError: recogniser exploded")
    jsonl = (tmp_path / "out" / "figures.jsonl").read_text(encoding="utf-8")
    assert jsonl.count('"status": "failed"') == 4
    assert sorted(f for f, _ in s.failures) == ["empty", "nerfail", "text", "truncated"]


def test_too_large_file_fails_without_decoding(
    tmp_path: Path, fake: FakeStages, monkeypatch: pytest.MonkeyPatch,
) -> None:
    _image(tmp_path / "in" / "big.png")
    monkeypatch.setattr(runner, "MAX_BYTES", 10)
    s = _run([tmp_path / "in"], tmp_path / "out")
    assert s.failed == 1 and fake.calls == [] and "larger than" in s.failures[0][1]


def test_malformed_sidecar_is_recorded_then_fixed(tmp_path: Path, fake: FakeStages) -> None:
    _image(tmp_path / "in" / "fig.png")
    sidecar = tmp_path / "in" / "fig.yml"
    sidecar.write_text("figid: F-1\ncaption: [unclosed\n", encoding="utf-8")
    s = _run([tmp_path / "in"], tmp_path / "out")
    assert (s.failed, fake.calls) == (1, [])
    with open_store(tmp_path / "out") as store:
        [fig] = store.figures()
    assert (fig.figid, fig.status, fig.stage) == ("fig", "failed", "sidecar")
    assert str(sidecar) in fig.error and "invalid YAML" in fig.error
    sidecar.write_text("figid: F-1\ncaption: fixed\n", encoding="utf-8")
    s = _run([tmp_path / "in"], tmp_path / "out")
    assert s.ok == 1 and _statuses(tmp_path / "out") == {"F-1": "ok"}


def test_duplicate_figids_are_rejected_not_overwritten(tmp_path: Path, fake: FakeStages) -> None:
    _image(tmp_path / "in" / "a" / "fig.png")
    _image(tmp_path / "in" / "b" / "fig.png", color="black")
    s = _run([tmp_path / "in"], tmp_path / "out")
    assert (s.ok, s.rejected, s.images) == (1, 1, 2)
    assert "already used by" in s.problems[0][1]
    with open_store(tmp_path / "out") as store:
        assert store.get_figure("fig").source_path == str(tmp_path / "in" / "a" / "fig.png")  # type: ignore[union-attr]
    lines = [json.loads(x) for x in (tmp_path / "out" / "figures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(x["figid"], x["status"]) for x in lines] == [("fig", "ok"), ("fig", "rejected")]
    assert lines[1]["source_path"] == str(tmp_path / "in" / "b" / "fig.png")


def test_metadata_edit_is_picked_up_without_rereading(tmp_path: Path, fake: FakeStages) -> None:
    _image(tmp_path / "in" / "a.png")
    side = tmp_path / "in" / "a.yml"
    side.write_text("papertitle: Paper\n", encoding="utf-8")
    _run([tmp_path / "in"], tmp_path / "out")
    side.write_text("papertitle: Paper\nfigtitle: Better title\n", encoding="utf-8")
    s = _run([tmp_path / "in"], tmp_path / "out")
    assert (s.skipped, len(fake.calls)) == (1, 1)
    assert (tmp_path / "out" / "gmt" / "pathfig-Homo_sapiens.gmt").read_text().startswith("a\tBetter title\t")


def test_no_images_is_an_error(tmp_path: Path, fake: FakeStages) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.txt").write_text("x")
    with pytest.raises(InputFileError, match="no images found"):
        _run([tmp_path / "in"], tmp_path / "out")


def test_no_input_reads_the_bundled_samples(tmp_path: Path, fake: FakeStages) -> None:
    s = _run([], tmp_path / "out")
    assert s.ok == 4 and all(f.startswith("pathfig-sample-") for f in _statuses(tmp_path / "out"))


def test_lexicon_version_prefers_declared_version() -> None:
    assert runner.lexicon_version(LEXICON) == "test-lexicon-1"
    a = runner.lexicon_version(Lexicon(entries=LEXICON.entries, provenance={"built": "x", "path": "/a"}))
    b = runner.lexicon_version(Lexicon(entries=LEXICON.entries, provenance={"built": "x", "path": "/b"}))
    assert a == b and a.startswith("prov:")
    assert runner.lexicon_version(Lexicon(entries=LEXICON.entries)).startswith("entries:")


fork_only = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the fakes reach workers only through fork")


@fork_only
def test_worker_pool_survives_a_dying_worker(tmp_path: Path, fake: FakeStages) -> None:
    for name in ("a.png", "b.png", "c_crash.png", "d.png", "e.png"):
        _image(tmp_path / "in" / name)
    s = _run([tmp_path / "in"], tmp_path / "out", workers=2)
    assert (s.ok, s.failed) == (4, 1)
    assert s.failures[0][0] == "c_crash" and "worker process died" in s.failures[0][1]
    assert len(s.worker_peak_rss_mb) >= 2 and all(v > 0 for v in s.worker_peak_rss_mb.values())
    assert _statuses(tmp_path / "out") == {"a": "ok", "b": "ok", "c_crash": "failed", "d": "ok", "e": "ok"}


# -- command line ---------------------------------------------------------------------------------


@pytest.fixture()
def cli(make_cli) -> typer.Typer:  # noqa: ANN001
    return make_cli(register)


def test_cli_prints_summary_and_outputs(tmp_path: Path, fake: FakeStages, cli: typer.Typer,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "_resolve_lexicon", lambda spec: (LEXICON, "test-lexicon-1"))
    _image(tmp_path / "in" / "a.png")
    res = CliRunner().invoke(cli, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-j", "1", "-q"])
    assert res.exit_code == 0, res.output
    assert "figures: 1 ok, 0 failed, 0 skipped" in res.output
    assert f"genes: {tmp_path / 'out' / 'genes.tsv'}" in res.output


def test_cli_exit_codes(tmp_path: Path, fake: FakeStages, cli: typer.Typer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "_resolve_lexicon", lambda spec: (LEXICON, "test-lexicon-1"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.png").write_text("nope")
    args = ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-j", "1", "-q"]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 1 and "every figure failed" in res.output
    _image(tmp_path / "in" / "good.png")
    assert CliRunner().invoke(cli, args).exit_code == 0  # one figure ok is enough
    res = CliRunner().invoke(cli, ["run", str(tmp_path / "missing"), "--out", str(tmp_path / "out")])
    assert res.exit_code == 1 and "no such file or folder" in res.output and "Traceback" not in res.output


def test_cli_engine_option(tmp_path: Path, fake: FakeStages, cli: typer.Typer,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "_resolve_lexicon", lambda spec: (LEXICON, "test-lexicon-1"))
    engines: list[str] = []
    read = fake.ocr

    def ocr(path: str, *, engine: str, cache_dir: str | None) -> OcrResult:
        engines.append(engine)
        return read(path, engine=engine, cache_dir=cache_dir)

    monkeypatch.setattr(worker, "ocr_figure", ocr)
    _image(tmp_path / "in" / "a.png")
    args = ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-j", "1", "-q", "--all"]
    assert CliRunner().invoke(cli, [*args, "--engine", "rapidocr-float"]).exit_code == 0
    assert engines == ["rapidocr-float"]
    # An unknown engine stops the run before any figure, naming the engines there are.
    res = CliRunner().invoke(cli, [*args, "--force", "--engine", "tesseract"])
    assert res.exit_code == 1 and "unknown OCR engine 'tesseract'" in res.output, res.output
    assert "rapidocr-float" in res.output and "Traceback" not in res.output


def test_run_is_wired_into_the_root_command() -> None:
    from pathfig.cli import app

    res = CliRunner().invoke(app, ["run", "--help"])
    assert res.exit_code == 0 and "--workers" in res.output and "--force" in res.output


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_release_memory_returns_freed_heap() -> None:
    from pathfig.run import worker

    # 80 MB in 4-kB blocks (malloc's heap, not mmap) with the last one kept alive, as a
    # figure's freed buffers sit below what later figures keep.
    blocks = [bytearray(4096) for _ in range(20_000)]
    keep = blocks[-1]
    del blocks
    before = _rss_mb()
    worker.release_memory()
    if worker._TRIM is False:
        pytest.skip("no malloc_trim in this C library")
    assert before - _rss_mb() > 40, "freed heap pages went back to the OS"
    assert keep[0] == 0


def test_a_users_lexicon_is_prepared_before_workers_fork() -> None:
    # The run builds the recogniser in the parent and builds its lazy indexes there too, so forked
    # workers share them (GeneRecognizer.prepare) instead of each building them in its first figures.
    lexicon = Lexicon(entries=[*LEXICON.entries, LexiconEntry.make("tumor protein p53", "name", "7157", "TP53")],
                      provenance={"version": "test-lexicon-prepared"})
    assert lexicon._names is None
    spec, version = runner._resolve_lexicon(lexicon)
    assert (spec, version) == (lexicon, "test-lexicon-prepared")
    assert lexicon._names == {"7157": ("tumor protein p53",)}


def test_summary_names_organism_libraries_plainly(tmp_path: Path) -> None:
    from pathfig.run.summary import RunSummary

    s = RunSummary(out_dir=tmp_path, images=1, workers=1, outputs={
        "gmt": tmp_path / "h.gmt", "gmt:Mus_musculus": tmp_path / "m.gmt",
        "gmt_chemicals:Homo_sapiens": tmp_path / "c.gmt"})
    text = "\n".join(s.lines())
    assert f"  gmt: {tmp_path / 'h.gmt'}" in text
    assert f"  gmt (Mus musculus): {tmp_path / 'm.gmt'}" in text
    assert f"  chemical gmt (Homo sapiens): {tmp_path / 'c.gmt'}" in text
