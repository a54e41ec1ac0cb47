from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationConfig(AppConfig):
    name = "opvangregie.communication"
    verbose_name = _("Decisions and communication")

    def ready(self) -> None:
        from opvangregie.communication.selectors import timeline_entries
        from opvangregie.locations.timeline import add_timeline_source

        add_timeline_source(timeline_entries)
