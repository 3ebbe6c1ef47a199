"""QA10 B12: the functioneel beheerder's page of one user passes the axe check. Its dates of
'Laatste aanmelding' and 'Datum toegetreden' were four inputs without a label (axe 'label',
critical); they are shown read-only, as nobody sets them by hand."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_user_change_page_passes_the_axe_check(page, login_as, assert_accessible):
    colleague = UserFactory(caseworker=True, username="sanne.test", last_login=timezone.now())
    login_as(page, UserFactory(administrator=True))

    page.goto(f"/admin/organisations/user/{colleague.pk}/change/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruiker wijzigen")
    assert_accessible(page)
    expect(page.get_by_text("Wachtwoord is ingesteld")).to_be_visible()
