"""Monitoring pages: thin views over scope, indicators, charts, exports, reports and DDAS.

The chart and report modules are imported in the views that draw: they load matplotlib (and
the PDF WeasyPrint), which every management command would otherwise pay for, because the
system checks import the URL configuration and with it these views (QA14 B14)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.text import slugify

from vroegsignaal.monitoring import businesscase, ddas_export
from vroegsignaal.monitoring.access import (
    check_ddas_export,
    may_download_ddas,
    scope_for,
    year_figure_municipalities,
)
from vroegsignaal.monitoring.cost_share import sharing
from vroegsignaal.monitoring.exports import table_csv, table_xlsx
from vroegsignaal.monitoring.forms import (
    MonthForm,
    QuarterForm,
    SelectionForm,
    YearFiguresForm,
    municipality_choices,
    previous_month,
    previous_quarter,
)
from vroegsignaal.monitoring.indicators import dashboard_tables, reached_households
from vroegsignaal.monitoring.protection import reader_note
from vroegsignaal.monitoring.scope import month_title, quarter_name, quarter_title
from vroegsignaal.monitoring.year_figures import entered_figures, save_year_figures
from vroegsignaal.organisations.models import Role
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction
from vroegsignaal.privacy.pages import describe_page
from vroegsignaal.privacy.policy import role_required

MONITORING_ROLES = (Role.PROJECT_LEADER, Role.INTAKE)


def _gemeente_choices(user, today) -> list[tuple[str, str]]:
    """The municipalities ``user`` may see; for a project leader first the whole region."""
    allowed = scope_for(user, "", today, today)
    region_label = allowed.label if user.role == Role.PROJECT_LEADER else None
    return municipality_choices(allowed.municipalities, region_label)


def _selection(request, whole_months: bool = True) -> tuple[SelectionForm, object]:
    """The form and the scope it selects (None while the form has errors); the figures take
    whole months, the record-level DDAS delivery any days (``whole_months`` False)."""
    user, today = request.user, timezone.localdate()
    form = SelectionForm(request.GET, _gemeente_choices(user, today), today, whole_months)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, scope_for(user, data["gemeente"], data["van"], data["tot"])


@role_required(*MONITORING_ROLES)
def dashboard(request):
    """All indicators of the chosen municipality (or region) and period, with charts: the page
    holds the tables, each chart is an image the browser fetches when it comes into view."""
    from vroegsignaal.monitoring.chart_images import dashboard_figures

    form, scope = _selection(request)
    context = {"form": form, "scope": scope, "query": request.GET.urlencode()}
    if scope is not None:
        context["figures"] = dashboard_figures(scope, timezone.localdate(), _chosen(form))
        context["protection_note"] = reader_note(scope)
        if may_download_ddas(request.user):
            municipality = scope.municipalities[0]
            context["ddas_erased"] = ddas_export.erased_note(municipality, scope.start, scope.end)
            context["ddas_open"] = ddas_export.open_zaken_note(
                municipality, scope.start, scope.end, timezone.localdate()
            )
    # A selection with errors is a bad request, as in the monthly report (400).
    status = 400 if scope is None else 200
    return render(request, "monitoring/dashboard.html", context, status=status)


def _chosen(form: SelectionForm) -> dict[str, str]:
    """The selection of a valid ``form`` as a query: what a chart request must repeat."""
    data = form.cleaned_data
    return {"gemeente": data["gemeente"], "van": f"{data['van']:%Y-%m-%d}",
            "tot": f"{data['tot']:%Y-%m-%d}"}  # fmt: skip


@role_required(*MONITORING_ROLES)
def chart(request, key: str):
    """One chart of the dashboard as an SVG image, for the page's selection.

    The same selection and access check as the page, and the page's table (``chart_images``):
    the image shows what the page shows this user, never more. Kept by the browser for the
    session when it is the page's chart; a chart whose figures changed since the page was made
    is not kept under the page's URL. Not audited, as the dashboard: counts only."""
    from vroegsignaal.monitoring.chart_images import KEPT_SECONDS, chart_table
    from vroegsignaal.monitoring.charts import drawn_svg

    _form, scope = _selection(request)
    if scope is None:
        raise Http404("Ongeldige selectie.")
    table, as_shown = chart_table(scope, timezone.localdate(), key, request.GET.get("v", ""))
    if table is None:
        raise Http404("Deze grafiek bestaat niet.")
    response = HttpResponse(drawn_svg(table), content_type="image/svg+xml")
    if as_shown:
        patch_cache_control(response, private=True, max_age=KEPT_SECONDS)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


@role_required(*MONITORING_ROLES)
def download(request, key: str, fmt: str):
    """One dashboard table as CSV or XLSX."""
    _form, scope = _selection(request)
    if scope is None or fmt not in {"csv", "xlsx"}:
        raise Http404("Ongeldige selectie of onbekend bestandsformaat.")
    table = dashboard_tables(scope, timezone.localdate()).get(key)
    if table is None:
        raise Http404("Deze tabel bestaat niet.")
    filename = f"{key}-{_whose(scope)}-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}.{fmt}"
    if fmt == "csv":
        return table_csv(table, filename)
    # The sheet's title says whose figures of which period, as the monthly report does.
    period = f"{date_format(scope.start, 'j F Y')} tot en met {date_format(scope.end, 'j F Y')}"
    return table_xlsx(table, filename, title=f"{table.title} · {scope.label} · {period}")


@role_required(*MONITORING_ROLES)
def monthly(request):
    """The printable monthly report of one month (default: the previous month)."""
    from vroegsignaal.monitoring.report_pdf import report_context

    today = timezone.localdate()
    month = request.GET.get("maand") or previous_month(today)
    choices = _gemeente_choices(request.user, today)
    form = MonthForm({**request.GET.dict(), "maand": month}, today=today, gemeente_choices=choices)
    if not form.is_valid():
        return render(request, "monitoring/monthly.html", {"form": form}, status=400)
    start, end = form.cleaned_data["maand"]
    scope = scope_for(request.user, form.cleaned_data["gemeente"], start, end)
    if request.GET.get("formaat") == "pdf":
        return _pdf_download(scope, today, month_title(start), f"maandrapport-{start:%Y-%m}")
    context = {**report_context(scope, today), "form": form, "month": form.data["maand"]}
    return render(request, "monitoring/monthly.html", context)


@role_required(*MONITORING_ROLES)
def quarterly_pdf(request):
    """The quarterly management report as a PDF download."""
    today = timezone.localdate()
    choices = _gemeente_choices(request.user, today)
    if "kwartaal" not in request.GET:  # opened from the menu: nothing chosen yet, no errors
        form = QuarterForm(
            initial={"kwartaal": previous_quarter(today)}, today=today, gemeente_choices=choices
        )
        return render(request, "monitoring/quarter_form.html", {"form": form})
    form = QuarterForm(request.GET, today=today, gemeente_choices=choices)
    if not form.is_valid():
        return render(request, "monitoring/quarter_form.html", {"form": form}, status=400)
    start, end = form.cleaned_data["kwartaal"]
    scope = scope_for(request.user, form.cleaned_data["gemeente"], start, end)
    stem = f"kwartaalrapportage-{quarter_name(start)}"
    return _pdf_download(scope, today, quarter_title(start), stem)


def _pdf_download(scope, today, title: str, stem: str) -> HttpResponse:
    """A report of ``scope`` as a PDF download named ``stem`` and whose it is."""
    from vroegsignaal.monitoring.report_pdf import render_pdf

    response = HttpResponse(render_pdf(scope, today, title), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report_filename(stem, scope)}"'
    return response


def report_filename(stem: str, scope) -> str:
    """'kwartaalrapportage-2026Q3-regio-twente.pdf' or 'maandrapport-2026-10-enschede.pdf'
    (``stem`` + whose): a regional and a municipal report of one period never share a name."""
    return f"{stem}-{_whose(scope)}.pdf"


def _whose(scope) -> str:
    """'regio-twente' or 'hengelo': whose figures a downloaded file holds."""
    return slugify(scope.label if scope.is_region else scope.municipalities[0].name)


@role_required(*MONITORING_ROLES)
def ddas(request):
    """The DDAS delivery of the user's municipality: JSON, or a ZIP when it has several pages.

    A project leader gets 403 from ``check_ddas_export``, which says who delivers it."""
    check_ddas_export(request.user)
    form, scope = _selection(request, whole_months=False)
    if scope is None:
        # Nothing delivered (e.g. another municipality's code): the privacy officer reads a
        # refusal, not that the delivery was seen.
        audit.record(
            request,
            AuditAction.REFUSED,
            "landelijke export (DDAS)",
            description="landelijke export (DDAS): niet geleverd, de keuze is geweigerd",
        )
        # A bad request, as the dashboard, the reports and the business case answer it.
        return render(request, "monitoring/dashboard.html", {"form": form}, status=400)
    municipality = scope.municipalities[0]
    # The page size is read at call time so a test can make paging visible with a few signals.
    documents = ddas_export.export_documents(
        municipality, scope.start, scope.end, ddas_export.PAGE_SIZE
    )
    # The officer reads which delivery it was, as for the command line's export-ddas.
    audit.record(
        request,
        AuditAction.DOWNLOAD,
        describe_page("monitoring:ddas"),
        description=f"{describe_page('monitoring:ddas')} "
        f"{ddas_export.delivered(documents, scope.start, scope.end)}",
    )
    stem = f"ddas-{municipality.code}-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}"
    if len(documents) == 1:
        response = HttpResponse(ddas_export.dumps(documents[0]), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{stem}.json"'
        return response
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, document in enumerate(documents, start=1):
            name = ddas_export.page_path(Path(f"{stem}.json"), number).name
            archive.writestr(name, ddas_export.dumps(document))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{stem}.zip"'
    return response


@role_required(*MONITORING_ROLES)
def business_case(request):
    """The calculator (proposal parameters from the form) beside the same from real data.

    A wrong field is marked with its message and nothing is computed until every field is
    right; the fields keep what the user typed."""
    form, scope = _selection(request)
    # Unless asked otherwise, the costs are shared by the municipalities the figures cover (for
    # one municipality of a region: the region's, of which it carries its share).
    shared_by, share = sharing(scope)
    fraction = share.fraction if share else None
    typed = request.GET.dict()
    parameters, errors = businesscase.from_form(typed, shared_by)
    calculation = real = None
    if parameters is not None:
        calculation = businesscase.calculate(parameters, fraction)
        if scope is not None:
            real = businesscase.actuals(
                parameters, reached_households(scope), scope.months, fraction or 1.0
            )
    shown = parameters or businesscase.Parameters.from_dict(shared_by)
    context = {"form": form, "scope": scope, "errors": errors, "calculation": calculation,
               "real": real, "parameters": shown, "share": share,
               "parameter_fields": businesscase.form_fields(shown, typed, errors)}  # fmt: skip
    status = 400 if scope is None or errors else 200
    return render(request, "monitoring/businesscase.html", context, status=status)


@role_required(*MONITORING_ROLES)
def year_figures(request):
    """The project leader enters evictions and bailiff judgments per municipality and year."""
    municipalities = year_figure_municipalities(request.user)
    today = timezone.localdate()
    choices = [(m.code, m.name) for m in municipalities]
    if request.method == "POST":
        form = YearFiguresForm(request.POST, gemeente_choices=choices, today=today)
        if form.is_valid():
            data = form.cleaned_data
            municipality = municipalities.get(code=data["gemeente"])
            save_year_figures(
                municipality=municipality, year=data["jaar"], evictions=data["huisuitzettingen"],
                bailiff_judgments=data["vonnissen"], source=data["bron"], user=request.user,
            )  # fmt: skip
            messages.success(
                request, f"Jaarcijfers van {municipality.name} over {data['jaar']} opgeslagen."
            )
            return redirect("monitoring:year_figures")
    else:
        form = YearFiguresForm(
            initial=_year_figures_initial(request.GET, municipalities, today),
            gemeente_choices=choices,
            today=today,
        )
    context = {"form": form, "figures": entered_figures(municipalities)}
    return render(request, "monitoring/year_figures.html", context)


def _year_figures_initial(query, municipalities, today) -> dict:
    """The form's values: the figures already entered for the chosen municipality and year
    (default: last year), so that changing one figure keeps the others."""
    code, year = query.get("gemeente", ""), query.get("jaar", "")
    year = int(year) if year.isdigit() else today.year - 1
    initial = {"gemeente": code, "jaar": year}
    entered = entered_figures(municipalities).filter(municipality__code=code, year=year).first()
    if entered:
        initial |= {
            "huisuitzettingen": entered.evictions,
            "vonnissen": entered.bailiff_judgments,
            "bron": entered.source,
        }
    return initial
