"""QA7 M2: in a melding that goes ahead, a signal the matching did not pick up (here: the BRP
has the person as deceased) is on the melding page with its status, but not in the melding's
total, partner types or priority, and no letter is written about it. A birth-date typo of two
swapped digits no longer makes a resident 'geen inwoner'."""

import re

import pytest
from django.urls import reverse
from tests.factories import UserFactory
from tests.matching.test_one_person_across_the_chain import (
    BRP_HEADER,
    TODAY,
    _letters,
    _residents_on_page,
    enschede,  # noqa: F401 (fixture)
    record,
)
from tests.page_text import page_text

from vroegsignaal.casework.models import Melding, ResidenceCheckMethod
from vroegsignaal.casework.not_resident import confirm_not_resident, withdraw_not_resident
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.dutch_numbers import euros
from vroegsignaal.intake.models import Signal
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.policies import save_policy
from vroegsignaal.matching.reference_lists import import_population_register
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db
# P. de Vries lives at the address; A. de Vries, who lived there too, has died.
RESIDENTS = ";P.;de;Vries;1975-05-05;7511AB;12;;;\n;A.;de;Vries;1941-02-09;7511AB;12;;;2026-06-01\n"
HIM = {"achternaam": "Vries", "voorvoegsel": "de", "voorletters": "P.", "geslacht": "M",
       "geboortedatum": "1975-05-05"}  # fmt: skip


def _matched(enschede, energy_record: dict, zorg_record: dict) -> Melding:  # noqa: F811
    municipality, energy, zorg = enschede
    import_population_register(municipality, BRP_HEADER + RESIDENTS)
    ingest_records(energy, [energy_record], today=TODAY)
    ingest_records(zorg, [{**zorg_record, "datum_ontstaan": "2026-09-01"}], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    return Melding.objects.get()


def _page(client, melding) -> str:
    client.force_login(UserFactory(caseworker=True, municipality=melding.municipality))
    return page_text(client.get(reverse("casework:melding", args=[melding.pk])))


def test_a_deceased_persons_signal_is_shown_but_not_counted_nor_written_to(
    client,
    enschede,  # noqa: F811
):
    her = {"achternaam": "Vries", "voorvoegsel": "de", "voorletters": "A.", "geslacht": "V",
           "geboortedatum": "1941-02-09", "bedrag_achterstand": "1.345,00"}  # fmt: skip
    melding = _matched(enschede, record("E1", "Vries", **HIM), record("Z1", "Vries", **her))

    assert melding.go and melding.state == "new"
    assert (melding.total_amount_cents, melding.partner_types) == (25_000, ["Energie"])
    assert not any("soorten signaalpartners" in reason for reason in melding.priority_reasons)
    page = _page(client, melding)
    assert "Inwoner is overleden" in page and "Overleden volgens de BRP (01-06-2026)" in page
    assert "€ 1.595,00" not in page
    (letter,) = _letters(melding)
    assert "Beste meneer De Vries" in letter
    assert "uw energieleverancier" in letter and "zorgverzekeraar" not in letter


def test_a_birth_year_with_two_digits_swapped_is_the_resident_the_brp_has_there(
    client,
    enschede,  # noqa: F811
):
    typo = {**HIM, "geboortedatum": "1957-05-05"}
    melding = _matched(enschede, record("E1", "Vries", **HIM), record("Z1", "Vries", **typo))

    assert set(Signal.objects.values_list("status", flat=True)) == {Signaalstatus.OPGEPAKT}
    assert melding.partner_types == ["Energie", "Zorg"]
    assert "geen inwoner" not in _page(client, melding)
    (resident,) = _residents_on_page(client, melding)
    assert resident.startswith("P. de Vries (zo geschreven in de BRP)")
    (letter,) = _letters(melding)
    assert "uw energieleverancier en uw zorgverzekeraar" in letter


def test_a_partner_the_brp_misses_beside_the_resident_is_checked_not_closed_as_geen_inwoner(
    client,
    enschede,  # noqa: F811
):
    # Her maiden name is not in the extract; P. de Vries, in the extract, lives there.
    her = {"achternaam": "Zandvoort", "voorletters": "L.", "geslacht": "V",
           "geboortedatum": "1983-09-30"}  # fmt: skip
    melding = _matched(enschede, record("E1", "Vries", **HIM), record("Z1", "Zandvoort", **her))

    assert set(Signal.objects.values_list("status", flat=True)) == {Signaalstatus.OPGEPAKT}
    assert melding.partner_types == ["Energie", "Zorg"]
    page = _page(client, melding)
    assert "Persoon is geen inwoner" not in page
    # The caseworker confirms it for her signal alone after the check (casework.not_resident).
    assert page.count("Bevestig: geen inwoner (meer)") == 1
    assert (
        "Niet gevonden in de BRP van Enschede: controleer of de inwoner hier woont voordat u de "
        "melding afsluit."
    ) in page
    assert len(_letters(melding)) == 2


def test_a_signal_confirmed_geen_inwoner_stays_so_when_the_month_is_matched_again(
    enschede,  # noqa: F811
):
    """The caseworker's confirmation on a melding nobody took yet (still 'nieuw') is casework:
    a new run does not give the signal back its 'controleer' status."""
    her = {"achternaam": "Zandvoort", "voorletters": "L.", "geslacht": "V",
           "geboortedatum": "1983-09-30"}  # fmt: skip
    melding = _matched(enschede, record("E1", "Vries", **HIM), record("Z1", "Zandvoort", **her))
    signal = Signal.objects.get(surname="Zandvoort")
    caseworker = UserFactory(caseworker=True, municipality=melding.municipality)
    confirm_not_resident(
        melding, signal, caseworker, melding.version, method=ResidenceCheckMethod.HOME_VISIT
    )

    match_period(melding.municipality, "2026-10", today=TODAY)

    signal.refresh_from_db()
    assert signal.status == Signaalstatus.GEEN_INWONER


# Her signal is high, so the melding page shows plainly whether it is counted.
HER_MAIDEN_NAME = {"achternaam": "Zandvoort", "voorletters": "L.", "geslacht": "V",
                   "geboortedatum": "1983-09-30", "bedrag_achterstand": "1.345,00"}  # fmt: skip


def _figures(melding: Melding) -> tuple:
    melding = Melding.objects.get(pk=melding.pk)
    return (melding.total_amount_cents, melding.partner_types, melding.partner_type_count,
            melding.priority_score, melding.priority_reasons, melding.queue_id, melding.go)  # fmt: skip


def _figures_on_page(client, melding: Melding) -> tuple:
    """The melding's figures, after checking that its page says one amount: the same under
    'Totale achterstand' and in the priority's reason, with the priority and its reasons."""
    figures = _figures(melding)
    amount, score, reasons = figures[0], figures[3], figures[4]
    page = _page(client, melding)
    assert re.search(rf"Totale achterstand\s*{re.escape(euros(amount))}\s*Contactronde", page)
    assert f"Prioriteit {score}: waarom" in page
    assert all(reason in page for reason in reasons)
    assert any(reason.startswith(f"Totale achterstand {euros(amount)} (+") for reason in reasons)
    return figures


def test_confirming_geen_inwoner_shows_at_once_the_amount_priority_and_reasons_a_rerun_keeps(
    client,
    enschede,  # noqa: F811
):
    """QA9 B6: right after confirming, the page said 'Totale achterstand € 250,00' beside
    'Prioriteit ...: waarom – Totale achterstand € 1.595,00'; only a rerun made them agree."""
    melding = _matched(
        enschede, record("E1", "Vries", **HIM), record("Z1", "Zandvoort", **HER_MAIDEN_NAME)
    )
    assert "€ 1.595,00" in _page(client, melding)
    assert "2 soorten signaalpartners" in " ".join(melding.priority_reasons)
    signal = Signal.objects.get(surname="Zandvoort")
    caseworker = UserFactory(caseworker=True, municipality=melding.municipality)
    confirm_not_resident(
        melding, signal, caseworker, melding.version, method=ResidenceCheckMethod.HOME_VISIT
    )
    confirmed = _figures_on_page(client, melding)
    amount, partner_types, partner_type_count, _, reasons, _, go = confirmed
    assert (amount, partner_types, partner_type_count, go) == (25_000, ["Energie"], 1, True)
    assert "soorten signaalpartners" not in " ".join(reasons)
    assert "Totale achterstand € 1.595,00" not in _page(client, melding)

    match_period(melding.municipality, "2026-10", today=TODAY)

    # The run changes nothing the confirmation counted: figures, priority, reasons, werkbakje.
    assert _figures_on_page(client, melding) == confirmed
    melding = Melding.objects.get(pk=melding.pk)
    assert melding.state == "new"
    page = _page(client, melding)
    assert "Persoon is geen inwoner (meer) in de gemeente" in page
    assert "Bevestig: geen inwoner (meer)" not in page  # the check stays done
    signal.refresh_from_db()
    assert signal.status == Signaalstatus.GEEN_INWONER
    # And again: the same.
    match_period(melding.municipality, "2026-10", today=TODAY)
    assert _figures(melding) == confirmed


def test_withdrawing_the_confirmation_gives_back_the_figures_of_the_matching(
    client,
    enschede,  # noqa: F811
):
    melding = _matched(
        enschede, record("E1", "Vries", **HIM), record("Z1", "Zandvoort", **HER_MAIDEN_NAME)
    )
    matched = _figures(melding)
    signal = Signal.objects.get(surname="Zandvoort")
    caseworker = UserFactory(caseworker=True, municipality=melding.municipality)
    confirm_not_resident(
        melding, signal, caseworker, melding.version, method=ResidenceCheckMethod.BRP
    )
    melding = Melding.objects.get(pk=melding.pk)

    withdraw_not_resident(melding, signal, caseworker, melding.version)

    assert _figures_on_page(client, melding) == matched
    signal.refresh_from_db()
    assert signal.status == Signaalstatus.NOG_NIET_OPGEPAKT
    match_period(melding.municipality, "2026-10", today=TODAY)
    assert _figures(melding) == matched


def test_matching_again_with_nothing_confirmed_leaves_the_melding_and_its_signals_as_they_were(
    enschede,  # noqa: F811
):
    melding = _matched(
        enschede, record("E1", "Vries", **HIM), record("Z1", "Zandvoort", **HER_MAIDEN_NAME)
    )
    figures = _figures(melding)
    statuses = dict(Signal.objects.values_list("id", "status"))

    match_period(melding.municipality, "2026-10", today=TODAY)

    assert _figures(melding) == figures
    assert dict(Signal.objects.values_list("id", "status")) == statuses
    assert melding.total_amount_cents == 159_500


def test_matching_again_does_not_close_a_melding_a_caseworker_worked_on_when_too_few_signals_count(
    enschede,  # noqa: F811
):
    """With two signals needed for a go, the confirmation leaves one: the run counts the
    melding so (no go), but closing it is not the matching's to do once a person acted on it."""
    save_policy({"minimum_signals_for_go": 2}, municipality=enschede[0])
    melding = _matched(
        enschede, record("E1", "Vries", **HIM), record("Z1", "Zandvoort", **HER_MAIDEN_NAME)
    )
    assert melding.go
    signal = Signal.objects.get(surname="Zandvoort")
    caseworker = UserFactory(caseworker=True, municipality=melding.municipality)
    confirm_not_resident(
        melding, signal, caseworker, melding.version, method=ResidenceCheckMethod.HOME_VISIT
    )

    match_period(melding.municipality, "2026-10", today=TODAY)

    melding = Melding.objects.get(pk=melding.pk)
    assert melding.state == "new" and melding.result == ""
    assert melding.total_amount_cents == 25_000
    assert dict(Signal.objects.values_list("surname", "status")) == {
        "Vries": Signaalstatus.OPGEPAKT, "Zandvoort": Signaalstatus.GEEN_INWONER,
    }  # fmt: skip
