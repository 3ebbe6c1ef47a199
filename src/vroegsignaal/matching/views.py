"""The matching page: intake staff start a run for a month and see the runs of their municipality."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from vroegsignaal.casework.policy import calendar_for
from vroegsignaal.dutch_text import after_colon
from vroegsignaal.matching.corrections import corrected_months
from vroegsignaal.matching.list_doubts import CONFIRMATIONS
from vroegsignaal.matching.models import MatchingRun, ReferenceListImport, ReferenceListKind
from vroegsignaal.matching.periods import (
    PeriodError,
    check_matchable,
    is_period,
    month_name,
    run_description,
)
from vroegsignaal.matching.reference_lists import (
    LIST_FILE_TYPES,
    LIST_FORMAT,
    ListNeedsConfirmation,
    ReferenceListError,
    import_known_clients,
    latest_imports,
    read_list_file,
)
from vroegsignaal.matching.run_report import changes_of, has_changes
from vroegsignaal.matching.tasks import match_period_task
from vroegsignaal.matching.unmatched import suggested_period, unmatched_months
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction
from vroegsignaal.privacy.policy import role_required

PERIOD_FORMAT = "Matchingsperiode: vul een maand in als JJJJ-MM, bijvoorbeeld 2026-10."


class MatchingForm(forms.Form):
    period = forms.CharField(
        label="Matchingsperiode",
        help_text="Maand in de vorm JJJJ-MM, bijvoorbeeld 2026-10.",
        max_length=7,
        error_messages={
            "required": "Vul de maand in die u wilt matchen, bijvoorbeeld 2026-10.",
            "max_length": PERIOD_FORMAT,
        },
    )

    def __init__(self, *args, municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality

    def clean_period(self) -> str:
        period = self.cleaned_data["period"].strip()
        if not is_period(period):
            raise forms.ValidationError(PERIOD_FORMAT)
        try:
            check_matchable(self.municipality, period)
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None
        return period


@role_required("intake")
def matching_runs(request):
    municipality = request.user.municipality
    waiting = unmatched_months(municipality)
    corrected = corrected_months(municipality)
    form = MatchingForm(
        request.POST or None,
        initial={"period": suggested_period(waiting, corrected)},
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        period = form.cleaned_data["period"]
        transaction.on_commit(
            lambda: match_period_task.enqueue(municipality.id, period, request.user.id)
        )
        # The outcome is in the list of runs: a backend that runs tasks at once has finished
        # by the time the list is shown, a worker (TASKS_BACKEND=database) later.
        messages.success(request, f"De matching voor {month_name(period)} is aangevraagd.")
        # A (re)run changes meldingen and terms: the audit log names the month and municipality,
        # not only the page, so the privacy officer can see who matched which month.
        audit.record(request, AuditAction.CHANGE, run_description(municipality, period))
        return redirect("matching:runs")
    runs = list(
        MatchingRun.objects.filter(municipality=municipality).select_related(
            "regional_policy_version__region", "policy_version__municipality", "started_by"
        )[:24]
    )
    context = {
        "form": form,
        "runs": runs,
        # A failed newest run is said at the top, not only in its row.
        "failed": runs[0] if runs and runs[0].failure else None,
        "lists": _reference_list_state(municipality),
        "waiting": [(month_name(period), signals) for period, signals in waiting],
        # Signals in a melding corrected since the run (QA14 B2): the meldingen count the old.
        "corrected": [(period, month_name(period), signals) for period, signals in corrected],
        "corrected_signals": sum(signals for _, signals in corrected),
    }
    return render(request, "matching/runs.html", context)


@role_required("intake")
def run_result(request, pk: int):
    """What one run of the municipality changed: the meldingen and signals to look at, with
    their addresses (audited, each melding and signal shown named in the audit log)."""
    run = get_object_or_404(
        MatchingRun.objects.select_related(
            "regional_policy_version__region", "policy_version__municipality"
        ),
        pk=pk,
        municipality=request.user.municipality,
    )
    changes = changes_of(run) if has_changes(run) else None
    if changes is not None:
        audit.note_shown(request, changes.shown)
    context = {
        "run": run,
        "changes": changes,
        # A term ending on a day off is named as on the melding page (QA14 B11).
        "calendar": calendar_for(run.municipality_id),
    }
    return render(request, "matching/run.html", context)


def _reference_list_state(municipality) -> list[tuple[str, ReferenceListImport | None]]:
    """(label, newest import or None) per kind of reference list."""
    return [
        (ReferenceListKind(kind).label, latest)
        for kind, latest in latest_imports(municipality).items()
    ]


class ClientListForm(forms.Form):
    file = forms.FileField(
        label="Klantenlijst (CSV)",
        error_messages={"required": "Kies het bestand met de klantenlijst."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A tick per doubt about a list (list_doubts), shown once a list in that doubt was
        # refused: the reader confirms it is right.
        for confirmation in CONFIRMATIONS:
            self.fields[confirmation.field] = forms.BooleanField(
                label=confirmation.tick, required=False
            )


@role_required("intake")
def reference_lists(request):
    """The municipality's client list (uploaded here) and BRP extract (read in on the server):
    how old each is, and their history."""
    municipality = request.user.municipality
    form = ClientListForm(request.POST or None, request.FILES or None)
    ticks = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        confirmed = [c for c in CONFIRMATIONS if form.cleaned_data[c.field]]
        # One byte over the limit is enough to refuse it, as for a creditor's delivery.
        data = upload.read(settings.DELIVERY_MAX_BYTES + 1)
        try:
            imported = import_known_clients(
                municipality,
                read_list_file(data, settings.DELIVERY_MAX_BYTES),
                by=request.user,
                filename=upload.name,
                confirmed=confirmed,
            )
        except ReferenceListError as error:
            reason = after_colon(str(error))
            if isinstance(error, ListNeedsConfirmation):
                reason += "".join(f" {c.on_the_page}" for c in error.confirmations)
                # A tick given stays, ticked, while another doubt is asked.
                ticks = [
                    form[c.field]
                    for c in CONFIRMATIONS
                    if c in error.confirmations or c in confirmed
                ]
            form.add_error("file", f"{upload.name} is niet ingelezen: {reason}")
        else:
            if imported.outcome:
                messages.success(request, imported.outcome)
            for warning in imported.warnings:
                messages.warning(request, warning)
            return redirect("matching:reference_lists")
    context = {
        "form": form,
        "ticks": ticks,
        "list_format": f"{LIST_FORMAT}.",  # the field's hint, a sentence
        "list_file_types": LIST_FILE_TYPES,
        "lists": _reference_list_state(municipality),
        "history": ReferenceListImport.objects.filter(municipality=municipality).select_related(
            "imported_by"
        )[:20],
    }
    return render(request, "matching/reference_lists.html", context)
