"""Score gene recognition on label text alone (no OCR) against the shared curated labels.

usage: python bench/ner_text.py [--lexicon PATH] [--out DIR]

Writes DIR/gold_genes.tsv (every label of ../shared/gold/gold_dev.json as one line of its
figure) and DIR/wp_genes.tsv (every node label of ../shared/wikipathways/truth.json), then
scores them with the shared tools (score_gold.py, score_wp.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from pathlib import Path

from pathfig.lexicon.bundled import load_lexicon
from pathfig.models import Word
from pathfig.ner import GeneRecognizer

SHARED = Path(__file__).resolve().parents[2] / "shared"
COLS = ["figid", "organism_id", "word", "ncbigene_id", "ncbigene_symbol", "source"]


def write(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(COLS)
        w.writerows(rows)


def run(rec: GeneRecognizer, docs: dict[str, list[str]]) -> list[list[str]]:
    rows = []
    for figid, labels in docs.items():
        words = [Word(text=t, line=i) for i, lab in enumerate(labels) for t in lab.split()]
        for m in rec.recognize_words(words):
            rows.append([figid, m.organism_id, m.word, m.ncbigene_id, m.ncbigene_symbol, m.source])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lexicon", default=None)
    ap.add_argument("--out", default="bench/out/ner_text")
    ap.add_argument("--shared", default=str(SHARED))
    a = ap.parse_args()
    shared = Path(a.shared)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    rec = GeneRecognizer.default() if a.lexicon is None else GeneRecognizer.from_path(a.lexicon)
    print(f"recogniser ready in {time.perf_counter() - t:.2f} s")
    gold = json.loads((shared / "gold/gold_dev.json").read_text(encoding="utf-8"))
    gdocs = {f: [lab["text"] for lab in g["labels"]] for f, g in gold.items()}
    write(out / "gold_genes.tsv", run(rec, gdocs))
    truth = json.loads((shared / "wikipathways/truth.json").read_text(encoding="utf-8"))
    wdocs = {f: [g["label"] for g in t["genes"]] for f, t in truth.items()}
    write(out / "wp_genes.tsv", run(rec, wdocs))
    tools = shared / "tools"
    for cmd in (
        [sys.executable, tools / "score_gold.py", shared / "gold/gold_dev.json", shared / "gold/hgnc_entries.tsv", out / "gold_genes.tsv"],
        [sys.executable, tools / "score_wp.py", shared / "wikipathways/truth.json", out / "wp_genes.tsv"],
    ):
        res = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=True)
        print(res.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
