"""The quarterly PDF shows the figures; the business case gives the proposal's ranges."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from pypdf import PdfReader

from vroegsignaal.monitoring.businesscase import (
    ParameterError,
    Parameters,
    actuals,
    calculate,
    form_fields,
    read_numbers,
)
from vroegsignaal.monitoring.models import YearFigures
from vroegsignaal.monitoring.report_pdf import render_pdf
from vroegsignaal.monitoring.scope import region_scope


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_quarterly_report_pdf_contains_the_figures_and_year_comparison(twente, tmp_path):
    YearFigures.objects.create(municipality=twente["enschede"], year=2025, evictions=41)
    out = tmp_path / "q4.pdf"
    call_command("report", "--region", "Twente", "--quarter", "2026Q4", "--out", str(out))
    text = pdf_text(out)
    assert "Kwartaalrapportage 4e kwartaal 2026: Regio Twente" in text
    assert "Van signaal tot doorverwijzing" in text
    assert "Vervolghulp en/of verwijzing financieel" in text
    assert "Problemen op andere leefgebieden" in text
    assert "Huisuitzettingen" in text and "41" in text
    assert "Schuldhulpverlening" in text


def test_pdf_writes_per_1000_figures_with_two_decimals(twente, tmp_path):
    twente["hengelo"].inhabitants = 1000  # its one October signal: exactly 1 per 1.000
    twente["hengelo"].save()
    scope = region_scope("Twente", dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    (tmp_path / "r.pdf").write_bytes(render_pdf(scope, dt.date(2026, 11, 25), "Rapport"))
    text = pdf_text(tmp_path / "r.pdf")
    assert "Hengelo 1.000 1 1,00" in text  # the per-1.000 table
    assert "Totaal 161.000 7 0,04" in text


def test_pdf_of_a_period_that_has_not_ended_says_so(twente, tmp_path):
    scope = region_scope("Twente", dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    (tmp_path / "r.pdf").write_bytes(render_pdf(scope, dt.date(2026, 11, 25), "Kwartaal"))
    text = " ".join(pdf_text(tmp_path / "r.pdf").split())
    assert "1 oktober 2026 tot en met 25 november 2026 (loopt nog)" in text  # the header
    assert "31 december 2026" not in text
    assert "Deze periode loopt nog: cijfers tot en met 25 november 2026" in text
    (tmp_path / "q.pdf").write_bytes(render_pdf(scope, dt.date(2027, 1, 5), "Kwartaal"))
    assert "loopt nog" not in pdf_text(tmp_path / "q.pdf")


def test_report_command_refuses_an_unknown_region(twente, tmp_path):
    with pytest.raises(CommandError, match="Regio 'Drenthe' bestaat niet"):
        call_command(
            "report", "--region", "Drenthe", "--quarter", "2026Q4", "--out", str(tmp_path / "x.pdf")
        )


def test_report_command_refuses_a_quarter_that_has_not_started(twente, tmp_path):
    year = timezone.localdate().year + 1
    with pytest.raises(CommandError, match=f"Kwartaal {year}Q1 is nog niet begonnen"):
        call_command(
            "report", "--region", "Twente", "--quarter", f"{year}Q1", "--out", str(tmp_path / "x")
        )
    assert not (tmp_path / "x").exists()


def test_business_case_gives_ranges_per_municipality_and_household():
    result = calculate(Parameters(municipalities=2, reached_households_per_year=(100, 200),
                                  structural_hours_per_year=(0, 0)))  # fmt: skip
    one_off = result["eenmalig"]
    # Phases 240-440 hours at €95 plus 2 × €2,200 set-up.
    assert one_off["totaal"] == {"laag": 240 * 95 + 4400, "hoog": 440 * 95 + 4400}
    assert one_off["per_gemeente"]["laag"] == (240 * 95 + 4400) / 2
    yearly = result["structureel_per_jaar"]
    assert yearly["totaal"] == {"laag": 19000 + 62500, "hoog": 19000 + 125000}
    assert yearly["per_bereikt_huishouden"] == {"laag": 19000 // 200 + 625, "hoog": 190 + 625}


def test_actual_costs_use_reached_households_tariff_and_return_factor():
    parameters = Parameters(structural_hours_per_year=(0, 0), return_factor=2.2)
    result = actuals(parameters, reached_households=10, months=12)
    assert result["totaal"] == 10 * 625 + 19000
    assert result["geschatte_opbrengst"] == round((10 * 625 + 19000) * 2.2)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"initiation_hours": [80, 40]}, "initiation_hours: laag"),
        ({"tarief": 625}, "Onbekende parameter"),
        ({"municipalities": 0}, "minstens 1"),
        ({"hourly_rate": "veel"}, "hourly_rate: geef een getal"),
    ],
)
def test_business_case_parameters_are_checked_with_dutch_messages(data, message):
    with pytest.raises(ParameterError, match=message):
        Parameters.from_dict(data)


def test_business_case_command_prints_json_with_real_data(twente, tmp_path):
    config = tmp_path / "bc.json"
    config.write_text(json.dumps({"tariff_per_household": 600, "municipalities": 14}))
    out = io.StringIO()
    call_command(
        "businesscase", "--config", str(config), "--json", "--region", "Twente",
        "--from", "2026-10-01", "--to", "2026-10-31", stdout=out,
    )  # fmt: skip
    result = json.loads(out.getvalue())
    assert result["begroting"]["parameters"]["municipalities"] == 14
    assert result["werkelijk"]["bereikte_huishoudens"] == 2
    assert result["werkelijk"]["hulp_bereikte_huishoudens"] == 1200


def test_business_case_command_shares_costs_over_the_municipalities_of_the_figures(twente):
    out = io.StringIO()
    call_command(
        "businesscase", "--json", "--region", "Twente",
        "--from", "2026-10-01", "--to", "2026-10-31", stdout=out,
    )  # fmt: skip
    assert json.loads(out.getvalue())["begroting"]["parameters"]["municipalities"] == 2


def test_a_range_of_one_value_is_shown_as_that_value_and_read_back_the_same():
    """'1.200' rather than '1.200-1.200' in the form; submitted again it means the same."""
    parameters = Parameters(reached_households_per_year=(1200, 1200))
    shown = {name: text for name, _, text, _ in form_fields(parameters)}

    assert shown["reached_households_per_year"] == "1.200"
    again = Parameters.from_dict(
        {"reached_households_per_year": read_numbers("reached_households_per_year", "1.200")}
    )
    assert again.reached_households_per_year == (1200.0, 1200.0)


def test_report_command_makes_the_monthly_report_too(twente, tmp_path):
    out = tmp_path / "m.pdf"
    call_command("report", "--municipality", "0153", "--month", "2026-10", "--out", str(out))
    assert "Maandrapport oktober 2026: Gemeente Enschede" in pdf_text(out)


def test_reached_households_count_each_address_once_also_after_its_erasure(twente):
    """The tariff is per reached household (domain.md, Money): a household reached in October and
    again in November counts once, even when retention replaced one melding's address by its
    pseudonym (QA: 4.479 'bereikte huishoudens' were reached meldingen at 4.000 addresses)."""
    from tests.casework.factories import MeldingFactory
    from vroegsignaal.casework.erasure import erase_melding
    from vroegsignaal.monitoring.indicators import reached_households

    m1 = twente["m1"]
    again = MeldingFactory(
        municipality=twente["enschede"], address_key=m1.address_key, period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2026, 11, 30), first_contact_on=dt.date(2026, 12, 1), signals=0,
    )  # fmt: skip
    scope = region_scope("Twente", dt.date(2026, 10, 1), dt.date(2026, 11, 30))
    assert reached_households(scope) == 2  # M1 (twice) and M2

    erase_melding(again)
    assert reached_households(scope) == 2


def _business_case(*where: str) -> dict:
    out = io.StringIO()
    call_command(
        "businesscase", "--json", *where, "--from", "2026-10-01", "--to", "2026-12-31", stdout=out
    )
    return json.loads(out.getvalue())


def test_the_municipalities_of_a_region_carry_shares_of_its_costs_that_add_up_to_it(twente):
    """Each municipality of a region carries its share of the region's fixed costs and expected
    households, by inhabitants (Enschede 160.000, Hengelo 80.000), and its own set-up; so the
    municipality figures add up to the region instead of each being the whole region."""
    region = _business_case("--region", "Twente")
    enschede = _business_case("--municipality", "0153")
    hengelo = _business_case("--municipality", "0164")

    assert hengelo["aandeel"] == "aandeel van Hengelo in de regionale kosten: 33,3 % naar inwoners"
    assert "aandeel" not in region["begroting"]
    whole = {
        "eenmalig": region["begroting"]["eenmalig"]["totaal"],
        "structureel_per_jaar": region["begroting"]["structureel_per_jaar"]["totaal"],
        "bereikte_huishoudens_per_jaar": {"laag": 300, "hoog": 500},
    }
    for key, total in whole.items():
        parts = [case["begroting"]["aandeel"][key] for case in (enschede, hengelo)]
        for end in ("laag", "hoog"):
            assert abs(sum(part[end] for part in parts) - total[end]) <= 1, (key, end)
    fixed = [case["werkelijk"]["vaste_kosten"] for case in (enschede, hengelo)]
    assert fixed == [12667, 6333] and abs(sum(fixed) - region["werkelijk"]["vaste_kosten"]) <= 1
    reached = [case["werkelijk"]["bereikte_huishoudens"] for case in (enschede, hengelo)]
    assert sum(reached) == region["werkelijk"]["bereikte_huishoudens"]


def test_without_inhabitants_of_every_municipality_the_share_is_equal_and_says_why(twente):
    from vroegsignaal.monitoring.cost_share import regional_share
    from vroegsignaal.monitoring.scope import municipality_scope

    twente["hengelo"].inhabitants = 0
    twente["hengelo"].save()

    share = regional_share(municipality_scope("0153", dt.date(2026, 10, 1), dt.date(2026, 10, 31)))

    assert share.fraction == 0.5 and not share.by_inhabitants
    assert share.text == (
        "aandeel van Enschede in de regionale kosten: 50,0 % (een gelijk deel van 2 gemeenten: "
        "niet van elke gemeente is het aantal inwoners bekend)"
    )
