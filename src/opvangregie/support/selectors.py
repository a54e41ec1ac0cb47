"""Reads of support programmes: a municipality's programmes with their quarterly figures, each figure as a
sentence with its reference period and, for programmes for the residents of municipal locations, the share of
those residents; and the sections of the council letter.

The residents come from the register (locations: the persons in the municipality's locations for displaced
persons from Ukraine at the end of the quarter); the share rule from core.support. Texts are gettext with
English msgids; the council letter's sentences are Dutch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opvangregie.areas.models import Municipality
from opvangregie.core import occupancy
from opvangregie.core.errors import NotFound
from opvangregie.core.periods import Quarter
from opvangregie.core.support import Share, residents_share
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import Location
from opvangregie.locations.selectors import location_history, with_history_on
from opvangregie.organisations.scope import require, scope_for
from opvangregie.support.models import LetterSectionKind, Programme, QuarterFigures
from opvangregie.support.services import FIGURES, programme_editable


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def municipal_residents(*, municipality: Municipality, on: date) -> int | None:
    """Persons in the municipality's locations for displaced persons from Ukraine on ``on`` (the counts in force
    then, as on the dashboard); None when none of them has a count on or before ``on``. The caller has checked
    that the reader may read the municipality."""
    locations = with_history_on(
        Location.objects.filter(municipality=municipality, target_group=TargetGroup.UKRAINIAN.value), on
    )
    figures = [occupancy.location_figures(location_history(location), on) for location in locations]
    if not any(item.snapshot_date is not None for item in figures):
        return None
    return occupancy.aggregate(figures, on).persons


def quarter_phrase(quarter: Quarter) -> str:
    """ "in het vierde kwartaal van 2025": the reference period of a quarter's figures."""
    phrases = {
        1: _("in the first quarter of %(year)s"),
        2: _("in the second quarter of %(year)s"),
        3: _("in the third quarter of %(year)s"),
        4: _("in the fourth quarter of %(year)s"),
    }
    return phrases[quarter.quarter] % {"year": quarter.year}


def _figure_phrase(name: str, n: int) -> str:
    value = _number(n)
    if name == "intakes":
        return ngettext("%(n)s intake", "%(n)s intakes", n) % {"n": value}
    if name == "in_guidance":
        return ngettext("%(n)s person in guidance", "%(n)s persons in guidance", n) % {"n": value}
    if name == "found_work":
        return ngettext("%(n)s person found work", "%(n)s persons found work", n) % {"n": value}
    return ngettext("%(n)s participant", "%(n)s participants", n) % {"n": value}


def _short_name(name: str) -> str:
    return {
        "intakes": _("intakes"),
        "in_guidance": _("in guidance"),
        "found_work": _("found work"),
        "participants": _("participants"),
    }[name]


def _enumerate(parts: Sequence[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


@dataclass(frozen=True, slots=True)
class FiguresView:
    """A programme's figures of one quarter, the residents of municipal locations at its end (programmes for
    those residents only) and the sentence that says it."""

    programme: Programme
    figures: QuarterFigures
    quarter: Quarter
    residents: int | None

    def shares(self) -> list[tuple[str, Share]]:
        """(figure name, share) of every figure given, for a programme for the residents of municipal locations."""
        if not self.programme.for_municipal_residents:
            return []
        found = []
        for name in FIGURES:
            share = residents_share(getattr(self.figures, name), self.residents)
            if share is not None:
                found.append((name, share))
        return found

    def share_text(self) -> str:
        """ "23 van de 85" (one figure) or "intakes 23 van de 85, in begeleiding 12 van de 85"."""
        shares = self.shares()
        texts = [
            _("%(count)s of %(residents)s") % {"count": _number(s.count), "residents": _number(s.residents)}
            for _name, s in shares
        ]
        if len(texts) > 1:
            texts = [f"{_short_name(name)} {text}" for (name, _share), text in zip(shares, texts, strict=True)]
        return ", ".join(texts)

    @property
    def sentence(self) -> str:
        """ "Work4Ukraine: 23 intakes in het vierde kwartaal van 2025 (bewoners van gemeentelijke locaties:
        23 van de 85)"."""
        given = [(name, getattr(self.figures, name)) for name in FIGURES if getattr(self.figures, name) is not None]
        text = _("%(programme)s: %(figures)s %(period)s") % {
            "programme": self.programme.name,
            "figures": _enumerate([_figure_phrase(name, n) for name, n in given]),
            "period": quarter_phrase(self.quarter),
        }
        shares = self.share_text()
        if shares:
            text += " " + _("(residents of municipal locations: %(shares)s)") % {"shares": shares}
        return text


def _with_figures() -> Prefetch[Any]:
    return Prefetch("figures", queryset=QuarterFigures.objects.order_by("quarter"))


def _views(
    programmes: Sequence[Programme], municipality: Municipality, until: Quarter | None = None
) -> dict[int, list[FiguresView]]:
    """Each programme's figures (up to ``until``) as views, the residents counted once per quarter end."""
    kept = {p.pk: [(f, Quarter.parse(f.quarter)) for f in p.figures.all()] for p in programmes}
    if until is not None:
        kept = {pk: [(f, q) for f, q in rows if q <= until] for pk, rows in kept.items()}
    quarters = {q for p in programmes if p.for_municipal_residents for _f, q in kept[p.pk]}
    residents = {q: municipal_residents(municipality=municipality, on=q.end) for q in sorted(quarters)}
    return {p.pk: [FiguresView(p, f, q, residents.get(q)) for f, q in kept[p.pk]] for p in programmes}


@dataclass(frozen=True, slots=True)
class ProgrammeView:
    programme: Programme
    figures: list[FiguresView]


@dataclass(frozen=True, slots=True)
class MunicipalityProgrammes:
    municipality: Municipality
    programmes: list[ProgrammeView]
    can_edit: bool


def municipality_programmes(*, actor: Any, municipality: Municipality) -> MunicipalityProgrammes:
    """The municipality's programmes with their figures (readers of the municipality only: the caller got
    ``municipality`` through organisations.scope.municipality_readable)."""
    require(scope_for(actor).reads_municipality(municipality.pk))
    programmes = list(
        Programme.objects.filter(municipality=municipality).prefetch_related(_with_figures()).order_by("name", "pk")
    )
    views = _views(programmes, municipality)
    return MunicipalityProgrammes(
        municipality,
        [ProgrammeView(p, views[p.pk]) for p in programmes],
        programme_editable(actor=actor, municipality=municipality),
    )


def programme_get(*, actor: Any, municipality: Municipality, programme_id: int) -> ProgrammeView:
    """One programme of ``municipality`` with its figures; another municipality's or an unknown one is 404."""
    require(scope_for(actor).reads_municipality(municipality.pk))
    programme = (
        Programme.objects.filter(municipality=municipality, pk=programme_id).prefetch_related(_with_figures()).first()
    )
    if programme is None:
        raise NotFound("Programma niet gevonden.")
    return ProgrammeView(programme, _views([programme], municipality)[programme.pk])


@dataclass(frozen=True, slots=True)
class LetterSection:
    """A section of the council letter from the programmes: its title and its sentences."""

    title: str
    kind: str
    lines: tuple[str, ...]


def _runs_around(programme: Programme, quarter: Quarter) -> bool:
    """Whether the programme ran in the quarter or the one before (a letter looks back one quarter)."""
    since = quarter.previous().start
    return (programme.starts_on is None or programme.starts_on <= quarter.end) and (
        programme.ends_on is None or programme.ends_on >= since
    )


def letter_sections(*, municipality: Municipality, quarter: Quarter, language: str = "nl") -> list[LetterSection]:
    """The council letter's sections "Werk en inkomen" and "Mentaal welzijn" of ``quarter``, in Dutch (or
    ``language``): per
    programme of that section that ran in the quarter or the one before, a sentence with its latest figures up to
    the quarter and their reference period, or that no figures are known. Sections without programmes are left
    out. The caller (reports) has checked that the actor may make the municipality's letter."""
    programmes = list(
        Programme.objects.filter(municipality=municipality)
        .exclude(letter_section="")
        .prefetch_related(_with_figures())
        .order_by("name", "pk")
    )
    programmes = [p for p in programmes if _runs_around(p, quarter)]
    views = _views(programmes, municipality, until=quarter)  # only the figures up to the letter's quarter
    sections = []
    with translation.override(language):
        for kind in LetterSectionKind:
            lines = []
            for programme in programmes:
                if programme.letter_section != kind.value:
                    continue
                latest = views[programme.pk][-1] if views[programme.pk] else None
                lines.append(
                    latest.sentence
                    if latest
                    else _("%(programme)s: no figures known up to %(period)s")
                    % {"programme": programme.name, "period": _quarter_end(quarter)}
                )
            if lines:
                sections.append(LetterSection(str(kind.label), kind.value, tuple(lines)))
    return sections


def _quarter_end(quarter: Quarter) -> str:
    return date_format(quarter.end, "j F Y")
