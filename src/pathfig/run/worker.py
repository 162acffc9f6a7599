"""What runs inside a worker process: read one figure (OCR → gene recognition) and return it.

Workers never touch the store; they return a :class:`FigureOutcome` and the parent writes it.
Each worker loads the OCR model and the lexicon once (:func:`init_worker`) and uses one thread,
because parallelism comes from the processes: N workers × N threads would oversubscribe the cores.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import resource
import signal
import sys
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pathfig.errors import PathfigError
from pathfig.models import Mention, OcrResult, Word

if TYPE_CHECKING:
    from pathfig.lexicon import Lexicon

__all__ = [
    "THREAD_ENV_VARS",
    "FigureOutcome",
    "FigureTask",
    "annotate",
    "classify_figure",
    "engine_version",
    "init_worker",
    "limit_threads",
    "ocr_figure",
    "process_figure",
    "recognize",
    "recognizer",
    "release_memory",
    "warm_annotator",
    "warm_up",
]

logger = logging.getLogger(__name__)

#: Variables that cap the thread pools of OpenMP, BLAS and onnxruntime's OpenMP builds.
THREAD_ENV_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureTask:
    """One figure to read, as sent to a worker."""

    figid: str
    path: str
    engine: str = "rapidocr"
    cache_dir: str | None = None
    #: The figure's sidecar metadata (title, caption...): organism inference and entities read it.
    metadata: dict[str, Any] = field(default_factory=dict)
    #: Classify first and skip figures scoring below this (None: do not classify).
    pathway_threshold: float | None = None
    #: Classify (the score is stored) but read figures below the threshold too.
    read_all: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureOutcome:
    """What a worker returns: the words and mentions of one figure, or where and why it failed."""

    figid: str
    ok: bool
    error: str = ""
    stage: str = ""                 # "ocr" or "ner" when it failed
    words: tuple[Word, ...] = ()
    mentions: tuple[Mention, ...] = ()
    width: int = 0
    height: int = 0
    engine: str = ""
    engine_version: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    pid: int = 0
    peak_rss_mb: float = 0.0
    #: Organism inference (pathfig.ner.annotate): ranked organisms, every candidate, lexicons used.
    organisms: tuple[dict[str, Any], ...] = ()
    organism_candidates: tuple[dict[str, Any], ...] = ()
    lexicons: dict[str, str] = field(default_factory=dict)
    #: Chemicals and diseases in the figure's words and its title/caption (EntityMention objects).
    entities: tuple[Any, ...] = ()
    #: P(pathway figure) when the task asked for classification (pathfig.classify).
    automl_pathway: float | None = None
    #: Scored below the threshold: not read (no words, no mentions).
    not_pathway: bool = False


# Per-process state set by init_worker (or directly, when the run uses this process).
_STATE: dict[str, Any] = {"lexicon": None, "engine": "rapidocr"}
# Recognisers built in this process, by lexicon spec (id() for objects, kept alive alongside).
_RECOGNIZERS: dict[object, tuple[object, Any]] = {}


def limit_threads(n: int = 1) -> None:
    """Cap numeric thread pools of this process (and of processes it starts) at ``n``."""
    for var in THREAD_ENV_VARS:
        os.environ[var] = str(n)


def ocr_figure(path: str, *, engine: str, cache_dir: str | None) -> OcrResult:
    """The OCR stage (a seam: tests replace it with a fake)."""
    from pathfig.ocr import ocr_image

    return ocr_image(path, engine=engine, cache_dir=cache_dir)


def classify_figure(path: str) -> tuple[float, int, int]:
    """The classify stage (a seam: tests replace it with a fake): score, image width and height."""
    from pathfig.classify import default_classifier
    from pathfig.ocr.images import load_image

    rgb = load_image(path)
    return default_classifier().score(rgb), int(rgb.shape[1]), int(rgb.shape[0])


def recognizer(lexicon: Lexicon | str | None) -> Any:
    """The gene recogniser for a lexicon spec, built once per process."""
    from pathfig.ner import GeneRecognizer, default_recognizer

    if lexicon is None:
        return default_recognizer()
    key: object = lexicon if isinstance(lexicon, str) else id(lexicon)
    hit = _RECOGNIZERS.get(key)
    if hit is None:
        # A file gets the literature prior that goes with its organism; an object is used as is.
        rec = GeneRecognizer.from_path(lexicon) if isinstance(lexicon, str) else GeneRecognizer(lexicon)
        hit = _RECOGNIZERS[key] = (lexicon, rec)
    return hit[1]


def recognize(words: Sequence[Word], lexicon: Lexicon | str | None) -> list[Mention]:
    """The gene-recognition stage (a seam: tests replace it with a fake)."""
    return list(recognizer(lexicon).recognize_words(words))


def annotate(task: FigureTask, words: Sequence[Word], mentions: Sequence[Mention], lexicon: Lexicon | str | None) -> Any:
    """Organisms, genes in their lexicons, chemicals, diseases (a seam: tests replace it).

    With the default lexicon, a figure about human keeps ``mentions`` as they are; with a lexicon
    the user chose, ``mentions`` are kept whatever the figure's organisms.
    """
    from pathfig.ner.annotate import annotate_figure

    return annotate_figure({**task.metadata, "figid": task.figid}, words, mentions,
                           explicit_lexicon=lexicon is not None)


def warm_annotator() -> str:
    """Build the annotator now, in the parent (forked workers inherit it); returns its data version."""
    from pathfig.ner.annotate import annotation_version, default_annotator

    default_annotator()
    return annotation_version()


def engine_version(engine: str) -> str:
    """The version of an OCR engine (libraries, models, settings), without loading its model."""
    from pathfig.ocr import get_engine

    return str(get_engine(engine).version)


def warm_up(engine: str) -> None:
    """Load the OCR model now, once per worker, rather than inside the first figure's timing."""
    import numpy as np
    from PIL import Image, ImageDraw

    from pathfig.ocr import get_engine

    # A word to read, so every model (detection, direction, recognition) loads; a blank image
    # would stop after detection.
    img = Image.new("RGB", (160, 48), "white")
    ImageDraw.Draw(img).text((20, 12), "EGFR", fill="black", font_size=20)
    try:
        get_engine(engine).read(np.asarray(img))
    except Exception as exc:  # noqa: BLE001 - the first figure will report the real error
        logger.debug("OCR warm-up failed: %s", exc)


def init_worker(engine: str, lexicon: Lexicon | str | None) -> None:
    """Process initializer: one thread, ignore Ctrl-C (the parent handles it), load models once."""
    limit_threads(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _STATE["engine"] = engine
    _STATE["lexicon"] = lexicon
    warm_up(engine)


_TRIM: Any = None


def release_memory() -> None:
    """Hand the heap the last figure freed back to the OS (glibc's ``malloc_trim``; no-op elsewhere).

    The OCR detector needs ~200 bytes per input pixel (~700 MB for a 1900-px figure); freed, that
    memory stays in the process as fragments, and over a run the worker's footprint creeps up by
    hundreds of MB (measured on 54 WikiPathways renders: 620 → 916 MB between figures untrimmed,
    ~400 MB trimmed).
    """
    global _TRIM
    if _TRIM is None:
        try:
            _TRIM = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _TRIM = False
    if _TRIM:
        _TRIM(0)


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, PathfigError):
        return str(exc)
    # Unexpected: keep the type (and the last frame) so the store says what broke where.
    tb = traceback.extract_tb(exc.__traceback__)
    where = f" (at {tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno})" if tb else ""
    return f"{type(exc).__name__}: {exc}{where}"


def _words_of(result: OcrResult) -> tuple[Word, ...]:
    # The line index comes from the result's structure, so it is right whatever the engine set.
    out: list[Word] = []
    for i, line in enumerate(result.lines):
        out.extend(w if w.line == i else replace(w, line=i) for w in line.words)
    return tuple(out)


def process_figure(task: FigureTask) -> FigureOutcome:
    """Read one figure. Never raises for a bad figure: the outcome carries the error."""
    release_memory()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    # CPU seconds too: on a busy machine wall time per figure says more about the machine.
    cpu_start = time.process_time()
    base = {"figid": task.figid, "pid": os.getpid()}
    score: float | None = None
    if task.pathway_threshold is not None:
        from pathfig.ocr.images import ImageFileError

        try:
            score, width, height = classify_figure(task.path)
        except ImageFileError:
            pass  # unreadable: the OCR stage reports it as it always has
        except Exception as exc:  # noqa: BLE001 - recorded per figure; the batch goes on
            timings["classify"] = timings["total"] = round(time.perf_counter() - start, 4)
            logger.debug("[%s] classification failed", task.figid, exc_info=True)
            return FigureOutcome(ok=False, stage="classify", error=_error_text(exc), timings=timings,
                                 peak_rss_mb=_peak_rss_mb(), **base)
        timings["classify"] = round(time.perf_counter() - start, 4)
        if score is not None and score < task.pathway_threshold and not task.read_all:
            timings["total"] = timings["classify"]
            timings["cpu"] = round(time.process_time() - cpu_start, 4)
            return FigureOutcome(ok=True, not_pathway=True, automl_pathway=score, width=width, height=height,
                                 timings=timings, peak_rss_mb=_peak_rss_mb(), **base)
    ocr_start = time.perf_counter()
    try:
        result = ocr_figure(task.path, engine=task.engine, cache_dir=task.cache_dir)
    except Exception as exc:  # noqa: BLE001 - recorded per figure; the batch goes on
        timings["ocr"] = round(time.perf_counter() - ocr_start, 4)
        timings["total"] = round(time.perf_counter() - start, 4)
        logger.debug("[%s] OCR failed", task.figid, exc_info=True)
        return FigureOutcome(ok=False, stage="ocr", error=_error_text(exc), timings=timings,
                             peak_rss_mb=_peak_rss_mb(), **base)
    t_ocr = time.perf_counter()
    timings["ocr"] = round(t_ocr - ocr_start, 4)
    words = _words_of(result)
    try:
        mentions = tuple(recognize(words, _STATE["lexicon"]))
        ann = annotate(task, words, mentions, _STATE["lexicon"])
        if ann is not None:
            mentions = tuple(ann.genes)
    except Exception as exc:  # noqa: BLE001
        timings["ner"] = round(time.perf_counter() - t_ocr, 4)
        timings["total"] = round(time.perf_counter() - start, 4)
        logger.debug("[%s] recognition failed", task.figid, exc_info=True)
        return FigureOutcome(ok=False, stage="ner", error=_error_text(exc), timings=timings,
                             peak_rss_mb=_peak_rss_mb(), **base)
    end = time.perf_counter()
    timings["ner"] = round(end - t_ocr, 4)
    timings["total"] = round(end - start, 4)
    timings["cpu"] = round(time.process_time() - cpu_start, 4)
    extra: dict[str, Any] = {}
    if ann is not None:
        extra = {"organisms": tuple(o.to_dict() for o in ann.organisms.organisms),
                 "organism_candidates": tuple(o.to_dict() for o in ann.organisms.candidates),
                 "lexicons": dict(ann.lexicons), "entities": (*ann.chemicals, *ann.diseases)}
    return FigureOutcome(
        ok=True, words=words, mentions=mentions, width=result.width, height=result.height,
        engine=result.engine, engine_version=result.engine_version, timings=timings,
        peak_rss_mb=_peak_rss_mb(), automl_pathway=score, **base, **extra,
    )
