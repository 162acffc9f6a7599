"""Score organism inference on the curated organisms of ../shared/gold/organisms_dev.tsv (text only).

usage: python bench/organisms.py [--tsv PATH] [--errors N] [--set OPTION=VALUE ...] [--no-genes]

Each record's figure title, caption and paper title go through the same code as
``pathfig annotate-text`` (species mentions, human-disease context, genes spelled in an
organism's own case). Curated labels are normalised to NCBI taxa with the same taxonomy names
(``C. elegans``, ``Oryza sativa L.`` → 4530, ``Yeast`` → 4932; genus labels such as
``Drosophila`` → the genus' model species as pathfig names it). Records curated ``XXX``
(non-human, unnamed), ``REJECT`` (not a pathway), ``Plants`` or ``Microbes`` are skipped.

Metrics:
- exact-set accuracy: the predicted organism set equals the curated set (named-species records);
- non-human recall: on records curated without Homo sapiens, the predicted set holds every
  curated species (``exact`` also reported: and nothing else);
- always-human baseline for comparison.
"""

from __future__ import annotations

import argparse
import collections
import csv
import os
import sys
import time
from pathlib import Path

from pathfig.ner.annotate import Annotator
from pathfig.ner.organisms import OrganismOptions
from pathfig.ner.species import SpeciesFinder

SHARED = Path(os.environ.get("PATHFIG_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SKIP = {"XXX", "REJECT", "Plants", "Microbes"}
# Upstream typos in the curated labels (the species is clear).
TYPOS = {"Drosophlia melanogaster": "Drosophila melanogaster"}


def label_taxa(label: str, finder: SpeciesFinder) -> frozenset[str]:
    """NCBI taxa of a curated label such as ``Homo sapiens, C. elegans``; unknown names stay as text."""
    out = set()
    for raw in label.split(","):
        name = TYPOS.get(raw.strip(), raw.strip())
        if not name:
            continue
        words = name.split()
        if len(words) > 2 and words[0][0].isupper():
            name = " ".join(words[:2])  # authority or strain: "Oryza sativa L.", "Arthrospira platensis C1"
        hits = finder.find_fields({"figtitle": name}) or finder.find_fields({"figtitle": name.lower()})
        if len(words) == 2 and words[1][0].isupper() and not hits:  # "Xenopus Oocyte"
            hits = finder.find_fields({"figtitle": words[0]})
        taxa = {m.taxon_id for m in hits if m.kind not in ("context",)}
        if not taxa:
            genus = finder.taxonomy.species(name)
            if genus:
                taxa = {f"genus:{name}"}
        out |= taxa or {f"?{name}"}
    return frozenset(out)


def _option(kv: str) -> tuple[str, object]:
    key, _, value = kv.partition("=")
    if value in ("True", "False"):
        return key, value == "True"
    try:
        return key, float(value) if "." in value else int(value)
    except ValueError:
        return key, value


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tsv", type=Path, default=SHARED / "gold/organisms_dev.tsv")
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong records")
    ap.add_argument("--set", action="append", default=[], help="OrganismOptions field=value")
    ap.add_argument("--no-genes", action="store_true", help="species and context words only, no gene evidence")
    a = ap.parse_args()
    opts = OrganismOptions(**dict(_option(kv) for kv in a.set))
    t0 = time.perf_counter()
    annotator = Annotator.default(organism_options=opts, gene_evidence=not a.no_genes, entities=False)
    finder = SpeciesFinder.default()
    print(f"annotator ready in {time.perf_counter() - t0:.2f} s")
    rows = list(csv.DictReader(open(a.tsv, encoding="utf-8"), delimiter="\t"))
    n = ok = base = nh = nh_hit = nh_exact = 0
    errors = []
    t1 = time.perf_counter()
    confusion: collections.Counter[tuple[str, str]] = collections.Counter()
    for r in rows:
        label = r["organism"].strip()
        if label in SKIP:
            continue
        truth = label_taxa(label, finder)
        result = annotator.organisms({k: r.get(k, "") for k in ("figtitle", "caption", "papertitle")})
        pred = frozenset(result.taxa)
        n += 1
        ok += pred == truth
        base += truth == {"9606"}
        if "9606" not in truth:
            nh += 1
            nh_hit += truth <= pred
            nh_exact += truth == pred
        if pred != truth:
            confusion[(",".join(sorted(truth)), ",".join(sorted(pred)))] += 1
            errors.append((r, truth, result))
    dt = time.perf_counter() - t1
    print(f"records {n} (named species); exact-set accuracy {ok / n:.3f} ({ok}); always-human {base / n:.3f}")
    print(f"non-human records {nh}: recall {nh_hit / nh:.3f} ({nh_hit}); exact {nh_exact / nh:.3f} ({nh_exact})")
    print(f"{n / dt:.0f} records/s")
    print("commonest confusions (truth → predicted):")
    for (t, p), c in confusion.most_common(12):
        print(f"  {c:3d}  {t} → {p}")
    for r, truth, result in errors[: a.errors]:
        print(f"\n## {r['figid']} truth={sorted(truth)} pred={result.taxa} default={result.default}")
        print(f"   title: {r['figtitle'][:150]}\n   paper: {r['papertitle'][:150]}")
        for c in result.candidates:
            print(f"   cand {c.taxon_id} {c.name} {c.score}: {'; '.join(c.evidence)[:200]}")
        for note in result.notes:
            print(f"   note {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
