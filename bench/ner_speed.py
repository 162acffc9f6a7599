"""Recogniser throughput on a realistic word stream (one core).

usage: python bench/ner_speed.py [--ocr-dir DIR ...] [--repeat N]

The stream is the OCR words of ``pathfig run`` outputs when OCR directories are given
(``OUT/ocr/*.json``, with boxes and lines, recognised figure by figure as the run does), else
the node labels of the shared WikiPathways truth plus caption text of the shared figure
sidecars. Reports words/s for one pass from an empty cache (every distinct token resolved
once) and for later passes (the steady state of a worker whose cache already holds the
corpus's words), and the lexicon load time. The recogniser is prepared first
(``GeneRecognizer.prepare``: indexes built before ``pathfig run``'s workers fork), so the empty-cache
pass measures resolving words, not building those indexes.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import time
from pathlib import Path

import yaml

from pathfig.lexicon.bundled import load_default_lexicon
from pathfig.lexicon.prior import load_default_prior
from pathfig.models import Box, Word
from pathfig.ner import GeneRecognizer

SHARED = Path(os.environ.get("PATHFIG_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def stream(ocr_dirs: list[Path]) -> list[list[Word]]:
    """Documents as the run sees them: one word list per figure (or per text block)."""
    docs: list[list[Word]] = []
    if ocr_dirs:
        for d in ocr_dirs:
            for p in sorted(d.glob("*.json")):
                docs.append([
                    Word(text=w["text"], line=w["line"], box=Box(*w["box"]) if w.get("box") else None)
                    for w in json.loads(p.read_text()).get("words", [])
                ])
        return docs
    truth = json.loads((SHARED / "wikipathways/truth.json").read_text())
    for t in truth.values():
        docs.append([Word(text=w, line=i) for i, g in enumerate(t["genes"]) for w in g["label"].split()])
    for p in sorted((SHARED / "figures").glob("*.yml")):
        meta = yaml.safe_load(p.read_text()) or {}
        sentences = str(meta.get("caption", "")).split(". ")
        docs.append([Word(text=w, line=i) for i, s in enumerate(sentences) for w in s.split()])
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ocr-dir", type=Path, action="append", default=[], help="repeatable")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    t = time.perf_counter()
    lex = load_default_lexicon()
    t_lex = time.perf_counter() - t
    t = time.perf_counter()
    rec = GeneRecognizer(lex, prior=load_default_prior())
    t_rec = time.perf_counter() - t
    t = time.perf_counter()
    rec.prepare()   # as `pathfig run` does before its workers fork (runner._resolve_lexicon)
    t_prep = time.perf_counter() - t
    docs = stream(a.ocr_dir)
    gc.freeze()   # as `pathfig run` does before its workers fork (runner._new_pool)
    n_words = sum(len(d) for d in docs)
    t = time.perf_counter()
    n = sum(len(rec.recognize_words(d)) for d in docs)
    cold = time.perf_counter() - t
    best = float("inf")
    for _ in range(a.repeat):
        t = time.perf_counter()
        for d in docs:
            rec.recognize_words(d)
        best = min(best, time.perf_counter() - t)
    distinct = len({w.text for d in docs for w in d})
    print(f"lexicon load {t_lex:.2f} s, recogniser build {t_rec:.2f} s, prepare {t_prep:.2f} s")
    print(f"stream: {len(docs)} documents, {n_words} words, {distinct} distinct, {n} mentions")
    print(f"cold cache: {n_words / cold:,.0f} words/s; warm cache: {n_words / best:,.0f} words/s")

if __name__ == "__main__":
    main()
