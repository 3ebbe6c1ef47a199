"""Small-number protection as statistics offices do it: a threshold, and a mark instead of the
figure, also where the tables side by side (a region beside its municipalities, each one's
total from its shares) would give the hidden figure back (pure rules, no database)."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vroegsignaal.monitoring.small_numbers import (
    FEW,
    HIDDEN,
    THRESHOLD,
    hide_averages,
    hide_counts,
)


def test_the_threshold_is_five_and_the_marks_say_less_than_five_and_hidden():
    assert (THRESHOLD, FEW, HIDDEN) == (5, "< 5", "x")


def test_a_count_of_one_to_four_is_shown_as_less_than_five_but_zero_and_five_are_shown():
    cells = {(row, "Enschede"): n for row, n in (("0", 0), ("1", 1), ("4", 4), ("5", 5))}

    assert hide_counts(cells, "regio") == {
        ("1", "Enschede"): FEW, ("1", "regio"): FEW, ("4", "Enschede"): FEW, ("4", "regio"): FEW,
    }  # fmt: skip


def row(**counts):
    """One result per municipality: the cells of a table with a single row 'a'."""
    return {("a", municipality): n for municipality, n in counts.items()}


def test_a_region_beside_one_small_count_hides_the_next_smallest_count_too():
    # Region 23, Enschede 12, Hengelo 8, Almelo 3: 23 - 12 - 8 would give Almelo's 3 back.
    marks = hide_counts(row(enschede=12, hengelo=8, almelo=3, borne=0), "regio")

    assert marks == {("a", "almelo"): FEW, ("a", "hengelo"): HIDDEN}


def test_two_small_counts_that_could_only_be_one_each_are_protected_by_a_third():
    # Two '< 5' cells and a region that leaves 2 for them: both must be 1.
    marks = hide_counts(row(p=1, q=1, r=30, s=7), "regio")

    assert marks == {("a", "p"): FEW, ("a", "q"): FEW, ("a", "s"): HIDDEN}


def test_two_small_counts_that_cannot_be_told_apart_need_no_more_hiding():
    assert hide_counts(row(p=1, q=3, r=30), "regio") == {("a", "p"): FEW, ("a", "q"): FEW}


def test_a_hidden_count_is_at_least_five_so_it_cannot_protect_a_small_one_from_below():
    # '< 5' is 1 to 4 and a count hidden beside it at least 5: with the 5 hidden, 6 would be
    # left for both, only 1 and 5. Hiding the 9 instead leaves 10: 1 and 9 up to 4 and 6.
    marks = hide_counts(row(p=1, q=5, r=9, s=40), "regio")

    assert marks == {("a", "p"): FEW, ("a", "r"): HIDDEN}


def test_a_total_known_only_from_the_shares_is_safe_once_every_part_that_is_not_zero_is_hidden():
    # A municipality whose two results are the same: no share gives the total back.
    cells = {("overleden", "E"): 2, ("regelt zelf", "E"): 0}

    marks = hide_counts(cells, "regio", shares_of=[{"overleden", "regelt zelf"}])

    assert marks == {("overleden", "E"): FEW, ("overleden", "regio"): FEW}


def test_a_total_known_from_the_shares_hides_the_next_smallest_part():
    # With 20 (about 69%) shown the total 29 is known, and 29 - 20 - 6 would give the 3 back;
    # the region (here only E) shows the same, so it hides the same.
    cells = {("a", "E"): 3, ("c", "E"): 20, ("d", "E"): 6}

    marks = hide_counts(cells, "R", shares_of=[{"a", "c", "d"}])

    assert marks == {("a", "E"): FEW, ("a", "R"): FEW, ("d", "E"): HIDDEN, ("d", "R"): HIDDEN}
    # Two small counts that leave 5 between them: 1 and 4, 2 and 3, ...: nothing more hidden.
    cells = {("a", "E"): 3, ("b", "E"): 2, ("c", "E"): 20}
    assert set(hide_counts(cells, "R", shares_of=[{"a", "b", "c"}]).values()) == {FEW}


def test_a_region_whose_small_count_is_one_municipalitys_is_shown_as_less_than_five_in_both():
    # Hengelo's 3 is the region's 3: both '< 5', and neither tells the other.
    assert hide_counts(row(enschede=0, hengelo=3), "regio") == {
        ("a", "hengelo"): FEW, ("a", "regio"): FEW,
    }  # fmt: skip


def test_a_region_of_small_counts_only_is_hidden_when_its_less_than_five_would_tell_them():
    # Four municipalities '< 5' and a region '< 5': each could only be 1. The region's count
    # becomes 'x' (it is left out, and may be less than 5), and no municipality is told.
    marks = hide_counts(row(p=1, q=1, r=1, s=1), "regio")

    assert marks == {**dict.fromkeys(row(p=1, q=1, r=1, s=1), FEW), ("a", "regio"): HIDDEN}


def test_the_region_beside_a_municipality_gives_no_count_back_that_it_hides_for_its_shares():
    """QA, September 2026: Enschede alone had 5 deceased and 8 no longer inhabitants, and
    showed them; the region hid them beside Twenterand's one herhaalde melding. The region's
    total follows from its shares, and Enschede's 5 and 8 gave the region's hidden cells, so
    the herhaalde melding was the rest: exactly 1."""
    cells = {
        ("geen contact", "Enschede"): 40, ("overleden", "Enschede"): 5,
        ("geen inwoner", "Enschede"): 8, ("geen contact", "Twenterand"): 20,
        ("herhaald", "Twenterand"): 1, ("geen contact", "Hengelo"): 12,
    }  # fmt: skip
    groups = [{"geen contact", "overleden", "geen inwoner", "herhaald"}]

    marks = hide_counts(cells, "regio", groups)

    assert worked_out(cells, "regio", groups, marks) == set()
    # A hidden regional count is hidden for the one municipality that has it too.
    assert marks[("geen inwoner", "regio")] == marks[("geen inwoner", "Enschede")] == HIDDEN


def test_a_total_that_another_table_shows_gives_no_hidden_count_back():
    """QA, Dinkelland July 2026: 'andere reden' 66 (95.7%) gives the 69 results; beside it
    'verwijzing financieel' and 'geen contact' were '< 5' (1 and 2 could be 2 and 1). The
    satisfaction table's 'Bereikt en afgesloten 1' is the sum of the results in which the
    resident was reached, here only the referral: it was 1, so 'geen contact' 2."""
    cells = {
        ("andere reden", "Dinkelland"): 66, ("geen contact", "Dinkelland"): 2,
        ("verwijzing financieel", "Dinkelland"): 1, ("andere reden", "Enschede"): 300,
        ("geen contact", "Enschede"): 40, ("verwijzing financieel", "Enschede"): 30,
        ("regelt zelf", "Enschede"): 25,
    }  # fmt: skip
    every = [{"andere reden", "geen contact", "verwijzing financieel", "regelt zelf"}]
    reached = {"bereikt": {"verwijzing financieel", "regelt zelf"}}
    unaware = hide_counts(cells, "regio", every)
    assert {
        ("verwijzing financieel", "Dinkelland"), ("geen contact", "Dinkelland")
    } <= worked_out(cells, "regio", every, unaware, told=reached)  # fmt: skip

    marks = hide_counts(cells, "regio", every, told=reached)

    assert worked_out(cells, "regio", every, marks, told=reached) == set()
    assert marks[("verwijzing financieel", "Dinkelland")] == FEW


def test_a_told_total_that_crosses_a_group_of_shares_is_split_along_it():
    # Reached: advice and 'regelt zelf'; solutions: advice and 'zelf betaald'. The network
    # takes the reader to know advice and 'regelt zelf' apart: more than it does, never less.
    cells = {("advies", "E"): 2, ("regelt zelf", "E"): 9, ("zelf betaald", "E"): 7}
    every = {"advies", "regelt zelf", "zelf betaald"}
    groups = [every, {"advies", "zelf betaald"}]
    reached = {"bereikt": {"advies", "regelt zelf"}}

    marks = hide_counts(cells, "R", groups, told=reached)

    assert worked_out(cells, "R", groups, marks, told=reached) == set()


def test_a_count_that_a_shown_count_below_five_bounds_is_hidden_whatever_it_is():
    """Help accepted is at most reached, which the reader sees. Borne reached 1 resident who
    accepted help, Tubbergen 1 who did not: '< 5' would say 1 and 0 would say 0, so both are
    'x' and look the same (docs/monitoring.md, 26-11-2026); Enschede's 9 of 30 reached stays."""
    cells = row(borne=1, tubbergen=0, enschede=9)
    reached = {("a", "borne"): 1, ("a", "tubbergen"): 1, ("a", "enschede"): 30}

    marks = hide_counts(cells, "regio", bounds=reached)

    assert marks == {("a", "borne"): HIDDEN, ("a", "tubbergen"): HIDDEN}
    assert worked_out(cells, "regio", [], marks, bounds=reached) == set()


def test_a_region_that_would_give_a_bounded_count_back_is_left_out_also_when_it_is_zero():
    # Borne reached 1, Enschede 30 of whom none accepted help: the region's '< 5' or 0 would
    # be Borne's. The region's count is 'x' too, whether Borne's was 1 or 0.
    reached = {("a", "borne"): 1, ("a", "enschede"): 30}
    for accepted in (1, 0):
        cells = row(borne=accepted, enschede=0)

        marks = hide_counts(cells, "regio", bounds=reached)

        assert marks == {("a", "borne"): HIDDEN, ("a", "regio"): HIDDEN}
        assert worked_out(cells, "regio", [], marks, bounds=reached) == set()


def test_a_count_hidden_beside_a_small_one_is_at_most_its_bound():
    # '< 5' beside 6 of 6 reached and 40: hiding the 6 would leave 1 + 6 = 7 for both, and the
    # 6 can be no more than 6 nor less than 5; only the 40 leaves room.
    cells = row(p=1, q=6, s=40)

    marks = hide_counts(cells, "regio", bounds={("a", "q"): 6})

    assert worked_out(cells, "regio", [], marks, bounds={("a", "q"): 6}) == set()


def test_a_share_that_tells_a_bounded_zero_is_hidden_even_if_its_bound_then_gives_it():
    # Hengelo's 5 of 5 reached is 100% of its results, so its 'x' of 1 reached is 0. Hiding
    # the 5 is the only way; it is then 5 by its bound, a count the reader may know.
    cells = {("a", "H"): 5, ("b", "H"): 0}
    bounds = {("a", "H"): 5, ("b", "H"): 1}

    marks = hide_counts(cells, "R", [{"a", "b"}], bounds=bounds)

    assert marks[("a", "H")] == marks[("b", "H")] == HIDDEN
    assert worked_out(cells, "R", [{"a", "b"}], marks, bounds=bounds) == set()


def test_a_count_that_is_the_sum_of_other_rows_is_never_given_back_by_them():
    """Help accepted (the funnel) is the sum of its meldingen's statutory term cells (on time,
    late, ...). Enschede 1 accepted of 2 reached, on time: the funnel's 'x' would be 1 beside an
    on-time 1 ('Bereikt 1, Op tijd 1'), so the term cells are 'x' too; Hengelo's 12 accepted
    (7 on time, 5 late) stay shown, and the region's on time (8) is not Hengelo's 7 plus what
    Enschede hides."""
    cells = {
        ("op tijd", "Enschede"): 1, ("te laat", "Enschede"): 0,
        ("op tijd", "Hengelo"): 7, ("te laat", "Hengelo"): 5,
    }  # fmt: skip
    counted = {"hulp geaccepteerd": {"op tijd", "te laat"}}
    reached = {"Enschede": 2, "Hengelo": 30}
    bounds = {(row, m): n for m, n in reached.items() for row in ("op tijd", "te laat")}
    bounds |= {("hulp geaccepteerd", m): n for m, n in reached.items()}

    marks = hide_counts(cells, "regio", bounds=bounds, counted=counted)

    assert marks[("hulp geaccepteerd", "Enschede")] == HIDDEN
    assert marks[("op tijd", "Enschede")] == marks[("te laat", "Enschede")] == HIDDEN
    assert ("op tijd", "regio") in marks or ("op tijd", "Hengelo") in marks
    assert worked_out(cells, "regio", [], marks, bounds=bounds, counted=counted) == set()


def test_overlapping_groups_of_shares_are_refused():
    cells = {("a", "E"): 1, ("b", "E"): 7, ("c", "E"): 9}

    with pytest.raises(ValueError, match="overlappen"):
        hide_counts(cells, "R", shares_of=[{"a", "b"}, {"b", "c"}])


def worked_out(cells, total, shares_of, marks, told=None, bounds=None, counted=None) -> set:
    """The hidden cells a reader can work out, by trying every table that fits what is shown:
    a table another reader could not tell from the true one differs from it by one somewhere
    (a change of one along a cycle), so each hidden municipal count is tried one less, the
    same and one more. The reader knows '< 5' is 1 to 4, a hidden municipal count at least 5
    and a hidden regional one not 0, each region's count as the sum, each group's total
    of a column while the column shows a count of it that is not 0, and the total of each
    ``told`` group (name → rows) in every column where another table shows it: where its
    (name, column) has no mark. With ``bounds`` (a municipal cell → the highest it can be, by
    a count the reader sees; the region's is their sum) no count is above its bound, and a
    count whose bound is 1 to 4 may be anything up to it, 0 too, as may its row's region. A
    count hidden beside others that its mark and bound alone give (an 'x' of at least 5 with a
    bound of 5) is a count of 5, no small one: it is not counted as worked out, nor is a region
    made of such counts and shown ones. ``counted`` (name → rows) are rows whose total is a
    count of the table itself, (name, column), shown or marked as a cell is."""
    counted = counted or {}
    rows = sorted({r for r, _ in cells})
    columns = sorted({c for _, c in cells})
    full = {(r, c): cells.get((r, c), 0) for r in rows for c in columns}
    full |= {(r, total): sum(full[r, c] for c in columns) for r in rows}

    def with_sums(table):
        return table | {
            (name, c): sum(table[r, c] for r in group if r in rows)
            for name, group in counted.items()
            for c in [*columns, total]
        }

    full = with_sums(full)
    names = [*rows, *counted]
    limit = known_bounds(full, bounds or {}, counted)
    limit |= {
        (r, total): sum(limit[r, c] for c in columns)
        for r in names
        if all((r, c) in limit for c in columns)
    }
    capped = {cell for cell, high in limit.items() if 0 < high < THRESHOLD}
    open_rows = {r for r, c in capped}
    # A sum of rows with a count hidden for its bound may be hidden at 0 too.
    capped |= {
        (name, c)
        for name, group in counted.items()
        for c in [*columns, total]
        if any((r, c) in capped or (c == total and r in open_rows) for r in group)
    }

    def fits(cell, value):
        mark = marks.get(cell)
        if mark is None:
            return value == full[cell]
        if value > limit.get(cell, value):
            return False
        if mark == FEW:
            return 1 <= value < THRESHOLD
        if cell in capped or (cell[1] == total and cell[0] in open_rows):
            return value >= 0
        return value >= (1 if cell[1] == total else THRESHOLD)

    hidden = [cell for cell in full if cell in marks and cell[1] != total]
    tries = [[v for v in (full[c] - 1, full[c], full[c] + 1) if fits(c, v)] for c in hidden]
    groups = [{r for r in g if r in rows} for g in shares_of]
    shares = [
        (c, group, sum(full[r, c] for r in group))
        for group in groups
        for c in [*columns, total]
        if any(full[r, c] and (r, c) not in marks for r in group)
    ]
    told = [
        (c, group, sum(full[r, c] for r in group))
        for name, rows_told in (told or {}).items()
        for group in [{r for r in rows_told if r in rows}]
        for c in [*columns, total]
        if (name, c) not in marks
    ]
    seen = {cell: set() for cell in marks if cell in full}  # not the told totals left out
    for values in itertools.product(*tries):
        table = dict(full) | dict(zip(hidden, values, strict=True))
        table |= {(r, total): sum(table[r, c] for c in columns) for r in rows}
        table = with_sums(table)
        sums = [(name, c) for name in counted for c in [*columns, total]]
        if all(fits(cell, table[cell]) for cell in [*((r, total) for r in rows), *sums]) and all(
            sum(table[r, c] for r in group) == value for c, group, value in told + shares
        ):
            for cell, values in seen.items():
                values.add(table[cell])
    alone = {
        cell for cell in seen if sum(fits(cell, v) for v in range(limit.get(cell, 0) + 1)) == 1
    }
    alone |= {
        (r, total) for r in names if all((r, c) in alone or (r, c) not in marks for c in columns)
    }
    return {cell for cell, values in seen.items() if len(values) == 1} - alone


def known_bounds(cells, bounds, counted) -> dict:
    """``bounds`` of the municipal cells with what a counted group and its rows tell of each
    other: the group is at most the sum of its rows' bounds, each row at most the group's."""
    limit = dict(bounds)
    for name, group in counted.items():
        for c in {c for _, c in cells}:
            if (name, c) not in cells:
                continue
            if all((r, c) in limit for r in group):
                room = sum(limit[r, c] for r in group)
                limit[name, c] = min(limit.get((name, c), room), room)
            if (name, c) in limit:
                for r in group:
                    high = min(limit.get((r, c), limit[name, c]), limit[name, c])
                    limit[r, c] = max(high, cells[r, c])
    return limit


counts = st.sampled_from([0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 9, 30])


@st.composite
def tables(draw):
    rows = draw(st.lists(st.sampled_from("abcd"), min_size=1, max_size=3, unique=True))
    columns = draw(st.lists(st.sampled_from("EHAB"), min_size=1, max_size=3, unique=True))
    cells = {(r, c): draw(counts) for r in rows for c in columns}
    shares = draw(st.sampled_from([[], [rows], [rows, rows[:1]]]))
    # A total of some rows another table shows (the reached end results), which may cross the
    # groups of shares.
    told = draw(
        st.sampled_from([{}, {"t": rows[1:]}, {"t": rows[-2:]}, {"t": rows[:1], "u": rows[1:]}])
    )
    # Rows the reader knows an upper bound of in each column (help accepted: reached).
    bounded = draw(st.sampled_from([[], rows[:1], rows]))
    room = st.sampled_from([0, 0, 1, 2, 4])
    bounds = {(r, c): cells[r, c] + draw(room) for r in bounded for c in columns}
    # Rows whose total is itself a count the reader sees (help accepted: its terms' cells),
    # bounded like its rows.
    counted = {} if told or shares else draw(st.sampled_from([{}, {"s": rows}, {"s": rows[1:]}]))
    counted = {name: group for name, group in counted.items() if group}
    for name, group in counted.items():
        bounds |= {
            (name, c): sum(cells[r, c] for r in group) + draw(room)
            for c in columns
            if all((r, c) in bounds for r in group)
        }
    return cells, shares, told, bounds, counted


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_hidden_count_can_be_worked_out_from_the_tables_side_by_side(table):
    cells, shares_of, told, bounds, counted = table

    marks = hide_counts(cells, "R", shares_of, told, bounds, counted)

    assert worked_out(cells, "R", shares_of, marks, told, bounds, counted) == set()
    cells = cells | {
        (name, c): sum(cells[r, c] for r in group)
        for name, group in counted.items()
        for c in {c for _, c in cells}
    }
    bounds = known_bounds(cells, bounds, counted)
    capped = {cell for cell, high in bounds.items() if 0 < high < THRESHOLD}
    assert all(marks[cell] == HIDDEN for cell in capped)  # whatever the count, 0 too
    small = {cell for cell, n in cells.items() if 0 < n < THRESHOLD} - capped
    assert all(marks[cell] == FEW for cell in small)  # a small municipal count is never shown
    open_rows = {row for row, _ in capped}
    open_rows |= {name for name, group in counted.items() if open_rows & set(group)}
    # and 0 is never hidden, but for a bound below 5, in the region of its row and in a sum
    # of such counts
    assert all(
        cells.get(cell, 1) for cell in marks if cell not in capped and cell[0] not in open_rows
    )


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
