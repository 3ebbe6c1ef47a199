"""A municipality's own extra closed days (carnaval, a collective day off): set in Beheer with
its other uitvoeringsnormen, checked in plain Dutch, and counted by its working-day terms; the
statutory terms keep to the law's days (docs/termijnen.md, QA10 B2)."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.admin_forms import form_data
from tests.casework import closed_days
from tests.casework.factories import MeldingFactory
from tests.factories import MunicipalityFactory
from tests.page_text import page_text
from tests.validation import validation_errors
from vroegsignaal.casework.deadlines import DEFAULT_CALENDAR
from vroegsignaal.casework.models import CaseworkPolicy, ClosedDay
from vroegsignaal.casework.policy import calendar_for

pytestmark = pytest.mark.django_db
CARNAVAL_MONDAY = dt.date(2026, 2, 16)


@pytest.fixture
def maastricht():
    return MunicipalityFactory(code="0935", name="Maastricht")


def _add_with_closed_day(client, municipality, day: str, description: str = "Carnaval"):
    url = reverse("admin:casework_caseworkpolicy_add")
    data = form_data(client, url, municipality=str(municipality.pk), **{
        "closed_days-0-day": day, "closed_days-0-description": description,
    })  # fmt: skip
    return client.post(url, data, follow=True)


def test_a_beheerder_sets_carnaval_as_a_closed_day_with_the_other_uitvoeringsnormen(
    client, functioneel_beheerder, maastricht
):
    response = _add_with_closed_day(client, maastricht, "16-02-2026")

    assert "De uitvoeringsnorm ‘Maastricht (0935)’ is met succes toegevoegd." in page_text(response)
    assert not calendar_for(maastricht).is_working_day(CARNAVAL_MONDAY)


def test_the_add_page_asks_for_extra_closed_days_with_date_and_description(
    client, functioneel_beheerder
):
    text = page_text(client.get(reverse("admin:casework_caseworkpolicy_add")))
    assert "Extra gesloten dagen" in text and "Datum" in text and "Omschrijving" in text


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("14-02-2026", "14-02-2026 valt in het weekend en is al geen werkdag."),
        ("02-01-2026", "02-01-2026 telt al niet als werkdag: het is een feestdag of een dag die "
                       "de wet met een feestdag gelijkstelt."),
        ("31-02-2026", "Voer een geldige datum in."),
    ],
)  # fmt: skip
def test_a_day_that_is_no_working_day_or_no_date_is_refused_in_plain_dutch(
    client, functioneel_beheerder, maastricht, day, message
):
    response = _add_with_closed_day(client, maastricht, day)

    assert message in page_text(response)
    assert not CaseworkPolicy.objects.exists()


def test_the_same_closed_day_twice_is_refused(maastricht):
    first = closed_days.close(maastricht, CARNAVAL_MONDAY)
    errors = validation_errors(ClosedDay(policy=first.policy, day=CARNAVAL_MONDAY, description="x"))
    assert errors == {"__all__": ["Deze dag staat al bij de extra gesloten dagen."]}


def test_without_closed_days_a_municipality_counts_the_laws_working_days(maastricht):
    assert calendar_for(maastricht) == DEFAULT_CALENDAR
    assert calendar_for(maastricht).is_working_day(CARNAVAL_MONDAY)


def test_one_municipalitys_closed_day_is_no_other_municipalitys(maastricht):
    closed_days.close(maastricht, CARNAVAL_MONDAY)
    enschede = MunicipalityFactory()
    assert calendar_for(enschede).is_working_day(CARNAVAL_MONDAY)
    assert not calendar_for(maastricht.pk).is_working_day(CARNAVAL_MONDAY)


def test_a_crisis_conversation_on_5_january_2026_after_help_accepted_on_29_december_is_on_time(
    client,
):
    """QA10 B2 (VS-909): Nieuwjaarsdag, Friday 2 January 2026 (equated with a holiday by the
    Besluit gelijkstelling) and the weekend do not count: the Wgs term ends on Monday 5 January."""
    melding = MeldingFactory(
        crisis=True, matched_on=dt.date(2025, 12, 29), due_on=dt.date(2026, 1, 5),
        accepted_on=dt.date(2025, 12, 29), first_conversation_on=dt.date(2026, 1, 5),
        picked_up_on=dt.date(2025, 12, 30), assigned=True,
    )  # fmt: skip
    client.force_login(melding.assigned_to)

    text = page_text(client.get(reverse("casework:melding", args=[melding.pk])))

    crisis_term = text.split("Eerste gesprek bij crisissignaal", 1)[1].split("Bewoners", 1)[0]
    assert "05-01-2026" in crisis_term and "Gehaald" in crisis_term
    assert "Te laat" not in crisis_term and "02-01-2026" not in crisis_term
