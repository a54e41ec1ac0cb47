from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HouseholdsConfig(AppConfig):
    name = "opvangregie.households"
    verbose_name = _("Ukrainian households")

    def ready(self) -> None:
        from opvangregie.households import month_counts

        month_counts.connect()
