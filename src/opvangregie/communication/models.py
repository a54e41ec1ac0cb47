"""Decisions and communication about reception locations and candidate sites (issue 18, item 2).

A municipality keeps what its college and council decided (with the council's binding advice on a permit,
Omgevingswet art. 16.15a: the council's advice binds the college for the activities it has designated), and
what it told whom, when and how: press release, website, letters to streets, meetings with a sounding board.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opvangregie.areas.models import Municipality
from opvangregie.locations.models import Location
from opvangregie.sites.models import CandidateSite

MAX_PARTICIPANTS = 10_000  # the largest meeting or sounding board a municipality of 1 million would hold


class DecisionBody(models.TextChoices):
    COLLEGE = "college", _("college of mayor and aldermen")
    COUNCIL = "council", _("municipal council")
    MAYOR = "mayor", _("mayor")


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("decision")
    BINDING_ADVICE_REQUESTED = "binding_advice_requested", _("binding advice requested")
    BINDING_ADVICE = "binding_advice", _("binding advice given")


class Decision(models.Model):
    """A decision of the college, the council or the mayor, and the day it was made public."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="decisions")
    body = models.CharField(_("decided by"), max_length=20, choices=DecisionBody.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=DecisionKind.choices, default=DecisionKind.DECISION)
    title = models.CharField(_("title"), max_length=200)
    decided_on = models.DateField(_("decided on"))
    made_public_on = models.DateField(_("made public on"), null=True, blank=True)
    document_reference = models.CharField(_("document reference"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    locations = models.ManyToManyField(Location, related_name="decisions", blank=True, verbose_name=_("locations"))
    sites = models.ManyToManyField(
        CandidateSite, related_name="decisions", blank=True, verbose_name=_("candidate sites")
    )
    history = HistoricalRecords(m2m_fields=[locations, sites])

    class Meta:
        ordering = ["municipality", "decided_on", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.title


class Channel(models.TextChoices):
    PRESS_RELEASE = "press_release", _("press release")
    WEBSITE = "website", _("website")
    LETTER = "letter", _("letter")
    PHONE = "phone", _("phone call")
    LOCAL_PAPER = "local_paper", _("municipal page in the local paper")
    NEWSLETTER = "newsletter", _("digital residents' letter")
    PRESS_QUESTIONS = "press_questions", _("press questions answered")
    MEETING = "meeting", _("meeting")
    OTHER = "other", _("other")


class Audience(models.TextChoices):
    NEIGHBOURHOOD = "neighbourhood", _("residents of the neighbourhood")
    SOUNDING_BOARD = "sounding_board", _("sounding board")
    STAKEHOLDERS = "stakeholders", _("stakeholders")
    RESIDENTS = "residents", _("all residents")
    COUNCIL = "council", _("council")
    PRESS = "press", _("press")
    OTHER = "other", _("other")


class Delivery(models.TextChoices):
    """What became of a letter: delivered, problems reported, or sent again after problems."""

    DELIVERED = "delivered", _("delivered")
    PROBLEMS = "problems", _("delivery problems")
    SENT_AGAIN = "sent_again", _("sent again")


class Communication(models.Model):
    """One communication: its channel, audience (which streets, which group), date or dates and, for a
    letter, what became of its delivery. Members of a sounding board are counted, never named."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="communications")
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="communications",
        verbose_name=_("about decision"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    audience_detail = models.CharField(_("which streets or group"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    sent_on = models.DateField(_("date"))
    sent_until = models.DateField(_("until"), null=True, blank=True)
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices, blank=True)
    participants = models.PositiveIntegerField(
        _("number of participants or members"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_PARTICIPANTS)],
    )
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    locations = models.ManyToManyField(Location, related_name="communications", blank=True, verbose_name=_("locations"))
    sites = models.ManyToManyField(
        CandidateSite, related_name="communications", blank=True, verbose_name=_("candidate sites")
    )
    history = HistoricalRecords(m2m_fields=[locations, sites])

    class Meta:
        ordering = ["municipality", "sent_on", "pk"]
        verbose_name = _("communication")
        verbose_name_plural = _("communications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sent_until__isnull=True) | models.Q(sent_until__gte=models.F("sent_on")),
                name="communication_until_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.subject
