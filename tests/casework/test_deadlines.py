"""Every term a melding shows, counted with Dutch public holidays (Algemene termijnenwet)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vroegsignaal.casework.deadlines import (
    EQUATED_BY_DECREE,
    DeadlinePolicy,
    DeadlineState,
    Term,
    WorkingCalendar,
    add_calendar_days,
    add_months,
    add_working_days,
    deadline_state,
    due_date,
    is_working_day,
    public_holidays,
    roll_forward,
)

D = date.fromisoformat


# --- Which days are working days -------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        "2026-01-01",  # Nieuwjaarsdag
        "2026-04-03",  # Goede Vrijdag: equated with a holiday by Atw art. 3 lid 2
        "2026-04-06",  # Tweede Paasdag
        "2026-04-27",  # Koningsdag
        "2026-05-05",  # Bevrijdingsdag, not a lustrum year
        "2026-05-14",  # Hemelvaartsdag
        "2026-05-25",  # Tweede Pinksterdag
        "2026-12-25",  # Eerste Kerstdag
        "2027-01-01",
        "2027-03-26",  # Goede Vrijdag
        "2027-03-29",
        "2027-04-27",  # Koningsdag on a Tuesday
        "2027-05-05",
        "2027-05-06",
        "2027-05-17",
    ],
)
def test_atw_holidays_on_weekdays_are_not_working_days(day):
    assert not is_working_day(D(day))


@pytest.mark.parametrize("year", [2026, 2027, 2028, 2029, 2031])
def test_bevrijdingsdag_is_a_holiday_every_year_not_only_every_fifth(year):
    assert date(year, 5, 5) in public_holidays(year)


@pytest.mark.parametrize("year", [2025, 2031])
def test_koningsdag_moves_to_26_april_when_27_april_is_a_sunday(year):
    assert date(year, 4, 26) in public_holidays(year)
    assert date(year, 4, 27).weekday() == 6
    assert is_working_day(date(year, 4, 28))


@pytest.mark.parametrize(
    "day",
    [
        "2026-12-24",  # Kerstavond
        "2026-12-31",  # Oudejaarsdag
        "2027-12-27",  # Monday after a Christmas weekend: no substitute holiday in NL
        "2026-02-16",  # carnaval Monday is local, not national
    ],
)
def test_days_that_are_not_national_holidays_are_working_days(day):
    assert is_working_day(D(day))


def test_weekend_days_are_not_working_days():
    assert not is_working_day(D("2026-03-07"))  # Saturday
    assert not is_working_day(D("2026-03-08"))  # Sunday
    assert is_working_day(D("2026-03-09"))


def test_extra_closed_days_are_not_working_days_in_that_calendar_only():
    carnaval = D("2026-02-16")
    closed = WorkingCalendar(extra_closed_days=frozenset({carnaval}))
    assert not is_working_day(carnaval, closed)
    assert is_working_day(carnaval)


# --- Days a Royal Decree equates with a holiday (Atw art. 3 lid 3) ---------------------------


@pytest.mark.parametrize(
    "day",
    [
        "2023-04-28", "2023-05-19", "2024-05-10", "2024-12-27", "2025-05-30",  # decree 2023-2025
        "2026-01-02", "2026-05-15", "2027-05-07", "2028-04-28", "2028-05-26",  # decree 2026-2028
    ],
)  # fmt: skip
def test_days_equated_with_a_holiday_by_royal_decree_are_no_working_days_for_anyone(day):
    assert not is_working_day(D(day))
    assert D(day) in public_holidays(D(day).year)


def test_each_decree_names_its_own_days_and_no_other_friday_is_equated():
    assert all(name.startswith("Besluit gelijkstelling van ") for name in EQUATED_BY_DECREE)
    assert is_working_day(D("2029-05-11"))  # after Hemelvaartsdag 2029: no decree yet


def test_three_working_days_after_new_years_eve_2025_skip_the_equated_2_january():
    # Nieuwjaarsdag, the equated Friday 2 January and the weekend: 5, 6 and 7 January.
    assert add_working_days(D("2025-12-31"), 2) == D("2026-01-06")
    assert add_working_days(D("2025-12-31"), 3) == D("2026-01-07")


def test_working_days_after_hemelvaartsdag_2026_skip_the_equated_friday():
    assert add_working_days(D("2026-05-14"), 1) == D("2026-05-18")
    assert due_date(Term.CRISIS_CONVERSATION, D("2026-05-14")) == D("2026-05-20")


def test_the_demo_crisis_melding_matched_on_29_december_2025_is_to_be_picked_up_by_5_january():
    # QA10 B2, VS-909: the crisis first action (3 working days from the matching, the
    # municipality's own norm); its first home visit on 5 January 2026 was on time.
    assert add_working_days(D("2025-12-29"), 3) == D("2026-01-05")


# --- Counting working days ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-03-09", 1, "2026-03-10"),  # ordinary Monday
        ("2026-03-13", 1, "2026-03-16"),  # Friday: over the weekend
        ("2026-03-13", 5, "2026-03-20"),
        ("2026-03-07", 1, "2026-03-09"),  # start on Saturday: Monday is day 1
        ("2026-03-08", 1, "2026-03-09"),  # start on Sunday
        ("2026-04-02", 1, "2026-04-07"),  # Goede Vrijdag, weekend, Tweede Paasdag
        ("2026-04-06", 1, "2026-04-07"),  # start on Tweede Paasdag itself
        ("2026-04-24", 1, "2026-04-28"),  # Koningsdag on Monday
        ("2026-05-04", 1, "2026-05-06"),  # 5 May 2026 (a Tuesday)
        ("2026-05-13", 1, "2026-05-18"),  # Hemelvaartsdag and the equated Friday
        ("2026-05-22", 1, "2026-05-26"),  # Pinksteren
        ("2026-12-24", 1, "2026-12-28"),  # Kerst on Friday and Saturday
        ("2026-12-30", 2, "2027-01-04"),  # over the year boundary and Nieuwjaarsdag
        ("2027-12-24", 1, "2027-12-27"),  # Kerst on a weekend
        ("2027-12-31", 1, "2028-01-03"),  # Nieuwjaarsdag 2028 on Saturday
        ("2026-01-30", 1, "2026-02-02"),  # month end on Friday
        ("2028-02-28", 1, "2028-02-29"),  # leap day is an ordinary working day
        ("2027-02-26", 1, "2027-03-01"),  # no leap day in 2027
    ],
)
def test_add_working_days_counts_from_the_day_after_start(start, n, expected):
    assert add_working_days(D(start), n) == D(expected)


def test_add_working_days_skips_extra_closed_days():
    carnaval = WorkingCalendar(extra_closed_days=frozenset({D("2026-02-16")}))
    assert add_working_days(D("2026-02-13"), 1, carnaval) == D("2026-02-17")


@pytest.mark.parametrize("n", [0, -1])
def test_add_working_days_rejects_fewer_than_one_day(n):
    with pytest.raises(ValueError, match="minstens 1"):
        add_working_days(D("2026-03-09"), n)


working_day_calendars = st.builds(
    WorkingCalendar,
    extra_closed_days=st.frozensets(
        st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)), max_size=20
    ),
)
any_start = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(start=any_start, n=st.integers(min_value=1, max_value=60), cal=working_day_calendars)
def test_add_working_days_always_lands_on_a_working_day_after_start(start, n, cal):
    result = add_working_days(start, n, cal)
    assert result > start
    assert is_working_day(result, cal)
    days_between = (start + timedelta(days=i) for i in range(1, (result - start).days + 1))
    assert sum(is_working_day(day, cal) for day in days_between) == n


@given(start=any_start, n=st.integers(min_value=1, max_value=60), cal=working_day_calendars)
def test_add_working_days_is_strictly_increasing_in_n(start, n, cal):
    assert add_working_days(start, n + 1, cal) > add_working_days(start, n, cal)


@given(day=any_start, cal=working_day_calendars)
def test_roll_forward_gives_the_first_working_day_on_or_after(day, cal):
    result = roll_forward(day, cal)
    assert is_working_day(result, cal)
    assert result >= day
    assert all(not is_working_day(day + timedelta(days=i), cal) for i in range((result - day).days))


# --- Calendar days and months ---------------------------------------------------------------


def test_add_calendar_days_counts_weekends_and_holidays():
    assert add_calendar_days(D("2026-04-02"), 4) == D("2026-04-06")
    assert add_calendar_days(D("2026-12-18"), 14) == D("2027-01-01")


def test_add_calendar_days_rejects_negative_days():
    with pytest.raises(ValueError, match="negatief"):
        add_calendar_days(D("2026-03-09"), -1)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2026-03-15", 6, "2026-09-15"),
        ("2026-08-31", 6, "2027-02-28"),  # clamped to the end of February
        ("2027-08-31", 6, "2028-02-29"),  # leap year
        ("2026-08-29", 6, "2027-02-28"),
        ("2025-12-31", 6, "2026-06-30"),
        ("2026-07-31", 6, "2027-01-31"),  # over the year boundary, no clamping needed
        ("2026-01-31", 1, "2026-02-28"),
        ("2026-11-30", 14, "2028-01-30"),
    ],
)
def test_add_months_clamps_to_the_last_day_of_a_shorter_month(start, months, expected):
    assert add_months(D(start), months) == D(expected)


# --- The terms ------------------------------------------------------------------------------


def test_first_action_defaults_to_14_and_28_calendar_days_after_matching():
    matched = D("2026-01-26")
    assert due_date(Term.FIRST_ACTION, matched) == D("2026-02-09")
    assert due_date(Term.FIRST_ACTION_LIMIT, matched) == D("2026-02-23")


def test_first_action_terms_follow_the_municipal_policy():
    policy = DeadlinePolicy(first_action_days=10, first_action_limit_days=21)
    matched = D("2026-01-26")
    assert due_date(Term.FIRST_ACTION, matched, policy=policy) == D("2026-02-05")
    assert due_date(Term.FIRST_ACTION_LIMIT, matched, policy=policy) == D("2026-02-16")


def test_first_action_is_not_moved_off_a_weekend_because_it_is_not_a_statutory_term():
    assert due_date(Term.FIRST_ACTION, D("2026-03-14")) == D("2026-03-28")  # a Saturday


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"first_action_days": 0}, "first_action_days"),
        ({"first_action_days": 30, "first_action_limit_days": 28}, "first_action_limit_days"),
        ({"heropaf_months": 0}, "heropaf_months"),
    ],
)
def test_policy_rejects_impossible_terms_naming_the_field(kwargs, field):
    with pytest.raises(ValueError, match=field):
        DeadlinePolicy(**kwargs)


@pytest.mark.parametrize(
    ("accepted", "expected"),
    [
        ("2026-03-09", "2026-03-12"),  # Monday -> Thursday
        ("2026-03-12", "2026-03-17"),  # Thursday -> Tuesday, over the weekend
        ("2026-04-02", "2026-04-09"),  # Goede Vrijdag and Tweede Paasdag in between
        ("2026-04-25", "2026-04-30"),  # accepted on Saturday before Koningsdag
        ("2027-05-04", "2027-05-12"),  # 5 May, Hemelvaartsdag and the equated 7 May 2027
        ("2026-12-23", "2026-12-29"),  # Kerst on Friday and Saturday
    ],
)
def test_crisis_first_conversation_within_three_working_days(accepted, expected):
    assert due_date(Term.CRISIS_CONVERSATION, D(accepted)) == D(expected)


def test_first_conversation_is_four_weeks_after_acceptance():
    assert due_date(Term.FIRST_CONVERSATION, D("2026-02-02")) == D("2026-03-02")


@pytest.mark.parametrize(
    ("accepted", "expected"),
    [
        ("2026-03-09", "2026-04-07"),  # would end on Tweede Paasdag
        ("2026-03-07", "2026-04-07"),  # would end on Saturday, then Tweede Paasdag
        ("2026-11-28", "2026-12-28"),  # would end on Saturday 26 December
    ],
)
def test_first_conversation_ending_on_a_non_working_day_moves_to_the_next_working_day(
    accepted, expected
):
    assert due_date(Term.FIRST_CONVERSATION, D(accepted)) == D(expected)


def test_a_municipalitys_own_closed_day_does_not_extend_the_statutory_four_weeks():
    # Atw art. 1 extends a statutory term over the law's non-working days only.
    closed = WorkingCalendar(extra_closed_days=frozenset({D("2026-03-02")}))
    assert due_date(Term.FIRST_CONVERSATION, D("2026-02-02"), closed) == D("2026-03-02")


def test_the_statutory_four_weeks_ending_on_a_decree_day_run_on_to_the_next_working_day():
    assert due_date(Term.FIRST_CONVERSATION, D("2026-04-17")) == D("2026-05-18")


def test_a_municipalitys_own_closed_day_does_not_lengthen_the_statutory_crisis_term():
    carnaval = WorkingCalendar(extra_closed_days=frozenset({D("2026-02-16"), D("2026-02-17")}))
    assert due_date(Term.CRISIS_CONVERSATION, D("2026-02-13"), carnaval) == D("2026-02-18")


@pytest.mark.parametrize(
    ("matching_run", "expected"),
    [
        ("2026-03-30", "2026-04-08"),  # Goede Vrijdag and Tweede Paasdag skipped
        ("2026-04-20", "2026-04-28"),  # Koningsdag skipped
        ("2026-12-28", "2027-01-05"),  # Nieuwjaarsdag skipped
        ("2027-01-26", "2027-02-02"),
    ],
)
def test_go_no_go_within_five_working_days_of_the_matching_run(matching_run, expected):
    assert due_date(Term.GO_NO_GO, D(matching_run)) == D(expected)


@pytest.mark.parametrize(
    ("matching_run", "expected"),
    [
        # Koningsdag, 5 May, Hemelvaartsdag and Tweede Pinksterdag all fall in these 28 days.
        ("2026-04-20", "2026-06-04"),  # and the equated Friday 15 May 2026
        ("2026-11-26", "2027-01-07"),  # Kerst and Nieuwjaarsdag
        ("2027-01-26", "2027-03-05"),  # no holidays: exactly 5 weeks and 3 days
    ],
)
def test_outcome_feedback_within_28_working_days(matching_run, expected):
    assert due_date(Term.OUTCOME_FEEDBACK, D(matching_run)) == D(expected)


def test_working_day_terms_use_the_given_calendar():
    closed = WorkingCalendar(extra_closed_days=frozenset({D("2027-01-27")}))
    assert due_date(Term.GO_NO_GO, D("2027-01-26"), closed) == D("2027-02-03")
    assert due_date(Term.OUTCOME_FEEDBACK, D("2027-01-26"), closed) == D("2027-03-08")


def test_a_carnaval_monday_gives_the_go_no_go_a_day_more_but_not_the_statutory_crisis_term():
    carnaval = WorkingCalendar(extra_closed_days=frozenset({D("2026-02-16")}))
    assert due_date(Term.GO_NO_GO, D("2026-02-13"), carnaval) == D("2026-02-23")
    assert due_date(Term.CRISIS_CONVERSATION, D("2026-02-13"), carnaval) == D("2026-02-18")


def test_a_heropaf_date_on_a_municipalitys_closed_day_moves_to_its_next_working_day():
    closed = WorkingCalendar(extra_closed_days=frozenset({D("2027-02-15")}))
    assert due_date(Term.HEROPAF, D("2026-08-15"), closed) == D("2027-02-16")


@pytest.mark.parametrize(
    ("feedback", "expected"),
    [
        ("2026-03-15", "2026-09-15"),
        ("2027-08-31", "2028-02-29"),
        ("2026-06-30", "2026-12-30"),
    ],
)
def test_heropaf_six_calendar_months_after_feedback(feedback, expected):
    assert due_date(Term.HEROPAF, D(feedback)) == D(expected)


@pytest.mark.parametrize(
    ("feedback", "expected"),
    [
        # A Friday release: six months later is Sunday 15 November, so Monday 16 November.
        ("2026-05-15", "2026-11-16"),
        # Clamped to Sunday 28 February 2027, then the Monday.
        ("2026-08-31", "2027-03-01"),
        # Eerste Kerstdag, then the weekend: Monday 28 December.
        ("2026-06-25", "2026-12-28"),
    ],
)
def test_heropaf_date_on_a_weekend_or_holiday_rolls_to_the_next_working_day(feedback, expected):
    assert due_date(Term.HEROPAF, D(feedback)) == D(expected)


def test_heropaf_follows_the_municipal_policy():
    policy = DeadlinePolicy(heropaf_months=3)
    assert due_date(Term.HEROPAF, D("2026-11-30"), policy=policy) == D("2027-03-01")


def test_unknown_term_is_refused_in_dutch():
    with pytest.raises(ValueError, match="Onbekende termijn"):
        due_date("nonsense", D("2026-03-09"))


def test_every_term_has_a_dutch_label_and_basis():
    assert Term.CRISIS_CONVERSATION.label == "Eerste gesprek bij crisissignaal"
    assert "Wgs art. 4 lid 2" in Term.CRISIS_CONVERSATION.basis
    assert "Wgs art. 4 lid 1" in Term.FIRST_CONVERSATION.basis
    assert all(term.label and term.basis for term in Term)


# --- Deadline state -------------------------------------------------------------------------

DUE = D("2026-03-20")


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-03-01", DeadlineState.ON_TIME),
        ("2026-03-16", DeadlineState.ON_TIME),  # 4 days left
        ("2026-03-17", DeadlineState.DUE_SOON),  # 3 days left
        ("2026-03-20", DeadlineState.DUE_SOON),  # the due day itself still counts
        ("2026-03-21", DeadlineState.OVERDUE),
    ],
)
def test_open_deadline_state_depends_on_days_left(today, expected):
    assert deadline_state(DUE, D(today)) is expected


def test_due_soon_window_is_configurable():
    assert deadline_state(DUE, D("2026-03-13"), soon_days=7) is DeadlineState.DUE_SOON
    assert deadline_state(DUE, D("2026-03-19"), soon_days=0) is DeadlineState.ON_TIME


@pytest.mark.parametrize(
    ("done_on", "expected"),
    [
        ("2026-03-10", DeadlineState.MET),
        ("2026-03-20", DeadlineState.MET),  # done on the due day is on time
        ("2026-03-21", DeadlineState.MET_LATE),
    ],
)
def test_done_deadline_is_met_or_met_late_whatever_today_is(done_on, expected):
    assert deadline_state(DUE, D("2026-06-01"), done_on=D(done_on)) is expected


@pytest.mark.parametrize(
    ("closed_on", "expected"),
    [
        ("2026-03-10", DeadlineState.LAPSED),
        ("2026-03-20", DeadlineState.LAPSED),  # closed on the due day: the term had not ended
        ("2026-03-21", DeadlineState.MISSED),
    ],
)
def test_a_term_not_done_when_the_melding_closed_stops_running(closed_on, expected):
    assert deadline_state(DUE, D("2026-06-01"), closed_on=D(closed_on)) is expected


def test_a_term_done_before_closing_stays_met():
    assert deadline_state(DUE, D("2026-06-01"), D("2026-03-12"), closed_on=D("2026-04-01")) is (
        DeadlineState.MET
    )


def test_deadline_states_have_dutch_labels():
    assert [state.label for state in DeadlineState] == [
        "Op tijd",
        "Bijna verlopen",
        "Verlopen",
        "Gehaald",
        "Te laat gehaald",
        "Vervallen: melding afgesloten",
        "Niet gehaald",
        "Vervallen: geen hulp geaccepteerd",
        "Wacht op antwoord signaalpartner",
    ]
