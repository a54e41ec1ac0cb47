"""Organisations (municipality, region, province, COA, national), their members and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opvangregie.areas.models import Municipality, Province, Region


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    REGION = "region", _("region")
    PROVINCE = "province", _("province")
    COA = "coa", _("COA")
    NATIONAL = "national", _("national")


class Role(models.TextChoices):
    EDITOR = "editor", _("editor")
    VIEWER = "viewer", _("viewer")


class Organisation(models.Model):
    """An organisation whose members use the system; its kind fixes the area it covers."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    municipality = models.OneToOneField(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="organisation"
    )
    region = models.OneToOneField(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="organisation")
    province = models.OneToOneField(
        Province, null=True, blank=True, on_delete=models.PROTECT, related_name="organisation"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                name="organisation_area_matches_kind",
                condition=(
                    Q(kind="municipality", municipality__isnull=False, region__isnull=True, province__isnull=True)
                    | Q(kind="region", municipality__isnull=True, region__isnull=False, province__isnull=True)
                    | Q(kind="province", municipality__isnull=True, region__isnull=True, province__isnull=False)
                    | Q(
                        kind__in=["coa", "national"],
                        municipality__isnull=True,
                        region__isnull=True,
                        province__isnull=True,
                    )
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one organisation: editors change their organisation's data, viewers read it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.role})"


def hash_token(raw: str) -> str:
    """Tokens are stored as SHA-256 digests only; the raw token is shown once at creation."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the JSON API, acting as its user with the user's scope."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, user: models.Model, name: str, expires_at: Any = None) -> tuple[ApiToken, str]:
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[:8], digest=hash_token(raw), expires_at=expires_at)
        return token, raw
