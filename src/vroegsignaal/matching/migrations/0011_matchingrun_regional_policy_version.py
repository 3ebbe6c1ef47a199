"""A matching run records the region's policy version beside the municipality's own (QA10 B1).

Before, a run recorded one version: the municipality's own, or the region's when the
municipality had none. For those runs:
- a run that recorded a region's version used it alone: it moves to ``regional_policy_version``
  and the own version stays empty (the municipality had none);
- a run that recorded the municipality's own version gets the region's version that was saved
  last before the run was recorded (``started_at``, written when the run was saved). A region's
  version saved while such a run was going cannot be told apart from one saved before it; and
  when the region saved no version before the run, or the municipality belongs to no region,
  the regional version stays empty: the run then used the defaults under its own settings, as
  far as the stored versions tell;
- a run that recorded no version used the defaults (or failed): nothing to fill in.
"""

from collections import defaultdict

import django.db.models.deletion
from django.db import migrations, models


def fill_regional_versions(apps, schema_editor):
    MatchingRun = apps.get_model("matching", "MatchingRun")
    PolicyVersion = apps.get_model("matching", "PolicyVersion")
    regions_versions = defaultdict(list)
    for version in PolicyVersion.objects.filter(region__isnull=False).order_by("number"):
        regions_versions[version.region_id].append(version)
    runs = MatchingRun.objects.filter(
        policy_version__isnull=False, regional_policy_version__isnull=True
    ).select_related("policy_version", "municipality")
    for run in runs.iterator(chunk_size=2000):
        if run.policy_version.region_id is not None:
            run.regional_policy_version, run.policy_version = run.policy_version, None
        else:
            saved_before = [
                version
                for version in regions_versions.get(run.municipality.region_id, [])
                if version.created_at <= run.started_at
            ]
            if not saved_before:
                continue
            run.regional_policy_version = saved_before[-1]
        run.save(update_fields=["regional_policy_version", "policy_version"])


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0010_joined_signals_take_the_earlier_person"),
    ]

    operations = [
        migrations.AddField(
            model_name="matchingrun",
            name="regional_policy_version",
            field=models.ForeignKey(
                blank=True,
                help_text="Leeg: de regio had geen beleid; wat de gemeente niet zelf instelde, "
                "waren de standaardwaarden.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="regional_runs",
                to="matching.policyversion",
                verbose_name="beleidsversie regio",
            ),
        ),
        migrations.AlterField(
            model_name="matchingrun",
            name="policy_version",
            field=models.ForeignKey(
                blank=True,
                help_text="Het eigen beleid van de gemeente, bovenop dat van de regio. Leeg: de "
                "gemeente had geen eigen beleid.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to="matching.policyversion",
                verbose_name="beleidsversie gemeente",
            ),
        ),
        migrations.RunPython(fill_regional_versions, migrations.RunPython.noop),
    ]
