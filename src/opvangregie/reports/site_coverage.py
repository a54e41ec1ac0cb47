"""Candidate sites against the shortfall: how many of the places still missing at the end of the projection
the researched and chosen sites would cover ("kandidaatlocaties dekken 120 van de 160 ontbrekende plekken").

The shortfall is the projection's last quarter (``reports.forward``): for Ukrainian displaced persons the
target minus the places expected (Besluit opvang ontheemden Oekraïne), for asylum seekers and AMV together the
Spreidingswet task minus the places expected (one task for both groups, art. 5). A site counts from
"researched" until chosen; ideas and dropped sites do not, and only the sites the reader may see are counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, Sum
from django.template.defaultfilters import date as format_date
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opvangregie.core.target_groups import TargetGroup
from opvangregie.organisations.scope import scope_for
from opvangregie.reports.forward import ForwardLook
from opvangregie.sites.models import CandidateSite, SiteStatus
from opvangregie.sites.selectors import site_filter

COUNTED_STATUSES = (
    SiteStatus.RESEARCHED,
    SiteStatus.COLLEGE_DECISION,
    SiteStatus.PUBLIC,
    SiteStatus.IN_TALKS,
    SiteStatus.CHOSEN,
)
# The duties with a number of places to reach, and the site target groups that count toward each.
DUTIES = (
    ("ukrainian", (TargetGroup.UKRAINIAN,)),
    ("spreiding", (TargetGroup.ASYLUM, TargetGroup.AMV)),
)


@dataclass(frozen=True, slots=True)
class Coverage:
    """One duty: the places missing at the end of the projection and what the candidate sites add up to."""

    duty: str
    shortfall: int | None  # None: no target or task to measure against
    end: date | None  # the end of the projection's last quarter
    sites: int
    estimated_places: int
    without_estimate: int

    @property
    def label(self) -> str:
        return _("Ukrainian displaced persons") if self.duty == "ukrainian" else _("asylum seekers and AMV")

    @property
    def covered(self) -> int:
        """The part of the shortfall the sites would fill (never more than the shortfall)."""
        return min(self.estimated_places, self.shortfall or 0)

    @property
    def sentence(self) -> str:
        places = number_format(self.estimated_places, force_grouping=True)
        if self.shortfall is None:
            text = _("No target to measure against; the candidate sites add up to %(places)s places.")
            return text % {"places": places}
        if self.shortfall <= 0:
            text = _("No shortfall on %(day)s; the candidate sites add up to %(places)s places.")
            return text % {"day": self._day, "places": places}
        text = ngettext(
            "Candidate sites cover %(covered)s of the %(shortfall)s missing place on %(day)s.",
            "Candidate sites cover %(covered)s of the %(shortfall)s missing places on %(day)s.",
            self.shortfall,
        )
        return text % {
            "covered": number_format(self.covered, force_grouping=True),
            "shortfall": number_format(self.shortfall, force_grouping=True),
            "day": self._day,
        }

    @property
    def _day(self) -> str:
        return format_date(self.end, "j F Y") if self.end else ""

    @property
    def note(self) -> str:
        """How many sites were counted, and how many have no estimate yet."""
        text = ngettext("%(count)s site counted", "%(count)s sites counted", self.sites) % {"count": self.sites}
        if self.without_estimate:
            text += "; " + ngettext(
                "%(count)s without an estimate of places",
                "%(count)s without an estimate of places",
                self.without_estimate,
            ) % {"count": self.without_estimate}
        return text


def _shortfall(look: ForwardLook, duty: str) -> int | None:
    if not look.base.periods:
        return None
    if duty == "ukrainian":
        rows = look.rows(TargetGroup.UKRAINIAN)
        gap = rows[-1].gap if rows else None
    else:
        spreiding = look.spreiding_rows()
        gap = spreiding[-1].gap if spreiding else None
    return None if gap is None else -gap


def site_coverage(*, actor: Any, municipality_ids: Sequence[int], look: ForwardLook) -> list[Coverage]:
    """Per duty with sites or a shortfall: the shortfall at the projection's end against the sites."""
    counted = CandidateSite.objects.filter(site_filter(scope_for(actor))).filter(
        municipality_id__in=municipality_ids, status__in=[status.value for status in COUNTED_STATUSES]
    )
    per_group = {
        row["target_group"]: row
        for row in counted.values("target_group").annotate(
            count=Count("pk"),
            places=Sum("estimated_places"),
            unestimated=Count("pk", filter=Q(estimated_places__isnull=True)),
        )
    }
    end = look.base.periods[-1].end if look.base.periods else None
    coverages = []
    for duty, groups in DUTIES:
        rows = [per_group[group.value] for group in groups if group.value in per_group]
        shortfall = _shortfall(look, duty)
        if not rows and (shortfall is None or shortfall <= 0):
            continue
        coverages.append(
            Coverage(
                duty=duty,
                shortfall=shortfall,
                end=end,
                sites=sum(row["count"] for row in rows),
                estimated_places=sum(row["places"] or 0 for row in rows),
                without_estimate=sum(row["unestimated"] for row in rows),
            )
        )
    return coverages
