"""The result of a run: counts, timings, failures and where the outputs are."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["RunSummary"]


@dataclass(slots=True, kw_only=True)
class RunSummary:
    """What :func:`pathfig.run.run` did.

    ``ok``/``failed`` count figures processed in this run; ``skipped`` counts figures already
    done by an earlier run (same content, engine, lexicon and pathfig versions); ``rejected``
    counts images that could not take a figure id (see ``problems``).
    """

    out_dir: Path
    images: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    rejected: int = 0
    #: Of ``ok``: figures the classifier scored below the threshold, so not read.
    not_pathway: int = 0
    #: (figure, gene) pairs and mentions over this run's figures whose status is ok.
    genes: int = 0
    mentions: int = 0
    #: Distinct NCBI Gene ids over the same figures.
    distinct_genes: int = 0
    workers: int = 1
    wall_seconds: float = 0.0
    #: Worker seconds (OCR + recognition) of each figure processed in this run.
    figure_seconds: list[float] = field(default_factory=list)
    #: Peak resident memory of each worker process, MB, by process id.
    worker_peak_rss_mb: dict[int, float] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    interrupted: bool = False

    @property
    def processed(self) -> int:
        return self.ok + self.failed

    @property
    def done(self) -> int:
        """Figures of this run that now have results (ok now or skipped as already ok)."""
        return self.ok + self.skipped

    @property
    def all_failed(self) -> bool:
        """True when images were given but not one figure has results."""
        return self.images > 0 and self.done == 0

    @property
    def seconds_per_figure(self) -> float:
        """Wall seconds per processed figure, all workers together (throughput)."""
        return self.wall_seconds / self.processed if self.processed else 0.0

    @property
    def median_figure_seconds(self) -> float:
        """Median worker seconds per figure (one figure on one core)."""
        return statistics.median(self.figure_seconds) if self.figure_seconds else 0.0

    def lines(self, *, max_failures: int = 10) -> list[str]:
        """The summary as lines of text, for the command line."""
        out = [
            f"figures: {self.ok} ok, {self.failed} failed, {self.skipped} skipped (already done)"
            + (f", {self.rejected} rejected" if self.rejected else "")
            + f" — {self.images} images",
            f"genes: {self.genes} figure-gene pairs ({self.distinct_genes} distinct), {self.mentions} mentions",
        ]
        if self.not_pathway:
            out.insert(1, f"not pathway figures: {self.not_pathway} of the ok (pathway score below the threshold: "
                          "not read; --all reads them)")
        if self.processed:
            out.append(
                f"time: {self.wall_seconds:.1f} s, {self.seconds_per_figure:.2f} s/figure with {self.workers} "
                f"worker(s); median {self.median_figure_seconds:.2f} s/figure per worker"
            )
        shown = (self.problems + self.failures)[:max_failures]
        for figid, error in shown:
            out.append(f"  ✗ {figid}: {error}")
        hidden = len(self.problems) + len(self.failures) - len(shown)
        if hidden > 0:
            out.append(f"  … and {hidden} more (see figures.jsonl)")
        if self.interrupted:
            out.append("interrupted: re-run the same command to finish")
        if self.outputs:
            out.append("outputs:")
            out.extend(f"  {_label(name)}: {path}" for name, path in self.outputs.items())
        return out


def _label(name: str) -> str:
    """``gmt:Mus_musculus`` → ``gmt (Mus musculus)``, ``gmt_chemicals:…`` → ``chemical gmt (…)``."""
    kind, _, organism = name.partition(":")
    if not organism:
        return name
    return f"{'chemical gmt' if kind == 'gmt_chemicals' else kind} ({organism.replace('_', ' ')})"
