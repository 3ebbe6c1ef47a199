"""The creditor's pages: upload a delivery file, see the list of deliveries and each delivery's report.

Only creditor staff reach these pages, and only for their own creditor: another creditor's delivery
is answered with 404, so its existence is not revealed either.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import number_format

from vroegsignaal.intake.columns import CANONICAL_COLUMNS
from vroegsignaal.intake.models import Channel, Delivery, DeliveryStatus
from vroegsignaal.intake.services import UnreadableFile, ingest_file
from vroegsignaal.organisations.models import Role
from vroegsignaal.web.access import role_required
from vroegsignaal.web.downloads import csv_response

ERRORS_PER_PAGE = 250
DELIVERIES_PER_PAGE = 50


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Bestand",
        error_messages={
            "required": "Kies een bestand om aan te leveren.",
            "empty": "Het gekozen bestand is leeg.",
        },
    )


creditor_staff_only = role_required(Role.CREDITOR_STAFF)


def _own_delivery(request, pk: int) -> Delivery:
    return get_object_or_404(Delivery, pk=pk, creditor_id=request.user.creditor_id)


@creditor_staff_only
def upload(request):
    """Choose a CSV/XLSX file; a readable file becomes a delivery and the user sees its report."""
    posted = request.method == "POST"
    form = UploadForm(request.POST, request.FILES) if posted else UploadForm()
    # Megabytes as the service's "too large" message counts them (10^6 bytes), so the two agree.
    limit = number_format(settings.DELIVERY_MAX_BYTES / 1_000_000, 1)
    context = {"file_description": f"Maximaal {limit} MB."}
    if posted and form.is_valid():
        try:
            result = _ingest_upload(request.user, form.cleaned_data["file"])
        except UnreadableFile as error:
            form.add_error("file", str(error))
        else:
            if result.status != DeliveryStatus.DUPLICATE:
                return redirect("intake:delivery", pk=result.delivery_id)
            context["duplicate"] = True
            context["duplicate_of"] = Delivery.objects.filter(
                pk=result.delivery_id, creditor_id=request.user.creditor_id
            ).first()
            form = UploadForm()
    return render(request, "intake/upload.html", {"form": form, **context})


def _ingest_upload(user, upload):
    # One byte over the limit is enough for the service to reject the file as too large,
    # without reading a huge upload into memory.
    data = upload.read(settings.DELIVERY_MAX_BYTES + 1)
    return ingest_file(user.creditor, data, upload.name, channel=Channel.UPLOAD, delivered_by=user)


@creditor_staff_only
def deliveries(request):
    """All deliveries of the user's creditor, newest first."""
    page = Paginator(
        Delivery.objects.filter(creditor_id=request.user.creditor_id).order_by("-created_at"),
        DELIVERIES_PER_PAGE,
    ).get_page(request.GET.get("pagina"))
    return render(request, "intake/deliveries.html", {"page": page})


@creditor_staff_only
def delivery(request, pk: int):
    """A delivery's report: status, counts and every rejected row with its reasons."""
    delivery = _own_delivery(request, pk)
    page = Paginator(delivery.errors.all(), ERRORS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "intake/delivery.html", {"delivery": delivery, "page": page})


@creditor_staff_only
def rejected_rows_csv(request, pk: int):
    """The rejected rows with their original values and a 'fout' column, to correct and deliver again."""
    delivery = _own_delivery(request, pk)
    header, rows = _rejected_rows_table(delivery)
    return csv_response(f"aanlevering-{delivery.pk}-geweigerde-rijen.csv", header, rows)


def _rejected_rows_table(delivery: Delivery) -> tuple[list[str], list[list]]:
    # Each message already names its row and field ("Rij 4, postcode: ..."), so it stands alone.
    messages: dict[int, list[str]] = {}
    for error in delivery.errors.all():
        messages.setdefault(error.row, []).append(error.message)
    # The delivery format's column order: PostgreSQL's JSONB does not keep the file's key order.
    present = {key for row in delivery.rejected_rows for key in row["values"]}
    columns = [column for column in CANONICAL_COLUMNS if column in present]
    rows = [
        [
            *(row["values"].get(column, "") for column in columns),
            " | ".join(messages.get(row["row"], [])),
        ]
        for row in delivery.rejected_rows
    ]
    return [*columns, "fout"], rows
