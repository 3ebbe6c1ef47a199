"""How a house number is written for people (vroegsignaal.addresses): the letter follows the
number, the addition comes after a hyphen, so 93 with addition 2 never reads as house 932."""

import pytest

from vroegsignaal.addresses import house_number_text


@pytest.mark.parametrize(
    ("letter", "addition", "written"),
    [
        ("", "", "93"),
        ("", "2", "93-2"),
        ("B", "", "93B"),
        ("B", "2", "93B-2"),
        ("", "bis", "93-bis"),
        ("", "hs", "93-hs"),
    ],
)
def test_a_house_number_is_written_with_its_letter_attached_and_its_addition_after_a_hyphen(
    letter, addition, written
):
    assert house_number_text(93, letter, addition) == written
