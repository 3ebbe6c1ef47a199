"""Every view of personal data is audited, lists included: a werkbakje, a search result or a
creditor's list that showed a resident's address is on the record of who saw her data, with the
meldingen or signals it showed (AuditShownObject), not only the pages about her alone."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from tests.factories import MunicipalityFactory, UserFactory
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.intake.models import Signal
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import (
    AppendOnlyError,
    AuditAction,
    AuditEntry,
    AuditShownObject,
)

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def enschede():
    return MunicipalityFactory()


@pytest.fixture
def caseworker(enschede):
    return UserFactory(caseworker=True, municipality=enschede)


@pytest.fixture
def bakker(enschede):
    return MeldingFactory(
        municipality=enschede, signals__bsn="123456782", signals__surname="Bakker"
    )


@pytest.fixture
def stranger():
    """A melding of another municipality: never in Enschede's lists."""
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    return MeldingFactory(municipality=hengelo, signals__surname="Anders")


def who_saw(client, bsn: str) -> str:
    """The privacy officer's answer to "who saw this resident's data?" (by BSN)."""
    client.force_login(UserFactory(privacy_officer=True, municipality=None))
    return client.post(reverse("privacy:audit_log"), {"bsn": bsn}, follow=True).content.decode()


def entry_of(user) -> AuditEntry:
    return AuditEntry.objects.filter(username=user.username).latest("created_at")


def test_a_werkbakje_that_listed_a_residents_melding_is_on_the_record_of_who_saw_her(
    client, caseworker, bakker, stranger
):
    client.force_login(caseworker)
    assert client.get(reverse("casework:worklist")).status_code == 200

    entry = entry_of(caseworker)
    shown = set(entry.shown_objects.values_list("object_type", "object_id"))
    assert ("casework.melding", str(bakker.pk)) in shown
    assert ("casework.melding", str(stranger.pk)) not in shown
    assert entry.shown == "1 melding"
    page = who_saw(client, "123456782")
    assert caseworker.username in page and "(lijst met 1 melding)" in page


def test_a_search_result_that_showed_a_resident_is_on_the_record_of_who_saw_her(
    client, caseworker, bakker
):
    client.force_login(caseworker)
    client.get(reverse("casework:search"), {"q": "Bakker"})

    entry = entry_of(caseworker)
    assert 'zoeken naar meldingen: "Bakker"' in entry.description
    assert list(entry.shown_objects.values_list("object_id", flat=True)) == [str(bakker.pk)]
    assert "zoeken naar meldingen" in who_saw(client, "123456782")


def test_a_search_that_did_not_show_the_resident_is_not_on_her_record(client, caseworker, bakker):
    client.force_login(caseworker)
    client.get(reverse("casework:search"), {"q": "Jansen"})

    assert "zoeken naar meldingen" not in who_saw(client, "123456782")


def released_signal(melding):
    """The melding's signal, with its go/no-go released to the creditor."""
    Signal.objects.filter(melding_link__melding=melding).update(status=Signaalstatus.OPGEPAKT)
    release_due_feedback("https://vroegsignaal.example", today=timezone.localdate())
    return melding.signal_links.get().signal


def test_a_creditors_list_of_signals_records_the_signals_it_showed(client, bakker):
    signal = released_signal(bakker)
    staff = UserFactory(creditor_staff=True, creditor=signal.creditor)
    client.force_login(staff)
    assert client.get(reverse("feedback:signals")).status_code == 200

    entry = entry_of(staff)
    assert list(entry.shown_objects.values_list("object_type", "object_id")) == [
        ("intake.signal", str(signal.pk))
    ]
    assert entry.shown == "1 signaal, gemeente Enschede"


def test_the_creditors_download_records_every_signal_in_the_file(client, bakker):
    signal = released_signal(bakker)
    staff = UserFactory(creditor_staff=True, creditor=signal.creditor)
    client.force_login(staff)
    response = client.get(reverse("feedback:download", args=["csv"]))
    assert response.status_code == 200

    entry = entry_of(staff)
    assert entry.action == AuditAction.DOWNLOAD
    assert list(entry.shown_objects.values_list("object_id", flat=True)) == [str(signal.pk)]


def test_what_a_list_showed_cannot_be_changed_or_removed(caseworker, bakker):
    audit.record(caseworker, AuditAction.VIEW, "werkbakjes", shown=[bakker])
    shown = AuditShownObject.objects.get()

    with pytest.raises(AppendOnlyError):
        shown.delete()
    with pytest.raises(AppendOnlyError):
        AuditShownObject.objects.filter(pk=shown.pk).update(object_id="1")
    with pytest.raises(AppendOnlyError):
        AuditShownObject.objects.all().delete()


def test_the_retention_of_the_audit_log_removes_what_its_expired_lists_showed(bakker):
    now = timezone.now()
    old, recent = (
        AuditEntry.objects.create(username="joost", action=AuditAction.VIEW, created_at=moment)
        for moment in (now - dt.timedelta(days=800), now)
    )
    for entry in (old, recent):
        AuditShownObject.objects.create(
            entry=entry, object_type="casework.melding", object_id=str(bakker.pk)
        )

    AuditEntry.objects.purge_before(now - dt.timedelta(days=1))

    assert list(AuditShownObject.objects.values_list("entry_id", flat=True)) == [recent.pk]
