"""Small-number protection as statistics offices do it: a threshold, and a mark instead of the
figure, also where a total would give the hidden figure back (pure rules, no database)."""

from vroegsignaal.monitoring.small_numbers import (
    FEW,
    HIDDEN,
    THRESHOLD,
    Line,
    hide_averages,
    hide_counts,
)


def test_the_threshold_is_five_and_the_marks_say_less_than_five_and_hidden():
    assert (THRESHOLD, FEW, HIDDEN) == (5, "< 5", "x")


def test_a_count_of_one_to_four_is_shown_as_less_than_five_but_zero_and_five_are_shown():
    cells = {"none": 0, "one": 1, "four": 4, "five": 5, "many": 120}

    assert hide_counts(cells, []) == {"one": FEW, "four": FEW}


def test_a_total_beside_one_small_count_hides_the_next_smallest_count_too():
    # Region 23, Enschede 12, Hengelo 8, Almelo 3: 23 - 12 - 8 would give Almelo's 3 back.
    cells = {"enschede": 12, "hengelo": 8, "almelo": 3, "borne": 0, "regio": 23}
    line = Line(("enschede", "hengelo", "almelo", "borne"), total="regio")

    assert hide_counts(cells, [line]) == {"almelo": FEW, "hengelo": HIDDEN}


def test_two_small_counts_that_could_only_be_one_each_are_protected_by_a_third():
    # Two '< 5' cells and a total that leaves 2 for them: both must be 1.
    cells = {"a": 1, "b": 1, "c": 30, "d": 7, "total": 39}
    line = Line(("a", "b", "c", "d"), total="total")

    assert hide_counts(cells, [line]) == {"a": FEW, "b": FEW, "d": HIDDEN}


def test_two_small_counts_that_cannot_be_told_apart_need_no_more_hiding():
    cells = {"a": 1, "b": 3, "c": 30, "total": 34}

    assert hide_counts(cells, [Line(("a", "b", "c"), total="total")]) == {"a": FEW, "b": FEW}


def test_a_small_count_and_a_hidden_one_at_their_lowest_would_be_told_apart():
    # '< 5' is 1 to 4 and a count hidden beside it is at least 5; 6 left for both: 1 and 5.
    cells = {"a": 1, "b": 5, "c": 9, "d": 40, "total": 55}

    marks = hide_counts(cells, [Line(("a", "b", "c", "d"), total="total")])

    assert marks == {"a": FEW, "b": HIDDEN, "c": HIDDEN}


def test_a_total_known_only_from_the_shares_is_safe_once_every_part_that_is_not_zero_is_hidden():
    # A municipality whose two closed meldingen have the same result: no share gives the
    # total back, so nothing else is hidden.
    cells = {"overleden": 2, "regelt zelf": 0}

    assert hide_counts(cells, [Line(("overleden", "regelt zelf"))]) == {"overleden": FEW}


def test_a_total_known_from_the_shares_hides_the_next_smallest_part():
    # With 20 (about 69%) shown the total 29 is known, and 29 - 20 - 6 would give the 3 back.
    cells = {"a": 3, "c": 20, "d": 6}

    assert hide_counts(cells, [Line(("a", "c", "d"))]) == {"a": FEW, "d": HIDDEN}
    # Two small counts that leave 5 between them: 1 and 4, 2 and 3, ...: nothing more hidden.
    cells = {"a": 3, "b": 2, "c": 20}
    assert hide_counts(cells, [Line(("a", "b", "c"))]) == {"a": FEW, "b": FEW}


def test_a_shown_total_is_hidden_when_no_other_count_can_protect_the_small_one():
    cells = {"enschede": 0, "hengelo": 3, "regio": 3}

    marks = hide_counts(cells, [Line(("enschede", "hengelo"), total="regio")])

    assert marks == {"hengelo": FEW, "regio": FEW}
    # Enschede's 7 is hidden to protect a 3 in another line; in its own line (Hengelo 0) the
    # regional 7 would give it back, and there is no other count to hide instead.
    cells = {"a": 3, "enschede": 7, "t": 10, "hengelo": 0, "regio": 7}
    lines = [Line(("a", "enschede"), total="t"), Line(("enschede", "hengelo"), total="regio")]
    assert hide_counts(cells, lines) == {"a": FEW, "enschede": HIDDEN, "regio": HIDDEN}


def test_hiding_in_one_line_is_checked_again_in_every_line_it_touches():
    # Rows are results, columns municipalities; the regional total of each row is shown and
    # each municipality's total is known from its shares.
    cells = {
        ("a", "E"): 20, ("a", "H"): 2, ("a", "R"): 22,
        ("b", "E"): 9, ("b", "H"): 6, ("b", "R"): 15,
    }  # fmt: skip
    lines = [
        Line((("a", "E"), ("a", "H")), total=("a", "R")),
        Line((("b", "E"), ("b", "H")), total=("b", "R")),
        Line((("a", "E"), ("b", "E"))),
        Line((("a", "H"), ("b", "H"))),
    ]

    marks = hide_counts(cells, lines)

    # H's 2 would follow from the region (22 - 20), so E's 20 goes; then E's total would give
    # 20 back beside 9, so E's 9 goes; the row b would give it back, so H's 6 goes too.
    assert marks == {
        ("a", "H"): FEW, ("a", "E"): HIDDEN, ("b", "E"): HIDDEN, ("b", "H"): HIDDEN,
    }  # fmt: skip


def test_an_average_of_fewer_than_five_answers_is_hidden():
    parts = {"enschede": 12, "hengelo": 0, "almelo": 7}

    assert hide_averages(parts) == set()
    assert hide_averages({"enschede": 12, "losser": 2}, total=None) == {"losser"}


def test_a_total_average_beside_one_hidden_average_hides_the_next_smallest():
    # Total of 21 cijfers beside Enschede's 12 and Almelo's 7 would give Losser's 2 back.
    parts = {"enschede": 12, "losser": 2, "almelo": 7, "borne": 0}

    assert hide_averages(parts, total="totaal") == {"losser", "almelo"}


def test_hidden_averages_together_hold_at_least_five_answers():
    parts = {"enschede": 40, "losser": 1, "borne": 2, "almelo": 9}

    assert hide_averages(parts, total="totaal") == {"losser", "borne", "almelo"}
    assert hide_averages({"losser": 1, "borne": 4, "almelo": 9}, "totaal") == {"losser", "borne"}


def test_a_total_average_of_fewer_than_five_answers_is_hidden_with_its_parts():
    assert hide_averages({"losser": 1, "borne": 2}, total="totaal") == {
        "losser", "borne", "totaal"
    }  # fmt: skip
    assert hide_averages({"losser": 3, "borne": 0}, total="totaal") == {"losser", "totaal"}
