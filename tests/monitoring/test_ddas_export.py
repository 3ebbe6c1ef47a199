"""The DDAS export validates against the national schema and carries what CBS needs."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from jsonschema import Draft202012Validator

from tests.casework.factories import MeldingFactory, SignalFactory
from tests.factories import CreditorFactory, UserFactory
from tests.monitoring.conftest import fill_chain_facts
from tests.page_text import page_text
from vroegsignaal.casework.models import ContactAttempt, Melding, MeldingSignal
from vroegsignaal.ddas import Eindresultaat, Signaalstatus
from vroegsignaal.intake.erasure import erase_signals
from vroegsignaal.intake.models import Signal
from vroegsignaal.monitoring.ddas_export import (
    export_documents,
    open_zaken_note,
    page_path,
    whole_euros,
)

SCHEMA_PATH = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "standards"
    / "ddas-vroegsignalering-v1.2.schema.json"
)
VALIDATOR = Draft202012Validator(
    json.loads(SCHEMA_PATH.read_text()), format_checker=Draft202012Validator.FORMAT_CHECKER
)
START, END = dt.date(2026, 10, 1), dt.date(2026, 10, 31)
OCTOBER_QUERY = {"van": "2026-10-01", "tot": "2026-10-31"}


def assert_valid(document: dict) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]
    assert errors == []


def export(municipality, **kwargs) -> list[dict]:
    documents = export_documents(municipality, START, END, **kwargs)
    for document in documents:
        assert_valid(document)
    return documents


def test_export_of_a_month_validates_and_holds_every_signal_of_the_municipality(twente):
    [document] = export(twente["enschede"])
    [levering] = document["leveringen"]
    assert levering["gemeentecode"] == "0153"
    assert levering["teller"] == 1
    assert len(levering["vroegsignalen"]) == 6
    assert len(levering["vroegsignaalzaken"]) == 4
    assert document["startdatumLevering"] == "2026-10-01"


def test_client_is_identified_by_bsn_alone_when_known(twente):
    [document] = export(twente["enschede"])
    clients = [s["client"] for s in document["leveringen"][0]["vroegsignalen"]]
    assert {"burgerservicenummer": "123456782"} in clients
    by_address = [c for c in clients if "burgerservicenummer" not in c]
    assert all(set(c) <= {"postcode", "huisnummer", "huisnummertoevoeging"} for c in by_address)
    assert {"postcode": "7511AB", "huisnummer": str(twente["m4"].house_number),
            "huisnummertoevoeging": "A"} in by_address  # fmt: skip


def test_amounts_are_whole_euros_rounded_half_up():
    assert [whole_euros(c) for c in (10049, 10050, 10099, 25000, 0)] == [100, 101, 101, 250, 0]


def test_signal_carries_status_partner_type_and_euro_amount(twente):
    [document] = export(twente["enschede"])
    crisis = next(s for s in document["leveringen"][0]["vroegsignalen"] if s["crisissignaal"])
    assert crisis["bedrag"] == 101
    assert crisis["status"] == "Opgepakt"
    assert crisis["signaalpartner"] == {"type": "Energie"}


def test_zaak_carries_result_matching_dates_pick_up_and_contact_attempts(twente):
    [document] = export(twente["enschede"])
    zaken = document["leveringen"][0]["vroegsignaalzaken"]
    m1 = next(z for z in zaken if len(z["vroegsignalen"]) == 2)
    assert m1["resultaat"] == "Vervolghulp en/of verwijzing financieel"
    assert m1["datumOpgepakt"] == "2026-11-03"
    assert m1["startdatumMatchingperiode"] == "2026-10-01"
    assert m1["einddatumMatchingperiode"] == "2026-10-31"
    assert m1["contactpogingen"][-1] == {
        "soort": "Huisbezoek", "bereikt": True, "datum": "2026-11-05", "dagdeel": "Avond",
    }  # fmt: skip
    open_zaak = next(z for z in zaken if "resultaat" not in z and "datumOpgepakt" in z)
    assert open_zaak["datumOpgepakt"] == "2026-11-20"


def test_a_card_after_a_missed_visit_is_a_contactpoging_kaartje_in_the_delivery(twente):
    [document] = export(twente["enschede"])
    zaken = document["leveringen"][0]["vroegsignaalzaken"]
    m1 = next(z for z in zaken if len(z["vroegsignalen"]) == 2)

    assert {"soort": "Kaartje", "bereikt": False, "datum": "2026-11-03", "dagdeel": "Ochtend"} in (
        m1["contactpogingen"]
    )


def test_every_signal_a_zaak_refers_to_is_in_the_same_page(twente):
    for document in export(twente["enschede"], page_size=2):
        levering = document["leveringen"][0]
        ids = {s["ID"] for s in levering["vroegsignalen"]}
        referred = {r["ID"] for z in levering["vroegsignaalzaken"] for r in z["vroegsignalen"]}
        assert referred <= ids
        assert len(levering["vroegsignalen"]) <= 2


def test_paging_numbers_pages_and_loses_no_signal(twente):
    documents = export(twente["enschede"], page_size=2)
    assert len(documents) >= 3
    assert [d["leveringen"][0]["teller"] for d in documents] == list(range(1, len(documents) + 1))
    ids = [s["ID"] for d in documents for s in d["leveringen"][0]["vroegsignalen"]]
    assert len(ids) == len(set(ids)) == 6


def test_other_municipalities_and_dates_outside_the_range_stay_out(twente):
    [document] = export_documents(twente["hengelo"], START, END)
    assert len(document["leveringen"][0]["vroegsignalen"]) == 1
    [empty] = export_documents(twente["enschede"], dt.date(2027, 1, 1), dt.date(2027, 1, 31))
    assert_valid(empty)
    assert empty["leveringen"][0]["vroegsignalen"] == []


def test_supplier_code_and_organisation_come_from_settings_when_set(twente, settings):
    settings.DDAS_SUPPLIER_CODE = "VS-TWENTE"
    settings.DDAS_SUPPLIER_NAME = "Regio Twente"
    [document] = export(twente["enschede"])
    assert document["codeGegevensleverancier"] == "VS-TWENTE"
    assert document["leveringen"][0]["aanleverendeOrganisatie"] == {"naam": "Regio Twente"}


def test_supplier_defaults_to_the_municipality(twente):
    [document] = export(twente["enschede"])
    assert document["codeGegevensleverancier"] == "0153"
    assert document["leveringen"][0]["aanleverendeOrganisatie"] == {"naam": "Gemeente Enschede"}


def test_command_writes_numbered_files_that_validate(twente, tmp_path):
    out = tmp_path / "ddas.json"
    call_command(
        "export-ddas", "--municipality", "0153", "--from", "2026-10-01", "--to", "2026-10-31",
        "--out", str(out), "--page-size", "4",
    )  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ddas-2.json", "ddas.json"]
    for path in (out, page_path(out, 2)):
        assert_valid(json.loads(path.read_text()))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--municipality", "9999"], "Gemeente met code '9999' bestaat niet."),
        (["--municipality", "0153", "--page-size", "50001"], "--page-size moet tussen"),
    ],
)
def test_command_refuses_bad_input_with_a_dutch_message(twente, tmp_path, arguments, message):
    base = ["--from", "2026-10-01", "--to", "2026-10-31", "--out", str(tmp_path / "x.json")]
    with pytest.raises(CommandError, match=message):
        call_command("export-ddas", *arguments, *base)


def test_the_export_leaves_the_garbage_collector_as_it_found_it(twente, monkeypatch):
    # The export pauses the cyclic collector while it builds its dicts (docs/performance.md);
    # it must switch it back on, also when the export fails, and never switch it on itself.
    import gc

    from vroegsignaal.monitoring import ddas_export

    export(twente["enschede"])
    assert gc.isenabled()

    def failing(*args):
        assert not gc.isenabled()
        raise RuntimeError("database weg")

    monkeypatch.setattr(ddas_export, "_meldingen", failing)
    with pytest.raises(RuntimeError):
        export_documents(twente["enschede"], START, END)
    assert gc.isenabled()

    gc.disable()
    try:
        monkeypatch.undo()
        export(twente["enschede"])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_meldpunt_is_told_how_many_signals_go_into_the_delivery_with_only_their_pc4(
    client, twente
):
    """A signal erased after its retention term (an unpicked one after 183 days) is delivered
    with its PC4 and an empty huisnummer: the dashboard that offers the download says how many
    of the chosen period, and that delivering per quarter or more often avoids it."""
    enschede = twente["enschede"]
    erase_signals(Signal.objects.filter(municipality=enschede, status=Signaalstatus.ONTERECHT))
    [document] = export(enschede)
    clients = [s["client"] for s in document["leveringen"][0]["vroegsignalen"]]
    assert {"postcode": "7511", "huisnummer": ""} in clients

    client.force_login(UserFactory(intake=True, municipality=enschede))
    page = page_text(client.get(reverse("monitoring:dashboard"), OCTOBER_QUERY))

    assert (
        "1 van de 6 signalen van deze periode is na de bewaartermijn gewist en gaat de "
        "DDAS-levering in met alleen de postcode (PC4), zonder huisnummer of BSN."
    ) in page
    assert "Lever per kwartaal of vaker" in page
    client.force_login(UserFactory(intake=True, municipality=twente["hengelo"]))
    assert "na de bewaartermijn gewist" not in page_text(
        client.get(reverse("monitoring:dashboard"), OCTOBER_QUERY)
    )


def test_the_project_leader_who_gets_no_delivery_is_not_told_about_erased_signals(client, twente):
    erase_signals(Signal.objects.filter(municipality=twente["enschede"]))
    client.force_login(UserFactory(project_leader=True, region=twente["region"]))

    page = page_text(client.get(reverse("monitoring:dashboard"), OCTOBER_QUERY))

    assert "Eindresultaten (DDAS)" in page
    assert "na de bewaartermijn gewist" not in page


D = dt.date
JULY = (D(2026, 7, 1), D(2026, 7, 31))
REPEAT_DATE = D(2026, 10, 12)


@pytest.fixture
def july_zaak_with_an_october_repeat(twente):
    """Enschede also has a July melding, reached on a home visit in August and closed with a
    result, to which matching attached an October signal at its address as a herhaalde
    melding (QA12 B1: that zaak came back in the October delivery)."""
    enschede = twente["enschede"]
    water = CreditorFactory(code="water-oost", name="Water Oost", partner_type="Water")
    july = MeldingFactory(
        municipality=enschede, signals=0, key="0153-2026-07-1", period_start=JULY[0],
        period_end=JULY[1], matched_on=D(2026, 8, 3), first_signal_on=D(2026, 7, 14),
        picked_up_on=D(2026, 8, 4), state="closed", closed_on=D(2026, 8, 20),
        result=Eindresultaat.VERWIJZING_NIET_FINANCIEEL,
    )  # fmt: skip
    at_its_address = {"address_key": july.address_key, "house_number": july.house_number}
    statuses = {
        D(2026, 7, 14): Signaalstatus.OPGEPAKT,
        REPEAT_DATE: Signaalstatus.HERHAALDE_MELDING,
    }
    for signal_date, status in statuses.items():
        signal = SignalFactory(
            municipality=enschede, creditor=water, signal_date=signal_date, status=status,
            **at_its_address,
        )  # fmt: skip
        MeldingSignal.objects.create(signal=signal, melding=july)
    ContactAttempt.objects.create(
        melding=july, kind="Huisbezoek", attempted_on=D(2026, 8, 4), part_of_day="Middag",
        reached=True,
    )  # fmt: skip
    fill_chain_facts()
    return july


def _levering(municipality, start, end) -> dict:
    [document] = export_documents(municipality, start, end)
    assert_valid(document)
    return document["leveringen"][0]


def _signal_dates(levering, zaak) -> list[str]:
    by_id = {s["ID"]: s for s in levering["vroegsignalen"]}
    return [by_id[ref["ID"]]["signaaldatum"] for ref in zaak["vroegsignalen"]]


def test_a_july_zaak_with_an_october_repeat_signal_goes_only_into_the_july_delivery(
    twente, july_zaak_with_an_october_repeat
):
    july = _levering(twente["enschede"], *JULY)
    [zaak] = july["vroegsignaalzaken"]
    assert zaak["startdatumMatchingperiode"] == "2026-07-01"
    assert zaak["resultaat"] == "Vervolghulp en/of verwijzing niet financieel"
    assert zaak["contactpogingen"] == [
        {"soort": "Huisbezoek", "bereikt": True, "datum": "2026-08-04", "dagdeel": "Middag"}
    ]
    assert _signal_dates(july, zaak) == ["2026-07-14"]  # its signals in this delivery

    october = _levering(twente["enschede"], START, END)
    periods = [z["startdatumMatchingperiode"] for z in october["vroegsignaalzaken"]]
    assert periods == ["2026-10-01"] * 4


def test_the_october_delivery_has_the_repeat_signal_as_a_vroegsignaal_with_its_status_and_no_zaak(
    twente, july_zaak_with_an_october_repeat
):
    october = _levering(twente["enschede"], START, END)
    [repeat] = [s for s in october["vroegsignalen"] if s["signaaldatum"] == "2026-10-12"]
    assert repeat["status"] == "Niet opgepakt: herhaalde melding"
    assert repeat["signaalpartner"] == {"type": "Water"}
    referred = {r["ID"] for z in october["vroegsignaalzaken"] for r in z["vroegsignalen"]}
    assert repeat["ID"] not in referred
    assert len(october["vroegsignalen"]) == 7
    assert len(october["vroegsignaalzaken"]) == 4


@pytest.mark.parametrize(
    "deliveries",
    [
        [(D(2026, 7, 1), D(2026, 7, 31)), (D(2026, 8, 1), D(2026, 8, 31)),
         (D(2026, 9, 1), D(2026, 9, 30)), (D(2026, 10, 1), D(2026, 10, 31))],
        # Day ranges that are not whole months, one cut between the July signal and its repeat.
        [(D(2026, 7, 1), D(2026, 7, 20)), (D(2026, 7, 21), D(2026, 10, 12)),
         (D(2026, 10, 13), D(2026, 10, 31))],
    ],
    ids=["months", "day-ranges"],
)  # fmt: skip
def test_consecutive_deliveries_together_hold_each_zaak_and_each_signal_once(
    twente, july_zaak_with_an_october_repeat, deliveries
):
    enschede = twente["enschede"]
    zaken, signals = [], []
    for start, end in deliveries:
        for document in export_documents(enschede, start, end, page_size=2):
            assert_valid(document)
            levering = document["leveringen"][0]
            page_ids = {s["ID"] for s in levering["vroegsignalen"]}
            signals += page_ids
            for zaak in levering["vroegsignaalzaken"]:
                refs = [r["ID"] for r in zaak["vroegsignalen"]]
                assert set(refs) <= page_ids  # the paging rule holds
                zaken.append(Signal.objects.get(pk=refs[0]).melding_link.melding_id)

    assert sorted(zaken) == sorted(
        Melding.objects.filter(municipality=enschede).values_list("pk", flat=True)
    )
    assert len(signals) == len(set(signals)) == Signal.objects.filter(municipality=enschede).count()


def test_the_meldpunt_is_told_how_many_zaken_go_without_their_result_and_when_to_deliver(
    twente, july_zaak_with_an_october_repeat, settings
):
    """A zaak still open when its period is delivered goes without resultaat, and never again
    (it is delivered once). The note counts the zaken of the delivery that have no resultaat:
    here M4 of October; the July zaak, closed, is not one of October's."""
    settings.RETENTION_SIGNAL_DAYS = 183
    enschede = twente["enschede"]
    october = _levering(enschede, START, END)
    without_result = [z for z in october["vroegsignaalzaken"] if "resultaat" not in z]

    note = open_zaken_note(enschede, START, END, today=D(2026, 11, 27))

    assert len(without_result) == 1
    assert note.startswith(
        "1 van de 4 meldingen van deze periode is nog niet afgesloten; haar eindresultaat gaat "
        "niet mee naar CBS, ook niet in een latere levering. Lever een periode pas als (bijna) "
        "alle meldingen ervan zijn afgesloten, maar wel binnen de bewaartermijn: deze periode "
        "uiterlijk op 02-04-2027. Daarna worden de eerste signalen gewist die niet tot een "
        "opgepakte melding leidden."
    )
    assert "uiterlijk op" not in open_zaken_note(enschede, START, END, today=D(2027, 4, 3))
    assert open_zaken_note(enschede, *JULY, today=D(2026, 11, 27)) == ""


def test_the_dashboard_of_the_meldpunt_says_how_many_zaken_of_the_period_are_still_open(
    client, twente
):
    client.force_login(UserFactory(intake=True, municipality=twente["enschede"]))
    page = page_text(client.get(reverse("monitoring:dashboard"), OCTOBER_QUERY))
    assert "1 van de 4 meldingen van deze periode is nog niet afgesloten" in page
    assert "Lever een periode pas als (bijna) alle meldingen ervan zijn afgesloten" in page

    client.force_login(UserFactory(project_leader=True, region=twente["region"]))
    page = page_text(client.get(reverse("monitoring:dashboard"), OCTOBER_QUERY))
    assert "nog niet afgesloten" not in page
