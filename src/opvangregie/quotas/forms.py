"""Forms of the status-holder pages; they parse input, the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie import clock
from opvangregie.quotas.models import ReplyMeasure, ReplyStatus, SupervisionLetter, SupervisionReply
from opvangregie.quotas.selectors import FollowUpRow
from opvangregie.quotas.services import MAX_MEASURES, MeasureInput, ReplyInput
from opvangregie.ui.forms import DateInput, nlds_style


class RealisationForm(forms.Form):
    date = forms.DateField(label=_("Date housed"), widget=DateInput(), initial=clock.today)
    persons = forms.IntegerField(label=_("Persons"), min_value=1, max_value=30)
    household_ref = forms.CharField(label=_("Household reference"), max_length=50, required=False)
    location = forms.TypedChoiceField(
        label=_("Location (e.g. transit housing)"), coerce=int, required=False, empty_value=None
    )
    planned = forms.BooleanField(label=_("Planned (matched, not yet housed)"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: object, locations: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        location_field = self.fields["location"]
        assert isinstance(location_field, forms.TypedChoiceField)
        location_field.choices = [("", "–"), *locations]
        nlds_style(self)


class LetterSentForm(forms.ModelForm[SupervisionLetter]):
    """The province records that it sent its letter about a half-year (bounds from the model)."""

    period = forms.ChoiceField(label=_("Half-year"), choices=())

    class Meta:
        model = SupervisionLetter
        fields = ["sent_on", "document_reference"]
        widgets = {"sent_on": DateInput()}
        labels = {"sent_on": _("Sent on"), "document_reference": _("Document reference")}

    def __init__(self, *args: Any, periods: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        period = self.fields["period"]
        assert isinstance(period, forms.ChoiceField)
        period.choices = [(p, p) for p in periods]
        self.order_fields(["period", "sent_on", "document_reference"])
        nlds_style(self)


class ReplyForm(forms.ModelForm[SupervisionReply]):
    """The municipality's reply to the province's letter."""

    class Meta:
        model = SupervisionReply
        fields = ["status", "received_on", "summary", "document_reference"]
        widgets = {"received_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "status": _("Reply"),
            "received_on": _("Sent or received on"),
            "summary": _("Summary"),
            "document_reference": _("Document reference"),
        }
        help_texts = {"received_on": _("Only for a reply sent; leave empty while it is in preparation.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nlds_style(self)


class MeasureForm(forms.ModelForm[ReplyMeasure]):
    """A planned measure with its target date; an empty row is skipped."""

    class Meta:
        model = ReplyMeasure
        fields = ["description", "target_date"]
        widgets = {"target_date": DateInput()}
        labels = {"description": _("Planned measure"), "target_date": _("Target date")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["description"].required = False
        nlds_style(self)


MeasureFormSet = forms.formset_factory(MeasureForm, extra=2, max_num=MAX_MEASURES, validate_max=True)


def reply_forms(data: Any, row: FollowUpRow) -> tuple[ReplyForm, Any]:
    """The reply form and the measures' rows, filled with what was recorded."""
    reply = row.reply
    initial = (
        {
            "status": reply.status,
            "received_on": reply.received_on,
            "summary": reply.summary,
            "document_reference": reply.document_reference,
        }
        if reply
        else {"status": ReplyStatus.IN_PREPARATION}
    )
    measures = [{"description": m.description, "target_date": m.target_date} for m in row.measures]
    prefix = f"reply-{row.period}"
    return (
        ReplyForm(data, initial=initial, prefix=prefix),
        MeasureFormSet(data, initial=measures, prefix=f"{prefix}-measures"),
    )


def reply_input(form: ReplyForm, measures: Any) -> ReplyInput:
    data = form.cleaned_data
    return ReplyInput(
        status=ReplyStatus(data["status"]),
        received_on=data["received_on"],
        summary=data["summary"],
        document_reference=data["document_reference"],
        measures=tuple(
            MeasureInput(row["description"], row.get("target_date"))
            for row in measures.cleaned_data
            if row and (row.get("description") or row.get("target_date"))
        ),
    )
