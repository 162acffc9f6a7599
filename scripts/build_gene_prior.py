#!/usr/bin/env python3
"""Build the bundled literature prior (PubMed articles per NCBI gene) from org.Hs.eg.db.

usage: python scripts/build_gene_prior.py ORG_HS_EG_SQLITE [--out src/pathfig/lexicon/data/human.prior.tsv.gz]

ORG_HS_EG_SQLITE is ``org.Hs.eg.sqlite`` from Debian's ``r-bioc-org.hs.eg.db`` package
(``apt-get download r-bioc-org.hs.eg.db && dpkg-deb -x *.deb deb``); its ``pubmed`` table is
NCBI's gene2pubmed for human. The source date is written to ``human.prior.provenance.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/pathfig/lexicon/data/human.prior.tsv.gz"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("orgdb")
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args()
    con = sqlite3.connect(f"file:{a.orgdb}?mode=ro", uri=True)
    meta = dict(con.execute("select name, value from metadata"))
    rows = con.execute(
        "select g.gene_id, count(*) from pubmed p join genes g using(_id) group by g.gene_id"
    ).fetchall()
    rows.sort(key=lambda r: int(r[0]))
    out = Path(a.out)
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write("".join(f"{gid}\t{n}\n" for gid, n in rows).encode())
    prov = {
        "source": "NCBI gene2pubmed via Bioconductor org.Hs.eg.db (Debian r-bioc-org.hs.eg.db)",
        "source_date": meta.get("EGSOURCEDATE", ""),
        "source_url": meta.get("EGSOURCEURL", ""),
        "built": date.today().isoformat(),
        "genes": len(rows),
        "command": "python scripts/build_gene_prior.py org.Hs.eg.sqlite",
    }
    out.with_name("human.prior.provenance.json").write_text(json.dumps(prov, indent=2) + "\n")
    print(f"{out}: {len(rows)} genes")


if __name__ == "__main__":
    main()
