"""Time loading the bundled human lexicon (and building its index) in fresh processes.

usage: python bench/lexicon_load.py [--runs 7] [--lexicon PATH]

Each run is a new interpreter, so nothing is cached: it times ``load_lexicon`` (read + parse)
and the first ``index`` access separately, and prints the median, min and max of each, plus the
CPU time of both (less sensitive than wall time to other work on the machine).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from pathfig.lexicon.bundled import load_lexicon, resolve_lexicon_path
t1 = time.perf_counter()
c1 = time.process_time()
lex = load_lexicon(sys.argv[1] or None)
t2 = time.perf_counter()
lex.index
t3 = time.perf_counter()
c3 = time.process_time()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "index": t3 - t2, "cpu": c3 - c1, "entries": len(lex),
                  "path": str(resolve_lexicon_path(sys.argv[1] or None))}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--lexicon", default="")
    args = ap.parse_args()
    runs = [json.loads(subprocess.run([sys.executable, "-c", CHILD, args.lexicon], check=True,
                                      capture_output=True, text=True).stdout) for _ in range(args.runs)]
    print(f"{runs[0]['path']}: {runs[0]['entries']} entries, {args.runs} fresh processes")
    for key in ("import", "load", "index"):
        values = [r[key] for r in runs]
        print(f"  {key:6s} median {statistics.median(values):.3f}s  min {min(values):.3f}s  max {max(values):.3f}s")
    total = [r["load"] + r["index"] for r in runs]
    print(f"  load+index median {statistics.median(total):.3f}s  max {max(total):.3f}s (wall)")
    cpu = [r["cpu"] for r in runs]
    print(f"  load+index CPU median {statistics.median(cpu):.3f}s  max {max(cpu):.3f}s")


if __name__ == "__main__":
    main()
