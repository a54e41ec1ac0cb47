"""core.support: the share of a programme's figure among the residents of municipal locations (issue 18, item 3)."""

from __future__ import annotations

import pytest

from opvangregie.core.support import MAX_FIGURE, Share, residents_share


def test_the_largest_figure_of_one_programme_in_one_quarter() -> None:
    assert MAX_FIGURE == 100_000


@pytest.mark.parametrize(
    ("count", "residents", "share"),
    [
        (12, 85, Share(12, 85)),
        (0, 85, Share(0, 85)),  # none of the residents is a share too
        (90, 85, Share(90, 85)),  # a figure over a quarter may exceed the residents on its last day
        (0, 1, Share(0, 1)),
        (None, 85, None),  # no figure
        (12, None, None),  # residents not counted
        (12, 0, None),  # no residents: no share
        (None, None, None),
    ],
)
def test_a_share_entry_by_entry(count: int | None, residents: int | None, share: Share | None) -> None:
    assert residents_share(count, residents) == share


@pytest.mark.parametrize(("count", "residents"), [(-1, 85), (12, -1), (-1, -1), (-1, 0), (-1, None), (None, -1)])
def test_negative_figures_or_residents_are_refused(count: int | None, residents: int | None) -> None:
    """Also where there would be no share: a negative number is a mistake, not a missing one."""
    with pytest.raises(ValueError, match="never negative"):
        residents_share(count, residents)
