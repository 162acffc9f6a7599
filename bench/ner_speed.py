"""Recogniser throughput on a realistic word stream (one core).

usage: python bench/ner_speed.py [--ocr-dir DIR] [--repeat N]

The stream is the OCR text of the shared development figures when an OCR directory of
``pathfig run`` is given (``OUT/ocr/*.json``), else the node labels of the shared WikiPathways
truth plus caption text of the shared figure sidecars. Reports words/s for a cold cache (every
token resolved) and a warm cache (a corpus where words repeat, as in a real run), and the
lexicon load time.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import yaml

from pathfig.lexicon.bundled import load_default_lexicon
from pathfig.lexicon.prior import load_default_prior
from pathfig.models import Word
from pathfig.ner import GeneRecognizer

SHARED = Path(__file__).resolve().parents[2] / "shared"


def stream(ocr_dir: Path | None) -> list[Word]:
    words: list[Word] = []
    line = 0
    if ocr_dir:
        for p in sorted(ocr_dir.glob("*.json")):
            for ln in json.loads(p.read_text()).get("lines", []):
                line += 1
                words += [Word(text=w, line=line) for w in ln["text"].split()]
        return words
    truth = json.loads((SHARED / "wikipathways/truth.json").read_text())
    for t in truth.values():
        for g in t["genes"]:
            line += 1
            words += [Word(text=w, line=line) for w in g["label"].split()]
    for p in sorted((SHARED / "figures").glob("*.yml")):
        meta = yaml.safe_load(p.read_text()) or {}
        for sentence in str(meta.get("caption", "")).split(". "):
            line += 1
            words += [Word(text=w, line=line) for w in sentence.split()]
    return words


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ocr-dir", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    t = time.perf_counter()
    lex = load_default_lexicon()
    t_lex = time.perf_counter() - t
    t = time.perf_counter()
    rec = GeneRecognizer(lex, prior=load_default_prior())
    t_rec = time.perf_counter() - t
    words = stream(a.ocr_dir)
    t = time.perf_counter()
    n = len(rec.recognize_words(words))
    cold = time.perf_counter() - t
    best = float("inf")
    for _ in range(a.repeat):
        t = time.perf_counter()
        rec.recognize_words(words)
        best = min(best, time.perf_counter() - t)
    print(f"lexicon load {t_lex:.2f} s, recogniser build {t_rec:.2f} s")
    print(f"stream: {len(words)} words, {len({w.text for w in words})} distinct, {n} mentions")
    print(f"cold cache: {len(words) / cold:,.0f} words/s; warm cache: {len(words) / best:,.0f} words/s")


if __name__ == "__main__":
    main()
