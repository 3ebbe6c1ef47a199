"""Rule: the demo's BRP extract gives each BSN to one person, as the register does (QA14 B5:
an extract giving one BSN to two people is refused, and made-up numbers can meet)."""

import random

from vroegsignaal.demo.reference_lists import register_bsn


def test_a_person_keeps_her_signals_bsn_and_a_bsn_given_already_is_never_given_again():
    rng, used = random.Random(1), set()

    first = register_bsn("563347223", used, rng)
    second = register_bsn("563347223", used, rng)
    made_up = [register_bsn("", used, rng) for _ in range(50)]

    assert first == "563347223" and second != first
    assert len({first, second, *made_up}) == 52
