"""Shared by the ``bench/run_*`` benchmarks: run ``pathfig run``, score, report speed and memory."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pathfig.run import RunSummary, run

__all__ = ["SHARED", "code_state", "percentile", "run_and_time", "score", "speed_report"]

#: The development data folder (``../shared`` beside the repository), overridable.
SHARED = Path(os.environ.get("PATHFIG_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def code_state() -> str:
    """The commit the code under test is at, and whether the tree had local changes."""
    repo = Path(__file__).resolve().parents[1]
    try:
        head = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no", "src"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" + uncommitted changes in src/" if dirty else "")


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0–1) by linear interpolation; 0 for no values."""
    if not values:
        return 0.0
    xs = sorted(values)
    pos = (len(xs) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def run_and_time(inputs: list[Path], out: Path, *, workers: int | None, fresh: bool,
                 threshold: float | None = 0.5, engine: str = "rapidocr") -> tuple[RunSummary, float]:
    """Run pathfig on ``inputs`` into ``out`` (emptied first when ``fresh``: no OCR cache).

    ``threshold`` is the pathway-classifier gate, 0.5 as in ``pathfig run``; None skips the
    classifier (the library default).
    """
    if fresh and out.exists():
        shutil.rmtree(out)
    t0 = time.perf_counter()
    # force: with --keep the OCR cache is reused but recognition is redone with the code under test.
    summary = run(inputs, out, workers=workers, force=True, progress=sys.stderr.isatty(),
                  pathway_threshold=threshold, engine=engine)
    return summary, time.perf_counter() - t0


def score(tool: str, *args: Path) -> str:
    """Run one of ``shared/tools/score_*.py`` and return what it prints."""
    cmd = [sys.executable, str(SHARED / "tools" / tool), *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()


def speed_report(summary: RunSummary, wall: float, out: Path) -> dict[str, Any]:
    """Per-figure wall and CPU seconds (one figure on one core), throughput, worker memory."""
    figs = [json.loads(line) for line in (out / "figures.jsonl").read_text(encoding="utf-8").splitlines()]
    done = [f for f in figs if f.get("timings", {}).get("total") is not None and f["status"] in ("ok", "failed")]
    total = [f["timings"]["total"] for f in done]
    cpu = [f["timings"]["cpu"] for f in done if "cpu" in f["timings"]]
    ocr = [f["timings"].get("ocr", 0.0) for f in done]
    ner = [f["timings"].get("ner", 0.0) for f in done]
    cls = [f["timings"]["classify"] for f in figs if "classify" in f.get("timings", {})]
    rss = sorted(summary.worker_peak_rss_mb.values())
    return {
        "figures": len(figs),
        "ok": summary.ok, "failed": summary.failed, "skipped": summary.skipped,
        "workers": summary.workers,
        "cores": os.cpu_count(),
        "wall_s": round(wall, 1),
        "figures_per_minute": round(summary.processed / wall * 60, 1) if wall and summary.processed else 0.0,
        "s_per_figure_median": round(statistics.median(total), 2) if total else 0.0,
        "s_per_figure_p90": round(percentile(total, 0.9), 2),
        "cpu_s_per_figure_median": round(statistics.median(cpu), 2) if cpu else 0.0,
        "cpu_s_per_figure_p90": round(percentile(cpu, 0.9), 2),
        "ocr_s_median": round(statistics.median(ocr), 2) if ocr else 0.0,
        "ner_s_median": round(statistics.median(ner), 3) if ner else 0.0,
        "classify_s_median": round(statistics.median(cls), 3) if cls else None,
        "not_pathway": sum(1 for f in figs if f["status"] == "not_pathway"),
        "worker_peak_rss_mb_max": round(rss[-1]) if rss else 0,
        "worker_peak_rss_mb": [round(x) for x in rss],
        "load_average_1m": round(os.getloadavg()[0], 2),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "code": code_state(),
    }
