"""Retention of search texts in the audit log (QA12 B6): a search for a resident's name or
address stays on the log for 5 years, so its text is erased once the meldingen it showed are
erased, or, when it found nothing, after the shortest term. Who searched, when, how many were
found and which meldingen the list showed stay."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.audit_log_rows import entry_written_before
from tests.casework.factories import MeldingFactory
from tests.factories import MunicipalityFactory, UserFactory
from tests.page_text import page_text
from tests.privacy.database_scan import text_in_database
from vroegsignaal.addresses import address_key
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.privacy import retention
from vroegsignaal.privacy.models import AuditEntry, RetentionRun

pytestmark = pytest.mark.django_db(databases="__all__")

ERASED = "zoeken naar meldingen: [zoektekst gewist na de bewaartermijn]"
# 183 days after the no-go's signal of 5 November 2026 and the end of its period.
PAST_THE_SIGNAL_TERM = dt.date(2027, 6, 15)


@pytest.fixture
def hengelo():
    return MunicipalityFactory(code="0164", name="Hengelo")


def _no_go_of_hoeks(municipality, initials="S.A.", house_number=84, picked_up_on=None):
    """A no-go melding at Philipstraat that matching closed at once, as VS-22973."""
    return MeldingFactory(
        municipality=municipality, state="closed", result=Eindresultaat.ANDERE_REDEN, go=False,
        picked_up_on=picked_up_on, period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2026, 11, 30), matched_on=dt.date(2026, 12, 1),
        closed_on=dt.date(2026, 12, 1), first_closed_on=dt.date(2026, 12, 1),
        street="Philipstraat", house_number=house_number, postcode="7551AB",
        address_key=address_key("7551AB", house_number), city="Hengelo",
        signals__signal_date=dt.date(2026, 11, 5), signals__surname="Hoeks",
        signals__initials=initials,
    )  # fmt: skip


def _search(client, user, text: str) -> AuditEntry:
    client.force_login(user)
    assert client.get(reverse("casework:search"), {"q": text}).status_code == 200
    return AuditEntry.objects.filter(username=user.username).latest("id")


def _reread(entry: AuditEntry) -> AuditEntry:
    return AuditEntry.objects.get(pk=entry.pk)


def test_a_search_for_an_erased_resident_keeps_no_name_or_address_in_the_audit_log(client, hengelo):
    melding = _no_go_of_hoeks(hengelo)
    meldpunt = UserFactory(username="meldpunt.hengelo", intake=True, municipality=hengelo)
    by_name = _search(client, meldpunt, "S.A. Hoeks")
    by_address = _search(client, meldpunt, "Philipstraat 84")
    assert "Hoeks" not in by_name.endpoint  # the text is in the description only

    run = retention.run(today=PAST_THE_SIGNAL_TERM)

    assert run.counts[retention.SEARCH_TEXTS] == 2
    assert text_in_database("Hoeks") == []
    assert text_in_database("Philipstraat") == []
    for before in (by_name, by_address):
        after = _reread(before)
        assert (after.username, after.created_at) == (before.username, before.created_at)
        assert list(after.shown_objects.values_list("object_id", flat=True)) == [str(melding.pk)]
    officer = UserFactory(privacy_officer=True, municipality=hengelo)
    client.force_login(officer)
    page = page_text(client.get(reverse("privacy:audit_log"), {"wie": "meldpunt.hengelo"}))
    assert f"{ERASED} (op naam of straat, 1 gevonden) (lijst met 1 melding)" in page
    assert f"{ERASED} (op adres, 1 gevonden) (lijst met 1 melding)" in page
    export = client.get(reverse("privacy:audit_export")).getvalue().decode()
    assert "Hoeks" not in export and "Philipstraat" not in export
    assert export.count(ERASED) == 2


def test_a_search_that_also_showed_a_melding_still_held_keeps_its_text(client, hengelo):
    # The no-go is erased, but the same search also listed a picked-up melding of another
    # Hoeks, which is kept for the term of closed meldingen: the text still names someone held.
    _no_go_of_hoeks(hengelo)
    _no_go_of_hoeks(hengelo, initials="S.", house_number=86, picked_up_on=dt.date(2026, 12, 2))
    caseworker = UserFactory(caseworker=True, municipality=hengelo)
    search = _search(client, caseworker, "Hoeks")
    assert search.shown == "2 meldingen"

    run = retention.run(today=PAST_THE_SIGNAL_TERM)

    assert run.counts[retention.UNPICKED_MELDINGEN] == 1
    assert run.counts[retention.SEARCH_TEXTS] == 0
    assert _reread(search).description.startswith('zoeken naar meldingen: "Hoeks"')


def test_a_search_whose_melding_is_not_yet_erased_keeps_its_text(client, hengelo):
    _no_go_of_hoeks(hengelo)
    search = _search(client, UserFactory(intake=True, municipality=hengelo), "S.A. Hoeks")

    retention.run(today=dt.date(2027, 1, 4))

    assert _reread(search).description == (
        'zoeken naar meldingen: "S.A. Hoeks" (op naam of straat, 1 gevonden)'
    )


def test_a_search_that_found_nothing_loses_its_text_after_the_signal_term(client, hengelo):
    search = _search(client, UserFactory(caseworker=True, municipality=hengelo), "Berg, van der")
    today = timezone.localdate()

    first = retention.run(today=today + dt.timedelta(days=183))
    later = retention.run(today=today + dt.timedelta(days=184))

    assert (first.counts[retention.SEARCH_TEXTS], later.counts[retention.SEARCH_TEXTS]) == (0, 1)
    assert _reread(search).description == f"{ERASED} (op naam of straat, 0 gevonden)"
    assert text_in_database("Berg, van der") == []


def test_a_recent_search_that_found_nothing_keeps_its_text(client, hengelo):
    search = _search(client, UserFactory(caseworker=True, municipality=hengelo), "Berg, van der")

    retention.run(today=timezone.localdate() + dt.timedelta(days=10))

    assert '"Berg, van der"' in _reread(search).description


def test_a_search_logged_with_its_text_in_the_page_address_loses_it_there_too(hengelo):
    # Entries written before the search page was logged without its query kept ?q=... .
    old = entry_written_before(
        UserFactory(caseworker=True, municipality=hengelo).username,
        'zoeken naar meldingen: "Jansen" (op naam of straat, 0 gevonden)',
        "/werk/zoeken/?q=Jansen&pagina=2",
    )

    retention.run(today=timezone.localdate() + dt.timedelta(days=184))

    assert _reread(old).endpoint == "/werk/zoeken/?pagina=2"
    assert text_in_database("Jansen") == []


def test_erasing_search_texts_changes_no_other_entry(hengelo):
    worker = UserFactory(caseworker=True, municipality=hengelo)
    other = entry_written_before(worker.username, 'werkbakjes: "Hoeks"', "/werk/?q=Hoeks")

    assert AuditEntry.objects.filter(pk=other.pk).erase_search_texts() == 0
    assert (_reread(other).description, _reread(other).endpoint) == (
        'werkbakjes: "Hoeks"',
        "/werk/?q=Hoeks",
    )


def test_the_dry_run_counts_the_search_texts_the_run_will_erase(client, hengelo):
    _no_go_of_hoeks(hengelo)
    search = _search(client, UserFactory(intake=True, municipality=hengelo), "S.A. Hoeks")

    dry_run = retention.run(today=PAST_THE_SIGNAL_TERM, dry_run=True)

    assert dry_run.counts[retention.SEARCH_TEXTS] == 1
    assert "S.A. Hoeks" in _reread(search).description
    assert retention.counted(retention.SEARCH_TEXTS, 1) == "1 zoektekst in het auditlog"


def _retention_page(client) -> str:
    client.force_login(UserFactory(privacy_officer=True, municipality=None))
    return " ".join(page_text(client.get(reverse("privacy:retention_runs"))).split())


def test_the_retention_page_says_which_search_texts_the_signal_term_date_applies_to(
    client, settings
):
    # The run's date for search texts is the signal term's: it applies to the searches that
    # found nothing, the officer's own searches of the audit log and the lists' typed filters,
    # not to a search that found meldingen, which goes with them whenever they are erased.
    settings.RETENTION_SIGNAL_DAYS = 183
    RetentionRun.objects.create(
        counts={retention.SEARCH_TEXTS: 3, retention.SIGNALS: 2},
        cutoffs={retention.SEARCH_TEXTS: "2027-05-15", retention.SIGNALS: "2027-05-15"},
    )

    page = _retention_page(client)

    assert (
        "3 zoekteksten in het auditlog (van zoekopdrachten gedaan vóór 15-05-2027 die niets "
        "vonden, in het auditlog zelf zochten of een lijst filterden op getypte tekst, en van "
        "zoekopdrachten waarvan alle gevonden meldingen nu gewist zijn)"
    ) in page
    assert "2 signalen zonder opgepakte melding (15-05-2027)" in page  # the other kinds: a date
    # The terms: a search that found meldingen has no term of days of its own.
    terms = dict(retention.terms())
    found = (
        "Zoekteksten in het auditlog van een zoekopdracht die meldingen vond (een naam of adres)"
    )
    untied = (
        "Zoekteksten in het auditlog van een zoekopdracht die niets vond, van een "
        "zoekopdracht in het auditlog zelf en van een getypt filter op een lijst (klantnummer, "
        "postcode, bedrag)"
    )
    assert terms[found] == "tot alle meldingen die de zoekopdracht vond zijn gewist"
    assert terms[untied] == "183 dagen na het zoeken"
    assert found in page and untied in page
