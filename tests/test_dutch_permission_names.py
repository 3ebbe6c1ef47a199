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
