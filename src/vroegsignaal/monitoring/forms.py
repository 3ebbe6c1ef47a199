"""The forms of the monitoring pages: selection (period, municipality, quarter, month) and the
year figures."""

from __future__ import annotations

import datetime as dt

from django import forms

from vroegsignaal.monitoring.scope import (
    ScopeError,
    month_text_period,
    not_begun_problem,
    quarter_name,
    quarter_of,
    quarter_period,
    whole_month_problems,
)
from vroegsignaal.monitoring.year_figures import FIGURE_NAMES, check_year, implausible_figures
from vroegsignaal.organisations.models import Municipality


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last twelve months up to and including the current month."""
    start_year, start_month = (
        (today.year, today.month - 11) if today.month == 12 else (today.year - 1, today.month + 1)
    )
    return dt.date(start_year, start_month, 1), today


def municipality_choices(municipalities, region_label: str | None) -> list[tuple[str, str]]:
    """(code, name) of each municipality; with a region label ('Regio Twente') first the whole
    region, ('', 'Hele regio Twente'): the region keeps its own name."""
    choices = [(m.code, m.name) for m in municipalities]
    if region_label:
        choices.insert(0, ("", f"Hele {region_label[:1].lower()}{region_label[1:]}"))
    return choices


class SelectionForm(forms.Form):
    """Which municipality (or all the user may see) and which period; for the figures
    (``whole_months``) a period of whole months, or up to today (``whole_month_problems``),
    that has begun (``not_begun_problem``, as the reports refuse a month or quarter)."""

    gemeente = forms.ChoiceField(label="Gemeente", required=False)
    van = forms.DateField(label="Van", widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label="Tot en met", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(
        self,
        data,
        gemeente_choices: list[tuple[str, str]],
        today: dt.date,
        whole_months: bool = True,
    ):
        start, end = default_period(today)
        data = {"van": start.isoformat(), "tot": end.isoformat(), **data.dict()}
        super().__init__(data)
        self.fields["gemeente"].choices = gemeente_choices
        self.today, self.whole_months = today, whole_months

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and end < start:
            self.add_error("tot", "De einddatum ligt vóór de begindatum.")
        elif start and end and self.whole_months:
            problems = whole_month_problems(start, end, self.today)
            if late := not_begun_problem(start, self.today):  # before a part of a month
                problems["start"] = late
            for field, key in (("van", "start"), ("tot", "end")):
                if key in problems:
                    self.add_error(field, problems[key])
        return cleaned


def previous_month(today: dt.date) -> str:
    """The month before ``today``'s, as '2026-10': the monthly report's default."""
    last_day = today.replace(day=1) - dt.timedelta(days=1)
    return f"{last_day:%Y-%m}"


def previous_quarter(today: dt.date) -> str:
    """The last completed quarter before ``today``, as '2026Q3': the quarterly report's default."""
    first_of_quarter = dt.date(today.year, 3 * quarter_of(today) - 2, 1)
    return quarter_name(first_of_quarter - dt.timedelta(days=1))


def quarter_choices(today: dt.date, count: int = 12) -> list[tuple[str, str]]:
    """The running quarter and the ``count`` - 1 before it, newest first, as (value, label):
    ('2026Q4', '4e kwartaal 2026 (loopt nog)'), ('2026Q3', '3e kwartaal 2026'), ..."""
    choices, day = [], today
    for _ in range(count):
        label = f"{quarter_of(day)}e kwartaal {day.year}" + (" (loopt nog)" if not choices else "")
        choices.append((quarter_name(day), label))
        day = dt.date(day.year, 3 * quarter_of(day) - 2, 1) - dt.timedelta(days=1)
    return choices


class _ReportPeriodForm(forms.Form):
    """A report's period as text in the field ``period`` (parsed by ``parse``), and whose.

    A period that has not started on ``today`` is refused: it has no figures yet. The
    municipality is checked by ``access.scope_for`` (403 outside the user's reach); the form
    only offers the ``gemeente_choices`` the user may see.
    """

    period: str
    gemeente = forms.CharField(required=False)

    def __init__(self, data=None, *, today: dt.date, gemeente_choices=(), **kwargs):
        super().__init__(data, **kwargs)
        self.today = today
        self.gemeente_choices = list(gemeente_choices)

    @staticmethod
    def parse(text: str, today: dt.date) -> tuple[dt.date, dt.date]:
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get(self.period)
        if text is not None:
            try:
                cleaned[self.period] = self.parse(text, self.today)
            except ScopeError as exc:
                self.add_error(self.period, str(exc))
        return cleaned


class MonthForm(_ReportPeriodForm):
    period = "maand"
    maand = forms.CharField(label="Maand", help_text="Bijvoorbeeld 2026-10.")
    parse = staticmethod(month_text_period)


class QuarterForm(_ReportPeriodForm):
    period = "kwartaal"
    kwartaal = forms.CharField(
        label="Kwartaal",
        help_text="Bijvoorbeeld 2026Q3.",
        error_messages={"required": "Vul een kwartaal in, bijvoorbeeld 2026Q3."},
    )
    parse = staticmethod(quarter_period)

    @property
    def quarter_choices(self) -> list[tuple[str, str]]:
        return quarter_choices(self.today)

    @property
    def selected_quarter(self) -> str:
        """The chosen quarter as the list writes it ('K3 2026' → '2026Q3'), else as typed."""
        text = self["kwartaal"].value() or ""
        try:
            return quarter_name(quarter_period(text)[0])
        except ScopeError:
            return text


class YearFiguresForm(forms.Form):
    """One municipality's evictions and bailiff judgments over one year (empty: not known)."""

    gemeente = forms.ChoiceField(label="Gemeente")
    jaar = forms.IntegerField(label="Jaar")
    huisuitzettingen = forms.IntegerField(
        label="Huisuitzettingen",
        required=False,
        min_value=0,
        help_text="Uitgevoerde ontruimingen. Leeg: niet bekend.",
        error_messages={"min_value": "Het aantal huisuitzettingen is niet negatief."},
    )
    vonnissen = forms.IntegerField(
        label="Vonnissen deurwaarder",
        required=False,
        min_value=0,
        help_text="Betekende vonnissen. Leeg: niet bekend.",
        error_messages={"min_value": "Het aantal vonnissen is niet negatief."},
    )
    bron = forms.CharField(
        label="Bron", required=False, max_length=200, help_text="Wie de cijfers aanleverde."
    )

    def __init__(self, *args, gemeente_choices, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = gemeente_choices
        self.today = today

    def clean_jaar(self) -> int:
        return check_year(self.cleaned_data["jaar"], self.today)

    def clean(self):
        data = super().clean()
        municipality = Municipality.objects.filter(code=data.get("gemeente")).first()
        if municipality is not None:
            errors = implausible_figures(
                municipality,
                evictions=data.get("huisuitzettingen"),
                bailiff_judgments=data.get("vonnissen"),
            )
            for field, message in errors.items():
                self.add_error(FIGURE_NAMES[field], message)
        return data
