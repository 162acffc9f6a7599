"""``run()``: schedule the stages over a batch of figures — OCR → recognition → store → export.

The runner holds no stage logic. It finds the inputs, decides what is already done, sends the
rest to worker processes, writes what they return to the store (the parent is the only writer),
and exports the tables from the store at the end.

A figure is *done* when the store has it with status ``ok`` and the same content (sha256), OCR
engine and version, lexicon version and pathfig version; done figures are skipped unless
``force``. Figures left ``pending`` by an interrupted run, and failed ones, are redone.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pathfig import __version__
from pathfig.errors import InputFileError
from pathfig.models import FigureInput
from pathfig.ocr.engine import engine_factory
from pathfig.run import worker
from pathfig.run.inputs import collect_inputs
from pathfig.run.summary import RunSummary
from pathfig.store import InputErrorRecord, Store, open_store

if TYPE_CHECKING:
    from pathfig.lexicon import Lexicon

__all__ = ["DEFAULT_ENGINE", "MAX_BYTES", "lexicon_version", "run", "sample_figures_dir"]

logger = logging.getLogger(__name__)

DEFAULT_ENGINE = "rapidocr"

#: Image files larger than this are recorded as failed without being decoded.
MAX_BYTES = 200 * 1024 * 1024



def sample_figures_dir() -> Path:
    """The folder of sample figures shipped with pathfig (used when no input is given)."""
    return Path(str(resources.files("pathfig") / "samples"))


def lexicon_version(lexicon: Lexicon) -> str:
    """A short version string for a lexicon: its provenance ``version``, else a provenance hash."""
    prov = dict(lexicon.provenance or {})
    for key in ("version", "sha256"):
        if prov.get(key):
            return str(prov[key])
    prov.pop("path", None)  # where the file sits does not change what it says
    if not prov:
        # No provenance at all: hash the entries themselves (costs a pass, still deterministic).
        h = hashlib.sha256()
        for e in sorted(lexicon.entries, key=lambda e: (e.key, e.ncbigene_id, e.kind, e.name)):
            h.update(f"{e.name}\t{e.key}\t{e.kind}\t{e.ncbigene_id}\t{e.taxon_id}\n".encode())
        return "entries:" + h.hexdigest()[:16]
    return "prov:" + hashlib.sha256(json.dumps(prov, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _resolve_lexicon(spec: Lexicon | str | Path | None) -> tuple[Lexicon | str | None, str]:
    """What workers recognise genes with (see :func:`worker.recognizer`) and its version.

    The recogniser is built and prepared here, before worker processes start: it fails fast on a
    bad lexicon, and forked workers inherit it and its indexes (``GeneRecognizer.prepare``)
    instead of each reading the lexicon again and building them in its first figures.
    """
    if spec is None:
        from pathfig.lexicon.bundled import load_default_lexicon

        worker.recognizer(None).prepare()   # also the annotator's human recogniser
        return None, lexicon_version(load_default_lexicon())
    if isinstance(spec, str | Path):
        from pathfig.lexicon.bundled import resolve_lexicon_path

        path = resolve_lexicon_path(spec)  # a file, or an organism name such as "mouse"
        worker.recognizer(str(path)).prepare()
        with open(path, "rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()[:16]
        return str(path), f"file:{digest}"
    worker.recognizer(spec).prepare()
    return spec, lexicon_version(spec)


def _classifier_versions(threshold: float, read_all: bool) -> dict[str, str]:
    """Load the classifier now, in the parent (fails fast; forked workers inherit it).

    Its version and the gate join the run versions: a new model, threshold or ``--all`` redoes
    the figures (OCR results come from the cache).
    """
    from pathfig.classify import default_classifier

    return {"classifier": default_classifier().version, "pathway_gate": "all" if read_all else f"{threshold:g}"}


def _sha256(path: str) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # respects taskset / container CPU limits
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    workers: int | None = None,
    force: bool = False,
    lexicon: Lexicon | str | Path | None = None,
    progress: bool = True,
    engine: str = DEFAULT_ENGINE,
    pathway_threshold: float | None = None,
    read_all: bool = False,
) -> RunSummary:
    """Read every figure in ``inputs`` into the store of ``out_dir`` and export its tables.

    ``inputs`` are image files and/or folders (searched recursively); empty means the bundled
    sample figures. ``workers`` defaults to the number of usable cores; 1 runs in this process.
    Per-figure failures are recorded and the batch goes on; a :class:`~pathfig.errors.PathfigError`
    is raised only for problems with the run as a whole (no images, bad lexicon, unusable store).
    On Ctrl-C, figures finished so far are kept and exported, then ``KeyboardInterrupt`` is
    re-raised with the partial summary in ``exc.args[0]``.

    With ``pathway_threshold``, each figure is first scored by :mod:`pathfig.classify` (the score
    is stored as ``automl_pathway``); one scoring below it is recorded as ``not_pathway`` and not
    read (no OCR, no genes) unless ``read_all``. ``None`` (the library default) does not classify.
    """
    started = time.perf_counter()
    out = Path(out_dir)
    engine_factory(engine)   # an unknown engine stops the run before any work
    sources = list(inputs) or [sample_figures_dir()]
    collected = collect_inputs(sources)
    n_images = len(collected.figures) + len(collected.problems)
    if n_images == 0:
        raise InputFileError(", ".join(map(str, sources)), "no images found (looked for .jpg .jpeg .png .gif "
                             ".tif .tiff .webp .bmp)")
    lex, lex_version = _resolve_lexicon(lexicon)
    versions = {"engine": engine, "engine_version": worker.engine_version(engine), "lexicon": lex_version,
                "pathfig": __version__, "annotation": worker.warm_annotator()}
    if pathway_threshold is not None:
        versions.update(_classifier_versions(pathway_threshold, read_all))
    n_workers = max(1, workers if workers is not None else _default_workers())
    summary = RunSummary(out_dir=out, images=n_images, workers=n_workers, rejected=len(collected.problems),
                         problems=[(p.figid, f"{p.path}: {p.error}") for p in collected.problems])
    cache_dir = str(out / "cache" / "ocr")

    with open_store(out) as store:
        store.replace_input_errors([
            InputErrorRecord(source_path=p.path, figid=p.figid, sidecar_path=p.sidecar, error=p.error)
            for p in collected.problems
        ])
        todo = _plan(store, collected.figures, collected.sidecar_errors, summary, force=force, versions=versions)
        tasks = [worker.FigureTask(figid=f.figid, path=f.path, engine=engine, cache_dir=cache_dir, metadata=f.metadata,
                                   pathway_threshold=pathway_threshold, read_all=read_all)
                 for f in todo]
        n_workers = min(n_workers, max(1, len(tasks)))
        summary.workers = n_workers

        def store_outcome(o: worker.FigureOutcome) -> None:
            _store_outcome(store, o, summary, versions=versions)

        try:
            if tasks:
                _execute(tasks, store_outcome, workers=n_workers, engine=engine, lexicon=lex, progress=progress)
        except KeyboardInterrupt:
            summary.interrupted = True
            _finish(store, out, summary, collected.figures, started)
            raise KeyboardInterrupt(summary) from None
        _finish(store, out, summary, collected.figures, started)
    return summary


def _plan(
    store: Store,
    figures: Sequence[FigureInput],
    sidecar_errors: dict[str, str],
    summary: RunSummary,
    *,
    force: bool,
    versions: dict[str, str],
) -> list[FigureInput]:
    """Record every figure in the store and return those that need reading."""
    todo: list[FigureInput] = []
    for fig in figures:
        # A source file that now has another figure id (its sidecar changed): drop the stale row.
        for old in store.figures_from_source(fig.path):
            if old.figid != fig.figid:
                logger.info("[%s] %s now has figure id %s; dropping the old row", old.figid, fig.path, fig.figid)
                store.delete_figure(old.figid)
        try:
            sha, size = _sha256(fig.path)
        except OSError as exc:
            store.mark_pending(fig, sha256="", size=0)
            _fail(store, summary, fig.figid, f"{fig.path}: cannot read ({exc.strerror or exc})", stage="read")
            continue
        if fig.figid in sidecar_errors:
            store.mark_pending(fig, sha256=sha, size=size)
            _fail(store, summary, fig.figid, sidecar_errors[fig.figid], stage="sidecar")
            continue
        if size > MAX_BYTES:
            store.mark_pending(fig, sha256=sha, size=size)
            _fail(store, summary, fig.figid, f"{fig.path}: file is {size / 2**20:.0f} MB, larger than the "
                  f"{MAX_BYTES / 2**20:.0f} MB limit", stage="read")
            continue
        old = store.get_figure(fig.figid)
        if (not force and old is not None and old.status in ("ok", "not_pathway") and old.sha256 == sha
                and old.run_versions == versions):
            if old.metadata != fig.metadata or old.source_path != fig.path or old.sidecar_path != fig.sidecar:
                store.update_source(fig)  # metadata edits need no re-reading
            summary.skipped += 1
            continue
        store.mark_pending(fig, sha256=sha, size=size)
        todo.append(fig)
    return todo


def _fail(
    store: Store, summary: RunSummary, figid: str, error: str, *, stage: str, timings: dict[str, float] | None = None,
) -> None:
    store.record_failure(figid, error, stage=stage, timings=timings, pathfig_version=__version__)
    summary.failed += 1
    summary.failures.append((figid, error))
    logger.warning("[%s] failed (%s): %s", figid, stage, error)


def _store_outcome(store: Store, o: worker.FigureOutcome, summary: RunSummary, *, versions: dict[str, str]) -> None:
    if o.pid:
        summary.worker_peak_rss_mb[o.pid] = max(o.peak_rss_mb, summary.worker_peak_rss_mb.get(o.pid, 0.0))
    if "total" in o.timings:
        summary.figure_seconds.append(o.timings["total"])
    if not o.ok:
        _fail(store, summary, o.figid, o.error, stage=o.stage, timings=o.timings)
        return
    if o.not_pathway:
        store.record_not_pathway(o.figid, automl_pathway=o.automl_pathway or 0.0,
                                 classifier_version=versions.get("classifier", ""), width=o.width or None,
                                 height=o.height or None, pathfig_version=__version__, timings=o.timings,
                                 run_versions=versions)
        summary.ok += 1
        summary.not_pathway += 1
        logger.info("[%s] not a pathway figure (score %.3f): not read", o.figid, o.automl_pathway or 0.0)
        return
    store.record_ok(
        o.figid, words=o.words, mentions=o.mentions, width=o.width, height=o.height,
        ocr_engine=o.engine, ocr_engine_version=o.engine_version, lexicon_version=versions["lexicon"],
        pathfig_version=__version__, timings=o.timings, run_versions=versions,
        automl_pathway=o.automl_pathway,
        classifier_version=versions.get("classifier", "") if o.automl_pathway is not None else "",
    )
    store.record_annotations(o.figid, organisms=o.organisms, candidates=o.organism_candidates, lexicons=o.lexicons,
                             entities=o.entities)
    summary.ok += 1
    logger.info("[%s] %d words, %d mentions", o.figid, len(o.words), len(o.mentions))


def _progress_bar(total: int, enabled: bool):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes may be forked after this
    return tqdm(total=total, unit="fig", desc="reading figures", disable=not enabled, dynamic_ncols=True,
                smoothing=0.1)


def _execute(
    tasks: Sequence[worker.FigureTask],
    on_outcome: Callable[[worker.FigureOutcome], None],
    *,
    workers: int,
    engine: str,
    lexicon: Lexicon | str | None,
    progress: bool,
) -> None:
    """Run tasks in this process (workers == 1) or a process pool, handing outcomes to the parent."""
    from tqdm.contrib.logging import logging_redirect_tqdm

    if workers == 1:
        worker._STATE.update(engine=engine, lexicon=lexicon)
        outcomes: Iterator[worker.FigureOutcome] = (worker.process_figure(t) for t in tasks)
    else:
        outcomes = _pool_outcomes(tasks, workers=workers, engine=engine, lexicon=lexicon)
    # Log lines (e.g. a failed figure) print above the bar instead of breaking it.
    failed = 0
    with _progress_bar(len(tasks), progress) as bar, logging_redirect_tqdm():
        for outcome in outcomes:
            on_outcome(outcome)
            if not outcome.ok:
                failed += 1
                bar.set_postfix_str(f"{failed} failed", refresh=False)
            bar.update(1)


def _pool_outcomes(
    tasks: Sequence[worker.FigureTask], *, workers: int, engine: str, lexicon: Lexicon | str | None,
) -> Iterator[worker.FigureOutcome]:
    """Outcomes as workers finish them; survives worker processes that die (OOM kill, crash).

    When a worker dies, every figure in flight is a suspect. Suspects are retried one at a time
    in a fresh pool, so a figure that kills its worker while alone is known to be the cause and
    is recorded as failed; the others go on normally.
    """
    queue = list(reversed(tasks))  # pop() from the end keeps input order
    suspects: list[worker.FigureTask] = []
    # Few tasks in flight: a dead worker then puts only those few under suspicion.
    max_in_flight = workers * 2
    while queue or suspects:
        pool = _new_pool(workers, engine, lexicon)
        in_flight: dict[Future[worker.FigureOutcome], tuple[worker.FigureTask, bool]] = {}
        broken = False
        try:
            while not broken and (queue or suspects or in_flight):
                try:
                    if suspects:
                        if not in_flight:
                            task = suspects[-1]
                            in_flight[pool.submit(worker.process_figure, task)] = (task, True)
                            suspects.pop()
                    else:
                        while queue and len(in_flight) < max_in_flight:
                            task = queue[-1]
                            in_flight[pool.submit(worker.process_figure, task)] = (task, False)
                            queue.pop()
                except BrokenProcessPool:  # a worker died before we saw it; the task stays queued
                    broken = True
                    break
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for fut in done:
                    task, alone = in_flight.pop(fut)
                    outcome = _result(fut, task, alone)
                    if outcome is None:
                        broken = True
                        suspects.append(task)
                    else:
                        yield outcome
            # A broken pool fails everything still in flight the same way.
            for fut, (task, alone) in in_flight.items():
                outcome = _result(fut, task, alone)
                if outcome is None:
                    suspects.append(task)
                else:
                    yield outcome
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=not broken, cancel_futures=True)
        if broken:
            logger.warning("a worker process died; retrying %d suspect figure(s) one at a time", len(suspects))


def _new_pool(workers: int, engine: str, lexicon: Lexicon | str | None) -> ProcessPoolExecutor:
    # The lexicons, recogniser and models loaded so far live as long as the run: frozen, the
    # cycle collector of parent and forked workers no longer walks their ~250k objects (a full
    # collection cost ~60 ms each, and touching them un-shares the pages forked workers share).
    gc.freeze()
    # Children started by spawn/forkserver inherit these; init_worker sets them again for fork.
    saved = {v: os.environ.get(v) for v in worker.THREAD_ENV_VARS}
    worker.limit_threads(1)
    try:
        return ProcessPoolExecutor(max_workers=workers, initializer=worker.init_worker, initargs=(engine, lexicon))
    finally:
        for var, value in saved.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value


def _result(fut: Future[worker.FigureOutcome], task: worker.FigureTask, alone: bool) -> worker.FigureOutcome | None:
    """The outcome of a finished future; None when its worker died and the figure is only a suspect."""
    try:
        return fut.result()
    except BrokenProcessPool:
        if not alone:
            return None
        return worker.FigureOutcome(
            figid=task.figid, ok=False, stage="ocr",
            error="the worker process died while reading this figure (out of memory, or a crash in the OCR engine)",
        )
    except Exception as exc:  # noqa: BLE001 - e.g. an outcome that cannot be sent back; keep the batch going
        return worker.FigureOutcome(figid=task.figid, ok=False, stage="ocr", error=f"{type(exc).__name__}: {exc}")


def _finish(store: Store, out: Path, summary: RunSummary, figures: Sequence[FigureInput], started: float) -> None:
    from pathfig.publish import export, publish_site

    ids = {f.figid for f in figures}
    pairs: set[tuple[str, str]] = set()
    genes: set[str] = set()
    mentions = 0
    for m in store.mentions():
        if m.figid in ids:
            mentions += 1
            pairs.add((m.figid, m.ncbigene_id))
            genes.add(m.ncbigene_id)
    summary.genes, summary.distinct_genes, summary.mentions = len(pairs), len(genes), mentions
    summary.outputs = {"store": store.path, **export(store, out)}
    publish_site(store, out / "site")  # figure pages, per-figure gene tables, figures.parquet
    summary.wall_seconds = time.perf_counter() - started
