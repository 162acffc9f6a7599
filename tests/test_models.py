"""The core model's fast constructor builds the same records as the dataclass __init__."""

from __future__ import annotations

import dataclasses

import pytest

from pathfig.models import Box, Mention, slot_constructor

FIELDS = tuple(f.name for f in dataclasses.fields(Mention))


def test_slot_constructor_builds_equal_frozen_records() -> None:
    values = dict(word="p-AKT", match="AKT", ncbigene_id="207", ncbigene_symbol="AKT1", hgnc_id="HGNC:391",
                  organism_id="9606", source="family", name="AKT", transforms=("strip_modification",),
                  ambiguous=False, candidates=(), box=Box(1, 2, 3, 4), confidence=0.9, word_index=5, family="AKT")
    fast = slot_constructor(Mention, FIELDS)(*(values[n] for n in FIELDS))
    slow = Mention(**values)
    assert fast == slow and hash(fast) == hash(slow) and fast.to_dict() == slow.to_dict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.word = "x"  # type: ignore[misc]


def test_slot_constructor_refuses_another_field_order() -> None:
    swapped = (FIELDS[1], FIELDS[0], *FIELDS[2:])
    with pytest.raises(RuntimeError, match="Mention fields"):
        slot_constructor(Mention, swapped)
