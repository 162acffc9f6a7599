"""Score gene recognition on label text alone (no OCR) against the shared curated labels.

usage: python bench/ner_text.py [--lexicon PATH] [--out DIR] [--set OPTION=VALUE ...] [--ocr-dir DIR]
                                [--wp-ocr-dir NAME=DIR ...]

``--set`` changes one field of ``pathfig.ner.Options`` (e.g. ``--set stoplist=False``) to measure
a rule's effect. ``--ocr-dir`` (a ``pathfig run`` output's ``ocr/``) also scores the gold
figures from every OCR word instead of the curated label text; ``--wp-ocr-dir`` does the same for
WikiPathways renders (e.g. ``png=bench/out/wikipathways/png/ocr``). OCR words go through what
``pathfig run``'s worker does (recognition, then ``annotate_figure`` with the figure's sidecar
metadata from ../shared/figures), so the scores are those of a run with the same OCR.

Writes DIR/gold_genes.tsv (every label of ../shared/gold/gold_dev.json as one line of its
figure) and DIR/wp_genes.tsv (every node label of ../shared/wikipathways/truth.json), then
scores them with the shared tools (score_gold.py, score_wp.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from pathfig.lexicon.bundled import load_lexicon
from pathfig.models import Box, Word
from pathfig.ner import GeneRecognizer, Options
from pathfig.ner.annotate import HUMAN, Annotator, annotate_figure
from pathfig.records import repair_metadata
from pathfig.run.inputs import read_sidecar

SHARED = Path(os.environ.get("PATHFIG_SHARED", Path(__file__).resolve().parents[2] / "shared"))
COLS = ["figid", "organism_id", "word", "ncbigene_id", "ncbigene_symbol", "source"]


def write(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(COLS)
        w.writerows(rows)


def run(rec: GeneRecognizer, docs: dict[str, list[str]]) -> list[list[str]]:
    rows = []
    for figid, labels in docs.items():
        words = [Word(text=t, line=i) for i, lab in enumerate(labels) for t in lab.split()]
        for m in rec.recognize_words(words):
            rows.append([figid, m.organism_id, m.word, m.ncbigene_id, m.ncbigene_symbol, m.source])
    return rows


def ocr_words(path: Path) -> tuple[str, list[Word]]:
    """A ``pathfig run`` ocr/<figid>.json: the figure id and its words (line numbers as read)."""
    d = json.loads(path.read_text(encoding="utf-8"))
    words = [Word(text=w["text"], line=w["line"], box=Box(*w["box"]) if w.get("box") else None,
                  confidence=w.get("confidence", 1.0)) for w in d.get("words", [])]
    return d.get("figid", path.stem), words


def run_ocr(rec: GeneRecognizer, annotator: Annotator, ocr_dir: Path, meta_dir: Path | None) -> list[list[str]]:
    """Recognise genes in OCR words as pathfig run's worker does: recognise, then annotate."""
    rows = []
    for p in sorted(ocr_dir.glob("*.json")):
        figid, words = ocr_words(p)
        meta: dict = {}
        if meta_dir is not None and (meta_dir / f"{figid}.yml").exists():
            meta = repair_metadata(read_sidecar(meta_dir / f"{figid}.yml"))
        mentions = rec.recognize_words(words)
        genes = annotate_figure({**meta, "figid": figid}, words, mentions, annotator=annotator).genes
        for m in genes:
            rows.append([figid, m.organism_id, m.word, m.ncbigene_id, m.ncbigene_symbol, m.source])
    return rows


def score(cmd: list) -> str:
    res = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=True)
    return res.stdout.strip().splitlines()[-1]


def _option(kv: str) -> tuple[str, object]:
    key, _, value = kv.partition("=")
    if value in ("True", "False"):
        return key, value == "True"
    try:
        return key, float(value) if "." in value else int(value)
    except ValueError:
        return key, value


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lexicon", default=None)
    ap.add_argument("--out", default="bench/out/ner_text")
    ap.add_argument("--shared", default=str(SHARED))
    ap.add_argument("--set", action="append", default=[], help="Options field=value")
    ap.add_argument("--ocr-dir", type=Path, default=None, help="gold figures' OCR words (ocr/*.json)")
    ap.add_argument("--wp-ocr-dir", action="append", default=[], help="NAME=DIR: WikiPathways OCR words")
    ap.add_argument("--no-labels", action="store_true", help="skip the label-text columns")
    a = ap.parse_args()
    shared = Path(a.shared)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    opts = Options(**dict(_option(kv) for kv in a.set))
    rec = GeneRecognizer.default(opts) if a.lexicon is None else GeneRecognizer.from_path(a.lexicon, opts)
    print(f"recogniser ready in {time.perf_counter() - t:.2f} s")
    tools = shared / "tools"
    gold_cmd = [sys.executable, tools / "score_gold.py", shared / "gold/gold_dev.json", shared / "gold/hgnc_entries.tsv"]
    wp_cmd = [sys.executable, tools / "score_wp.py", shared / "wikipathways/truth.json"]
    if not a.no_labels:
        gold = json.loads((shared / "gold/gold_dev.json").read_text(encoding="utf-8"))
        gdocs = {f: [lab["text"] for lab in g["labels"]] for f, g in gold.items()}
        write(out / "gold_genes.tsv", run(rec, gdocs))
        truth = json.loads((shared / "wikipathways/truth.json").read_text(encoding="utf-8"))
        wdocs = {f: [g["label"] for g in t["genes"]] for f, t in truth.items()}
        write(out / "wp_genes.tsv", run(rec, wdocs))
        print("gold labels:", score([*gold_cmd, out / "gold_genes.tsv"]))
        print("WP labels:  ", score([*wp_cmd, out / "wp_genes.tsv"]))
    if a.ocr_dir or a.wp_ocr_dir:
        annotator = Annotator.default()
        annotator._genes[HUMAN] = rec  # the options under test everywhere, as in a run with them
    if a.ocr_dir:
        write(out / "ocr_genes.tsv", run_ocr(rec, annotator, a.ocr_dir, shared / "figures"))
        print("gold OCR:   ", score([*gold_cmd, out / "ocr_genes.tsv"]))
    for kv in a.wp_ocr_dir:
        name, _, d = kv.partition("=")
        write(out / f"wp_{name}_genes.tsv", run_ocr(rec, annotator, Path(d), None))
        print(f"WP OCR {name}:", score([*wp_cmd, out / f"wp_{name}_genes.tsv"]))


if __name__ == "__main__":
    main()
