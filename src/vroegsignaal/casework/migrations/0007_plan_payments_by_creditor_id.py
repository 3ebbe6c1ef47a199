"""Key the plan's agreements on ongoing payments by creditor id instead of the creditor's name.

A name is looked up among the creditors with a signal in the plan's own melding (those the plan
form asked about). Namesakes there each keep the line, as each was fed it back before. A name
none of them bears (renamed since) is kept as "onbekend: <naam>" so no agreement is lost; the
prefix is repeated here on purpose, a migration must not follow later changes of the app.
Reversing gives each id the creditor's current name back (namesakes share one line again).
"""

from collections import defaultdict

from django.db import migrations, models

UNPLACED_PREFIX = "onbekend: "


def _creditor_names_by_melding(apps) -> dict[int, dict[int, str]]:
    """{melding id: {creditor id: name}} for every melding that has a plan, in one query."""
    links = apps.get_model("casework", "MeldingSignal").objects.filter(melding__plans__isnull=False)
    rows = links.values_list("melding_id", "signal__creditor_id", "signal__creditor__name")
    names: dict[int, dict[int, str]] = defaultdict(dict)
    for melding_id, creditor_id, name in rows.distinct():
        names[melding_id][creditor_id] = name
    return names


def _rekey_plans(apps, rekey) -> None:
    Plan = apps.get_model("casework", "Plan")
    names = _creditor_names_by_melding(apps)
    changed = []
    for plan in Plan.objects.only("id", "melding_id", "ongoing_payments").iterator(2000):
        rekeyed = rekey(plan.ongoing_payments, names.get(plan.melding_id, {}))
        if rekeyed != plan.ongoing_payments:
            plan.ongoing_payments = rekeyed
            changed.append(plan)
    Plan.objects.bulk_update(changed, ["ongoing_payments"], batch_size=1000)


def _by_id(payments: dict[str, str], names: dict[int, str]) -> dict[str, str]:
    rekeyed = {}
    for name, agreement in payments.items():
        ids = [creditor_id for creditor_id, known in names.items() if known == name]
        rekeyed.update({str(creditor_id): agreement for creditor_id in ids})
        if not ids:
            rekeyed[UNPLACED_PREFIX + name] = agreement
    return rekeyed


def _by_name(payments: dict[str, str], names: dict[int, str]) -> dict[str, str]:
    rekeyed: dict[str, str] = {}
    for key, agreement in payments.items():
        if key.startswith(UNPLACED_PREFIX):
            name = key.removeprefix(UNPLACED_PREFIX)
        else:
            name = names.get(int(key), key) if key.isdigit() else key
        rekeyed.setdefault(name, agreement)
    return rekeyed


def key_by_creditor_id(apps, schema_editor) -> None:
    """Forward: name keys become creditor-id keys (unplaced names kept under a prefix)."""
    _rekey_plans(apps, _by_id)


def key_by_creditor_name(apps, schema_editor) -> None:
    """Backward: creditor-id keys become the creditor's current name again."""
    _rekey_plans(apps, _by_name)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0006_melding_chain_facts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="plan",
            name="ongoing_payments",
            field=models.JSONField(
                default=dict,
                help_text="Id van de signaalpartner (als tekst) → afspraak; de naam kan veranderen.",
                verbose_name="afspraken lopende betalingen",
            ),
        ),
        migrations.RunPython(key_by_creditor_id, key_by_creditor_name, elidable=True),
    ]
