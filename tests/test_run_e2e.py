"""End to end: ``pathfig run`` on a bundled sample figure with the real RapidOCR and lexicon.

One figure, one worker: about the time of loading the OCR models and the lexicon (a few
seconds). The sample is drawn by ``scripts/make_samples.py``; its sidecar lists the genes drawn.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml

from pathfig.run import run, sample_figures_dir

pytestmark = pytest.mark.e2e


def test_sample_figure_end_to_end(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("egfr_ras_mapk.png", "egfr_ras_mapk.yml"):
        shutil.copy(sample_figures_dir() / name, src / name)
    (src / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")

    summary = run([src], tmp_path / "out", workers=1, progress=False)

    assert (summary.ok, summary.failed) == (1, 1)
    assert summary.failures[0][0] == "broken" and str(src / "broken.jpg") in summary.failures[0][1]
    meta = yaml.safe_load((src / "egfr_ras_mapk.yml").read_text(encoding="utf-8"))
    with open(tmp_path / "out" / "genes.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert {r["figid"] for r in rows} == {meta["figid"]}
    found = {r["ncbigene_symbol"] for r in rows}
    # The plainly written single-gene labels must all be read and recognised.
    assert {"EGFR", "GRB2", "SOS1", "KRAS", "RAF1", "MAP2K1", "ELK1", "MYC", "DUSP6"} <= found
    assert found & {"MAPK1", "MAPK3"}  # "ERK1/2"
    assert found <= set(meta["expected_genes"])  # nothing that is not drawn
    egfr = next(r for r in rows if r["word"] == "EGFR")
    # The EGFR box is drawn around (380, 150) in a 760 × 520 image.
    assert 330 < float(egfr["x0"]) < 380 < float(egfr["x1"]) < 430 and 130 < float(egfr["y0"]) < 150
    gmt = (tmp_path / "out" / "gmt" / "pathfig-Homo_sapiens.gmt").read_text(encoding="utf-8")
    assert gmt.startswith(f"{meta['figid']}\t{meta['figtitle']}\t")
    assert (tmp_path / "out" / "ocr" / f"{meta['figid']}.json").is_file()

    again = run([src], tmp_path / "out", workers=1, progress=False)
    assert (again.ok, again.skipped, again.failed) == (0, 1, 1)
