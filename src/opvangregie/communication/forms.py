"""Forms of the decision and communication log; they only parse input, the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie.communication.models import (
    Audience,
    Channel,
    Communication,
    Decision,
    DecisionBody,
    DecisionKind,
    Delivery,
)
from opvangregie.communication.services import CommunicationInput, DecisionInput
from opvangregie.ui.forms import DateInput, nlds_style

Choices = list[tuple[int, str]]


class _About(forms.Form):
    """The municipality's locations and candidate sites an entry is about (check boxes)."""

    location_ids = forms.TypedMultipleChoiceField(
        label=_("Locations"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    site_ids = forms.TypedMultipleChoiceField(
        label=_("Candidate sites"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def set_subjects(self, locations: Choices, sites: Choices) -> None:
        self.fields["location_ids"].choices = locations  # type: ignore[attr-defined]
        self.fields["site_ids"].choices = sites  # type: ignore[attr-defined]
        if not sites:
            del self.fields["site_ids"]


class DecisionForm(forms.ModelForm[Decision]):
    """A decision of the college, the council or the mayor (limits from the model)."""

    class Meta:
        model = Decision
        fields = ["body", "kind", "title", "decided_on", "made_public_on", "document_reference", "notes"]
        widgets = {
            "decided_on": DateInput(),
            "made_public_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "body": _("Decided by"),
            "kind": _("Kind"),
            "title": _("Title"),
            "decided_on": _("Decided on"),
            "made_public_on": _("Made public on"),
            "document_reference": _("Document reference"),
            "notes": _("Notes"),
        }

    def __init__(self, *args: Any, locations: Choices = (), sites: Choices = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        about = _About()
        about.set_subjects(list(locations), list(sites))
        self.fields.update(about.fields)
        nlds_style(self)

    def decision_input(self) -> DecisionInput:
        data = self.cleaned_data
        return DecisionInput(
            body=DecisionBody(data["body"]),
            kind=DecisionKind(data["kind"]),
            title=data["title"],
            decided_on=data["decided_on"],
            made_public_on=data["made_public_on"],
            document_reference=data["document_reference"],
            notes=data["notes"],
        )


class CommunicationForm(forms.ModelForm[Communication]):
    """A communication: channel, audience, date(s), for a letter its delivery (limits from the model)."""

    decision_id = forms.TypedChoiceField(label=_("About decision"), coerce=int, required=False, empty_value=None)

    class Meta:
        model = Communication
        fields = [
            "channel",
            "audience",
            "audience_detail",
            "subject",
            "sent_on",
            "sent_until",
            "delivery",
            "participants",
            "notes",
        ]
        widgets = {
            "sent_on": DateInput(),
            "sent_until": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "channel": _("Channel"),
            "audience": _("Audience"),
            "audience_detail": _("Which streets or group"),
            "subject": _("Subject"),
            "sent_on": _("Date"),
            "sent_until": _("Until (for several days)"),
            "delivery": _("Delivery (letters)"),
            "participants": _("Number of participants or members"),
            "notes": _("Notes"),
        }
        help_texts = {"participants": _("Count only: no names.")}

    def __init__(
        self,
        *args: Any,
        locations: Choices = (),  # type: ignore[assignment]
        sites: Choices = (),  # type: ignore[assignment]
        decisions: Choices = (),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision_id"].choices = [("", "—"), *decisions]  # type: ignore[attr-defined]
        about = _About()
        about.set_subjects(list(locations), list(sites))
        self.fields.update(about.fields)
        nlds_style(self)

    def communication_input(self) -> CommunicationInput:
        data = self.cleaned_data
        return CommunicationInput(
            channel=Channel(data["channel"]),
            audience=Audience(data["audience"]),
            audience_detail=data["audience_detail"],
            subject=data["subject"],
            sent_on=data["sent_on"],
            sent_until=data["sent_until"],
            delivery=Delivery(data["delivery"]) if data["delivery"] else None,
            participants=data["participants"],
            notes=data["notes"],
        )
