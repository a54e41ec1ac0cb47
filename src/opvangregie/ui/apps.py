from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UiConfig(AppConfig):
    """What every app's pages share: widgets, parameters, downloads, uploads, Excel, charts, partials."""

    name = "opvangregie.ui"
    verbose_name = _("Shared page parts")
