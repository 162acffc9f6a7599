"""Training images drawn in code: every generator draws, and a seed always draws the same image."""

from __future__ import annotations

import numpy as np
import pytest

from pathfig.classify.synth import GENERATORS, generate


def test_generators_cover_the_hard_negative_types_and_one_positive() -> None:
    assert {"plots", "heatmap", "blot", "micrograph", "photo", "flowchart", "molecule", "table"} <= set(GENERATORS)
    assert [k for k, g in GENERATORS.items() if g.label == 1] == ["pathway"]


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_each_generator_draws_a_figure(kind: str) -> None:
    img = np.asarray(generate(kind, seed=3))
    assert img.ndim == 3 and img.shape[2] == 3 and min(img.shape[:2]) >= 60
    assert img.std() > 5  # something was drawn


@pytest.mark.parametrize("kind", ["pathway", "blot", "flowchart", "molecule", "table"])
def test_same_seed_same_image(kind: str) -> None:
    a, b, c = (np.asarray(generate(kind, seed=s)) for s in (7, 7, 8))
    assert np.array_equal(a, b)
    assert a.shape != c.shape or not np.array_equal(a, c)
