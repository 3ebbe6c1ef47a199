"""Least privilege (BIO 9.2.3, QA15 B11): the letterhead and contact details go on every letter
of the municipality ("bel dit nummer"), so only the meldpunt (intake) changes them on the
letters page, and the functioneel beheerder in the beheeromgeving; every change is in the audit
log. Caseworkers, also of a wijkteam, see the settings read-only."""

from django.urls import reverse

from tests.letters.conftest import configure_letters
from vroegsignaal.organisations.models import Team
from vroegsignaal.privacy.models import AuditAction, AuditEntry

NEW_PHONE = {
    "briefhoofd-sender_name": "Gemeente Enschede",
    "briefhoofd-sender_address": "Postbus 20",
    "briefhoofd-signature_name": "Anneke Brinkman",
    "briefhoofd-signature_role": "Consulent vroegsignalering",
    "briefhoofd-addressing": "bewoners",
    "contact-phone": "06 66 66 66 66",
    "contact-email": "vroegeropaf@enschede.nl",
}


def test_a_caseworker_sees_the_settings_read_only_and_cannot_change_them(
    client, caseworker, enschede
):
    caseworker.team = Team.objects.create(municipality=enschede, name="Wijkteam Zuid")
    caseworker.save()
    configure_letters(enschede)
    client.force_login(caseworker)
    html = client.get(reverse("letters:settings")).content.decode()
    assert "053 481 48 00" in html and "disabled" in html
    assert "Alleen het meldpunt en de functioneel beheerder wijzigen ze" in html
    assert ">Opslaan</button>" not in html
    assert client.post(reverse("letters:settings"), NEW_PHONE).status_code == 403
    enschede.letter_contact.refresh_from_db()
    assert enschede.letter_contact.phone == "053 481 48 00"


def test_the_meldpunt_changes_the_settings_and_the_change_is_audited(client, intake_user, enschede):
    configure_letters(enschede)
    client.force_login(intake_user)
    client.post(reverse("letters:settings"), NEW_PHONE)
    enschede.letter_contact.refresh_from_db()
    assert enschede.letter_contact.phone == "06 66 66 66 66"
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE)
    assert entry.username == intake_user.username
    assert "Briefhoofd en contactgegevens voor brieven van Enschede gewijzigd" in entry.description
    assert "telefoonnummer" in entry.description and "adressering" in entry.description


def test_the_administrator_finds_the_settings_in_the_beheeromgeving(
    client, functioneel_beheerder, enschede
):
    configure_letters(enschede)
    assert client.get(reverse("admin:letters_contactdetails_changelist")).status_code == 200
    assert client.get(reverse("admin:letters_letterhead_changelist")).status_code == 200
