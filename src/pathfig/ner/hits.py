"""What resolving one name gives: its genes and how they were reached (shared by the recogniser
and its line reader)."""

from __future__ import annotations

from dataclasses import dataclass

from pathfig.lexicon.model import LexiconEntry
from pathfig.models import Candidate

__all__ = ["Hit"]


@dataclass(slots=True)
class Hit:
    """One resolved name: the genes it stands for and how it was reached."""

    match: str
    entries: list[LexiconEntry]
    candidates: list[LexiconEntry]
    ambiguous: bool
    transforms: tuple[str, ...] = ()
    cands: tuple[Candidate, ...] = ()

    def __post_init__(self) -> None:
        if self.ambiguous or len(self.candidates) > 1:
            self.cands = tuple(
                Candidate(ncbigene_id=c.ncbigene_id, ncbigene_symbol=c.symbol, hgnc_id=c.hgnc_id)
                for c in self.candidates
            )
