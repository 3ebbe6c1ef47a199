"""The audit log searched the way a privacy officer works: by what the Gegevens column shows, by
handeling, and per resident ("who looked at this person's data?")."""

import re

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.factories import UserFactory
from tests.page_text import page_text
from tests.privacy.inzage_review import composed
from vroegsignaal.intake.models import Delivery
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(privacy_officer=True, municipality=None))
    return client


def _page(officer_client, **search) -> str:
    return officer_client.get(reverse("privacy:audit_log"), search).content.decode()


def _resident(officer_client, **person):
    """Look a resident up (POST) and follow to the search for their entries."""
    return officer_client.post(reverse("privacy:audit_log"), person, follow=True)


def _resident_by_name(officer_client, surname: str, signal) -> str:
    """The page of the resident's entries, looked up by `surname` and the signal's birth date
    and address."""
    return _resident(
        officer_client,
        achternaam=surname,
        geboortedatum=signal.birth_date.isoformat(),
        postcode=signal.postcode,
        huisnummer=signal.house_number,
    ).content.decode()


def test_searching_for_the_text_of_the_gegevens_column_finds_the_entry(officer_client):
    worker = UserFactory(caseworker=True, username="joost")
    melding, other = MeldingFactory(), MeldingFactory()
    audit.record(worker, AuditAction.VIEW, melding)
    audit.record(worker, AuditAction.VIEW, other)
    delivery = Delivery.objects.get(signals__melding_link__melding=melding)
    audit.record(UserFactory(creditor_staff=True, username="eo"), AuditAction.VIEW, delivery)
    page = _page(officer_client, wat=f"melding {melding.pk}")
    assert f"(melding VS-{melding.pk})" in page and f"(melding VS-{other.pk})" not in page
    assert f"(aanlevering {delivery.pk})" in _page(officer_client, wat=f"Aanlevering {delivery.pk}")


@pytest.mark.parametrize(
    "typed", ["VS-{}", "vs {}", "vs{}", "melding VS-{}", "Melding vs-{}", "melding {}"]
)
def test_the_officer_finds_a_melding_by_its_kenmerk_as_typed_or_by_melding_and_number(
    officer_client, typed
):
    """The Gegevens column names a melding by its kenmerk, as the caseworker's pages and the
    letters do; the officer types it as read there, as a resident quotes it, or as before."""
    worker = UserFactory(caseworker=True)
    melding, other = MeldingFactory(), MeldingFactory()
    audit.record(worker, AuditAction.VIEW, melding)
    audit.record(worker, AuditAction.VIEW, other)

    page = _page(officer_client, wat=typed.format(melding.pk))

    assert f"(melding VS-{melding.pk})" in page and f"(melding VS-{other.pk})" not in page


def test_the_officer_finds_by_a_kenmerk_the_lists_that_showed_the_melding(officer_client):
    """A werkbakje, a search result or a print batch names the meldingen it held, not one
    object: searching a kenmerk finds them as the resident search does."""
    worker = UserFactory(caseworker=True)
    melding, other = MeldingFactory(), MeldingFactory()
    audit.record(worker, AuditAction.VIEW, "werkbakjes", shown=[melding, other])
    audit.record(worker, AuditAction.VIEW, "zoeken naar meldingen", shown=[other])

    page = page_text(_page(officer_client, wat=f"VS-{melding.pk}"))

    assert "werkbakjes (lijst met 2 meldingen)" in page and "zoeken naar meldingen" not in page


def test_the_audit_log_is_filtered_by_handeling(officer_client):
    worker = UserFactory(caseworker=True)
    audit.record(worker, AuditAction.REFUSED, "melding van een andere gemeente")
    audit.record(worker, AuditAction.VIEW, "werkbakjes")
    page = _page(officer_client, handeling=AuditAction.REFUSED)
    assert "melding van een andere gemeente" in page and "werkbakjes" not in page
    assert ">Geweigerd</option>" in page


def test_the_officer_finds_who_looked_at_one_residents_data_by_bsn_or_by_name_and_address(
    officer_client,
):
    melding = MeldingFactory(signals__bsn="123456782", signals__surname="Bakker")
    signal = melding.signal_links.get().signal
    stranger = MeldingFactory(signals__surname="Anders")
    worker = UserFactory(caseworker=True, username="joost")
    audit.record(worker, AuditAction.VIEW, melding)
    audit.record(UserFactory(creditor_staff=True, username="eo"), AuditAction.VIEW, signal)
    audit.record(worker, AuditAction.VIEW, stranger)
    response = _resident(officer_client, bsn="123456782")
    assert "123456782" not in response.redirect_chain[-1][0]  # never in a URL
    by_bsn = response.content.decode()
    assert f"(melding VS-{melding.pk})" in by_bsn and f"(signaal {signal.pk})" in by_bsn
    assert f"(melding VS-{stranger.pk})" not in by_bsn
    by_name = _resident_by_name(officer_client, "bakker", signal)
    assert f"(melding VS-{melding.pk})" in by_name and f"(melding VS-{stranger.pk})" not in by_name
    # The search is on the record, without the BSN or the name.
    searches = AuditEntry.objects.filter(description__contains="auditlog gezocht op een inwoner")
    assert searches.count() == 2
    assert not searches.filter(description__contains="123456782").exists()
    assert not searches.filter(description__icontains="bakker").exists()
    assert not AuditEntry.objects.filter(endpoint__contains="123456782").exists()


def test_the_officer_finds_a_resident_named_with_accents_by_the_name_typed_without(
    officer_client,
):
    melding = MeldingFactory(signals__surname="Çelik")
    signal = melding.signal_links.get().signal
    audit.record(UserFactory(caseworker=True), AuditAction.VIEW, melding)

    page = _resident_by_name(officer_client, "Celik", signal)

    assert f"(melding VS-{melding.pk})" in page


def test_a_mistyped_bsn_in_the_resident_search_says_why_at_the_field(officer_client):
    response = _resident(officer_client, bsn="123456789")
    assert not response.redirect_chain and "elfproef" in response.content.decode()


def test_a_tampered_resident_search_lists_nothing(officer_client):
    audit.record(UserFactory(caseworker=True), AuditAction.VIEW, "werkbakjes")
    page = _page(officer_client, inwoner="eyJvYmplY3RlbiI6e319:nep:nep")
    assert "zoek de inwoner opnieuw" in page and "werkbakjes" not in page


def test_an_inzageverzoek_records_which_signals_and_meldingen_were_released(officer_client):
    melding = MeldingFactory(signals__bsn="123456782")
    signal = melding.signal_links.get().signal
    # In no BRP extract: composed on the BSN alone.
    composed(officer_client, {"bsn": "123456782", "formaat": "json"})
    released = AuditEntry.objects.filter(action=AuditAction.EXPORT, description="inzageverzoek")
    assert set(released.values_list("object_type", "object_id")) == {
        ("intake.signal", str(signal.pk)),
        ("casework.melding", str(melding.pk)),
    }
    # So a later search for the resident shows the disclosure too.
    assert by_bsn_has_inzage(officer_client)


def by_bsn_has_inzage(officer_client) -> bool:
    url = _resident(officer_client, bsn="123456782").redirect_chain[-1][0]
    page = officer_client.get(f"{url}&handeling={AuditAction.EXPORT}").content.decode()
    return page.count("(melding ") == 1 and "inzageverzoek" in page


def test_no_search_field_is_marked_required(officer_client):
    """Every field, of the search and of the resident's lookup, carried the HTML attribute
    required: a screen reader called them all required, while each is optional (the resident
    needs one of two combinations, which the form says in Dutch)."""
    html = _page(officer_client)

    inputs = re.findall(r"<input\b[^>]*>", html)
    assert len(inputs) > 8, "the page's fields were read"
    assert [tag for tag in inputs if re.search(r"\srequired\b", tag)] == []

    nobody = _resident(officer_client, achternaam="Bakker").content.decode()
    assert "Vul een BSN in, of achternaam, geboortedatum, postcode én huisnummer." in nobody
