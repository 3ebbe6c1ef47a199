"""The werkbakjes overview and filter: the Heropaf queue's overdue count, Dutch amounts and
which rows offer bulk assignment."""

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from vroegsignaal.casework.worklist import HEROPAF_QUEUE, queue_counts, worklist_rows

TODAY = timezone.localdate()


@pytest.fixture
def logged_in(client, caseworker):
    client.force_login(caseworker)
    return client


def heropaf_melding(municipality, due_on):
    return MeldingFactory(
        municipality=municipality, state="closed", closed_on=dt.date(2026, 4, 1),
        picked_up_on=dt.date(2026, 3, 5), result="Inwoner regelt het zelf/hoeft geen hulp "
        "vanuit vroegsignalering", heropaf_due_on=due_on,
    )  # fmt: skip


def test_heropaf_queue_counts_as_overdue_the_meldingen_whose_heropaf_date_has_passed(
    enschede, caseworker
):
    """Rule: for the Heropaf queue 'Termijn verlopen' counts the meldingen whose heropaf date
    lies before today, as the melding page shows their heropaf term 'Verlopen'; due today is
    not overdue yet."""
    heropaf_melding(enschede, TODAY - dt.timedelta(days=30))
    heropaf_melding(enschede, TODAY - dt.timedelta(days=1))
    heropaf_melding(enschede, TODAY)
    heropaf_melding(enschede, TODAY + dt.timedelta(days=5))  # not in the queue yet

    heropaf = next(c for c in queue_counts(caseworker, TODAY) if c.key == HEROPAF_QUEUE)

    assert (heropaf.open, heropaf.overdue) == (3, 2)


@pytest.fixture
def amounts(enschede):
    for street, cents in (("Kleinstraat", 250_00), ("Middenstraat", 3_000_00),
                          ("Grootstraat", 12_500_50)):  # fmt: skip
        MeldingFactory(municipality=enschede, street=street, total_amount_cents=cents)


def shown(client, **params) -> tuple[set[str], str]:
    html = unescape(client.get(reverse("casework:worklist"), params).content.decode())
    streets = {s for s in ("Kleinstraat", "Middenstraat", "Grootstraat") if s in html}
    return streets, html


@pytest.mark.parametrize("typed", ["3.000", "3.000,00", "€ 3.000", "3000", "€3.000,-", "3000,00"])
def test_amount_filter_reads_dutch_amounts(logged_in, amounts, typed):
    """Rule: 'Achterstand vanaf' reads an amount as Dutch users write it (intake's
    parse_amount_cents): '3.000' is three thousand euros, not three."""
    streets, _ = shown(logged_in, bedrag_vanaf=typed)

    assert streets == {"Middenstraat", "Grootstraat"}


def test_amount_filter_reads_cents_after_a_comma(logged_in, amounts):
    streets, _ = shown(logged_in, bedrag_vanaf="12.500,50")

    assert streets == {"Grootstraat"}


@pytest.mark.parametrize("typed", ["drieduizend", "3.00.0", "-50"])
def test_amount_filter_says_in_dutch_when_it_cannot_read_the_amount(logged_in, amounts, typed):
    """Rule: an unreadable amount gives a Dutch message at the field instead of silently
    showing every melding as if no amount was given."""
    streets, html = shown(logged_in, bedrag_vanaf=typed, postcode="7511")

    assert 'id="id_bedrag_vanaf-fout"' in html
    assert "Achterstand vanaf: geef een bedrag in euro's, bijvoorbeeld 3.000 of 3.000,00." in html
    # The other filters still apply.
    assert streets == {"Kleinstraat", "Middenstraat", "Grootstraat"}


def test_filters_are_folded_until_one_is_used_and_say_how_many_are(logged_in, enschede):
    """On a phone the filters took a screen and a half before the first melding."""
    MeldingFactory(municipality=enschede)

    plain = logged_in.get(reverse("casework:worklist")).content.decode()
    filtered = logged_in.get(
        reverse("casework:worklist"), {"kenmerken": "crisis", "termijn": "overdue"}
    ).content.decode()

    assert '<details class="filters">' in plain and ">Filteren</h2>" in plain
    assert '<details class="filters" open>' in filtered and "Filteren (2 actief)" in filtered


BULK_ASSIGN_FIELD = "Gekozen meldingen toewijzen aan"
CHOOSE_HEADER = '<th scope="col" class="utrecht-table__header-cell">Kiezen</th>'


def test_heropaf_werkbakje_offers_no_checkbox_and_no_bulk_assign_form_for_closed_meldingen(
    logged_in, enschede
):
    """Rule: a closed melding cannot be assigned ('Een afgesloten melding kan niet worden
    toegewezen'), so the Heropaf werkbakje, which holds only closed meldingen, offers no box to
    tick and no 'Toewijzen': a caseworker ticked them and was always refused."""
    closed = heropaf_melding(enschede, TODAY - dt.timedelta(days=1))

    html = logged_in.get(reverse("casework:worklist"), {"werkbakje": HEROPAF_QUEUE})
    html = unescape(html.content.decode())

    assert closed.address in html  # the melding is listed
    assert 'name="melding"' not in html
    assert CHOOSE_HEADER not in html
    assert BULK_ASSIGN_FIELD not in html and ">Toewijzen</button>" not in html
    assert '<form method="post">' not in html


def test_an_open_melding_keeps_its_checkbox_and_the_bulk_assign_form(logged_in, enschede):
    melding = MeldingFactory(municipality=enschede)

    html = unescape(logged_in.get(reverse("casework:worklist")).content.decode())

    assert f'name="melding" value="{melding.pk}:{melding.version}"' in html
    assert CHOOSE_HEADER in html
    assert BULK_ASSIGN_FIELD in html and ">Toewijzen</button>" in html


def test_only_an_open_melding_is_assignable_in_a_worklist_row(enschede):
    """Rule: whatever werkbakje lists them, a closed melding's row is not assignable (no
    checkbox), an open one's is."""
    meldingen = [MeldingFactory(municipality=enschede), heropaf_melding(enschede, TODAY)]

    rows = worklist_rows(meldingen, "", TODAY)

    assert [(row.state_label, row.assignable) for row in rows] == [
        ("Nieuw", True),
        ("Afgesloten", False),
    ]
