"""Rule: the beheeromgeving speaks Dutch, also in the permission names beside users and groups
(Django stores them in English when `migrate` creates them)."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from vroegsignaal.organisations.permission_names import name_permissions_in_dutch

pytestmark = pytest.mark.django_db


def test_default_permissions_have_dutch_names_after_migrate():
    names = set(Permission.objects.values_list("name", flat=True))

    assert "Kan melding toevoegen" in names
    assert "Kan melding bekijken" in names
    assert "Kan gebruiker wijzigen" in names
    assert not [name for name in names if name.startswith("Can ")]


def test_a_permission_an_app_named_itself_keeps_its_name():
    melding = ContentType.objects.get(app_label="casework", model="melding")
    own = Permission.objects.create(
        content_type=melding, codename="export_melding", name="Meldingen exporteren"
    )
    english = Permission.objects.get(content_type=melding, codename="delete_melding")
    english.name = "Can delete melding"
    english.save()

    name_permissions_in_dutch(apps.get_app_config("casework"), apps=apps)

    assert Permission.objects.get(pk=own.pk).name == "Meldingen exporteren"
    assert Permission.objects.get(pk=english.pk).name == "Kan melding verwijderen"


def test_a_renamed_model_renames_its_dutch_permissions_too():
    """A model's Dutch name changed (jaarcijfers -> opgave jaarcijfers): its permissions were
    left under the old name beside users and groups."""
    content_type = ContentType.objects.get(app_label="monitoring", model="yearfigures")
    change = Permission.objects.get(content_type=content_type, codename="change_yearfigures")
    change.name = "Kan jaarcijfers wijzigen"
    change.save()

    name_permissions_in_dutch(apps.get_app_config("monitoring"), apps=apps)

    assert Permission.objects.get(pk=change.pk).name == "Kan opgave jaarcijfers wijzigen"
