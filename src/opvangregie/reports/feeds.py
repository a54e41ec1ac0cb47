"""Agenda subscriptions: an area's agenda as an iCalendar feed (RFC 5545) behind a secret address.

A calendar app subscribes to the address and only reads; the feed answers with its creator's rights
at every fetch, so a user who loses access to the area also loses the feed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event

from opvangregie.areas.models import Municipality
from opvangregie.audit import audited_save
from opvangregie.core import agenda as rules
from opvangregie.core.errors import NotFound
from opvangregie.organisations.models import hash_token
from opvangregie.organisations.scope import municipality_readable, province_readable, region_readable, scope_for
from opvangregie.reports.models import AreaKind, CalendarFeed


@dataclass(frozen=True, slots=True)
class Area:
    """A municipality, region or province as the agenda and the forward look read it."""

    kind: AreaKind
    code: str
    name: str
    municipalities: tuple[Municipality, ...]


def area_readable(actor: Any, kind: AreaKind, code: str) -> Area:
    """The area if ``actor`` may read it (404 otherwise, as for the area's own pages)."""
    scope = scope_for(actor)
    if kind is AreaKind.MUNICIPALITY:
        municipality = municipality_readable(scope, code)
        return Area(kind, municipality.code, municipality.name, (municipality,))
    if kind is AreaKind.REGION:
        region = region_readable(scope, code)
        return Area(kind, region.slug, region.name, tuple(region.members.order_by("name")))
    province = province_readable(scope, code)
    return Area(kind, province.code, province.name, tuple(province.municipalities.order_by("name")))


@transaction.atomic
def feed_create(*, actor: Any, area: Area) -> tuple[CalendarFeed, str]:
    """A new subscription address for ``area`` (readers of the area); returns the feed and its raw token."""
    area_readable(actor, area.kind, area.code)
    raw = secrets.token_urlsafe(32)
    feed = CalendarFeed(
        user=actor, area_kind=area.kind.value, area_code=area.code, prefix=raw[:8], digest=hash_token(raw)
    )
    audited_save(feed, actor=actor, reason="agenda subscription created")
    return feed, raw


@transaction.atomic
def feed_revoke(*, actor: Any, feed_id: int) -> None:
    """Stop a subscription of one's own: the address answers 404 from now on."""
    feed = CalendarFeed.objects.filter(pk=feed_id, user=actor, revoked=False).first()
    if feed is None:
        raise NotFound("Abonnement niet gevonden.")
    feed.revoked = True
    audited_save(feed, actor=actor, reason="agenda subscription revoked")


def feeds_of(actor: Any, area: Area) -> list[CalendarFeed]:
    return list(
        CalendarFeed.objects.filter(user=actor, area_kind=area.kind.value, area_code=area.code, revoked=False).order_by(
            "-created_at"
        )
    )


def feed_area(raw: str) -> tuple[Any, Area]:
    """The creator and area of an active subscription ``raw``; 404 for an unknown or revoked token or when
    the creator may no longer read the area."""
    feed = CalendarFeed.objects.filter(digest=hash_token(raw), revoked=False).select_related("user").first()
    user_model = get_user_model()
    if feed is None or not user_model.objects.filter(pk=feed.user_id, is_active=True).exists():
        raise NotFound("Agenda niet gevonden.")
    area = area_readable(feed.user, AreaKind(feed.area_kind), feed.area_code)
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed.user, area


def to_ics(items: tuple[rules.AgendaItem, ...], *, calendar_name: str, now: datetime) -> bytes:
    """The items as all-day events; an expected date says so, an overdue one too."""
    calendar = Calendar()
    calendar.add("prodid", "-//Opvangregie//agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_name)
    for item in items:
        event = Event()
        marks = (" (verwacht)" if item.is_expected else "") + (" – te laat" if item.overdue else "")
        event.add("uid", f"{item.uid}@opvangregie")
        event.add("dtstamp", now)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", f"{item.title}{marks}")
        event.add("description", f"{item.detail}\nBron: {item.source}")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def feed_window(today: date) -> tuple[date, int]:
    """A feed holds the past year and the coming two years."""
    return today - timedelta(days=365), 3 * 365
