"""Retention of the privacy officer's own searches of the audit log: what she typed at Gegevens
or Gebruiker ('Hoeks') may name a resident, and her search is audited too, for the 5 years of the
log. The text is kept in the entry's description, not its page address, and erased after the
signal term (RETENTION_SIGNAL_DAYS): a search of the log shows audit entries, not meldingen, so
no melding ties it, as nothing does for a search for meldingen that found nothing. Who searched,
when, in which screen and on which other filters stay. The inzage lookups keep no text at all."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.audit_log_rows import entry_written_before
from tests.casework.factories import MeldingFactory
from tests.factories import MunicipalityFactory, UserFactory
from tests.page_text import page_text
from tests.privacy.database_scan import text_in_database
from tests.privacy.inzage_review import composed
from vroegsignaal.privacy import retention
from vroegsignaal.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db(databases="__all__")

ERASED = "[zoektekst gewist na de bewaartermijn]"


@pytest.fixture
def officer(client):
    officer = UserFactory(
        username="fg.hengelo",
        privacy_officer=True,
        municipality=MunicipalityFactory(code="0164", name="Hengelo"),
    )
    client.force_login(officer)
    return officer


def _officers_last_entry(officer) -> AuditEntry:
    return AuditEntry.objects.filter(username=officer.username).latest("id")


def _search(client, officer, page="privacy:audit_log", **typed) -> AuditEntry:
    assert client.get(reverse(page), typed).status_code == 200
    return _officers_last_entry(officer)


def _days_on(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def test_the_officers_search_keeps_its_text_in_the_description_not_the_page_address(
    client, officer
):
    entry = _search(client, officer, wat="Hoeks", wie="meldpunt", handeling="view", pagina="2")

    assert entry.description == 'auditlog; gezocht op gegevens "Hoeks" en gebruiker "meldpunt"'
    assert entry.endpoint == "/privacy/auditlog/?handeling=view&pagina=2"
    export = _search(client, officer, page="privacy:audit_export", wat="Hoeks")
    assert export.description == 'auditlog (CSV); gezocht op gegevens "Hoeks"'
    assert export.endpoint == "/privacy/auditlog.csv"
    # The other filters are no typed text and stay in the address.
    plain = _search(client, officer, wat="", wie="", handeling="refused")
    assert plain.description == "auditlog"
    assert plain.endpoint == "/privacy/auditlog/?handeling=refused"


def test_the_officers_search_text_is_erased_after_the_signal_term(client, officer, settings):
    settings.RETENTION_SIGNAL_DAYS = 183
    search = _search(client, officer, wat="Hoeks", wie="meldpunt", handeling="view")
    export = _search(client, officer, page="privacy:audit_export", wat="Hoeks")

    on_the_last_day = retention.run(today=_days_on(183))
    after_the_term = retention.run(today=_days_on(184))

    assert on_the_last_day.counts[retention.SEARCH_TEXTS] == 0
    assert after_the_term.counts[retention.SEARCH_TEXTS] == 2
    assert text_in_database("Hoeks") == []
    erased, erased_export = (
        AuditEntry.objects.get(pk=search.pk),
        AuditEntry.objects.get(pk=export.pk),
    )
    # Who searched, when and in which screen stay; so do the filters that were no text.
    assert erased.description == f"auditlog; gezocht op {ERASED}"
    assert erased_export.description == f"auditlog (CSV); gezocht op {ERASED}"
    for before, after in ((search, erased), (export, erased_export)):
        assert (after.username, after.created_at, after.action, after.endpoint) == (
            before.username, before.created_at, before.action, before.endpoint,
        )  # fmt: skip
    page = page_text(client.get(reverse("privacy:audit_log"), {"wie": "fg.hengelo"}))
    assert f"auditlog; gezocht op {ERASED}" in page


def test_an_officers_search_logged_with_its_text_in_the_page_address_loses_it_there(officer):
    # Entries written before the officer's searches kept their text out of the address.
    old = entry_written_before(
        officer.username, "auditlog", "/privacy/auditlog/?wat=Hoeks&pagina=2"
    )
    old_resident = entry_written_before(
        officer.username,
        "auditlog gezocht op een inwoner (op BSN)",
        "/privacy/auditlog/?wie=Hoeks&inwoner=abc",
    )

    run = retention.run(today=_days_on(184))

    assert run.counts[retention.SEARCH_TEXTS] == 2
    erased = AuditEntry.objects.get(pk=old.pk)
    assert (erased.description, erased.endpoint) == (
        f"auditlog; gezocht op {ERASED}",
        "/privacy/auditlog/?pagina=2",
    )
    erased = AuditEntry.objects.get(pk=old_resident.pk)
    assert (erased.description, erased.endpoint) == (
        f"auditlog gezocht op een inwoner (op BSN); gezocht op {ERASED}",
        "/privacy/auditlog/?inwoner=abc",
    )
    assert text_in_database("Hoeks") == []


def test_an_officers_search_without_a_typed_text_is_neither_erased_nor_counted(client, officer):
    plain = _search(client, officer, handeling="refused", van="2026-11-01")

    run = retention.run(today=_days_on(400))

    assert run.counts[retention.SEARCH_TEXTS] == 0
    assert AuditEntry.objects.get(pk=plain.pk).description == "auditlog"


def test_the_dry_run_counts_the_officers_searches_the_run_will_erase(client, officer):
    search = _search(client, officer, wat="Hoeks")

    dry_run = retention.run(today=_days_on(184), dry_run=True)

    assert dry_run.counts[retention.SEARCH_TEXTS] == 1
    assert "Hoeks" in AuditEntry.objects.get(pk=search.pk).description


def test_a_resident_looked_up_from_a_searched_page_leaves_the_search_text_out(client, officer):
    # The resident form posts to the page it is on, query and all.
    MeldingFactory(signals__bsn="123456782")
    url = reverse("privacy:audit_log") + "?wat=Hoeks"
    client.post(url, {"bsn": "123456782"})

    lookup = AuditEntry.objects.get(description__startswith="auditlog: inwoner opgezocht")

    assert lookup.endpoint == "/privacy/auditlog/"
    assert "Hoeks" not in lookup.description


def test_inzage_lookups_keep_no_name_or_bsn_in_the_audit_log_so_nothing_waits_for_erasure(
    client, officer
):
    """An inzageverzoek and 'Wie heeft de gegevens van een inwoner bekeken?' are posted: the log
    says how the resident was looked up ('op BSN', 'op naam, geboortedatum en adres'), never
    with what was typed, in its description or page address."""
    melding = MeldingFactory(
        signals__bsn="123456782", signals__surname="Wispelturig", house_number=7
    )
    signal = melding.signal_links.get().signal
    person = {
        "bsn": "123456782",
        "achternaam": "wispelturig",
        "geboortedatum": signal.birth_date.isoformat(),
        "postcode": signal.postcode,
        "huisnummer": "7",
    }
    composed(client, {**person, "formaat": "json"})
    client.post(reverse("privacy:audit_log"), person, follow=True)

    officers = AuditEntry.objects.filter(username=officer.username)
    assert officers.filter(description__startswith="inzageverzoek op BSN en op naam").exists()
    assert officers.filter(description__startswith="auditlog: inwoner opgezocht op BSN").exists()
    typed = ["123456782", "wispelturig", signal.birth_date.isoformat(), signal.postcode]
    for value in typed:
        assert not officers.filter(description__icontains=value).exists(), value
        assert not officers.filter(endpoint__icontains=value).exists(), value
