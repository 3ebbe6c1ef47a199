"""The creditor portal shows a creditor only its own signals and only the permitted facts."""

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from tests.page_text import page_text
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.feedback.models import HeropafCheck, SignalFeedback
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import Agreement


def _ask_today(creditor) -> HeropafCheck:
    """The creditor's heropaf check, moved so that its heropaf date is today."""
    check = HeropafCheck.objects.get(creditor=creditor)
    check.asked_on = timezone.localdate()
    check.save()
    return check


@pytest.fixture
def released(enschede, energy, water, caseworker):
    """One worked melding of both creditors, go/no-go and outcome released."""
    melding = scenario.melding_with_signals(enschede, energy, water)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy, water])
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))
    return {link.signal.creditor: link.signal for link in melding.signal_links.all()}


def _text(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_signal_list_shows_only_the_creditors_own_signals(
    client, released, energy, water, energy_staff
):
    page = _text(client, energy_staff, reverse("feedback:signals"))
    assert released[energy].customer_number in page
    assert released[water].customer_number not in page


def test_a_signal_page_shows_go_no_go_and_the_permitted_outcome(
    client, released, energy, energy_staff, caseworker
):
    page = _text(client, energy_staff, reverse("feedback:signal", args=[released[energy].pk]))
    assert "Opgepakt" in page
    assert "Inkomensdaling" in page
    assert scenario.OWN_PAYMENTS in page
    assert "Alleen een betalingsachterstand" in page
    for value in (*scenario.NEVER_SHOWN, scenario.OTHER_PAYMENTS, caseworker.last_name):
        assert value not in page, value


def test_another_creditors_signal_is_not_found(client, released, water, energy_staff):
    client.force_login(energy_staff)
    response = client.get(reverse("feedback:signal", args=[released[water].pk]))
    assert response.status_code == 404


def test_another_creditors_heropaf_check_is_not_found_and_cannot_be_answered(
    client, released, water, energy_staff
):
    check = _ask_today(water)
    client.force_login(energy_staff)
    url = reverse("feedback:heropaf_check", args=[check.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "nee"}).status_code == 404
    check.refresh_from_db()
    assert check.answer == ""


def test_andere_reden_shows_only_not_picked_up_in_the_portal(
    client, enschede, energy, energy_staff
):
    reason = "Te weinig signalen op dit adres: 1 van minimaal 2 (beleid gemeente)"
    melding = scenario.melding_with_signals(
        enschede, energy, status=Signaalstatus.ANDERE_REDEN, reason=reason
    )
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    signal = melding.signal_links.get().signal
    page = _text(client, energy_staff, reverse("feedback:signal", args=[signal.pk]))
    assert ">Niet opgepakt<" in page
    assert "andere reden" not in page.lower()
    assert "Te weinig" not in page
    # The signal page says what the list says: no outcome will follow, not "not yet known".
    assert "Er komt geen uitkomst: het signaal is niet opgepakt." in page
    assert "nog niet bekend" not in page.lower()
    listing = _text(client, energy_staff, reverse("feedback:signals"))
    assert "Geen (niet opgepakt)" in listing and "Te weinig" not in listing


@pytest.mark.parametrize(
    ("status", "shown"),
    [(Signaalstatus.GEEN_INWONER, "Niet opgepakt: persoon is geen inwoner (meer) in de gemeente"),
     (Signaalstatus.OVERLEDEN, "Niet opgepakt: inwoner is overleden"),
     (Signaalstatus.ONTERECHT, "Niet opgepakt: onterecht signaal")],
)  # fmt: skip
def test_the_reason_after_niet_opgepakt_goes_on_in_lower_case_on_the_list_and_the_signal_page(
    client, enschede, energy, energy_staff, status, shown
):
    melding = scenario.melding_with_signals(enschede, energy, status=status)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    signal = melding.signal_links.get().signal

    assert shown in page_text(_text(client, energy_staff, reverse("feedback:signals")))
    signal_page = _text(client, energy_staff, reverse("feedback:signal", args=[signal.pk]))
    assert shown in page_text(signal_page)


def test_a_herhaalde_melding_tells_the_creditor_so_without_the_reason_or_the_earlier_kenmerk(
    client, enschede, energy, energy_staff
):
    """The standard feeds 'herhaalde melding' back; the reason the matching wrote, with the
    date and the kenmerk of the earlier melding (which may hold other creditors' signals),
    is the municipality's own."""
    reason = "Eerder gemeld door dezelfde schuldeiser op 03-09-2026 (melding VS-14296)"
    melding = scenario.melding_with_signals(
        enschede, energy, status=Signaalstatus.HERHAALDE_MELDING, reason=reason
    )
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    signal = melding.signal_links.get().signal

    listing = page_text(_text(client, energy_staff, reverse("feedback:signals")))
    signal_page = page_text(
        _text(client, energy_staff, reverse("feedback:signal", args=[signal.pk]))
    )
    for page in (listing, signal_page):
        assert "Niet opgepakt: herhaalde melding" in page
        assert "Eerder gemeld" not in page and "14296" not in page


def test_the_creditor_answers_a_heropaf_check_in_the_portal(client, released, energy, energy_staff):
    check = _ask_today(energy)
    page = _text(client, energy_staff, reverse("feedback:heropaf_checks"))
    assert f'href="{reverse("feedback:heropaf_check", args=[check.pk])}"' in page
    response = client.post(
        reverse("feedback:heropaf_check", args=[check.pk]),
        {"answer": "nee", "amount_open": "412,50"},
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert (check.answer, check.amount_open_cents) == ("nee", 41250)
    assert check.melding.state == "reopened"


def test_a_heropaf_answer_without_choice_is_explained(client, released, energy, energy_staff):
    check = _ask_today(energy)
    client.force_login(energy_staff)
    response = client.post(reverse("feedback:heropaf_check", args=[check.pk]), {})
    assert "Antwoord: kies &#x27;ja&#x27; of &#x27;nee&#x27;." in response.content.decode()


def test_creditor_staff_cannot_open_the_municipal_overview(client, energy_staff):
    client.force_login(energy_staff)
    assert client.get(reverse("feedback:overview")).status_code == 403


def test_the_municipality_sees_overdue_go_no_go_and_unanswered_heropaf_per_creditor(
    client, released, enschede, energy, water, intake_user
):
    today = timezone.localdate()
    late = scenario.melding_with_signals(enschede, water)  # go/no-go never released
    late.matched_on = today - dt.timedelta(days=30)
    late.save()
    # Received before that matching: the term runs from the later of the two.
    Signal.objects.filter(melding_link__melding=late).update(
        received_at=timezone.now() - dt.timedelta(days=31)
    )
    HeropafCheck.objects.update(
        asked_on=today - dt.timedelta(days=30), answer_due_on=today - dt.timedelta(days=1)
    )
    page = _text(client, intake_user, reverse("feedback:overview"))
    rows = {
        name: page.split(f">{name}</th>")[1].split("</tr>")[0] for name in (energy.name, water.name)
    }
    numbers = {name: _cells(row) for name, row in rows.items()}
    # go/no-go open, overdue; outcome open, overdue; heropaf waiting, overdue
    assert numbers[water.name] == [1, 1, 0, 0, 1, 1]
    assert numbers[energy.name] == [0, 0, 0, 0, 1, 1]


def _cells(row: str) -> list[int]:
    """The numbers of a row's cells, also of a count that links to its list (QA15 B5)."""
    cells = (cell.split("</td>")[0] for cell in row.split('numeric-data">')[1:])
    return [int(re.sub(r"<[^>]*>", "", cell)) for cell in cells]


def test_a_creditor_finds_one_customer_by_klantnummer(
    client, released, enschede, energy, energy_staff
):
    other = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 24))
    other_number = other.signal_links.get().signal.customer_number
    wanted = released[energy].customer_number

    page = _text(
        client, energy_staff, reverse("feedback:signals") + f"?klantnummer={wanted.lower()}"
    )

    assert wanted in page and other_number not in page
    assert "1 signaal bij deze zoekopdracht" in page


def test_the_download_has_one_row_per_signal_with_only_the_permitted_facts(
    client, released, energy, water, energy_staff, caseworker
):
    client.force_login(energy_staff)

    response = client.get(reverse("feedback:download", args=["csv"]))

    text = response.content.decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    assert response["Content-Disposition"].startswith('attachment; filename="terugkoppeling-')
    assert lines[0].startswith("Klantnummer;Signaaldatum;Go/no-go;Al bekend bij schuldhulp;")
    assert len(lines) == 2 and lines[1].startswith(released[energy].customer_number + ";")
    assert "Opgepakt" in lines[1] and "Inkomensdaling" in lines[1]
    assert scenario.OWN_PAYMENTS in lines[1]
    assert released[water].customer_number not in text
    for value in (*scenario.NEVER_SHOWN, scenario.OTHER_PAYMENTS, caseworker.last_name):
        assert value not in text, value


def test_the_download_takes_only_what_was_released_since_a_day(
    client, released, energy, energy_staff
):
    """Collection staff take in what is new since their last download."""
    client.force_login(energy_staff)
    url = reverse("feedback:download", args=["xlsx"])
    SignalFeedback.objects.filter(creditor=energy).update(
        released_at=timezone.make_aware(dt.datetime(2026, 11, 23, 16))
    )

    since_23 = client.get(url, {"vrijgegeven_vanaf": "2026-11-23"})
    since_24 = client.get(url, {"vrijgegeven_vanaf": "2026-11-24"})

    assert len(list(load_workbook(io.BytesIO(since_23.content)).active.rows)) == 2
    assert len(list(load_workbook(io.BytesIO(since_24.content)).active.rows)) == 1


def test_the_days_in_the_excel_download_are_date_cells(client, released, energy, energy_staff):
    """Rule: Signaaldatum, Datum uitkomst and Laatst vrijgegeven op sort and filter as dates in
    Excel; as text cells they did not."""
    client.force_login(energy_staff)
    response = client.get(reverse("feedback:download", args=["xlsx"]))
    header, row = load_workbook(io.BytesIO(response.content)).active.iter_rows(max_row=2)
    cells = {title.value: cell for title, cell in zip(header, row, strict=True)}

    signal_date = cells["Signaaldatum"]
    assert signal_date.value.date() == released[energy].signal_date
    assert signal_date.number_format == "dd-mm-yyyy"
    assert cells["Datum uitkomst"].value.date() == scenario.CLOSED_DAY
    assert cells["Laatst vrijgegeven op"].number_format == "dd-mm-yyyy hh:mm"
    assert cells["Laatst vrijgegeven op"].is_date


def test_a_download_in_another_format_is_not_found(client, released, energy_staff):
    client.force_login(energy_staff)

    assert client.get(reverse("feedback:download", args=["pdf"])).status_code == 404


def test_a_download_asks_for_the_feedback_with_a_subquery_not_a_list_of_ids(
    client, released, enschede, energy, energy_staff
):
    """A creditor may have tens of thousands of signals; SQLite allows 32,766 parameters."""
    for _ in range(30):
        scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 24))
    client.force_login(energy_staff)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("feedback:download", args=["csv"]))

    (feedback_query,) = [
        q["sql"] for q in queries if q["sql"].startswith('SELECT "feedback_signalfeedback"')
    ]
    assert "IN (SELECT" in feedback_query.replace("U0", "").upper().replace('"', '"')
    assert len(response.content.decode("utf-8-sig").strip().split("\r\n")) == 1 + 31


def test_the_global_cause_is_shown_as_a_category_without_personal_examples(
    client, released, energy, energy_staff
):
    # domain.md step 8: the global cause may be fed back, personal circumstances never; the
    # caseworker's label "(scheiding, ziekte, overlijden)" reads like those circumstances.
    outcome = SignalFeedback.objects.get(signal=released[energy], kind="outcome")
    outcome.content["cause"] = "levensgebeurtenis"
    outcome.save()
    page = _text(client, energy_staff, reverse("feedback:signal", args=[released[energy].pk]))
    assert "Ingrijpende gebeurtenis" in page
    for personal in ("scheiding", "ziekte", "overlijden"):
        assert personal not in page
    assert "alleen de globale oorzaak" in page
    listing = _text(client, energy_staff, reverse("feedback:signals"))
    assert "alleen de globale oorzaak" in listing and "ziekte" not in listing


def test_an_impossible_filter_date_lists_and_offers_nothing_until_it_is_fixed(
    client, released, energy, energy_staff
):
    page = _text(
        client, energy_staff, reverse("feedback:signals") + "?vrijgegeven_vanaf=31-02-2026"
    )

    assert "Vrijgegeven vanaf: &#x27;31-02-2026&#x27; is geen bestaande datum." in page
    assert "Er worden geen signalen getoond en gedownload tot de zoekvelden kloppen." in page
    assert released[energy].customer_number not in page
    assert "Downloaden" not in page


def test_a_download_with_an_impossible_filter_date_goes_back_to_the_list(
    client, released, energy_staff
):
    client.force_login(energy_staff)

    response = client.get(
        reverse("feedback:download", args=["csv"]), {"vrijgegeven_vanaf": "31-02-2026"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:signals") + "?vrijgegeven_vanaf=31-02-2026"


def test_the_filter_date_may_be_typed_as_dd_mm_jjjj(client, released, energy, energy_staff):
    SignalFeedback.objects.filter(creditor=energy).update(
        released_at=timezone.make_aware(dt.datetime(2026, 11, 23, 16))
    )
    url = reverse("feedback:signals")

    since_23 = _text(client, energy_staff, url + "?vrijgegeven_vanaf=23-11-2026")
    since_24 = _text(client, energy_staff, url + "?vrijgegeven_vanaf=24-11-2026")

    assert released[energy].customer_number in since_23
    assert released[energy].customer_number not in since_24


def test_the_signal_count_is_written_with_dutch_thousands(
    client, released, energy_staff, monkeypatch
):
    """Rule: '4.642 signalen', as the other pages write counts (not '4642 signalen')."""
    from django.core.paginator import Paginator

    monkeypatch.setattr(Paginator, "count", property(lambda self: 4642))
    page = _text(client, energy_staff, reverse("feedback:signals"))
    assert "4.642 signalen" in page


def _words(html: str) -> str:
    return " ".join(page_text(html).split())


def test_the_outcomes_date_has_one_label_on_the_list_the_signal_page_and_in_the_download(
    client, released, energy, energy_staff
):
    """Rule: the day of the outcome is 'Datum uitkomst' everywhere; next to 'Al bekend bij
    schuldhulp' the list said 'Bekend sinds 20-11-2026', read as known to debt help since then."""
    day = f"{scenario.CLOSED_DAY:%d-%m-%Y}"
    listing = _text(client, energy_staff, reverse("feedback:signals"))
    signal_page = _text(
        client, energy_staff, reverse("feedback:signal", args=[released[energy].pk])
    )
    header = client.get(reverse("feedback:download", args=["csv"])).content.decode("utf-8-sig")

    assert ">Datum uitkomst</th>" in listing and day in listing
    assert "Datum uitkomst" in _words(signal_page) and day in signal_page
    assert "Datum uitkomst" in header.split("\r\n")[0].split(";")
    for page in (listing, signal_page, header):
        assert "Bekend sinds" not in page and "Uitkomst: datum" not in page


def test_known_to_debt_help_is_said_once_when_no_agreement_of_the_creditor_shares_it(
    client, released, energy, energy_staff
):
    """domain.md step 8: 'al bekend bij schuldhulpverlening' reaches a creditor only when its
    agreement allows it. Without such an agreement the list has no column of 'Niet gedeeld' in
    every row, but says once what the creditor is (not) told."""
    listing = _text(client, energy_staff, reverse("feedback:signals"))

    assert "Niet gedeeld" not in listing
    assert "Al bekend bij schuldhulp</th>" not in listing
    assert (
        "Of een inwoner al bekend is bij schuldhulpverlening, deelt de gemeente niet met "
        "Energie Oost: uw convenanten staan dat niet toe."
    ) in _words(listing)


def test_known_to_debt_help_has_its_column_where_an_agreement_shares_it(
    client, enschede, energy, energy_staff
):
    Agreement.objects.filter(creditor=energy).update(share_known_client_status=True)
    melding = scenario.melding_with_signals(enschede, energy, status=Signaalstatus.AL_BEKEND)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    signal = melding.signal_links.get().signal

    listing = _text(client, energy_staff, reverse("feedback:signals"))

    assert ">Al bekend bij schuldhulp</th>" in listing
    row = listing.split(signal.customer_number)[1].split("</tr>")[0]
    assert ">Ja</td>" in row
    assert "deelt de gemeente niet" not in listing
    header, row = _csv_download(client)
    assert header[3] == "Al bekend bij schuldhulp" and row[3] == "Ja"


def test_the_download_keeps_its_known_column_where_no_agreement_shares_it(
    client, released, energy_staff
):
    """The list leaves the column out and says why once; the download keeps every column in
    its place ('Niet gedeeld'), so that a partner's import by column order keeps working when
    an agreement starts or stops sharing it."""
    client.force_login(energy_staff)

    header, row = _csv_download(client)

    assert header[3] == "Al bekend bij schuldhulp" and row[3] == "Niet gedeeld"
    assert len(row) == len(header)


def _csv_download(client) -> tuple[list[str], list[str]]:
    """The header and first row of the logged-in creditor's CSV download."""
    text = client.get(reverse("feedback:download", args=["csv"])).content.decode("utf-8-sig")
    header, row, *_ = (line.split(";") for line in text.strip().split("\r\n"))
    return header, row
