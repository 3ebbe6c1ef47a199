"""The print-room batch in the privacy officer's audit log: making it changes its meldingen (a
letter and a contact attempt each), so it is one entry Gewijzigd that names them; a choice sent
back with an error, or the same batch asked again, changed nothing and is Bekeken."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.audit_log_rows import audit_log_rows, rows_of
from tests.factories import UserFactory
from tests.letters.conftest import assigned_melding
from tests.page_text import page_text
from vroegsignaal import kenmerk
from vroegsignaal.letters.models import LetterBatch
from vroegsignaal.privacy.inzage_consultations import consultations

pytestmark = pytest.mark.django_db(databases="__all__")

BSN = "123456782"


@pytest.fixture
def two(enschede, caseworker, letterhead):
    """Two meldingen assigned to the caseworker; the resident of the first has a BSN."""
    return [
        assigned_melding(enschede, caseworker, signals__bsn=BSN),
        assigned_melding(enschede, caseworker),
    ]


@pytest.fixture
def officer(db):
    return UserFactory(privacy_officer=True, municipality=None)


def _choose(client, meldingen):
    """Tick `meldingen` on the batch page and click 'Brieven maken en vastleggen'."""
    ticked = [f"{melding.pk}:{melding.version}" for melding in meldingen]
    return client.post(reverse("letters:batch"), {"melding": ticked})


def _batch_rows(rows: list[str]) -> list[str]:
    return [row for row in rows if "/brieven/printopdracht/" in row]


def test_making_a_print_batch_is_one_change_that_names_the_meldingen_of_the_batch(
    client, two, caseworker, officer
):
    client.force_login(caseworker)
    made = _choose(client, two)
    assert "2 brieven gemaakt en vastgelegd als contactpoging." in page_text(made)
    batch = LetterBatch.objects.get()

    rows = _batch_rows(audit_log_rows(client, officer, wie=caseworker.username))

    assert len(rows) == 1
    assert "Gewijzigd" in rows[0] and "Bekeken" not in rows[0]
    assert f"printopdracht (printopdracht {batch.pk}) (lijst met 2 meldingen)" in rows[0]


def test_the_officer_finds_the_print_batch_by_the_kenmerk_of_one_of_its_meldingen(
    client, two, caseworker, officer
):
    client.force_login(caseworker)
    _choose(client, two)

    rows = _batch_rows(
        audit_log_rows(client, officer, wat=kenmerk.of(two[1].pk), handeling="change")
    )

    assert len(rows) == 1 and "(lijst met 2 meldingen)" in rows[0]


def test_the_print_batch_is_on_the_record_of_who_saw_the_resident_and_in_her_inzage(
    client, two, caseworker, officer
):
    client.force_login(caseworker)
    _choose(client, two)

    client.force_login(officer)
    resident = client.post(reverse("privacy:audit_log"), {"bsn": BSN}, follow=True)
    rows = _batch_rows(rows_of(resident))

    assert len(rows) == 1 and "Gewijzigd" in rows[0]
    seen = consultations({"casework.melding": {str(two[0].pk)}}, timezone.localdate())
    assert "brieven afgedrukt" in seen[-1].purposes


def test_a_batch_sent_back_because_no_melding_was_chosen_is_a_view_not_a_change(
    client, two, caseworker, officer
):
    client.force_login(caseworker)
    refused = _choose(client, [])
    assert refused.status_code == 200  # the list again, with the reason
    assert "Kies minstens één melding voor de printopdracht." in page_text(refused)

    rows = _batch_rows(audit_log_rows(client, officer, wie=caseworker.username))

    assert len(rows) == 1
    assert "Bekeken" in rows[0] and "Gewijzigd" not in rows[0]
    assert "printopdracht (lijst met 2 meldingen)" in rows[0]  # the list it showed again


def test_the_same_batch_asked_again_records_nothing_and_is_a_view(client, two, caseworker, officer):
    client.force_login(caseworker)
    _choose(client, two)
    for melding in two:
        melding.refresh_from_db()
    again = _choose(client, two)
    assert "Deze printopdracht is al eerder gemaakt" in page_text(again)

    rows = _batch_rows(audit_log_rows(client, officer, wie=caseworker.username))

    assert [row.count("Gewijzigd") for row in rows] == [0, 1]  # newest first
    assert "Bekeken" in rows[0]
