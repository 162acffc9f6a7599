"""``pathfig run``: read a batch of figure images into gene tables (OCR → genes → store → export).

>>> from pathfig.run import run
>>> summary = run(["figures/"], "out/")          # doctest: +SKIP
>>> summary.ok, summary.outputs["genes"]          # doctest: +SKIP
"""

from pathfig.run.inputs import IMAGE_EXTENSIONS, SidecarError, collect_inputs, find_images, read_sidecar
from pathfig.run.runner import DEFAULT_ENGINE, MAX_BYTES, lexicon_version, run, sample_figures_dir
from pathfig.run.summary import RunSummary

__all__ = [
    "DEFAULT_ENGINE",
    "IMAGE_EXTENSIONS",
    "MAX_BYTES",
    "RunSummary",
    "SidecarError",
    "collect_inputs",
    "find_images",
    "lexicon_version",
    "read_sidecar",
    "run",
    "sample_figures_dir",
]
