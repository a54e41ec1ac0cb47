from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "opvangregie.sites"
    verbose_name = _("Candidate sites")
