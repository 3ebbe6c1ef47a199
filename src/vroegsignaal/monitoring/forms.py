"""The selection forms of the monitoring pages (period, municipality, quarter, month)."""

from __future__ import annotations

import datetime as dt

from django import forms

from vroegsignaal.monitoring.scope import (
    ScopeError,
    month_text_period,
    quarter_name,
    quarter_of,
    quarter_period,
)


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last twelve months up to and including the current month."""
    start_year, start_month = (
        (today.year, today.month - 11) if today.month == 12 else (today.year - 1, today.month + 1)
    )
    return dt.date(start_year, start_month, 1), today


class SelectionForm(forms.Form):
    """Which municipality (or all the user may see) and which period."""

    gemeente = forms.ChoiceField(label="Gemeente", required=False)
    van = forms.DateField(label="Van", widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label="Tot en met", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, municipalities, region_label: str | None, today: dt.date):
        start, end = default_period(today)
        data = {"van": start.isoformat(), "tot": end.isoformat(), **data.dict()}
        super().__init__(data)
        choices = [(m.code, m.name) for m in municipalities]
        if region_label:
            choices.insert(0, ("", f"Hele {region_label.lower()}"))
        self.fields["gemeente"].choices = choices

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and end < start:
            self.add_error("tot", "De einddatum ligt vóór de begindatum.")
        return cleaned


def previous_month(today: dt.date) -> str:
    """The month before ``today``'s, as '2026-10': the monthly report's default."""
    last_day = today.replace(day=1) - dt.timedelta(days=1)
    return f"{last_day:%Y-%m}"


def previous_quarter(today: dt.date) -> str:
    """The last completed quarter before ``today``, as '2026Q3': the quarterly report's default."""
    first_of_quarter = dt.date(today.year, 3 * quarter_of(today) - 2, 1)
    return quarter_name(first_of_quarter - dt.timedelta(days=1))


class _ReportPeriodForm(forms.Form):
    """A report's period as text in the field ``period`` (parsed by ``parse``), and whose.

    A period that has not started on ``today`` is refused: it has no figures yet.
    """

    period: str
    gemeente = forms.CharField(required=False)

    def __init__(self, data=None, *, today: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.today = today

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
