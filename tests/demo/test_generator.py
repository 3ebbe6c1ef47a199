"""The demo generator without a database: valid BSNs, names, file styles that intake reads
back to the same values, byte-identical files for the same seed."""

import datetime as dt
import io
import random
import zipfile

import pytest

from vroegsignaal.demo.files import render_delivery
from vroegsignaal.demo.households import split_surname, valid_bsn
from vroegsignaal.demo.region import CREDITOR_PROFILES, PLACES, load_region_document
from vroegsignaal.demo.signals import SignalPlanner, delivery_months
from vroegsignaal.intake.parsing import bsn_passes_elfproef
from vroegsignaal.intake.reading import read_delivery_file
from vroegsignaal.intake.validation import may_deliver_bsn, validate_rows

TODAY = dt.date(2026, 11, 25)
DOCUMENT = load_region_document()
MAPPINGS = {c["code"]: c.get("column_mapping", {}) for c in DOCUMENT["creditors"]}
PARTNER_TYPES = {c["code"]: c["partner_type"] for c in DOCUMENT["creditors"]}

ROW = {
    "klantnummer": "K-1001",
    "signaaldatum": dt.date(2026, 10, 25),
    "voorletters": "J.H.",
    "voornamen": "Jan Hendrik",
    "voorvoegsel": "van der",
    "achternaam": "Veen-Müller",
    "geboortedatum": dt.date(1980, 2, 29),
    "geslacht": "M",
    "straat": "Hengelosestraat",
    "huisnummer": 12,
    "huisletter": "A",
    "huisnummertoevoeging": "2",
    "postcode": "7511AB",
    "woonplaats": "Enschede",
    "telefoon": "06-12345678",
    "email": "",
    "bsn": "111222333",
    "bedrag_achterstand": 123_456,
    "datum_ontstaan": dt.date(2026, 8, 1),
    "aantal_termijnen": 3,
    "contractsoort": "particulier",
    "crisissignaal": True,
    "datum_voorgenomen_beeindiging": dt.date(2026, 12, 1),
    "warme_overdracht": False,
}


def read_back(code: str, rows: list[dict]) -> list:
    style = CREDITOR_PROFILES[code].style
    data = render_delivery(rows, style, MAPPINGS[code])
    parsed = read_delivery_file(data, f"{code}.{style.kind}", MAPPINGS[code], 10_000_000)
    checked = validate_rows(
        parsed,
        today=TODAY,
        oldest_signal_date=TODAY - dt.timedelta(days=183),
        locate=lambda postcode, day: (1, None),
        max_amount_cents=10**9,
        bsn_allowed=may_deliver_bsn(PARTNER_TYPES[code]),
    )
    assert checked.errors == [] and checked.notices == []
    return [row.fields for row in checked.valid]


@pytest.mark.parametrize("code", sorted(CREDITOR_PROFILES))
def test_each_creditors_messy_file_reads_back_to_the_same_signal(code):
    (fields,) = read_back(code, [ROW])

    assert fields["customer_number"] == "K-1001"
    assert fields["signal_date"] == dt.date(2026, 10, 25)
    assert (fields["surname_prefix"], fields["surname"]) == ("van der", "Veen-Müller")
    assert (fields["house_number"], fields["house_letter"]) == (12, "A")
    assert fields["house_number_addition"] == "2"
    assert fields["postcode"] == "7511AB"
    assert fields["amount_cents"] == 123_456
    assert fields["arrears_start"] == dt.date(2026, 8, 1)
    assert fields["crisis"] is True and fields["warm_handover"] is False
    assert fields["gender"] == "Man"
    assert fields["bsn"] == ("111222333" if CREDITOR_PROFILES[code].style.with_bsn else "")


def test_the_demo_files_vary_in_encoding_delimiter_and_notation():
    def text(code, encoding):
        style = CREDITOR_PROFILES[code].style
        return render_delivery([ROW], style, MAPPINGS[code]).decode(encoding)

    assert text("zorgverzekeraar-oost", "utf-8").startswith("\ufeff")
    assert "€ 1.234,56" in text("zorgverzekeraar-oost", "utf-8-sig")
    assert ";7511 AB;" in text("energie-oost", "cp1252")
    assert "Müller" in text("energie-oost", "cp1252")
    assert ",1234.56," in text("groenstroom", "utf-8")
    assert "2026-10-25" in text("groenstroom", "utf-8")
    assert "7511ab" in text("tukkersthuis", "cp1252") and "25/10/2026" in text(
        "tukkersthuis", "cp1252"
    )
    assert ";12a-2;" in text("zorgverzekeraar-oost", "utf-8-sig")


def test_an_xlsx_delivery_carries_no_save_time_so_a_rerun_gives_the_same_checksum():
    style = CREDITOR_PROFILES["zorgzeker"].style
    archive = zipfile.ZipFile(io.BytesIO(render_delivery([ROW], style, MAPPINGS["zorgzeker"])))

    assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    assert b"2026-01-01T00:00:00Z</dcterms:modified>" in archive.read("docProps/core.xml")


def test_the_same_seed_plans_byte_identical_deliveries():
    def files(seed):
        planner = SignalPlanner(DOCUMENT, seed=seed, scale=0.03, today=TODAY)
        return [
            render_delivery(
                d.rows, CREDITOR_PROFILES[d.creditor_code].style, MAPPINGS[d.creditor_code]
            )
            for d in planner.plan(delivery_months(TODAY, 2))
        ]

    assert files(11) == files(11)
    assert files(11) != files(12)


def test_twelve_months_end_with_todays_month():
    months = delivery_months(TODAY, 12)

    assert (months[0], months[-1]) == (dt.date(2025, 12, 1), dt.date(2026, 11, 1))


def test_deliveries_whose_day_has_not_come_yet_are_left_out():
    planner = SignalPlanner(DOCUMENT, seed=1, scale=0.05, today=dt.date(2026, 11, 12))
    deliveries = planner.plan(delivery_months(dt.date(2026, 11, 12), 1))

    assert deliveries and all(d.delivery_date <= dt.date(2026, 11, 12) for d in deliveries)
    assert "energie-oost" not in {d.creditor_code for d in deliveries}  # delivers on the 25th


def test_a_later_day_in_the_same_month_only_adds_the_deliveries_that_fell_due():
    def planned(today):
        planner = SignalPlanner(DOCUMENT, seed=5, scale=0.03, today=today)
        return {
            (d.creditor_code, d.delivery_date): d.rows
            for d in planner.plan(delivery_months(today, 2))
        }

    earlier, later = planned(dt.date(2026, 11, 12)), planned(dt.date(2026, 11, 26))

    assert set(earlier) < set(later)
    assert all(later[key] == rows for key, rows in earlier.items())


def test_generated_bsns_pass_the_elfproef():
    rng = random.Random(3)

    assert all(bsn_passes_elfproef(valid_bsn(rng)) for _ in range(2000))


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("van der Berg", ("van der", "Berg")),
        ("de Vries", ("de", "Vries")),
        ("Jansen", ("", "Jansen")),
    ],
)
def test_surname_prefixes_get_their_own_field(full, parts):
    assert split_surname(full) == parts


def test_every_creditor_and_place_belongs_to_the_region_document():
    codes = {c["code"] for c in DOCUMENT["creditors"]}
    pc4s = {p for m in DOCUMENT["municipalities"] for p in m["postcodes"]}

    assert codes == set(CREDITOR_PROFILES)
    assert set(PLACES) <= pc4s
