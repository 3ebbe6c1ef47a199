"""The matching page: intake staff start a run for a month and see the runs of their municipality."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone

from vroegsignaal.matching.models import MatchingRun
from vroegsignaal.matching.tasks import match_period_task
from vroegsignaal.privacy.policy import role_required

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class MatchingForm(forms.Form):
    period = forms.CharField(
        label="Matchingsperiode",
        help_text="Maand in de vorm JJJJ-MM, bijvoorbeeld 2026-10.",
        max_length=7,
    )

    def clean_period(self) -> str:
        period = self.cleaned_data["period"].strip()
        if not PERIOD.match(period):
            raise forms.ValidationError("Vul een maand in als JJJJ-MM, bijvoorbeeld 2026-10.")
        if period > f"{timezone.localdate():%Y-%m}":
            raise forms.ValidationError("Een maand in de toekomst kan nog niet gematcht worden.")
        return period


def _previous_month() -> str:
    first = timezone.localdate().replace(day=1)
    return f"{(first - timezone.timedelta(days=1)):%Y-%m}"


@role_required("intake")
def matching_runs(request):
    municipality = request.user.municipality
    form = MatchingForm(request.POST or None, initial={"period": _previous_month()})
    if request.method == "POST" and form.is_valid():
        period = form.cleaned_data["period"]
        transaction.on_commit(
            lambda: match_period_task.enqueue(municipality.id, period, request.user.id)
        )
        messages.success(request, f"De matching voor {period} is gestart.")
        return redirect("matching:runs")
    runs = MatchingRun.objects.filter(municipality=municipality).select_related(
        "policy_version", "started_by"
    )[:24]
    return render(request, "matching/runs.html", {"form": form, "runs": runs})
