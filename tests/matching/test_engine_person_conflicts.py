"""A person never holds two different BSNs, nor two different initials (engine/persons.py):
a signal that fits two persons who are known apart does not merge them through itself."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.matching.test_engine_rules import match, signals

TWIN_J = {"initials": "J."}
TWIN_K = {"initials": "K."}
NO_INITIALS = {"initials": ""}


def persons(*overrides: dict) -> list[set[int]]:
    """The signal ids of each person the matching linked, lowest id first."""
    result = match(signals(*overrides))
    grouped: dict[str, set[int]] = {}
    for signal_id, key in result.signals.select("signal_id", "person_key").iter_rows():
        grouped.setdefault(key, set()).add(signal_id)
    return sorted(grouped.values(), key=min)


def test_twins_stay_two_persons_when_a_signal_without_initials_fits_both():
    # Same surname and birth date: signal 3 fits twin J. and twin K. equally, so it cannot
    # tell who it is about and stays a person of its own.
    assert persons(TWIN_J, TWIN_K, NO_INITIALS) == [{1}, {2}, {3}]


def test_the_ambiguous_signal_stays_apart_whatever_its_signal_id():
    assert persons(NO_INITIALS, TWIN_J, TWIN_K) == [{1}, {2}, {3}]


def test_signals_without_initials_that_fit_both_twins_are_one_person_of_their_own():
    assert persons(TWIN_J, NO_INITIALS, TWIN_K, NO_INITIALS) == [{1}, {2, 4}, {3}]


def test_two_bsns_are_never_one_person_through_a_signal_without_bsn():
    assert persons({"bsn": "111111110"}, {"bsn": ""}, {"bsn": "222222220"}) == [{1}, {2}, {3}]


def test_a_signal_without_initials_joins_the_one_person_it_fits():
    # K. has another birth date: a household member signal 3 does not fit, so no conflict.
    sibling = {"initials": "K.", "birth_date": dt.date(1983, 9, 30)}
    assert persons(TWIN_J, sibling, NO_INITIALS) == [{1, 3}, {2}]


def test_a_signal_whose_bsn_names_one_twin_joins_that_twin():
    # Signal 3 fits both twins by name, but shares its BSN with twin J.: the BSN decides.
    assert persons({**TWIN_J, "bsn": "111111110"}, TWIN_K, {**NO_INITIALS, "bsn": "111111110"}) == [
        {1, 3},
        {2},
    ]


def test_signals_with_one_bsn_stay_one_person_with_different_initials():
    # A typo in the initials of one insurer: the BSN says it is one person, and a third signal
    # with one of those initials joins them.
    assert persons({"bsn": "111111110"}, {**TWIN_K, "bsn": "111111110"}, {**TWIN_K, "bsn": ""}) == [
        {1, 2, 3}
    ]


def test_variants_of_one_name_without_conflict_still_link_through_a_third_signal():
    # Transitive linking stays where no two known identifiers differ.
    assert persons(
        {"surname": "Berg", "birth_date": None}, NO_INITIALS, {"first_names": "Jan"}
    ) == [{1, 2, 3}]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "initials": st.sampled_from(["J.", "K.", ""]),
                "bsn": st.sampled_from(["", "", "111111110", "222222220"]),
                "birth_date": st.sampled_from([None, dt.date(1980, 3, 4), dt.date(1980, 3, 5)]),
            }
        ),
        min_size=2,
        max_size=8,
    )
)
def test_no_person_holds_two_bsns_or_two_initials_not_tied_by_one_bsn(overrides):
    result = match(signals(*overrides))
    for key, bsns, initials in (
        result.signals.join(
            signals(*overrides).select("signal_id", "bsn", "initials"), on="signal_id"
        )
        .group_by("person_key")
        .agg("bsn", "initials")
        .iter_rows()
    ):
        assert len({bsn for bsn in bsns if bsn}) <= 1, key
        # Different initials only where the same BSN vouches for each of them.
        untied = {ini for ini, bsn in zip(initials, bsns, strict=True) if ini and not bsn}
        tied = {ini for ini, bsn in zip(initials, bsns, strict=True) if ini and bsn}
        assert len(untied) <= 1 and (not tied or not untied or untied & tied), key
