"""Postcode areas: PC6 takes precedence over PC4; `vroegsignaal import-postcodes`."""

import pytest
from django.core.management import CommandError, call_command
from tests.factories import MunicipalityFactory, PostcodeAreaFactory

from vroegsignaal.organisations.postcodes import normalise_postcode_area
from vroegsignaal.organisations.services import PostcodeDirectory, municipality_for_postcode

pytestmark = pytest.mark.django_db


@pytest.fixture
def enschede_and_hengelo():
    enschede = MunicipalityFactory(code="0153", name="Enschede")
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    PostcodeAreaFactory(postcode="7521", municipality=enschede)
    PostcodeAreaFactory(postcode="7521XZ", municipality=hengelo)
    return enschede, hengelo


def test_pc6_area_takes_precedence_over_the_pc4_area_around_it(enschede_and_hengelo):
    enschede, hengelo = enschede_and_hengelo
    assert municipality_for_postcode("7521XZ") == hengelo
    assert municipality_for_postcode("7521AB") == enschede
    directory = PostcodeDirectory()
    assert directory.municipality_for("7521XZ") == hengelo
    assert directory.municipality_for("7521AB") == enschede
    assert directory.municipality_for("9999AA") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("7511", "7511"), ("7521 ab", "7521AB"), (" 7521AB ", "7521AB"), ("0511", None), ("75", None)],
)
def test_postcode_areas_are_normalised_to_pc4_or_pc6(raw, expected):
    assert normalise_postcode_area(raw) == expected


def test_import_postcodes_reads_postcode_semicolon_gemeentecode(tmp_path, enschede_and_hengelo):
    path = tmp_path / "pc.csv"
    path.write_text("postcode;gemeentecode\n7512;0153\n7550 ab;164\n")
    call_command("import-postcodes", str(path))
    assert municipality_for_postcode("7550AB").code == "0164"
    assert municipality_for_postcode("7512CD").code == "0153"


def test_import_postcodes_names_the_bad_line_and_stores_nothing(tmp_path, enschede_and_hengelo):
    path = tmp_path / "pc.csv"
    path.write_text("7512;0153\n7513;9999\n")
    with pytest.raises(CommandError, match="Regel 2: gemeente 9999 is onbekend"):
        call_command("import-postcodes", str(path))
    assert municipality_for_postcode("7512AA") is None
