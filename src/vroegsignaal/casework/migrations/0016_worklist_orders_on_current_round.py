"""The werkbakje list orders on the first action of the current contact round (round 1: the
werkbakje's date after matching; after a heropaf reopening that round's own date), so its index
does too."""

import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0015_worklist_indexes_cover_round_terms'),
        ('organisations', '0005_dutch_field_labels'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='melding',
            name='melding_open_worklist',
        ),
        migrations.AddIndex(
            model_name='melding',
            index=models.Index(models.F('municipality'), models.OrderBy(models.F('priority_score'), descending=True), django.db.models.functions.comparison.Coalesce(models.F('round_due_on'), models.F('due_on')), models.F('id'), condition=models.Q(('state', 'closed'), _negated=True), include=('queue', 'assigned_to', 'picked_up_on', 'round_due_on', 'round_picked_up_on', 'postcode', 'total_amount_cents', 'is_crisis', 'is_warm_handover', 'is_multiple', 'is_consecutive'), name='melding_open_worklist'),
        ),
    ]
