"""Forms of the location pages; they only parse input, the services decide what is allowed."""

from __future__ import annotations

from collections.abc import Collection

from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie import clock
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import (
    CapacityChange,
    EventKind,
    ExpectedTransition,
    Location,
    SharingRuleChoices,
    StatusChoices,
    TargetGroupChoices,
)
from opvangregie.locations.services import LocationInput
from opvangregie.ui.forms import DateInput, nlds_style


class SnapshotForm(forms.Form):
    location = forms.TypedChoiceField(label=_("Location"), coerce=int, choices=())
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=clock.today)
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
        nlds_style(self)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=StatusChoices.choices)
    effective_date = forms.DateField(label=_("From"), widget=DateInput(), initial=clock.today)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        nlds_style(self)


class CapacityForm(forms.ModelForm[CapacityChange]):
    """A dated capacity change (limits from the model); a date that already has one corrects it."""

    class Meta:
        model = CapacityChange
        fields = ["effective_date", "places", "reason", "decision_reference"]
        widgets = {"effective_date": DateInput()}
        labels = {"effective_date": _("From"), "places": _("Places"), "decision_reference": _("Decision reference")}
        help_texts = {"effective_date": _("A date in the future is an expected change.")}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["effective_date"].initial = clock.today
        nlds_style(self)


class CapacityRemoveForm(forms.Form):
    effective_date = forms.DateField(widget=forms.HiddenInput())


class ExpectedForm(forms.ModelForm[ExpectedTransition]):
    """The expected date of a lifecycle stage; an empty date removes it."""

    class Meta:
        model = ExpectedTransition
        fields = ["status", "expected_date", "note"]
        widgets = {"expected_date": DateInput()}
        labels = {"status": _("Stage"), "expected_date": _("Expected on")}
        help_texts = {"expected_date": _("Leave empty to remove the expected date of this stage.")}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [(v, label) for v, label in StatusChoices.choices if v != StatusChoices.PLANNED]
        self.fields["expected_date"].required = False
        nlds_style(self)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=clock.today)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        nlds_style(self)


class LocationForm(forms.Form):
    """The descriptive fields of a location (register and edit)."""

    name = forms.CharField(label=_("Name"), max_length=150)
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroupChoices.choices)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    operator = forms.CharField(label=_("Operator"), max_length=150, required=False)
    rd_x = forms.DecimalField(label=_("RD x (m)"), max_digits=9, decimal_places=2, required=False)
    rd_y = forms.DecimalField(label=_("RD y (m)"), max_digits=9, decimal_places=2, required=False)
    follow_up_target_group = forms.ChoiceField(
        label=_("Follow-up target group"), choices=[("", "–"), *TargetGroupChoices.choices], required=False
    )
    follow_up_after_years = forms.IntegerField(label=_("Follow-up use after (years)"), min_value=1, required=False)
    expected_in_use = forms.DateField(label=_("Expected in use from"), widget=DateInput(), required=False)
    planned_until = forms.DateField(label=_("Planned in use until"), widget=DateInput(), required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        nlds_style(self)

    @classmethod
    def for_location(cls, location: Location) -> LocationForm:
        return cls(
            initial={
                "name": location.name,
                "target_group": location.target_group,
                "address": location.address,
                "operator": location.operator,
                "rd_x": location.rd_x,
                "rd_y": location.rd_y,
                "follow_up_target_group": location.follow_up_target_group,
                "follow_up_after_years": location.follow_up_after_years,
                "expected_in_use": location.expected_in_use,
                "planned_until": location.planned_until,
                "notes": location.notes,
            }
        )

    def location_input(self, *, is_example: bool = False) -> LocationInput:
        data = self.cleaned_data
        follow_up = data["follow_up_target_group"]
        return LocationInput(
            name=data["name"],
            target_group=TargetGroup(data["target_group"]),
            address=data["address"],
            operator=data["operator"],
            rd_x=data["rd_x"],
            rd_y=data["rd_y"],
            follow_up_target_group=TargetGroup(follow_up) if follow_up else None,
            follow_up_after_years=data["follow_up_after_years"],
            expected_in_use=data["expected_in_use"],
            planned_until=data["planned_until"],
            notes=data["notes"],
            is_example=is_example,
        )


class LocationCreateForm(LocationForm):
    """Registering a location: its descriptive fields plus its first lifecycle stage and capacity."""

    status = forms.ChoiceField(label=_("Status"), choices=StatusChoices.choices, initial=StatusChoices.PLANNED)
    status_date = forms.DateField(label=_("Status from"), widget=DateInput(), initial=clock.today)
    places = forms.IntegerField(label=_("Places"), min_value=0, required=False)

    def __init__(self, *args: object, target_groups: Collection[TargetGroup] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if target_groups is not None:  # only the groups this user may register here
            field = self.fields["target_group"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(value, label) for value, label in TargetGroupChoices.choices if value in target_groups]


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Room"), max_length=50)
    beds = forms.IntegerField(label=_("Beds"), min_value=1, max_value=50)
    floor = forms.IntegerField(label=_("Floor"), min_value=-5, max_value=100, initial=0)
    accessible = forms.BooleanField(label=_("Accessible"), required=False)
    sharing_rule = forms.ChoiceField(
        label=_("Shared by strangers"), choices=SharingRuleChoices.choices, initial=SharingRuleChoices.NONE
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        nlds_style(self)
