"""The creditor's pages: upload a delivery file, see the list of deliveries and each delivery's report.

Only creditor staff reach these pages, and only for their own creditor (the access policy in
privacy.policy decides): another creditor's delivery is answered with 404, so its existence is
not revealed either. Opening a report or downloading rejected rows is written to the audit log.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from vroegsignaal.intake.api_guide import operations as api_guide_operations
from vroegsignaal.intake.columns import CANONICAL_COLUMNS, COLUMNS, own_column_names
from vroegsignaal.intake.models import Channel, Delivery, DeliveryStatus
from vroegsignaal.intake.reading import csv_encodings_in_words, megabytes
from vroegsignaal.intake.services import UnreadableFile, ingest_file
from vroegsignaal.organisations.models import ApiKey
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction
from vroegsignaal.privacy.policy import Action, deliveries_for, get_for, requires
from vroegsignaal.web.downloads import csv_response, xlsx_response

ERRORS_PER_PAGE = 250
NOTICES_PER_PAGE = 250
SIGNALS_PER_PAGE = 250
DELIVERIES_PER_PAGE = 50


# A spreadsheet is a zip container; a CSV is text. The first bytes must match the file's name,
# so a renamed program, image or archive is refused before anything reads it.
_ZIP_MAGIC = b"PK\x03\x04"
_ALLOWED_EXTENSIONS = (".csv", ".txt", ".xlsx")


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Bestand",
        error_messages={
            "required": "Kies een bestand om aan te leveren.",
            "empty": "Het gekozen bestand is leeg.",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith(_ALLOWED_EXTENSIONS):
            raise forms.ValidationError(
                f"'{upload.name}' is geen CSV- of Excel-bestand: lever een .csv of .xlsx aan."
            )
        head = upload.read(4)
        upload.seek(0)
        if name.endswith(".xlsx") != head.startswith(_ZIP_MAGIC):
            raise forms.ValidationError(
                f"De inhoud van '{upload.name}' past niet bij de naam: een .xlsx is een "
                "Excel-werkmap, een .csv is tekst. Sla het bestand opnieuw op in het juiste formaat."
            )
        return upload


creditor_staff_only = requires(Action.DELIVER)


def _own_delivery(request, pk: int) -> Delivery:
    return get_for(request.user, Delivery, pk=pk)


@creditor_staff_only
def api_guide(request):
    """How a collection system delivers signals and fetches feedback through the API, with the
    creditor's own keys (issued and revoked by the functioneel beheerder)."""
    keys = ApiKey.objects.filter(creditor=request.user.creditor).order_by("-created_at")
    context = {"operations": api_guide_operations(), "keys": keys}
    return render(request, "intake/api.html", context)


def _own_columns(user) -> dict:
    """The user's own creditor's column mapping (never another partner's), which the pages
    where it prepares a delivery name: the reader and its messages use those names too."""
    return {"own_columns": own_column_names(user.creditor.column_mapping or {})}


@creditor_staff_only
def delivery_format(request):
    """The whole delivery format: every column from the definitions the reader uses."""
    context = {
        **_own_columns(request.user),
        "columns": COLUMNS,
        "encodings": csv_encodings_in_words(),
        "max_size": megabytes(settings.DELIVERY_MAX_BYTES),
    }
    return render(request, "intake/format.html", context)


@creditor_staff_only
def format_example(request, fmt: str):
    """A file to start from: every column of the format and one example row it accepts."""
    row = [column.example for column in COLUMNS]
    if fmt == "csv":
        return csv_response("voorbeeld-aanlevering.csv", CANONICAL_COLUMNS, [row])
    if fmt == "xlsx":
        return xlsx_response("voorbeeld-aanlevering.xlsx", CANONICAL_COLUMNS, [row])
    raise Http404("Kies CSV of Excel.")


@creditor_staff_only
def upload(request):
    """Choose a CSV/XLSX file; a readable file becomes a delivery and the user sees its report."""
    posted = request.method == "POST"
    form = UploadForm(request.POST, request.FILES) if posted else UploadForm()
    # The same notation as the service's "too large" message, so the two agree.
    context = {
        "file_description": f"Maximaal {megabytes(settings.DELIVERY_MAX_BYTES)}.",
        **_own_columns(request.user),
    }
    if posted and form.is_valid():
        try:
            result = _ingest_upload(request.user, form.cleaned_data["file"])
        except UnreadableFile as error:
            form.add_error("file", str(error))
        else:
            if result.status != DeliveryStatus.DUPLICATE:
                delivery = Delivery.objects.get(pk=result.delivery_id)
                audit.record(request, AuditAction.CHANGE, delivery, description="aangeleverd")
                return redirect("intake:delivery", pk=result.delivery_id)
            context["duplicate"] = True
            context["duplicate_of"] = (
                deliveries_for(request.user).filter(pk=result.delivery_id).first()
            )
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
        deliveries_for(request.user).order_by("-created_at"), DELIVERIES_PER_PAGE
    ).get_page(request.GET.get("pagina"))
    return render(request, "intake/deliveries.html", {"page": page})


@creditor_staff_only
def delivery(request, pk: int):
    """A delivery's report: status, counts, every rejected row with its reasons, and the
    notices of values not taken over (each list paged on its own)."""
    delivery = _own_delivery(request, pk)
    page = Paginator(delivery.errors.all(), ERRORS_PER_PAGE).get_page(request.GET.get("pagina"))
    notices = Paginator(delivery.notices.all(), NOTICES_PER_PAGE).get_page(
        request.GET.get("opmerkingen")
    )
    audit.record(request, AuditAction.VIEW, delivery, description="rapport van de aanlevering")
    context = {
        "delivery": delivery,
        "page": page,
        "notices": notices,
        "file_days": settings.RETENTION_DELIVERY_FILE_DAYS,
    }
    return render(request, "intake/delivery.html", context)


@creditor_staff_only
def delivery_signals(request, pk: int):
    """The signals a delivery put in (or replaced), in file order: a creditor checks that a
    customer arrived before the gemeente's feedback is there."""
    delivery = _own_delivery(request, pk)
    signals = delivery.signals.select_related("municipality").order_by("row_number")
    page = Paginator(signals, SIGNALS_PER_PAGE).get_page(request.GET.get("pagina"))
    audit.record(
        request,
        AuditAction.VIEW,
        delivery,
        description="aangenomen signalen van de aanlevering",
        shown=page.object_list,
    )
    return render(request, "intake/delivery_signals.html", {"delivery": delivery, "page": page})


def _delivery_with_rejected_rows(request, pk: int) -> Delivery:
    """The caller's delivery whose rejected rows are still kept (privacy.retention removes them
    after RETENTION_DELIVERY_FILE_DAYS; an empty file would say nothing was rejected)."""
    delivery = _own_delivery(request, pk)
    if delivery.file_removed_at is not None:
        raise Http404(
            "De geweigerde rijen van deze aanlevering zijn na de bewaartermijn verwijderd."
        )
    return delivery


@creditor_staff_only
def rejected_rows_csv(request, pk: int):
    """The rejected rows with their original values and a 'fout' column, to correct and deliver
    again; not the rows that repeated an earlier row of the file (the service keeps none)."""
    delivery = _delivery_with_rejected_rows(request, pk)
    header, rows = _rejected_rows_table(delivery)
    # An Excel number cell (250.62) as Dutch spreadsheet software reads it from a `;` CSV.
    rows = [[_decimal_comma(value) for value in row] for row in rows]
    audit.record(request, AuditAction.DOWNLOAD, delivery, description="geweigerde rijen (CSV)")
    return csv_response(f"aanlevering-{delivery.pk}-geweigerde-rijen.csv", header, rows)


def _decimal_comma(value: object) -> object:
    return str(value).replace(".", ",") if isinstance(value, float) else value


@creditor_staff_only
def rejected_rows_xlsx(request, pk: int):
    """The same rejected rows as an Excel file."""
    delivery = _delivery_with_rejected_rows(request, pk)
    header, rows = _rejected_rows_table(delivery)
    audit.record(request, AuditAction.DOWNLOAD, delivery, description="geweigerde rijen (XLSX)")
    return xlsx_response(
        f"aanlevering-{delivery.pk}-geweigerde-rijen.xlsx", header, rows, sheet_name="Geweigerd"
    )


def _rejected_rows_table(delivery: Delivery) -> tuple[list[str], list[list]]:
    """The rejected rows as the creditor delivered them, under its own header, plus 'fout'.

    Rows stored before the header was kept (their values keyed by canonical column) are given
    in the delivery format's column order instead.
    """
    # Each message already names its row and field ("Rij 4, postcode: ..."), so it stands alone.
    messages: dict[int, list[str]] = {}
    for error in delivery.errors.all():
        messages.setdefault(error.row, []).append(error.message)
    if delivery.rejected_rows and "cells" not in delivery.rejected_rows[0]:
        return _rejected_rows_by_canonical_column(delivery, messages)
    # A row with more fields than the header (see reading) keeps them all, under empty names.
    width = max([len(delivery.header), *(len(r["cells"]) for r in delivery.rejected_rows)])
    header = [*delivery.header, *[""] * (width - len(delivery.header))]
    rows = [
        [
            *row["cells"],
            *[""] * (width - len(row["cells"])),
            " | ".join(messages.get(row["row"], [])),
        ]
        for row in delivery.rejected_rows
    ]
    return [*header, "fout"], rows


def _rejected_rows_by_canonical_column(
    delivery: Delivery, messages: dict[int, list[str]]
) -> tuple[list[str], list[list]]:
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
