"""Forms of the status-holder pages; they parse input, the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie import clock
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
