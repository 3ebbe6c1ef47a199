"""Rule: the default letters read right after one signal and after several (two creditors, or
two bills of one): they speak of what is still to be paid, never of 'een rekening' (QA: the
first letter said 'een rekening' after signals of a landlord and a health insurer)."""

import re

import pytest

from vroegsignaal.letters.addressing import creditor_phrase
from vroegsignaal.letters.default_texts import DEFAULT_TEXTS
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.placeholders import fill


@pytest.mark.parametrize("kind", [LetterKind.FIRST, LetterKind.REMINDER, LetterKind.HEROPAF])
def test_a_default_letter_names_no_single_bill(kind):
    body = DEFAULT_TEXTS[kind].body

    assert not re.search(r"\b(een|de) rekening\b", body)


def test_the_first_letter_after_two_creditors_reads_as_one_sentence_about_both():
    body = fill(
        DEFAULT_TEXTS[LetterKind.FIRST].body,
        {"aanhef": "Beste meneer Molenaar", "soort_schuldeiser": creditor_phrase(["Huur", "Zorg"]),
         "gemeente": "Enschede", "contactmanieren": "bellen"},
    )  # fmt: skip

    assert (
        "Wij kregen een bericht van uw verhuurder en uw zorgverzekeraar. "
        "Daarin staat dat u nog iets moet betalen." in body
    )
