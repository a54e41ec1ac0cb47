"""Forms of the household pages; they parse input, the services decide what is allowed."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie import clock
from opvangregie.households.models import (
    MAX_MONEY,
    MONEY_DIGITS,
    MONEY_PLACES,
    IncomeSource,
    Outcome,
    RequestStatus,
    Sex,
    StepKindChoices,
)
from opvangregie.ui.forms import DateInput, nlds_style

WAITING, PRIVATE = "", "private"
LOCAL_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class StyledForm(forms.Form):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        nlds_style(self)


class PlaceField(forms.ChoiceField):
    """One choice for where a household goes: waiting, private reception, a location or a room."""

    def __init__(self, *, places: list[tuple[str, str]], waiting: bool, **kwargs: object) -> None:
        first = [(WAITING, _("no place yet (waiting list)"))] if waiting else []
        super().__init__(choices=[*first, (PRIVATE, _("private reception")), *places], **kwargs)  # type: ignore[arg-type]


class HouseholdForm(StyledForm):
    reference = forms.CharField(label=_("Reference (empty: assigned)"), max_length=30, required=False)
    name = forms.CharField(label=_("Name (only if needed)"), max_length=100, required=False)
    registered_on = forms.DateField(label=_("Registered on"), widget=DateInput(), initial=clock.today)
    needs_accessible = forms.BooleanField(label=_("Needs an accessible room"), required=False)
    needs_ground_floor = forms.BooleanField(label=_("Needs the ground floor"), required=False)
    needs_note = forms.CharField(label=_("Other needs"), max_length=200, required=False)
    catering = forms.BooleanField(label=_("Full catering"), required=False)

    def __init__(self, *args: object, places: list[tuple[str, str]] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if places is not None:
            self.fields["place"] = PlaceField(label=_("Place"), places=places, waiting=True, required=False)
            nlds_style(self)


class MemberForm(StyledForm):
    year_of_birth = forms.IntegerField(label=_("Year of birth"), min_value=1900, max_value=2100)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "–"), *Sex.choices], required=False)
    income = forms.DecimalField(
        label=_("Monthly income (€)"),
        min_value=Decimal(0),
        max_value=MAX_MONEY,
        decimal_places=MONEY_PLACES,
        max_digits=MONEY_DIGITS,
        required=False,
    )
    income_source = forms.ChoiceField(
        label=_("Source of income"), choices=[("", "–"), *IncomeSource.choices], required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # the table's column headings are the only visible labels
            field.widget.attrs["aria-label"] = str(field.label)


MemberFormSet = forms.formset_factory(MemberForm, extra=6, max_num=15, min_num=1, validate_min=True)


class MoveForm(StyledForm):
    on = forms.DateField(label=_("From"), widget=DateInput(), initial=clock.today)

    def __init__(self, *args: object, places: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"] = PlaceField(label=_("New place"), places=places, waiting=False)
        nlds_style(self)


class LeaveForm(StyledForm):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput(), initial=clock.today)


class IncomeForm(StyledForm):
    member = forms.TypedChoiceField(label=_("Member"), coerce=int, choices=())
    monthly_amount = forms.DecimalField(
        label=_("Monthly income (€, 0 = none)"),
        min_value=Decimal(0),
        max_value=MAX_MONEY,
        max_digits=MONEY_DIGITS,
        decimal_places=MONEY_PLACES,
    )
    source = forms.ChoiceField(label=_("Source"), choices=IncomeSource.choices)
    valid_from = forms.DateField(label=_("From"), widget=DateInput(), initial=clock.today)

    def __init__(self, *args: object, members: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        member_field = self.fields["member"]
        assert isinstance(member_field, forms.TypedChoiceField)
        member_field.choices = members


class RequestForm(StyledForm):
    household = forms.TypedChoiceField(label=_("Household"), coerce=int, choices=())
    received_at = forms.DateTimeField(label=_("Received at"), widget=LOCAL_DATETIME, initial=clock.now)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: object, households: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        household_field = self.fields["household"]
        assert isinstance(household_field, forms.TypedChoiceField)
        household_field.choices = households


class StepForm(StyledForm):
    kind = forms.ChoiceField(label=_("Step"), choices=[c for c in StepKindChoices.choices if c[0] != "placed"])
    at = forms.DateTimeField(label=_("At"), widget=LOCAL_DATETIME, initial=clock.now)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CloseForm(StyledForm):
    status = forms.ChoiceField(
        label=_("Close as"), choices=[c for c in RequestStatus.choices if c[0] != RequestStatus.OPEN]
    )
    at = forms.DateTimeField(label=_("At"), widget=LOCAL_DATETIME, initial=clock.now)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CalculatorForm(StyledForm):
    month = forms.DateField(label=_("Month (any day)"), widget=DateInput(), initial=clock.today)
    adult_incomes = forms.CharField(
        label=_("Monthly income per adult (€), separated by semicolons; 0 for an adult without income"),
        max_length=200,
        initial="0",
    )
    minors = forms.IntegerField(label=_("Minors"), min_value=0, max_value=15, initial=0)
    catering = forms.BooleanField(label=_("Full catering"), required=False)
    private = forms.BooleanField(label=_("Private reception"), required=False)

    def clean_adult_incomes(self) -> list[Decimal]:
        raw = str(self.cleaned_data["adult_incomes"])
        try:
            amounts = [Decimal(part.strip().replace(",", ".")) for part in raw.split(";") if part.strip()]
        except ArithmeticError:
            raise forms.ValidationError(_("Enter amounts such as 1500 or 812,50, separated by semicolons.")) from None
        if not amounts or any(amount < 0 or not amount.is_finite() for amount in amounts):
            raise forms.ValidationError(_("Enter at least one adult and no negative amounts."))
        return amounts
