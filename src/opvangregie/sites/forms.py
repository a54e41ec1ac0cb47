"""Forms of the candidate-site pages; they only parse input, the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie import clock
from opvangregie.core.site_areas import MAX_TEXT, RD_NEW, WGS84
from opvangregie.sites.models import CandidateSite, ConstraintLayer, LayerKind, SiteStatus, SiteStep
from opvangregie.ui.forms import DateInput, nlds_style

AREA_CRS_CHOICES = [(RD_NEW, _("RD New (EPSG:28992), metres")), (WGS84, _("WGS84 (EPSG:4326), degrees"))]


class SiteForm(forms.ModelForm[CandidateSite]):
    """A new candidate site: limits from the model; the position in RD New metres, optionally its outline."""

    on = forms.DateField(label=_("Date"), widget=DateInput(), initial=clock.today)
    area_text = forms.CharField(
        label=_("Outline"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A polygon as GeoJSON or WKT, e.g. POLYGON ((101000 482800, 101300 482800, 101300 483000, ...))."),
    )
    area_crs = forms.ChoiceField(
        label=_("Coordinates of the outline"), choices=AREA_CRS_CHOICES, initial=RD_NEW, required=False
    )

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


class LayerUploadForm(forms.Form):
    """A constraint layer file with what describes it; choosing an existing layer makes a new version of it."""

    layer = forms.ModelChoiceField(
        label=_("Layer"),
        queryset=ConstraintLayer.objects.none(),
        required=False,
        empty_label=_("A new layer"),
        help_text=_("Choose an existing layer to upload a new version of it; the latest version is in force."),
    )
    name = forms.CharField(label=_("Name of a new layer"), max_length=150, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=LayerKind.choices)
    source = forms.CharField(label=_("Source"), max_length=300)
    licence = forms.CharField(label=_("Licence"), max_length=100)
    valid_on = forms.DateField(label=_("Valid on"), widget=DateInput(), initial=clock.today)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    attribution = forms.CharField(label=_("Attribution"), max_length=300, required=False)
    name_field = forms.CharField(
        label=_("Field with the area's name"),
        max_length=100,
        required=False,
        help_text=_("Empty: a field called naam or name, if there is one."),
    )
    is_demo = forms.BooleanField(label=_("Demo data"), required=False)
    file = forms.FileField(
        label=_("File"),
        help_text=_("GeoJSON, GeoPackage (.gpkg) or a zipped Shapefile (.zip, with its .prj); at most 25 MB."),
    )

    def __init__(self, *args: object, layers: list[ConstraintLayer] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["layer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ConstraintLayer.objects.filter(pk__in=[layer.pk for layer in layers or []])


class BagUploadForm(forms.Form):
    file = forms.FileField(label=_("BAG 2.0 extract (.xml or .zip) or BAG GeoPackage (.gpkg)"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        nlds_style(self)
