"""Forms of the candidate-site pages; they only parse input, the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie import clock
from opvangregie.sites.models import CandidateSite, SiteStatus, SiteStep
from opvangregie.ui.forms import DateInput, nlds_style


class SiteForm(forms.ModelForm[CandidateSite]):
    """A new candidate site: limits from the model; the position in RD New metres."""

    on = forms.DateField(label=_("Date"), widget=DateInput(), initial=clock.today)

    class Meta:
        model = CandidateSite
        fields = [
            "name",
            "address",
            "rd_x",
            "rd_y",
            "approximate",
            "owner",
            "kind",
            "target_group",
            "estimated_places",
            "notes",
        ]
        labels = {"rd_x": _("RD x (m)"), "rd_y": _("RD y (m)")}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        nlds_style(self)


class StepForm(forms.ModelForm[SiteStep]):
    class Meta:
        model = SiteStep
        fields = ["status", "effective_date", "reason"]
        widgets = {"effective_date": DateInput()}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["effective_date"].initial = clock.today
        self.fields["status"].initial = SiteStatus.RESEARCHED
        nlds_style(self)


class BagUploadForm(forms.Form):
    file = forms.FileField(label=_("BAG 2.0 extract (.xml or .zip) or BAG GeoPackage (.gpkg)"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        nlds_style(self)
