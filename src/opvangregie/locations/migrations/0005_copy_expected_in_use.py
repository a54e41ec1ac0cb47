"""Data: the expected in-use date moves from the location to its expected transitions."""

from django.db import migrations


def copy_expected_in_use(apps, schema_editor):
    """Every ``Location.expected_in_use`` becomes the expected date of the stage 'in use'."""
    location_model = apps.get_model("locations", "Location")
    expected_model = apps.get_model("locations", "ExpectedTransition")
    expected_model.objects.bulk_create(
        expected_model(location_id=pk, status="in_use", expected_date=day)
        for pk, day in location_model.objects.exclude(expected_in_use=None).values_list("pk", "expected_in_use")
    )


def copy_back(apps, schema_editor):
    location_model = apps.get_model("locations", "Location")
    expected_model = apps.get_model("locations", "ExpectedTransition")
    for expected in expected_model.objects.filter(status="in_use"):
        location_model.objects.filter(pk=expected.location_id).update(expected_in_use=expected.expected_date)


class Migration(migrations.Migration):
    dependencies = [("locations", "0004_expected_transitions_capacity_reasons")]

    operations = [migrations.RunPython(copy_expected_in_use, copy_back, elidable=False)]
