"""A filter typed on an audited list (the creditor's klantnummer, the worklist's postcode or
amount) may single out a resident, and the log keeps it for 5 years. So the typed value is
kept as the officer's own search of the audit log is: in the entry's description, named
('terugkoppeling per signaal; gezocht op klantnummer "K-..."'), never in the page address, and
erased after the signal term (RETENTION_SIGNAL_DAYS). Within the term the officer sees which
filter was used and with what; the filters chosen from a list stay in the address."""

import datetime as dt

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from tests.audit_log_rows import entry_written_before
from tests.factories import MunicipalityFactory, UserFactory
from tests.privacy.database_scan import text_in_database
from vroegsignaal.casework.forms import WorklistFilterForm
from vroegsignaal.feedback.forms import FeedbackFilterForm
from vroegsignaal.privacy import audit, retention
from vroegsignaal.privacy.forms import AuditSearchForm
from vroegsignaal.privacy.models import AuditAction, AuditEntry
from vroegsignaal.privacy.pages import TYPED_PARAMETERS

pytestmark = pytest.mark.django_db(databases="__all__")

ERASED = "[zoektekst gewist na de bewaartermijn]"
TYPED_KLANTNUMMER = "KL-Wispel-4417"


@pytest.fixture
def caseworker(client):
    """Logged in on `client` when asked for it: `creditor_client` is the same client."""
    return UserFactory(caseworker=True, municipality=MunicipalityFactory(code="0164"))


def _worklist(client, caseworker, query: dict) -> AuditEntry:
    client.force_login(caseworker)
    assert client.get(reverse("casework:worklist"), query).status_code == 200
    return _last_entry(caseworker)


def _last_entry(user) -> AuditEntry:
    return AuditEntry.objects.filter(username=user.username).latest("id")


def _days_on(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def test_the_creditors_klantnummer_filter_is_in_the_description_not_the_page_address(
    creditor_client, creditor_user
):
    query = {"klantnummer": TYPED_KLANTNUMMER, "vrijgegeven_vanaf": "2026-11-01"}

    assert creditor_client.get(reverse("feedback:signals"), query).status_code == 200
    listed = _last_entry(creditor_user)
    download = reverse("feedback:download", args=["csv"])
    assert creditor_client.get(download, query).status_code == 200
    downloaded = _last_entry(creditor_user)

    assert listed.description == (
        f'terugkoppeling per signaal; gezocht op klantnummer "{TYPED_KLANTNUMMER}"'
    )
    assert listed.endpoint == "/terugkoppeling/?vrijgegeven_vanaf=2026-11-01"
    assert downloaded.description == (
        f'terugkoppeling per signaal (download); gezocht op klantnummer "{TYPED_KLANTNUMMER}"'
    )
    assert TYPED_KLANTNUMMER not in downloaded.endpoint


def test_the_worklists_typed_filters_are_named_in_the_description_the_chosen_stay_in_the_address(
    client, caseworker
):
    query = {"postcode": "7511 AB", "bedrag_vanaf": "3.000", "soort": "energie", "pagina": "1"}

    entry = _worklist(client, caseworker, query)

    assert entry.description == (
        'werkbakjes (lijst van meldingen); gezocht op postcodegebied "7511 AB" '
        'en achterstand vanaf "3.000"'
    )
    assert entry.endpoint == "/werk/?soort=energie&pagina=1"


def test_a_list_without_a_typed_filter_is_described_by_its_page_alone(client, caseworker):
    entry = _worklist(client, caseworker, {"postcode": ""})

    assert entry.description == "werkbakjes (lijst van meldingen)"
    assert entry.endpoint == "/werk/"


def test_typed_filter_texts_are_erased_after_the_signal_term_the_filter_used_stays(
    creditor_client, creditor_user, client, caseworker, settings
):
    settings.RETENTION_SIGNAL_DAYS = 183
    creditor_client.get(reverse("feedback:signals"), {"klantnummer": TYPED_KLANTNUMMER})
    listed = _last_entry(creditor_user)
    worklist = _worklist(client, caseworker, {"postcode": "7511XK", "soort": "energie"})

    on_the_last_day = retention.run(today=_days_on(183))
    after_the_term = retention.run(today=_days_on(184))

    assert on_the_last_day.counts[retention.SEARCH_TEXTS] == 0
    assert after_the_term.counts[retention.SEARCH_TEXTS] == 2
    assert text_in_database(TYPED_KLANTNUMMER) == []
    assert text_in_database("7511XK") == []
    erased_list, erased_worklist = (AuditEntry.objects.get(pk=e.pk) for e in (listed, worklist))
    assert erased_list.description == f"terugkoppeling per signaal; gezocht op {ERASED}"
    assert erased_worklist.description == f"werkbakjes (lijst van meldingen); gezocht op {ERASED}"
    for before, after in ((listed, erased_list), (worklist, erased_worklist)):
        assert (after.username, after.created_at, after.action, after.endpoint) == (
            before.username, before.created_at, before.action, before.endpoint,
        )  # fmt: skip


def test_a_page_given_to_record_keeps_no_typed_filter_in_its_address(creditor_user):
    """Every entry, also one whose view names its page itself, moves a typed filter to the
    description."""
    entry = audit.record(
        creditor_user,
        AuditAction.VIEW,
        "terugkoppeling per signaal",
        endpoint=f"/terugkoppeling/?klantnummer={TYPED_KLANTNUMMER}&pagina=2",
    )

    assert entry.description == (
        f'terugkoppeling per signaal; gezocht op klantnummer "{TYPED_KLANTNUMMER}"'
    )
    assert entry.endpoint == "/terugkoppeling/?pagina=2"


def test_an_old_entry_with_the_text_in_its_page_address_is_erased_by_the_run(creditor_user):
    old = entry_written_before(
        creditor_user.username,
        "werkbakjes (lijst van meldingen)",
        "/werk/?postcode=7511XK&soort=energie",
    )

    run = retention.run(today=_days_on(184))

    assert run.counts[retention.SEARCH_TEXTS] == 1
    erased = AuditEntry.objects.get(pk=old.pk)
    assert (erased.description, erased.endpoint) == (
        f"werkbakjes (lijst van meldingen); gezocht op {ERASED}",
        "/werk/?soort=energie",
    )


@pytest.mark.parametrize("form", [WorklistFilterForm, FeedbackFilterForm, AuditSearchForm])
def test_every_typed_field_of_an_audited_filter_form_is_kept_out_of_the_page_address(form):
    """A filter that is typed, not chosen from a list or a calendar, may hold anything; a new one
    fails here until its parameter is named in TYPED_PARAMETERS."""
    typed = {
        name
        for name, field in form.base_fields.items()
        if type(field) is forms.CharField and not field.widget.is_hidden
    }

    assert typed
    assert typed <= set(TYPED_PARAMETERS)
