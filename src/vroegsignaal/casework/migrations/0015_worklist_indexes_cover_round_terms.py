"""The werkbakje list filters and counts on the first action of the current contact round
(casework.0014): the open-melding indexes carry those columns too, so a filtered count on
PostgreSQL still reads only the index."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0014_round_first_action'),
        ('organisations', '0005_dutch_field_labels'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='melding',
            name='melding_open_worklist',
        ),
        migrations.RemoveIndex(
            model_name='melding',
            name='melding_open_queue',
        ),
        migrations.AddIndex(
            model_name='melding',
            index=models.Index(models.F('municipality'), models.OrderBy(models.F('priority_score'), descending=True), models.F('due_on'), models.F('id'), condition=models.Q(('state', 'closed'), _negated=True), include=('queue', 'assigned_to', 'picked_up_on', 'round_due_on', 'round_picked_up_on', 'postcode', 'total_amount_cents', 'is_crisis', 'is_warm_handover', 'is_multiple', 'is_consecutive'), name='melding_open_worklist'),
        ),
        migrations.AddIndex(
            model_name='melding',
            index=models.Index(condition=models.Q(('state', 'closed'), _negated=True), fields=['municipality', 'queue'], include=('id', 'assigned_to', 'due_on', 'picked_up_on', 'round_due_on', 'round_picked_up_on'), name='melding_open_queue'),
        ),
    ]
