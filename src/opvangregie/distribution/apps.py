from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "opvangregie.distribution"
    verbose_name = _("Distribution of asylum places")
