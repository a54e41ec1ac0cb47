"""The published rates (see ADR 0004 and households/published_rates.py); administrators add later ones."""

from django.db import migrations

from opvangregie.households.published_rates import published_rates_load


def load(apps, schema_editor):
    published_rates_load(
        apps.get_model("placement", "LeefgeldScale"),
        apps.get_model("placement", "LeefgeldBand"),
        apps.get_model("placement", "ContributionRate"),
        apps.get_model("placement", "ReimbursementRate"),
    )


def unload(apps, schema_editor):
    for name in ("LeefgeldScale", "ContributionRate", "ReimbursementRate"):
        apps.get_model("placement", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("placement", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
