"""Counting one melding again (`matching.recount`) reads only the residents of the BRP extract
the engine could pair with its signals, not a city's whole register per click; the engine then
finds exactly what it finds in the whole register."""

import datetime as dt

import polars as pl
import pytest
from tests.factories import MunicipalityFactory

from vroegsignaal.matching import adapter
from vroegsignaal.matching.models import ResidentRecord

pytestmark = pytest.mark.django_db


def _resident(municipality, surname, born, postcode="7511AB", bsn=""):
    ResidentRecord.objects.create(
        municipality=municipality, surname=surname, birth_date=born, postcode=postcode,
        house_number=1, bsn=bsn,
    )  # fmt: skip


def _signals(**columns) -> pl.DataFrame:
    return pl.DataFrame(
        {"bsn": [""], "postcode": ["7511AB"], "birth_date": [dt.date(1980, 5, 12)], **columns}
    )


def test_the_register_near_a_meldings_signals_holds_every_resident_the_engine_could_pair():
    municipality = MunicipalityFactory()
    _resident(municipality, "Housemate", dt.date(1950, 1, 1))  # same address
    _resident(municipality, "Moved", dt.date(1980, 9, 9), postcode="1011AA")  # birth year
    _resident(municipality, "Typo", dt.date(1908, 5, 12), postcode="1011AA")  # birthday
    _resident(municipality, "Known", dt.date(1933, 3, 3), postcode="1011AA", bsn="h1")  # BSN
    _resident(municipality, "Stranger", dt.date(1990, 1, 2), postcode="1011AA")

    near = adapter.population_register(municipality, near=_signals(bsn=["h1"]))

    assert sorted(near["surname"]) == ["Housemate", "Known", "Moved", "Typo"]
    whole = adapter.population_register(municipality)
    assert whole.height == 5 and near.columns == whole.columns


def test_a_loaded_register_without_residents_near_the_signals_is_empty_not_skipped():
    # None would skip the BRP check: the melding's signals would count as residents.
    municipality = MunicipalityFactory()
    _resident(municipality, "Stranger", dt.date(1990, 1, 2), postcode="1011AA")

    near = adapter.population_register(municipality, near=_signals())

    assert near is not None and near.is_empty()
    assert near.columns == adapter.population_register(municipality).columns


def test_without_a_loaded_register_the_check_is_still_skipped():
    assert adapter.population_register(MunicipalityFactory(), near=_signals()) is None
