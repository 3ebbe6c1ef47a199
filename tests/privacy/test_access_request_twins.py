"""Inzageverzoek for one of twins (QA7 H1): A. and B. Tweeling share surname, birth date and
address, and the matching keeps them two residents. A's answer never holds B's signal: a signal
whose initial or BSN differs from hers is asked about on screen (unticked), never taken in, and
the matching's person link decides about a signal without initials."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from tests.factories import (
    AgreementFactory,
    CreditorFactory,
    UserFactory,
    enschede_with_energy_agreement,
)
from tests.privacy.inzage_review import composed
from tests.privacy.test_access_request import pdf_text
from vroegsignaal.intake.models import Signal
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.reference_lists import BRP_COLUMNS, import_population_register
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db(databases="__all__")

TODAY = dt.date(2026, 11, 25)
BSN_A, BSN_B = "723129277", "123456782"
BY_NAME = {
    "achternaam": "Tweeling", "geboortedatum": "1990-04-02", "postcode": "7511AB",
    "huisnummer": "12",
}  # fmt: skip


def record(customer: str, initials: str, amount: str = "250,00", **extra) -> dict:
    return {
        "klantnummer": customer, "signaaldatum": "2026-10-05", "voorletters": initials,
        "achternaam": "Tweeling", "geboortedatum": "1990-04-02", "straat": "Oldenzaalsestraat",
        "huisnummer": "12", "postcode": "7511AB", "woonplaats": "Enschede",
        "bedrag_achterstand": amount, "datum_ontstaan": "2026-09-01", **extra,
    }  # fmt: skip


# A's signal from her health insurer (with her BSN), B's € 640 energy signal.
TWINS = (
    ("zorg", record("Z-A", "A.", bsn=BSN_A)),
    ("energy", record("E-B", "B.", amount="640,00")),
)


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(privacy_officer=True, municipality=None))
    return client


@pytest.fixture
def enschede():
    """Enschede with a health insurer (delivers a BSN), an energy and a water company."""
    municipality, energy = enschede_with_energy_agreement()
    creditors = {"energy": energy}
    for code, name, kind in (
        ("zorg", "Zorgverzekeraar Oost", "Zorg"),
        ("water", "Vitens", "Water"),
    ):
        creditors[code] = CreditorFactory(code=code, name=name, partner_type=kind)
        AgreementFactory(creditor=creditors[code], municipality=municipality)
    return municipality, creditors


def deliver_and_match(enschede, *deliveries, brp: str = "") -> None:
    """Each delivery (creditor code, record) ingested, the BRP extract lines loaded, October
    matched: the real engine sets each signal's person key."""
    municipality, creditors = enschede
    if brp:
        import_population_register(municipality, ";".join(BRP_COLUMNS) + "\n" + brp)
    for code, delivered in deliveries:
        ingest_records(creditors[code], [delivered], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)


@pytest.fixture
def twins(enschede):
    """A's signal from her health insurer (with her BSN), B's € 640 energy signal."""
    deliver_and_match(enschede, *TWINS)
    return enschede


def _ask(client, **fields):
    return client.post(reverse("privacy:access_request"), {"formaat": "pdf", **fields})


def _composed(client, **fields):
    """The document after the officer answered the page's questions, ticking nothing."""
    return composed(client, {"formaat": "pdf", **fields})


def _page(response) -> str:
    assert response["Content-Type"].startswith("text/html")
    return " ".join(response.content.decode().split())


def _asked_about(page: str) -> list[str]:
    """The 'hoort dit bij deze inwoner?' lines; none is ticked beforehand."""
    found = re.findall(r'(<input type="checkbox" name="meenemen"[^>]*>) (Melding [^<]+)', page)
    assert not any("checked" in box for box, _ in found)
    return [line for _, line in found]


def _assert_no_twin_b(text: str) -> None:
    for twins_data in ("B. Tweeling", "E-B", "640", "Energie Oost"):
        assert twins_data not in text, twins_data


def test_by_name_alone_the_page_asks_for_the_initials_when_twins_share_name_birth_and_address(
    officer_client, twins
):
    page = _page(_ask(officer_client, **BY_NAME))

    assert (
        "Met deze naam en geboortedatum staan op dit adres signalen van meer dan één persoon "
        "(A. Tweeling, B. Tweeling). Vul ook de voorletters of het BSN van de inwoner in."
    ) in page
    assert 'name="voorletters"' in page


def test_the_audit_log_search_for_a_twin_asks_for_the_initials_too(officer_client, twins):
    response = officer_client.post(reverse("privacy:audit_log"), BY_NAME)

    page = _page(response)
    assert "signalen van meer dan één persoon (A. Tweeling, B. Tweeling)" in page


def test_by_name_and_initials_the_other_twins_signal_is_asked_about_unticked_and_never_printed(
    officer_client, twins
):
    asked = _asked_about(_page(_ask(officer_client, **BY_NAME, voorletters="A.")))
    assert len(asked) == 1 and "(B. Tweeling, 02-04-1990): hoort dit bij deze inwoner?" in asked[0]

    text = " ".join(
        pdf_text(_composed(officer_client, **BY_NAME, voorletters="A.").content).split()
    )
    assert "Signalen (1)" in text and "Signaal van Zorgverzekeraar Oost" in text
    _assert_no_twin_b(text)


def test_by_name_and_initials_of_the_twin_without_bsn_the_other_twins_bsn_is_not_taken_as_hers(
    officer_client, twins
):
    """B's own signal has no BSN, A's has one: B's request by name and 'B.' must not borrow
    A's BSN from the signals found and so take A's signal in (QA8)."""
    asked = _asked_about(_page(_ask(officer_client, **BY_NAME, voorletters="B")))
    assert len(asked) == 1 and "(A. Tweeling, 02-04-1990): hoort dit bij deze inwoner?" in asked[0]

    text = " ".join(pdf_text(_composed(officer_client, **BY_NAME, voorletters="B").content).split())
    assert "Signalen (1)" in text and "Signaal van Energie Oost" in text
    for twin_a in ("Z-A", "Zorgverzekeraar Oost", BSN_A):
        assert twin_a not in text, twin_a


def test_by_bsn_the_other_twins_signal_is_asked_about_unticked_and_never_printed(
    officer_client, enschede
):
    # Both twins are in the BRP extract: A's BSN gives her name, birth date and address, which
    # fit B's signal too but for the initial.
    deliver_and_match(
        enschede,
        *TWINS,
        brp=f"{BSN_A};A.;;Tweeling;1990-04-02;7511AB;12;;;\n"
        f"{BSN_B};B.;;Tweeling;1990-04-02;7511AB;12;;;\n",
    )

    asked = _asked_about(_page(_ask(officer_client, bsn=BSN_A)))
    assert len(asked) == 1 and "(B. Tweeling, 02-04-1990)" in asked[0]

    text = " ".join(pdf_text(_composed(officer_client, bsn=BSN_A).content).split())
    assert "Signalen (1)" in text
    _assert_no_twin_b(text)


def test_a_signal_without_initials_that_fits_both_twins_is_asked_about_and_not_taken_in(
    officer_client, enschede
):
    # The water company knows no initials: the matching keeps its signal a person of its own,
    # since it cannot say which twin it is about. So does the inzage: the officer decides.
    deliver_and_match(
        enschede,
        *TWINS,
        ("water", record("W-1", "", amount="75,00")),
    )

    asked = _asked_about(_page(_ask(officer_client, **BY_NAME, voorletters="A.")))
    assert sorted(line.split("(")[1].split(")")[0] for line in asked) == [
        "B. Tweeling, 02-04-1990",
        "Tweeling, 02-04-1990",
    ]

    data = json.loads(
        _composed(officer_client, **BY_NAME, voorletters="A.", formaat="json").content
    )
    assert [s["klantnummer"] for s in data["signalen"]] == ["Z-A"]


def test_a_signal_without_initials_the_matching_linked_to_her_is_taken_in_without_a_question(
    officer_client, enschede
):
    deliver_and_match(
        enschede,
        ("zorg", record("Z-A", "A.", bsn=BSN_A)),
        ("water", record("W-1", "", amount="75,00")),
    )
    person_keys = set(Signal.objects.values_list("melding_link__person_key", flat=True))
    assert len(person_keys) == 1  # the matching made them one person

    for asked in (BY_NAME, {**BY_NAME, "voorletters": "A."}, {"bsn": BSN_A}):
        response = _composed(officer_client, **asked, formaat="json")
        assert response["Content-Type"] == "application/json", asked
        numbers = sorted(s["klantnummer"] for s in json.loads(response.content)["signalen"])
        assert numbers == ["W-1", "Z-A"], asked
