"""The monthly household counts, computed once and kept until a write changes them (issue 20).

``kept(municipality, first, compute)`` answers from ``MonthCountsKept`` or computes, keeps and answers.
Every write that can change a municipality's counts forgets them: saving or deleting a household, member,
income or stay (signals below; the services all save through ``audit.audited_save``), and the bulk paths
that bypass signals (the anonymisation's updates, the national generator) call :func:`forget` themselves.
A change of rates (leefgeld scales and bands, contribution rates) forgets every municipality's counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save

from opvangregie.areas.models import Municipality
from opvangregie.households.models import (
    ContributionRate,
    Household,
    Income,
    LeefgeldBand,
    LeefgeldScale,
    Member,
    MonthCountsKept,
    Stay,
)

FORMAT = 2  # what a kept row holds: 1 the counts, 2 also the leefgeld and contribution totals


def kept(municipality: Municipality, first: date, compute: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The counts of ``municipality`` on ``first`` as kept, else ``compute()``, kept for the next reader. A row
    kept in an earlier :data:`FORMAT` is computed again and replaced."""
    rows = MonthCountsKept.objects.filter(municipality=municipality, month=first)
    for stored in rows.values_list("counts", flat=True):
        if stored.get("format") == FORMAT:
            return {key: value for key, value in stored.items() if key != "format"}
        rows.delete()
    counts = compute()
    MonthCountsKept.objects.bulk_create(
        [MonthCountsKept(municipality=municipality, month=first, counts={**counts, "format": FORMAT})],
        ignore_conflicts=True,
    )
    return counts


def forget(municipality_ids: Iterable[int] | None = None) -> None:
    """Forget the kept counts of these municipalities (None: of every municipality)."""
    rows = MonthCountsKept.objects.all()
    if municipality_ids is not None:
        rows = rows.filter(municipality_id__in=list(municipality_ids))
    rows.delete()


def _municipality_of(instance: Any) -> int | None:
    if isinstance(instance, Household):
        return instance.municipality_id
    if isinstance(instance, Income):
        of_household = Household.objects.filter(members__pk=instance.member_id)
    else:
        of_household = Household.objects.filter(pk=instance.household_id)
    return of_household.values_list("municipality_id", flat=True).first()


def _household_written(sender: type, instance: Any, **kwargs: Any) -> None:
    municipality_id = _municipality_of(instance)
    forget(None if municipality_id is None else [municipality_id])


def _rates_written(sender: type, instance: Any, **kwargs: Any) -> None:
    forget()


def connect() -> None:
    """Connect the signals (HouseholdsConfig.ready)."""
    written: list[tuple[type[models.Model], Callable[..., None]]] = [
        *((model, _household_written) for model in (Household, Member, Income, Stay)),
        *((model, _rates_written) for model in (LeefgeldScale, LeefgeldBand, ContributionRate)),
    ]
    for model, receiver in written:
        post_save.connect(receiver, sender=model, dispatch_uid=f"month-counts-{model.__name__}-save")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"month-counts-{model.__name__}-delete")
