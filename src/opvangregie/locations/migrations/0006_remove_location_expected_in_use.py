from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("locations", "0005_copy_expected_in_use")]

    operations = [
        migrations.RemoveField(
            model_name='historicallocation',
            name='expected_in_use',
        ),
        migrations.RemoveField(
            model_name='location',
            name='expected_in_use',
        ),
    ]
