"""Forms of the programme pages; they only parse input (bounds from the models), the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie import clock
from opvangregie.core.periods import Quarter
from opvangregie.support.models import LetterSectionKind, Programme, ProgrammeKind, ProgrammeTarget, QuarterFigures
from opvangregie.support.services import FiguresInput, ProgrammeInput
from opvangregie.ui.forms import DateInput, nlds_style

QUARTERS_BACK = 12  # quarters to choose from before the current one (three years)


class ProgrammeForm(forms.ModelForm[Programme]):
    """A new support programme of the municipality."""

    class Meta:
        model = Programme
        fields = [
            "name",
            "kind",
            "partner",
            "starts_on",
            "ends_on",
            "target_group",
            "for_municipal_residents",
            "letter_section",
            "description",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "name": _("Name"),
            "kind": _("Kind"),
            "partner": _("Partner"),
            "starts_on": _("Starts on"),
            "ends_on": _("Ends on"),
            "target_group": _("Target group"),
            "for_municipal_residents": _("For the residents of the municipal locations"),
            "letter_section": _("Section of the council letter"),
            "description": _("Description"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        section = self.fields["letter_section"]
        assert isinstance(section, forms.ChoiceField)
        section.choices = [("", _("none")), *LetterSectionKind.choices]
        nlds_style(self)

    def programme_input(self) -> ProgrammeInput:
        data = self.cleaned_data
        return ProgrammeInput(
            name=data["name"],
            kind=ProgrammeKind(data["kind"]),
            target_group=ProgrammeTarget(data["target_group"]),
            partner=data["partner"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            for_municipal_residents=data["for_municipal_residents"],
            letter_section=LetterSectionKind(data["letter_section"]) if data["letter_section"] else None,
            description=data["description"],
        )


def quarter_choices(programme: Programme) -> list[tuple[str, str]]:
    """The quarters to enter figures for: from the programme's start (at most three years back) to the current
    quarter, the latest first."""
    current = Quarter.containing(clock.today())
    quarters = [current]
    while len(quarters) <= QUARTERS_BACK:
        earlier = quarters[-1].previous()
        if programme.starts_on and earlier.end < programme.starts_on:
            break
        quarters.append(earlier)
    return [(str(q), str(q)) for q in quarters]


class FiguresForm(forms.ModelForm[QuarterFigures]):
    """A programme's figures over one quarter (each optional; a quarter already entered is corrected)."""

    quarter = forms.ChoiceField(label=_("Quarter"), choices=())

    class Meta:
        model = QuarterFigures
        fields = ["intakes", "in_guidance", "found_work", "participants", "note"]
        labels = {
            "intakes": _("Intakes held"),
            "in_guidance": _("Persons in guidance"),
            "found_work": _("Persons who found work"),
            "participants": _("Participants"),
            "note": _("Note"),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        quarter = self.fields["quarter"]
        assert isinstance(quarter, forms.ChoiceField)
        quarter.choices = quarter_choices(programme)
        self.order_fields(["quarter", *self.Meta.fields])
        nlds_style(self)

    def figures_input(self) -> FiguresInput:
        data = self.cleaned_data
        return FiguresInput(
            quarter=Quarter.parse(data["quarter"]),
            intakes=data["intakes"],
            in_guidance=data["in_guidance"],
            found_work=data["found_work"],
            participants=data["participants"],
            note=data["note"],
        )
