from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "opvangregie.areas"
    verbose_name = _("Areas")
