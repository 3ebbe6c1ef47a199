"""A creditor with convenanten in several municipalities sees which municipality fed back about
each signal, and can list one municipality's feedback apart (QA14 B12): a column and a filter on
the list, a last column in the download, two fields in the API.

The filter offers only the creditor's own municipalities (its convenanten and its signals); a
municipality it has nothing with is refused exactly like one that does not exist, and nothing of
another creditor's signals shows under any filter."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from tests.factories import AgreementFactory, MunicipalityFactory
from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from tests.page_text import page_text
from vroegsignaal.feedback.listing import DOWNLOAD_HEADER
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.organisations.models import Agreement
from vroegsignaal.organisations.services import create_api_key

NOT_OWN = "Gemeente: kies een van de gemeenten in de lijst."


@pytest.fixture
def deventer(energy):
    municipality = MunicipalityFactory(code="0150", name="Deventer")
    AgreementFactory(creditor=energy, municipality=municipality, valid_from=dt.date(2026, 11, 1))
    return municipality


@pytest.fixture
def hengelo(water):
    """A municipality only Water Oost has a convenant and signals with."""
    municipality = MunicipalityFactory(code="0164", name="Hengelo")
    AgreementFactory(creditor=water, municipality=municipality)
    return municipality


@pytest.fixture
def signals(enschede, deventer, hengelo, energy, water):
    """Released go/no-go for a signal of each creditor in Enschede, one of Energie Oost in
    Deventer and one of Water Oost in Hengelo."""
    melding_enschede = scenario.melding_with_signals(enschede, energy, water)
    melding_deventer = scenario.melding_with_signals(deventer, energy)
    melding_hengelo = scenario.melding_with_signals(hengelo, water)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))

    def own(melding, creditor):
        return melding.signal_links.get(signal__creditor=creditor).signal

    return {
        "enschede": own(melding_enschede, energy),
        "deventer": own(melding_deventer, energy),
        "water_enschede": own(melding_enschede, water),
        "water_hengelo": own(melding_hengelo, water),
    }


def _get(client, user, url, query=None):
    client.force_login(user)
    return client.get(url, query or {})


def _words(response) -> str:
    assert response.status_code == 200
    return " ".join(page_text(response).split())


def _rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return [line.split(";") for line in text.strip().split("\r\n")]


def test_the_list_names_the_municipality_of_each_signal(client, signals, energy_staff):
    page = _get(client, energy_staff, reverse("feedback:signals")).content.decode()

    assert '<th scope="col" class="utrecht-table__header-cell">Gemeente</th>' in page
    for name in ("enschede", "deventer"):
        row = page.split(signals[name].customer_number, 1)[1].split("</tr>", 1)[0]
        assert f">{name.capitalize()}</td>" in row


def test_the_filter_lists_one_municipalitys_feedback(client, signals, energy_staff):
    response = _get(client, energy_staff, reverse("feedback:signals"), {"gemeente": "0150"})

    words = _words(response)
    assert signals["deventer"].customer_number in words
    assert signals["enschede"].customer_number not in words
    assert "1 signaal bij deze zoekopdracht" in words


def test_the_filter_offers_only_the_creditors_own_municipalities(client, signals, energy_staff):
    page = _get(client, energy_staff, reverse("feedback:signals")).content.decode()

    select = page.split('name="gemeente"', 1)[1].split("</select>", 1)[0]
    assert '<option value="" selected>Alle gemeenten</option>' in select
    assert '<option value="0150">Deventer</option>' in select
    assert '<option value="0153">Enschede</option>' in select
    assert "Hengelo" not in page and "0164" not in page


@pytest.mark.parametrize("code", ["0164", "9999", "Hengelo"])
def test_a_municipality_the_creditor_has_nothing_with_is_refused_like_one_that_does_not_exist(
    client, signals, energy_staff, code
):
    """Hengelo (0164) exists and has signals, of Water Oost; the answer must not tell."""
    words = _words(_get(client, energy_staff, reverse("feedback:signals"), {"gemeente": code}))

    assert NOT_OWN in words
    assert "Er worden geen signalen getoond en gedownload tot de zoekvelden kloppen." in words
    for signal in signals.values():
        assert signal.customer_number not in words
    assert "Hengelo" not in words


def test_the_download_with_a_municipality_it_has_nothing_with_gives_nothing(
    client, signals, energy_staff
):
    response = _get(
        client, energy_staff, reverse("feedback:download", args=["csv"]), {"gemeente": "0164"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("?gemeente=0164")


def test_another_creditors_signals_never_show_under_any_filter(
    client, signals, energy_staff, water_staff
):
    for query in ({}, {"gemeente": "0153"}, {"gemeente": "0150"}):
        page = _words(_get(client, energy_staff, reverse("feedback:signals"), query))
        download = _get(client, energy_staff, reverse("feedback:download", args=["csv"]), query)
        for other in (signals["water_enschede"], signals["water_hengelo"]):
            assert other.customer_number not in page
            assert other.customer_number not in download.content.decode("utf-8-sig")

    # Water Oost has nothing with Deventer: not offered, and refused when typed.
    water_page = _words(
        _get(client, water_staff, reverse("feedback:signals"), {"gemeente": "0150"})
    )
    assert NOT_OWN in water_page and "Deventer" not in water_page


def test_a_municipality_of_the_creditors_signals_is_offered_after_its_convenant_was_deleted(
    client, signals, energy, energy_staff
):
    Agreement.objects.filter(creditor=energy, municipality__code="0150").delete()

    page = _get(client, energy_staff, reverse("feedback:signals")).content.decode()

    assert '<option value="0150">Deventer</option>' in page


def test_the_municipality_is_the_last_column_of_the_download(client, signals, energy_staff):
    """New columns go last, so an import by column position keeps its columns."""
    header, *rows = _rows(_get(client, energy_staff, reverse("feedback:download", args=["csv"])))

    assert header == DOWNLOAD_HEADER and header[-1] == "Gemeente"
    assert header[:-1] == [
        "Klantnummer",
        "Signaaldatum",
        "Go/no-go",
        "Al bekend bij schuldhulp",
        "Datum uitkomst",
        "Hulp geaccepteerd",
        "Globale oorzaak",
        "Afspraak over de lopende betalingen",
        "Perspectief",
        "Laatst vrijgegeven op",
        "Go/no-go gecorrigeerd op",
        "Contact met de klant",
    ]
    by_number = {row[0]: row[-1] for row in rows}
    assert by_number == {
        signals["enschede"].customer_number: "Enschede",
        signals["deventer"].customer_number: "Deventer",
    }


def test_the_download_takes_the_municipality_filter(client, signals, energy_staff):
    url = reverse("feedback:download", args=["xlsx"])
    response = _get(client, energy_staff, url, {"gemeente": "0153"})

    _header, *rows = load_workbook(io.BytesIO(response.content)).active.values
    assert [(row[0], row[-1]) for row in rows] == [
        (signals["enschede"].customer_number, "Enschede")
    ]


def test_a_search_on_a_klantnummer_keeps_to_the_municipality_for_signals_awaiting_feedback(
    client, signals, enschede, energy, energy_staff
):
    waiting = scenario.melding_with_signals(enschede, energy).signal_links.get().signal
    query = {"klantnummer": waiting.customer_number}

    found = _words(_get(client, energy_staff, reverse("feedback:signals"), query))
    elsewhere = _words(
        _get(client, energy_staff, reverse("feedback:signals"), {**query, "gemeente": "0150"})
    )

    assert "Ontvangen, nog zonder terugkoppeling" in found
    assert "Ontvangen, nog zonder terugkoppeling" not in elsewhere


def test_the_signal_page_names_the_municipality(client, signals, energy_staff):
    url = reverse("feedback:signal", args=[signals["deventer"].pk])

    page = _get(client, energy_staff, url).content.decode()

    assert '>Gemeente</dt><dd class="utrecht-data-list__item-value">Deventer</dd>' in page


def test_the_api_names_the_municipality_of_each_item(signals, energy):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {create_api_key(energy, 'koppeling')}")

    results = api.get("/api/v1/feedback").json()["results"]

    assert {
        (item["signal_id"], item["municipality_code"], item["municipality_name"])
        for item in results
    } == {
        (signals["enschede"].pk, "0153", "Enschede"),
        (signals["deventer"].pk, "0150", "Deventer"),
    }


def _queries(client, user, url) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [reverse("feedback:signals"), reverse("feedback:download", args=["csv"]), "/api/v1/feedback"],
)
def test_the_municipality_costs_no_query_per_row(
    client, signals, deventer, energy, energy_staff, url
):
    before = _queries(client, energy_staff, url)
    for _ in range(4):
        scenario.melding_with_signals(deventer, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 24))

    assert _queries(client, energy_staff, url) == before
