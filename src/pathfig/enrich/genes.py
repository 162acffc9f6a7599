"""Gene tokens (NCBI Gene ids or symbols) → gene identities, with a report of what did not map.

Rules, the same for a query, a background and the genes of a library, so the two sides of a
comparison always agree:

* An NCBI Gene id (``7157``, ``ncbigene:7157``) is its own identity; the lexicon is not needed.
* Any other token is looked up by its normalised key (:func:`pathfig.lexicon.keys.normalize_key`)
  among the lexicon's ``symbol`` > ``previous`` > ``alias`` > ``ncbi_synonym`` names — never full
  names or families, which are too loose for a gene list. The best kind present wins; if it
  names one gene the token maps to that gene, if several the token is *ambiguous*.
* Unmapped and ambiguous tokens keep a literal identity (``symbol:<KEY>``): they are reported,
  and still match the same literal token on the other side (e.g. a library of mouse symbols).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pathfig.enrich.symbols import MAPPING_KINDS, PROTEIN_CODING_LOCUS_TYPES, SymbolIndex, load_symbol_index
from pathfig.lexicon.keys import normalize_key
from pathfig.lexicon.model import Lexicon

__all__ = [
    "MAPPING_KINDS",
    "PROTEIN_CODING_LOCUS_TYPES",
    "GeneMapper",
    "GeneMatch",
    "MappingReport",
    "MatchStatus",
    "read_gene_list",
]

MatchStatus = Literal["id", "symbol", "previous", "alias", "ncbi_synonym", "ambiguous", "unmapped"]

_ID = re.compile(r"(?:ncbigene:|ncbi:|entrez:|geneid:)?(\d+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class GeneMatch:
    """What one token denotes."""

    token: str
    #: NCBI Gene id, or ``symbol:<KEY>`` when the token did not map to exactly one gene.
    gene: str
    #: Official symbol when the lexicon says it (else the token).
    symbol: str
    status: MatchStatus
    #: For ambiguous tokens: every gene it may be, as ``SYMBOL (id)``.
    candidates: tuple[str, ...] = ()

    @property
    def mapped(self) -> bool:
        return self.status not in ("ambiguous", "unmapped")


@dataclass(slots=True, kw_only=True)
class MappingReport:
    """How an input gene list was read: what mapped, what did not, what is outside the universe."""

    given: int = 0
    #: Distinct genes of the input that are in the universe (the query size K).
    used: int = 0
    unmapped: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    #: Tokens resolved through a previous symbol, alias or NCBI synonym: token → official symbol.
    resolved: dict[str, str] = field(default_factory=dict)
    #: Tokens that name the same gene as an earlier token: token → that earlier token.
    duplicates: dict[str, str] = field(default_factory=dict)
    #: Mapped genes that are not in the universe (so not tested).
    not_in_universe: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "given": self.given, "used": self.used, "unmapped": list(self.unmapped),
            "ambiguous": {k: list(v) for k, v in self.ambiguous.items()}, "resolved": dict(self.resolved),
            "duplicates": dict(self.duplicates), "not_in_universe": list(self.not_in_universe),
        }

    def lines(self) -> list[str]:
        """A short human summary, one finding per line (empty findings are left out)."""
        out = [f"{self.used} of {self.given} input genes used"]
        if self.unmapped:
            out.append(f"unmapped ({len(self.unmapped)}): {_short(self.unmapped)}")
        if self.ambiguous:
            items = [f"{t} ({' | '.join(c)})" for t, c in self.ambiguous.items()]
            out.append(f"ambiguous, not used unless the library has the same literal name ({len(items)}): "
                       f"{_short(items)}")
        if self.resolved:
            out.append(f"resolved through other names ({len(self.resolved)}): "
                       f"{_short([f'{t}→{s}' for t, s in self.resolved.items()])}")
        if self.duplicates:
            out.append(f"duplicates ({len(self.duplicates)}): "
                       f"{_short([f'{t}={s}' for t, s in self.duplicates.items()])}")
        if self.not_in_universe:
            out.append(f"not in the universe ({len(self.not_in_universe)}): {_short(self.not_in_universe)}")
        return out


def _short(items: list[str], limit: int = 20) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f", … {len(items) - limit} more" if len(items) > limit else "")


class GeneMapper:
    """Maps tokens to genes through a lexicon read only when a token is not an NCBI Gene id.

    ``lexicon``: a :class:`~pathfig.lexicon.model.Lexicon`, a lexicon path or organism name
    (see :func:`pathfig.lexicon.bundled.resolve_lexicon_path`), or ``None`` for the bundled human
    one. Only its gene-list rows are kept (:class:`~pathfig.enrich.symbols.SymbolIndex`).
    Results are cached per token.
    """

    def __init__(self, lexicon: Lexicon | str | Path | None = None) -> None:
        self._lexicon_arg = lexicon
        self._index: SymbolIndex | None = None
        self._cache: dict[str, GeneMatch] = {}

    @property
    def index(self) -> SymbolIndex:
        if self._index is None:
            self._index = load_symbol_index(self._lexicon_arg)
        return self._index

    def map(self, token: str) -> GeneMatch:
        """The gene ``token`` denotes (see the module docstring for the rules)."""
        hit = self._cache.get(token)
        if hit is None:
            hit = self._cache[token] = self._map(token)
        return hit

    def cached(self, token: str) -> GeneMatch | None:
        """The match of a token already mapped, else ``None`` (no lexicon access)."""
        return self._cache.get(token)

    def map_all(self, tokens: Iterable[str]) -> list[GeneMatch]:
        return [self.map(t) for t in tokens]

    def _map(self, token: str) -> GeneMatch:
        text = token.strip()
        m = _ID.fullmatch(text)
        if m:
            return GeneMatch(token=token, gene=m.group(1), symbol=text, status="id")
        key = normalize_key(text)
        literal = f"symbol:{key or text}"
        hit = self.index.lookup(key) if key else None
        if hit is None:
            return GeneMatch(token=token, gene=literal, symbol=text, status="unmapped")
        kind, genes = hit
        if len(genes) == 1:
            gid, symbol = genes[0]
            return GeneMatch(token=token, gene=gid, symbol=symbol, status=kind)  # type: ignore[arg-type]
        candidates = tuple(f"{s} ({g})" for g, s in genes)
        return GeneMatch(token=token, gene=literal, symbol=text, status="ambiguous", candidates=candidates)

    def protein_coding(self) -> frozenset[str]:
        """NCBI Gene ids of the lexicon's protein-coding genes (HGNC or NCBI locus type)."""
        return self.index.protein_coding


def read_gene_list(text: str) -> list[str]:
    """Gene tokens of a gene-list file; ``#`` comments and blank lines skipped.

    A line holds one gene or several (``TP53 MDM2 ATM``, ``TP53,MDM2``: split at tabs, commas,
    semicolons and spaces), symbols or NCBI Gene ids (``7157 4193``). A line with a number after
    a symbol is a row of a ranked table (``EGFR<TAB>2.5<TAB>up``, ``KRAS,1.0``, ``MYC 3``): only
    its first cell is a gene.
    """
    out = []
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        cells = [c.strip().strip('"') for c in re.split(r"[\t,; ]+", line)]
        cells = [c for c in cells if c]
        if not all(c.isdigit() for c in cells) and any(_NUMBER.match(c) for c in cells[1:]):
            cells = cells[:1]   # (a line of NCBI Gene ids is a list, not a ranked row)
        out.extend(cells)
    return out


_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$|^(?:NA|NaN|nan|-?inf)$")
