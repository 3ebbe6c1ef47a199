"""Lists and the part after a colon, written the way Dutch does, in one place for every message."""

import pytest

from vroegsignaal.dutch_text import after_colon, listed


@pytest.mark.parametrize(
    ("items", "text"),
    [([], ""), (["bellen"], "bellen"), (["bellen", "mailen"], "bellen en mailen"),
     (["uw verhuurder", "uw energieleverancier", "uw zorgverzekeraar"],
      "uw verhuurder, uw energieleverancier en uw zorgverzekeraar")],
)  # fmt: skip
def test_a_list_puts_en_before_the_last_item_and_commas_between_the_others(items, text):
    assert listed(items) == text


def test_a_list_of_alternatives_puts_of_before_the_last_item():
    assert listed(["bellen", "mailen", "langskomen"], "of") == "bellen, mailen of langskomen"


@pytest.mark.parametrize(
    ("text", "continued"),
    [("Persoon is geen inwoner (meer) in de gemeente", "persoon is geen inwoner (meer) in de gemeente"),
     ("Het bestand is leeg.", "het bestand is leeg."),
     ("BRP-uittreksel mist een kolom.", "BRP-uittreksel mist een kolom."),
     ("BSN onbekend", "BSN onbekend"),
     ("UTF-16 zonder BOM", "UTF-16 zonder BOM"),
     ("3 fouten:", "3 fouten:"),
     ("", "")],
)  # fmt: skip
def test_after_a_colon_a_sentence_fragment_starts_lower_case_but_abbreviations_keep_capitals(
    text, continued
):
    assert after_colon(text) == continued
