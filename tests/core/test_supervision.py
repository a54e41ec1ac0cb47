"""core.supervision: the intervention ladder (six phases, answer to Kamervragen 2021Z15037)."""

from __future__ import annotations

import pytest

from opvangregie.core.supervision import DEFAULT_LADDER, LadderStage, ladder_stage


@pytest.mark.parametrize(
    ("periods_behind", "number", "name"),
    [
        (0, None, None),
        (-1, None, None),
        (1, 1, "Signaleren"),
        (2, 2, "Bestuurlijk gesprek"),
        (3, 3, "Plan van aanpak gevraagd"),
        (4, 4, "Aanschrijving (laatste waarschuwing)"),  # Zuid-Holland: intervention after four half-years
        (5, 5, "Besluit tot indeplaatsstelling"),
        (6, 6, "Uitvoering indeplaatsstelling"),
        (7, 6, "Uitvoering indeplaatsstelling"),
    ],
)
def test_the_default_ladder_one_phase_per_missed_half_year(periods_behind: int, number, name) -> None:
    stage = ladder_stage(periods_behind)
    assert ((stage.number, stage.name) if stage else (None, None)) == (number, name)


def test_the_default_ladder_has_six_phases() -> None:
    assert [(stage.number, stage.periods_behind) for stage in DEFAULT_LADDER] == [(n, n) for n in range(1, 7)]


def test_a_province_ladder_of_its_own_in_any_order() -> None:
    """A ladder as data: the highest phase whose number of missed half-years is reached."""
    ladder = (
        LadderStage(3, "Indeplaatsstelling", 4),
        LadderStage(1, "Signaleren", 1),
        LadderStage(2, "Aanschrijving", 2),
    )
    assert ladder_stage(0, ladder) is None
    assert ladder_stage(1, ladder) == LadderStage(1, "Signaleren", 1)
    assert ladder_stage(2, ladder) == LadderStage(2, "Aanschrijving", 2)
    assert ladder_stage(3, ladder) == LadderStage(2, "Aanschrijving", 2)
    assert ladder_stage(4, ladder) == LadderStage(3, "Indeplaatsstelling", 4)
    assert ladder_stage(5, ()) is None
