"""The budget scan page: Dutch amounts, a sane maximum, and lines that can be changed or removed,
each change on the timeline."""

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from vroegsignaal.casework.conversation import (
    BUDGET_LINE_MAX_CENTS,
    add_budget_line,
    change_budget_line,
    record_conversation,
    remove_budget_line,
)
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.models import BudgetLine, EventKind, Melding


@pytest.fixture
def logged_in(client, caseworker):
    client.force_login(caseworker)
    return client


@pytest.fixture
def talked(assigned, caseworker):
    record_conversation(
        assigned, caseworker, assigned.version, held_on=dt.date(2026, 11, 3),
        help_offered="ja", help_accepted="ja", cause="inkomensdaling",
    )  # fmt: skip
    return assigned


@pytest.fixture
def with_rent(talked, caseworker):
    add_budget_line(
        talked, caseworker, talked.version, kind="uitgaven", description="Huur",
        monthly_cents=95000,
    )  # fmt: skip
    return talked


def _version(melding):
    return Melding.objects.get(pk=melding.pk).version


def _add(client, melding, amount, kind="inkomsten", description="Uitkering"):
    return client.post(
        reverse("casework:budget", args=[melding.pk]),
        {
            "version": _version(melding),
            "kind": kind,
            "description": description,
            "monthly_cents": amount,
        },
    )


@pytest.mark.parametrize(
    ("typed", "cents"), [("1.250,50", 125050), ("1250,50", 125050), ("1250", 125000)]
)
def test_budget_amounts_are_read_as_dutch_users_write_them(logged_in, talked, typed, cents):
    _add(logged_in, talked, typed)

    assert BudgetLine.objects.get(melding=talked).monthly_cents == cents


@pytest.mark.parametrize("typed", ["99.999.999.999,00", "50.000,01"])
def test_a_budget_line_above_the_monthly_maximum_is_refused_at_the_amount(logged_in, talked, typed):
    html = _add(logged_in, talked, typed).content.decode()

    assert "Bedrag per maand: vul een bedrag in tot en met € 50.000,00." in html
    assert 'id="id_monthly_cents-fout"' in html
    assert not BudgetLine.objects.filter(melding=talked).exists()


@pytest.mark.parametrize("typed", ["0", "-50"])
def test_a_budget_line_of_zero_or_less_is_refused_naming_the_field(logged_in, talked, typed):
    html = _add(logged_in, talked, typed).content.decode()

    assert "Bedrag per maand: vul een bedrag groter dan € 0 in" in html
    assert not BudgetLine.objects.filter(melding=talked).exists()


def test_an_unreadable_budget_amount_gets_a_dutch_example(logged_in, talked):
    html = unescape(_add(logged_in, talked, "twaalf").content.decode())

    assert "Bedrag per maand: vul een bedrag in euro's in, bijvoorbeeld 1.250,50." in html


def test_the_service_refuses_an_amount_above_the_maximum(talked, caseworker):
    with pytest.raises(CaseworkError) as refused:
        add_budget_line(
            talked, caseworker, talked.version, kind="inkomsten", description="Loon",
            monthly_cents=BUDGET_LINE_MAX_CENTS + 1,
        )  # fmt: skip
    assert refused.value.field == "monthly_cents"


def test_adding_a_line_stays_on_the_budget_scan(logged_in, talked):
    response = _add(logged_in, talked, "1250")

    assert response.status_code == 302
    assert response.url == reverse("casework:budget", args=[talked.pk])


def test_a_budget_line_can_be_changed_and_the_timeline_says_so(logged_in, with_rent):
    line = BudgetLine.objects.get(melding=with_rent)
    url = reverse("casework:budget_line", args=[with_rent.pk, line.pk])

    form = logged_in.get(url).content.decode()
    response = logged_in.post(
        url,
        {
            "version": _version(with_rent),
            "kind": "uitgaven",
            "description": "Huur",
            "monthly_cents": "980",
        },
    )

    assert 'value="950,00"' in form
    assert response.url == reverse("casework:budget", args=[with_rent.pk])
    assert BudgetLine.objects.get(pk=line.pk).monthly_cents == 98000
    events = with_rent.events.filter(kind=EventKind.BUDGET_LINE).order_by("id")
    assert [describe(e) for e in events] == [
        "Budgetscan: regel 'Huur' toegevoegd",
        "Budgetscan: regel 'Huur' gewijzigd",
    ]


def test_a_budget_line_can_be_removed_and_the_timeline_says_so(logged_in, with_rent):
    line = BudgetLine.objects.get(melding=with_rent)

    response = logged_in.post(
        reverse("casework:remove_budget_line", args=[with_rent.pk, line.pk]),
        {"version": _version(with_rent)},
        follow=True,
    )

    assert not BudgetLine.objects.filter(pk=line.pk).exists()
    assert "De regel 'Huur' is verwijderd uit de budgetscan." in unescape(response.content.decode())
    last = with_rent.events.filter(kind=EventKind.BUDGET_LINE).order_by("id").last()
    assert describe(last) == "Budgetscan: regel 'Huur' verwijderd"


def test_the_budget_page_offers_change_and_remove_per_line(logged_in, with_rent):
    line = BudgetLine.objects.get(melding=with_rent)

    html = logged_in.get(reverse("casework:budget", args=[with_rent.pk])).content.decode()

    assert reverse("casework:budget_line", args=[with_rent.pk, line.pk]) in html
    assert reverse("casework:remove_budget_line", args=[with_rent.pk, line.pk]) in html


def test_a_line_of_another_melding_cannot_be_changed(talked, caseworker, with_rent):
    line = BudgetLine.objects.get(melding=with_rent)
    other = MeldingFactory(municipality=talked.municipality)
    with pytest.raises(CaseworkError):
        remove_budget_line(other, caseworker, other.version, line)
    with pytest.raises(CaseworkError):
        change_budget_line(
            other, caseworker, other.version, line, kind="uitgaven", description="X",
            monthly_cents=1,
        )  # fmt: skip


def test_removing_a_budget_line_asks_for_confirmation_first(logged_in, with_rent):
    """Rule: 'Verwijderen' opens a confirmation page (no JavaScript needed); only its POST
    removes the line, and 'Annuleren' goes back to the budget scan with the line kept."""
    line = BudgetLine.objects.get(melding=with_rent)
    url = reverse("casework:remove_budget_line", args=[with_rent.pk, line.pk])

    budget = logged_in.get(reverse("casework:budget", args=[with_rent.pk])).content.decode()
    assert f'href="{url}"' in budget
    page = unescape(logged_in.get(url).content.decode())

    assert BudgetLine.objects.filter(pk=line.pk).exists()
    assert "Weet u zeker dat u de regel 'Huur' (€ 950,00 per maand) wilt verwijderen" in page
    assert ">Verwijderen</button>" in page
    assert f'href="{reverse("casework:budget", args=[with_rent.pk])}"' in page
