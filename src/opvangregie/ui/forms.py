"""Form widgets shared by every app's pages: the date picker, NL Design System classes, date and upload forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """A native date picker; its value must be ISO 8601 whatever the active language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class LongSelect(forms.Select):
    """A select of hundreds of options (every location of a province): the same HTML as Django's ``Select``, its
    options written in Python instead of one template each (a thousand options took 20 ms to render)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


def _textbox(field: forms.Field) -> forms.Field:
    field.widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")
    return field


def nlds_style(form: forms.BaseForm) -> None:
    """NL Design System classes on every widget of ``form``."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.Select):
            field.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
        elif isinstance(field.widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            field.widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"
        else:
            _textbox(field)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel (.xlsx) or CSV file"))
