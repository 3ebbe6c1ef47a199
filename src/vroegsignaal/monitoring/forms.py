"""The selection forms of the monitoring pages (period, municipality, quarter, month)."""

from __future__ import annotations

import datetime as dt

from django import forms

from vroegsignaal.monitoring.scope import ScopeError, quarter_period


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


class QuarterForm(forms.Form):
    kwartaal = forms.CharField(label="Kwartaal", help_text="Bijvoorbeeld 2026Q3.")
    gemeente = forms.CharField(required=False)

    def clean_kwartaal(self) -> tuple[dt.date, dt.date]:
        try:
            return quarter_period(self.cleaned_data["kwartaal"])
        except ScopeError as exc:
            raise forms.ValidationError(str(exc)) from exc
