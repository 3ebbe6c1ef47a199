"""Writing many rows at once (vroegsignaal.bulk_rows), on PostgreSQL and SQLite alike."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection

from tests.casework.factories import MeldingFactory, QueueFactory
from tests.factories import MunicipalityFactory
from vroegsignaal.bulk_rows import insert_rows, update_rows
from vroegsignaal.casework.models import Event, EventKind, Melding
from vroegsignaal.search_keys import street_key

pytestmark = pytest.mark.django_db


def test_update_rows_sets_only_the_named_fields_of_the_given_rows_and_counts_them():
    first, second, untouched = MeldingFactory.create_batch(3, city="Enschede", house_number=1)
    first.city, first.house_number = "Glanerbrug", 7
    second.city, second.house_number = "Boekelo", 9

    changed = update_rows(Melding, [first, second], ["city"])

    assert changed == 2
    rows = dict(Melding.objects.values_list("pk", "city"))
    assert rows == {first.pk: "Glanerbrug", second.pk: "Boekelo", untouched.pk: "Enschede"}
    assert set(Melding.objects.values_list("house_number", flat=True)) == {1}


def test_update_rows_stores_json_dates_and_foreign_keys_as_save_would():
    melding, elsewhere = MeldingFactory(), MeldingFactory()
    event = Event.objects.create(melding=melding, kind=EventKind.ASSIGNED, details={"text": "oud"})
    event.details = {"text": "Jansen, 'Sélène' & zoon", "on": "2026-12-24"}
    event.melding = elsewhere
    melding.round_due_on = dt.date(2026, 12, 29)

    update_rows(Event, [event], ["details", "melding"])
    update_rows(Melding, [melding], ["round_due_on"])

    stored = Event.objects.get(pk=event.pk)
    assert stored.details == {"text": "Jansen, 'Sélène' & zoon", "on": "2026-12-24"}
    assert stored.melding == elsewhere
    assert Melding.objects.get(pk=melding.pk).round_due_on == dt.date(2026, 12, 29)


def test_a_refused_update_changes_no_row_and_leaves_no_temporary_table():
    first, second = MeldingFactory.create_batch(2, city="Enschede")
    first.city, second.city = "Glanerbrug", None  # the column is NOT NULL

    with pytest.raises(IntegrityError):
        update_rows(Melding, [first, second], ["city"])

    assert set(Melding.objects.values_list("city", flat=True)) == {"Enschede"}
    update_rows(Melding, [first], ["city"])  # the next update starts afresh
    assert Melding.objects.get(pk=first.pk).city == "Glanerbrug"


def test_insert_rows_fills_derived_keys_and_dates_as_save_would():
    municipality = MunicipalityFactory()
    template = MeldingFactory.build(
        municipality=municipality, queue=QueueFactory(municipality=municipality),
        street="Van Heekstraat",
    )  # fmt: skip

    insert_rows(Melding, [template])

    stored = Melding.objects.get(key=template.key)
    assert stored.street_search == street_key("Van Heekstraat")
    assert stored.created_at is not None


def test_nothing_to_write_runs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert update_rows(Melding, [], ["city"]) == 0
        insert_rows(Melding, [])
    assert connection.vendor in {"postgresql", "sqlite"}
