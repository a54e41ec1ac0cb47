"""The form that starts a placement proposal."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie.ui.forms import nlds_style


class ProposalForm(forms.Form):
    max_moves = forms.IntegerField(
        label=_("Moves of residents at most"),
        min_value=0,
        max_value=20,
        initial=0,
        help_text=_("0: only free rooms and beds. More: residents may move so that others fit."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        nlds_style(self)
