from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementConfig(AppConfig):
    name = "opvangregie.placement"
    verbose_name = _("Usable places and placement")

    def ready(self) -> None:
        """Give every overview of the locations app the usable free places from the rooms (one meaning), kept
        per location and date until a write changes them."""
        from opvangregie.locations import usable
        from opvangregie.placement import usable_kept

        usable.register(usable_kept.kept_usable_free_places)
        usable_kept.connect()
