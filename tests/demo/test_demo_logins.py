"""The demo's beheerder shows what a functioneel beheerder sees; Django's technical switches
belong to a separate, documented technical account."""

from pathlib import Path

import pytest
from django.urls import reverse

from vroegsignaal.demo.region import load_region_document
from vroegsignaal.demo.users import demo_logins, ensure_demo_users
from vroegsignaal.organisations.configuration import apply_document
from vroegsignaal.organisations.models import Role, User

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[2] / "docs" / "demo.md"


@pytest.fixture
def demo_users(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    document = load_region_document()
    apply_document(document)
    ensure_demo_users(demo_logins(document))


def test_the_demo_beheerder_is_a_functioneel_beheerder_without_djangos_switches(client, demo_users):
    """The user guide's functioneel beheerder has no staff or superuser status and does not see
    groups and permissions; the demo's beheerder was a superuser and saw them all (QA)."""
    beheerder = User.objects.get(username="beheerder")
    assert beheerder.role == Role.ADMINISTRATOR
    assert not beheerder.is_superuser and not beheerder.is_staff

    client.force_login(beheerder)
    assert client.get(reverse("admin:organisations_user_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    page = client.get(reverse("admin:organisations_user_change", args=[beheerder.pk]))
    assert "Supergebruikerstatus" not in page.content.decode()


def test_the_technical_superuser_is_a_separate_account_without_a_role(client, demo_users):
    (technical,) = User.objects.filter(is_superuser=True)

    assert technical.username == "technisch.beheerder" and technical.is_staff
    assert technical.role == "" and technical.organisation is None
    client.force_login(technical)
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 200


def test_the_docs_tell_the_beheerder_from_the_technical_account():
    rows = {
        line.split("|")[1].strip(): line for line in DOCS.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    }  # fmt: skip

    assert "Django" not in rows["`beheerder`"]
    assert "supergebruiker" in rows["`technisch.beheerder`"].lower()
