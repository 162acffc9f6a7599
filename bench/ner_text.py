"""Score gene recognition on label text alone (no OCR) against the shared curated labels.

usage: python bench/ner_text.py [--lexicon PATH] [--out DIR] [--set OPTION=VALUE ...] [--ocr-dir DIR]

``--set`` changes one field of ``pathfig.ner.Options`` (e.g. ``--set stoplist=False``) to measure
a rule's effect. ``--ocr-dir`` (a ``pathfig run`` output's ``ocr/``) also scores the gold
figures from every OCR word instead of the curated label text.

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
from pathfig.ner import GeneRecognizer, Options

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
    ap.add_argument("--ocr-dir", type=Path, default=None)
    a = ap.parse_args()
    shared = Path(a.shared)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    opts = Options(**dict(_option(kv) for kv in a.set))
    rec = GeneRecognizer.default(opts) if a.lexicon is None else GeneRecognizer.from_path(a.lexicon, opts)
    print(f"recogniser ready in {time.perf_counter() - t:.2f} s")
    gold = json.loads((shared / "gold/gold_dev.json").read_text(encoding="utf-8"))
    gdocs = {f: [lab["text"] for lab in g["labels"]] for f, g in gold.items()}
    write(out / "gold_genes.tsv", run(rec, gdocs))
    truth = json.loads((shared / "wikipathways/truth.json").read_text(encoding="utf-8"))
    wdocs = {f: [g["label"] for g in t["genes"]] for f, t in truth.items()}
    write(out / "wp_genes.tsv", run(rec, wdocs))
    tools = shared / "tools"
    cmds = []
    if a.ocr_dir:
        odocs = {}
        for p in sorted(a.ocr_dir.glob("*.json")):
            d = json.loads(p.read_text(encoding="utf-8"))
            if "lines" in d:
                odocs[p.stem] = [ln["text"] for ln in d["lines"]]
            else:  # pathfig run's ocr/<figid>.json: words with their line numbers
                by_line: dict[int, list[str]] = {}
                for w in d.get("words", []):
                    by_line.setdefault(w["line"], []).append(w["text"])
                odocs[d.get("figid", p.stem)] = [" ".join(v) for _, v in sorted(by_line.items())]
        write(out / "ocr_genes.tsv", run(rec, odocs))
        cmds.append([sys.executable, tools / "score_gold.py", shared / "gold/gold_dev.json", shared / "gold/hgnc_entries.tsv", out / "ocr_genes.tsv"])
    for cmd in (
        [sys.executable, tools / "score_gold.py", shared / "gold/gold_dev.json", shared / "gold/hgnc_entries.tsv", out / "gold_genes.tsv"],
        [sys.executable, tools / "score_wp.py", shared / "wikipathways/truth.json", out / "wp_genes.tsv"],
        *cmds,
    ):
        res = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=True)
        print(res.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
