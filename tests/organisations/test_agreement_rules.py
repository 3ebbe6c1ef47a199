"""A convenant is the legal basis to take in a partner's signals for a municipality: its period
must be a real period, and one partner has at most one convenant with a municipality on a day."""

import datetime as dt
import json

import pytest
from django.db import IntegrityError
from tests.factories import AgreementFactory, CreditorFactory
from tests.factories import MunicipalityFactory as Gemeente
from tests.validation import validation_errors

from vroegsignaal.organisations.configuration import ConfigurationError, apply_document
from vroegsignaal.organisations.models import Agreement, Creditor

pytestmark = pytest.mark.django_db

ADD = "/admin/organisations/creditor/add/"
CHANGE = "/admin/organisations/creditor/{}/change/"


@pytest.fixture
def almelo():
    return Gemeente(code="0141", name="Almelo")


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_an_end_before_the_start_is_refused_at_geldig_tot_en_met(almelo):
    agreement = Agreement(
        creditor=CreditorFactory(), municipality=almelo,
        valid_from=_day("2026-06-01"), valid_to=_day("2026-01-01"),
    )  # fmt: skip

    assert validation_errors(agreement) == {
        "valid_to": ["Geldig tot en met (01-01-2026) ligt vóór geldig vanaf (01-06-2026)."]
    }


def test_a_convenant_of_one_day_is_a_real_period(almelo):
    one_day = _day("2026-06-01")
    agreement = Agreement(
        creditor=CreditorFactory(), municipality=almelo, valid_from=one_day, valid_to=one_day
    )
    assert validation_errors(agreement) == {}


def test_the_database_refuses_an_end_before_the_start(almelo):
    with pytest.raises(IntegrityError):
        AgreementFactory(
            municipality=almelo, valid_from=_day("2026-06-01"), valid_to=_day("2026-01-01")
        )


@pytest.mark.parametrize(
    ("stored", "new", "field", "period"),
    [
        # The new one starts inside the stored period: its start is wrong.
        (("2026-03-01", None), ("2026-06-01", None), "valid_from", "vanaf 01-03-2026, zonder einde"),
        (("2021-01-01", "2026-12-31"), ("2026-12-31", None), "valid_from",
         "vanaf 01-01-2021 tot en met 31-12-2026"),
        # The new one starts earlier and runs into the stored one: its end is wrong.
        (("2026-03-01", None), ("2026-01-01", "2026-03-01"), "valid_to",
         "vanaf 01-03-2026, zonder einde"),
        (("2026-03-01", "2026-04-30"), ("2026-01-01", None), "valid_to",
         "vanaf 01-03-2026 tot en met 30-04-2026"),
    ],
)  # fmt: skip
def test_a_second_convenant_with_the_same_municipality_in_the_same_period_is_refused(
    almelo, stored, new, field, period
):
    creditor = CreditorFactory()
    AgreementFactory(creditor=creditor, municipality=almelo, valid_from=_day(stored[0]),
                     valid_to=stored[1] and _day(stored[1]))  # fmt: skip
    agreement = Agreement(creditor=creditor, municipality=almelo, valid_from=_day(new[0]),
                          valid_to=new[1] and _day(new[1]))  # fmt: skip

    assert validation_errors(agreement) == {
        field: [f"Er is al een convenant met Almelo dat in deze periode geldt: {period}."]
    }


def test_periods_that_follow_each_other_or_other_parties_do_not_overlap(almelo):
    creditor = CreditorFactory()
    AgreementFactory(creditor=creditor, municipality=almelo, valid_to=_day("2026-02-28"))
    AgreementFactory(creditor=CreditorFactory(code="water", name="Water"), municipality=almelo)
    AgreementFactory(creditor=creditor, municipality=Gemeente(code="0164", name="Hengelo"))

    following = Agreement(creditor=creditor, municipality=almelo, valid_from=_day("2026-03-01"))

    assert validation_errors(following) == {}


def test_a_stored_convenant_does_not_overlap_itself(almelo):
    agreement = AgreementFactory(municipality=almelo)
    agreement.valid_to = _day("2026-12-31")
    assert validation_errors(agreement) == {}


# The beheeromgeving: convenanten are edited as rows under the partner.


def _partner(**rows) -> dict:
    data = {"code": "qa-b-huur", "name": "QA-b Woningstichting", "partner_type": "Huur",
            "column_mapping": "{}"}  # fmt: skip
    return data | _rows(list(rows.values()))


def _rows(rows: list[dict], initial: int = 0) -> dict:
    data = {"agreements-TOTAL_FORMS": str(len(rows)), "agreements-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data |= {f"agreements-{index}-{name}": value for name, value in row.items()}
    return data


def _row(municipality, valid_from, valid_to="", **extra) -> dict:
    return {"municipality": municipality.pk, "valid_from": valid_from, "valid_to": valid_to,
            **extra}  # fmt: skip


def _page_errors(response) -> list[str]:
    formset = response.context["inline_admin_formsets"][0].formset
    return [
        message
        for form in formset.forms
        for messages in form.errors.values()
        for message in messages
    ] + list(formset.non_form_errors())


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        # QA: (1) 01-06-2026 to 01-01-2026 and (2) from 01-03-2026, both with Almelo, saved
        # without a message. Row 1 is no period, so row 2 is compared once row 1 is corrected.
        (
            [("01-06-2026", "01-01-2026"), ("01-03-2026", "")],
            "Geldig tot en met (01-01-2026) ligt vóór geldig vanaf (01-06-2026).",
        ),
        (
            [("01-01-2026", "31-12-2026"), ("01-06-2026", "")],
            "Er is al een convenant met Almelo dat in deze periode geldt: vanaf 01-01-2026 tot "
            "en met 31-12-2026.",
        ),
    ],
)
def test_new_rows_of_a_new_partner_are_refused_with_the_message_and_nothing_is_saved(
    admin_client, almelo, rows, message
):
    data = _partner(**{f"row{n}": _row(almelo, *period) for n, period in enumerate(rows)})

    response = admin_client.post(ADD, data)

    assert response.status_code == 200
    assert _page_errors(response) == [message]
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert not Creditor.objects.exists()


def _stored_row(agreement: Agreement, **changes) -> dict:
    row = {"id": agreement.pk, "creditor": agreement.creditor_id}
    row |= _row(agreement.municipality, f"{agreement.valid_from:%d-%m-%Y}",
                f"{agreement.valid_to:%d-%m-%Y}" if agreement.valid_to else "")  # fmt: skip
    return row | changes


def _creditor_page(creditor: Creditor, rows: list[dict], initial: int) -> dict:
    return {"code": creditor.code, "name": creditor.name, "partner_type": creditor.partner_type,
            "column_mapping": "{}"} | _rows(rows, initial)  # fmt: skip


def test_a_new_row_overlapping_a_stored_convenant_is_refused(admin_client, almelo):
    stored = AgreementFactory(municipality=almelo)
    creditor = stored.creditor

    response = admin_client.post(
        CHANGE.format(creditor.pk),
        _creditor_page(creditor, [_stored_row(stored), _row(almelo, "01-03-2026")], initial=1),
    )

    assert response.status_code == 200
    assert _page_errors(response) == [
        "Er is al een convenant met Almelo dat in deze periode geldt: vanaf 01-01-2021, zonder "
        "einde."
    ]
    assert creditor.agreements.count() == 1


def test_ending_a_convenant_and_starting_the_next_in_one_save_is_accepted(admin_client, almelo):
    """The rows are compared as submitted: the stored, still open, period of the first row
    is being ended in the same save."""
    stored = AgreementFactory(municipality=almelo)
    creditor = stored.creditor
    rows = [_stored_row(stored, valid_to="28-02-2026"), _row(almelo, "01-03-2026")]

    response = admin_client.post(CHANGE.format(creditor.pk), _creditor_page(creditor, rows, 1))

    assert response.status_code == 302
    periods = creditor.agreements.order_by("valid_from").values_list("valid_from", "valid_to")
    assert list(periods) == [
        (_day("2021-01-01"), _day("2026-02-28")),
        (_day("2026-03-01"), None),
    ]


def test_a_row_deleted_in_the_same_save_no_longer_overlaps(admin_client, almelo):
    stored = AgreementFactory(municipality=almelo)
    creditor = stored.creditor
    rows = [_stored_row(stored, DELETE="on"), _row(almelo, "01-03-2026")]

    response = admin_client.post(CHANGE.format(creditor.pk), _creditor_page(creditor, rows, 1))

    assert response.status_code == 302
    assert list(creditor.agreements.values_list("valid_from", flat=True)) == [_day("2026-03-01")]


# Organisations as code (`setup-organisations`) runs the same checks.


def _document(*agreements) -> dict:
    return {
        "municipalities": [{"code": "0141", "name": "Almelo"}],
        "creditors": [{"code": "qa-b-huur", "name": "QA-b", "partner_type": "Huur",
                       "agreements": list(agreements)}],
    }  # fmt: skip


def test_setup_organisations_refuses_an_end_before_the_start_naming_the_place():
    document = _document(
        {"municipality": "0141", "valid_from": "2026-06-01", "valid_to": "2026-01-01"}
    )

    with pytest.raises(ConfigurationError) as refused:
        apply_document(document)

    assert str(refused.value) == (
        "creditors[0].agreements[0]: Geldig tot en met (01-01-2026) ligt vóór geldig vanaf "
        "(01-06-2026)."
    )
    assert not Creditor.objects.exists()


def test_setup_organisations_refuses_overlapping_convenanten_naming_the_place():
    document = _document(
        {"municipality": "0141", "valid_from": "2026-01-01"},
        {"municipality": "0141", "valid_from": "2026-03-01"},
    )

    with pytest.raises(ConfigurationError, match=r"^creditors\[0\]\.agreements\[1\]: Er is al"):
        apply_document(document)


def test_setup_organisations_applied_twice_still_changes_nothing():
    document = _document(
        {"municipality": "0141", "valid_from": "2021-01-01", "valid_to": "2026-02-28"},
        {"municipality": "0141", "valid_from": "2026-03-01"},
    )
    apply_document(json.loads(json.dumps(document)))

    report = apply_document(document)

    assert report.created == {} and report.updated == {}
    assert Agreement.objects.count() == 2
