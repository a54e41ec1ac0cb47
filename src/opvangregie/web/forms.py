"""Web forms; they only parse input, the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opvangregie.locations.models import EventKind, StatusChoices


class DateInput(forms.DateInput):
    """A native date picker; its value must be ISO 8601 whatever the active language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _textbox(field: forms.Field) -> forms.Field:
    field.widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")
    return field


class SnapshotForm(forms.Form):
    location = forms.TypedChoiceField(label=_("Location"), coerce=int, choices=())
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    persons = forms.IntegerField(label=_("Persons"), min_value=0)
    households = forms.IntegerField(label=_("Households"), min_value=0, required=False)
    usable_free_places = forms.IntegerField(label=_("Usable free places"), min_value=0, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: object, locations: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        location_field = self.fields["location"]
        assert isinstance(location_field, forms.TypedChoiceField)
        location_field.choices = locations
        if len(locations) == 1:
            location_field.initial = locations[0][0]
        for field in self.fields.values():
            _textbox(field)
        location_field.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=StatusChoices.choices)
    effective_date = forms.DateField(label=_("From"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            _textbox(field)
        self.fields["status"].widget.attrs["class"] = "utrecht-select utrecht-select--html-select"


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            _textbox(field)
        self.fields["kind"].widget.attrs["class"] = "utrecht-select utrecht-select--html-select"


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel (.xlsx) or CSV file"))


class DateChoiceForm(forms.Form):
    datum = forms.DateField(label=_("Reference date"), widget=DateInput(), required=False)
