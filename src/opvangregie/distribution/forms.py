"""Forms of the regional plan page; they parse input, the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from opvangregie import clock
from opvangregie.locations.models import TargetGroupChoices
from opvangregie.ui.forms import DateInput, nlds_style


class ExchangeForm(forms.Form):
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DateInput(), initial=clock.today)
    description = forms.CharField(label=_("Description"), max_length=300)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        nlds_style(self)


class ExchangeLineForm(forms.Form):
    municipality = forms.ChoiceField(label=_("Municipality"), choices=(), required=False)
    target_group = forms.ChoiceField(
        label=_("Target group"), choices=[("", "–"), *TargetGroupChoices.choices], required=False
    )
    delta = forms.IntegerField(label=_("More (+) or fewer (−) places"), required=False)

    def __init__(self, *args: object, members: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["municipality"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "–"), *members]
        nlds_style(self)

    def clean(self) -> dict[str, Any]:
        """A line that names a municipality and a number also needs its target group; empty lines are skipped."""
        data = super().clean() or {}
        if data.get("municipality") and data.get("delta") and not data.get("target_group"):
            self.add_error("target_group", _("Choose the target group of this line."))
        return data


ExchangeLineFormSet = formset_factory(ExchangeLineForm, extra=4, max_num=12)
