"""Linked persons within a melding (engine/persons.py): everyone linked directly or through
others is one person, labelled with the lowest signal id, whatever the order of the links."""

from __future__ import annotations

import itertools

import polars as pl

from vroegsignaal.matching.engine import persons


def labels(edges: list[tuple[int, int]]) -> dict[int, int]:
    frame = pl.DataFrame(edges, schema={"a": pl.Int64, "b": pl.Int64}, orient="row")
    return dict(persons._components(frame).iter_rows())


def test_a_chain_of_links_is_one_person_with_the_lowest_signal_id():
    # 5-4-3-2-1: the lowest id travels four links.
    assert labels([(4, 5), (3, 4), (2, 3), (1, 2)]) == dict.fromkeys([1, 2, 3, 4, 5], 1)


def test_separate_groups_stay_separate():
    assert labels([(5, 9), (2, 9), (7, 8)]) == {2: 2, 5: 2, 9: 2, 7: 7, 8: 7}


def test_the_order_of_the_links_does_not_change_the_persons():
    edges = [(1, 6), (6, 10), (3, 10), (4, 11), (11, 12)]
    expected = labels(edges)
    for permutation in itertools.permutations(edges):
        assert labels(list(permutation)) == expected


def test_without_links_nobody_gets_a_label():
    # Every signal without a link is a person of its own (its person key uses its own id).
    assert labels([]) == {}
