"""Forms of the agreements page; they only parse input, the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie import clock
from opvangregie.agreements.models import (
    Agreement,
    AgreementCondition,
    AgreementKind,
    AgreementStage,
    StageChoices,
)
from opvangregie.agreements.services import AgreementInput, ConditionInput
from opvangregie.core.agreements import ConditionKind
from opvangregie.core.target_groups import TargetGroup
from opvangregie.ui.forms import DateInput, nlds_style


class AgreementForm(forms.ModelForm[Agreement]):
    """A new agreement about the location (limits from the model)."""

    class Meta:
        model = Agreement
        fields = ["kind", "title", "parties", "signed_on", "in_force_from", "ends_on", "document_reference", "notes"]
        widgets = {
            "signed_on": DateInput(),
            "in_force_from": DateInput(),
            "ends_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "kind": _("Kind"),
            "title": _("Title"),
            "parties": _("Parties"),
            "signed_on": _("Signed on"),
            "in_force_from": _("In force from"),
            "ends_on": _("Ends on"),
            "document_reference": _("Document reference"),
            "notes": _("Notes"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nlds_style(self)

    def agreement_input(self) -> AgreementInput:
        data = self.cleaned_data
        return AgreementInput(
            kind=AgreementKind(data["kind"]),
            title=data["title"],
            parties=data["parties"],
            signed_on=data["signed_on"],
            in_force_from=data["in_force_from"],
            ends_on=data["ends_on"],
            document_reference=data["document_reference"],
            notes=data["notes"],
        )


class ConditionForm(forms.ModelForm[AgreementCondition]):
    """A condition of one of the location's agreements; fill in the numbers its kind needs."""

    agreement_id = forms.TypedChoiceField(label=_("Agreement"), coerce=int, choices=())

    class Meta:
        model = AgreementCondition
        fields = [
            "kind",
            "valid_from",
            "quantity",
            "weeks",
            "min_age",
            "max_age",
            "target_group",
            "years",
            "next_target_group",
            "months",
            "change_on",
            "note",
        ]
        widgets = {"valid_from": DateInput(), "change_on": DateInput()}
        labels = {
            "kind": _("Kind of condition"),
            "valid_from": _("Valid from"),
            "quantity": _("Number (places or persons)"),
            "weeks": _("Consecutive weeks"),
            "min_age": _("Minimum age"),
            "max_age": _("Maximum age"),
            "target_group": _("Target group"),
            "years": _("Change of target group after (years)"),
            "next_target_group": _("Next target group"),
            "months": _("Notice period (months)"),
            "change_on": _("Date of the change"),
            "note": _("Note"),
        }
        help_texts = {
            "quantity": _("Maximum places or persons; for an evaluation the minimum number of persons."),
            "change_on": _("For a notice period: the date of the change (if known)."),
        }

    def __init__(self, *args: Any, agreements: list[Agreement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agreement_id"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(a.pk, a.title) for a in agreements]
        self.fields["valid_from"].initial = clock.today
        self.order_fields(["agreement_id", *self.Meta.fields])
        nlds_style(self)

    def condition_input(self) -> ConditionInput:
        data = self.cleaned_data
        return ConditionInput(
            kind=ConditionKind(data["kind"]),
            valid_from=data["valid_from"],
            quantity=data["quantity"],
            weeks=data["weeks"],
            years=data["years"],
            months=data["months"],
            min_age=data["min_age"],
            max_age=data["max_age"],
            target_group=TargetGroup(data["target_group"]) if data["target_group"] else None,
            next_target_group=data["next_target_group"],
            change_on=data["change_on"],
            note=data["note"],
        )


class StageForm(forms.ModelForm[AgreementStage]):
    """The date an agreement reached a stage of its path."""

    agreement_id = forms.TypedChoiceField(label=_("Agreement"), coerce=int, choices=())

    class Meta:
        model = AgreementStage
        fields = ["stage", "reached_on", "note"]
        widgets = {"reached_on": DateInput()}
        labels = {"stage": _("Stage"), "reached_on": _("Date"), "note": _("Note")}

    def __init__(self, *args: Any, agreements: list[Agreement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agreement_id"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(a.pk, a.title) for a in agreements]
        self.order_fields(["agreement_id", "stage", "reached_on", "note"])
        nlds_style(self)

    @property
    def stage(self) -> StageChoices:
        return StageChoices(self.cleaned_data["stage"])
