from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0023_event_kind_help_accepted'),
    ]

    operations = [
        migrations.AlterField(
            model_name='event',
            name='kind',
            field=models.CharField(choices=[('assigned', 'Toegewezen'), ('unassigned', 'Toewijzing ingetrokken'), ('contact_attempt', 'Contactpoging'), ('help_accepted', 'Hulp geaccepteerd'), ('conversation', 'Gesprek'), ('budget_line', 'Budgetscan bijgewerkt'), ('plan', 'Plan van aanpak'), ('referral', 'Verwijzing'), ('closed', 'Afgesloten'), ('heropaf_scheduled', 'Heropaf gepland'), ('heropaf_done', 'Heropaf: betalingen lopen weer'), ('reopened', 'Heropend door heropaf'), ('not_picked_up', 'Niet opgepakt bij matching'), ('rematched', 'Alsnog op te pakken na nieuwe matching'), ('letter', 'Brief gemaakt'), ('signal_not_resident', 'Signaal: geen inwoner (meer)')], max_length=30, verbose_name='soort'),
        ),
    ]
