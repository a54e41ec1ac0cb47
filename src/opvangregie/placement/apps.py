from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementConfig(AppConfig):
    name = "opvangregie.placement"
    verbose_name = _("Usable places and placement")

    def ready(self) -> None:
        """Give every overview of the locations app the usable free places from the rooms (one meaning)."""
        from opvangregie.locations import usable
        from opvangregie.placement.allocation import usable_free_places

        usable.register(usable_free_places)
