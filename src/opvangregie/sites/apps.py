from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_shipped_layers(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """After migrate (and after flush, which empties the tables): the shipped Natura 2000 layer is stored."""
    from django.db import connections

    from opvangregie.sites.layer_services import shipped_layers_ensure
    from opvangregie.sites.models import ConstraintLayer, LayerVersion

    tables = connections[using].introspection.table_names()
    if ConstraintLayer._meta.db_table in tables and LayerVersion._meta.db_table in tables and using == "default":
        shipped_layers_ensure()


class SitesConfig(AppConfig):
    name = "opvangregie.sites"
    verbose_name = _("Candidate sites")

    def ready(self) -> None:
        post_migrate.connect(_ensure_shipped_layers, sender=self, dispatch_uid="sites-shipped-layers")
