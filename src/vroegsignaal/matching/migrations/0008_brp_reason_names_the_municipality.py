"""The BRP check's reason 'Niet gevonden in de BRP van gemeente 0153' named the municipality by
its CBS code, which caseworkers (melding page) and residents (inzage) do not know. Stored
reasons now name it as the check does: 'Niet gevonden in de BRP van Enschede'."""

from django.db import migrations

OLD = "Niet gevonden in de BRP van gemeente {}"
NEW = "Niet gevonden in de BRP van {}"


def name_the_municipality(apps, schema_editor):
    Municipality = apps.get_model("organisations", "Municipality")
    Signal = apps.get_model("intake", "Signal")
    for pk, code, name in Municipality.objects.values_list("pk", "code", "name"):
        Signal.objects.filter(municipality_id=pk, status_reason=OLD.format(code)).update(
            status_reason=NEW.format(name)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0007_matchingrun_command_line_user"),
        ("intake", "0011_delivery_notices_and_repeated_rows"),
    ]

    operations = [migrations.RunPython(name_the_municipality, migrations.RunPython.noop)]
