"""Break the gold misses of a ``pathfig run`` down by cause.

usage: python bench/miss_breakdown.py RUN_DIR [--shared ../shared] [--examples N] [--genes TSV] [--ocr-dir DIR]

``--genes``/``--ocr-dir`` take the gene table and OCR words from elsewhere than ``RUN_DIR``
(e.g. ``bench/out/ner_text/ocr_genes.tsv`` of ``bench/ner_text.py --ocr-dir``).

For every gold unit (a gene label's gene, or a whole family label) of the scored figures in
``gold_dev.json`` that ``RUN_DIR/genes.tsv`` does not find:

- ``not read``: the label's text (upper-cased, letters and digits only) is in no OCR line;
- ``read, split``: it appears only across the joined text of several lines;
- ``read, wrong gene``: an OCR word containing it was recognised, but as other genes;
- ``read, not recognised``: it is in an OCR line and no mention came from that text.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import re
from pathlib import Path

SHARED = Path(os.environ.get("PATHFIG_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def norm(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def ocr_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    d = json.loads(path.read_text(encoding="utf-8"))
    by_line: dict[int, list[str]] = collections.defaultdict(list)
    for w in d.get("words", []):
        by_line[w["line"]].append(w["text"])
    return [" ".join(v) for _, v in sorted(by_line.items())]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("run_dir", type=Path)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--examples", type=int, default=15)
    ap.add_argument("--genes", type=Path, default=None)
    ap.add_argument("--ocr-dir", type=Path, default=None)
    a = ap.parse_args()
    genes_tsv = a.genes or a.run_dir / "genes.tsv"
    ocr_dir = a.ocr_dir or a.run_dir / "ocr"
    by_id = {}
    with open(a.shared / "gold/hgnc_entries.tsv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            by_id[r["NCBI Gene ID(supplied by NCBI)"]] = r["Approved symbol"].upper()
    found: dict[str, set[str]] = collections.defaultdict(set)
    words: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    with open(genes_tsv, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if r.get("organism_id", "9606") not in ("9606", ""):
                continue
            sym = by_id.get(r["ncbigene_id"], r["ncbigene_symbol"].upper())
            found[r["figid"]].add(sym)
            words[r["figid"]].append((norm(r["word"]), sym))
    gold = json.loads((a.shared / "gold/gold_dev.json").read_text(encoding="utf-8"))
    counts: collections.Counter[str] = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for figid, g in sorted(gold.items()):
        if not g.get("scored"):
            continue
        lines = [norm(x) for x in ocr_lines(ocr_dir / f"{figid}.json")]
        blob = "".join(lines)
        for lab in g["labels"]:
            genes = {s.upper() for s in lab["genes"]}
            units = [genes] if lab["kind"] == "family" else [{s} for s in genes]
            t = norm(lab["text"])
            for unit in units:
                if unit & found[figid]:
                    counts["found"] += 1
                    continue
                if t and any(t in x for x in lines):
                    wrong = [s for w, s in words[figid] if t and t in w]
                    cause = "read, wrong gene" if wrong else "read, not recognised"
                elif t and t in blob:
                    cause = "read, split"
                else:
                    cause = "not read"
                counts[cause] += 1
                examples[cause].append(f"{figid.split('__')[0]}:{lab['text']}")
    total = sum(counts.values())
    for cause in ("found", "not read", "read, not recognised", "read, wrong gene", "read, split"):
        n = counts[cause]
        print(f"{cause:22s} {n:4d}  {n / max(total, 1):.1%}")
        if cause != "found" and examples[cause]:
            print("    e.g. " + ", ".join(examples[cause][: a.examples]))


if __name__ == "__main__":
    main()
