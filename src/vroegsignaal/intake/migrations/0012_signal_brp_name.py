"""Signals keep how the BRP extract writes the name of the person the matching found there:
the melding page and the letters name the person so (casework.persons)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0011_delivery_notices_and_repeated_rows'),
    ]

    operations = [
        migrations.AddField(
            model_name='signal',
            name='brp_initials',
            field=models.CharField(blank=True, max_length=30, verbose_name='voorletters volgens de BRP'),
        ),
        migrations.AddField(
            model_name='signal',
            name='brp_surname',
            field=models.CharField(blank=True, max_length=120, verbose_name='achternaam volgens de BRP'),
        ),
        migrations.AddField(
            model_name='signal',
            name='brp_surname_prefix',
            field=models.CharField(blank=True, max_length=20, verbose_name='voorvoegsel volgens de BRP'),
        ),
    ]
