"""A creditor's own column names in its report, and its rejected rows given back as delivered
(except a row repeating an earlier row of the same file: delivered again, it would replace the
earlier row's signal)."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from tests.factories import UserFactory, enschede_with_energy_agreement
from tests.page_text import page_text

from vroegsignaal.intake.models import Delivery, Signal
from vroegsignaal.intake.services import UnreadableFile, ingest_file

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 27)
MAPPING = {
    "Polisnummer": "klantnummer",
    "Peildatum": "signaaldatum",
    "Naam": "achternaam",
    "Geb. datum": "geboortedatum",
    "Huisnr": "huisnummer",
    "PC": "postcode",
    "Tel": "telefoon",
    "Openstaand bedrag": "bedrag_achterstand",
    "Achterstand sinds": "datum_ontstaan",
}
HEADER = list(MAPPING)


@pytest.fixture
def creditor():
    _, creditor = enschede_with_energy_agreement()
    creditor.column_mapping = MAPPING
    creditor.save()
    return creditor


@pytest.fixture
def creditor_client(client, creditor):
    client.force_login(UserFactory(creditor_staff=True, creditor=creditor))
    return client


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row(polis="P1", *, born=dt.datetime(1980, 5, 12), postcode="7511AB", amount=250.62):
    return [
        polis, dt.datetime(2026, 11, 26), "Jansen", born, 12, postcode, "+31632955055", amount,
        dt.datetime(2026, 9, 1),
    ]  # fmt: skip


def _csv_download(client, delivery) -> list[list[str]]:
    response = client.get(reverse("intake:delivery_rejected_csv", args=[delivery.pk]))
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_messages_and_fields_use_the_creditors_own_column_names(creditor):
    rows = [HEADER, _row(born="1980-31-12", postcode="ABCD12", amount="abc")]
    result = ingest_file(creditor, _xlsx(rows), "zz.xlsx", today=TODAY)
    assert [e.field for e in result.errors] == ["Geb. datum", "PC", "Openstaand bedrag"]
    assert result.errors[0].message.startswith("Rij 2, Geb. datum: '1980-31-12'")
    assert result.errors[2].message.startswith("Rij 2, Openstaand bedrag: 'abc'")
    assert not any("geboortedatum" in e.message or "bedrag_achterstand" in e.message
                   for e in result.errors)  # fmt: skip


def test_a_missing_required_column_is_named_as_the_creditor_calls_it(creditor):
    rows = [HEADER[:-1], _row()[:-1]]
    with pytest.raises(UnreadableFile, match="Verplichte kolom ontbreekt: Achterstand sinds"):
        ingest_file(creditor, _xlsx(rows), "zz.xlsx", today=TODAY)


def test_the_report_page_shows_the_creditors_column_name(creditor, creditor_client):
    result = ingest_file(creditor, _xlsx([HEADER, _row(postcode="ABCD12")]), "zz.xlsx", today=TODAY)
    page = creditor_client.get(reverse("intake:delivery", args=[result.delivery_id]))
    html = page.content.decode()
    # The field column says PC; the reason beside it does not repeat row and field.
    assert ">PC<" in html and ">&#x27;ABCD12&#x27;" in html and "Rij 2, PC:" not in html


def test_rejected_xlsx_rows_come_back_under_the_creditors_header_as_it_saw_them(
    creditor, creditor_client
):
    ingest_file(creditor, _xlsx([HEADER, _row(postcode="ABCD12")]), "zz.xlsx", today=TODAY)
    delivery = Delivery.objects.get()
    header, row = _csv_download(creditor_client, delivery)
    assert header == [*HEADER, "fout"]
    values = dict(zip(header, row, strict=True))
    assert values["Peildatum"] == "26-11-2026" and values["Geb. datum"] == "12-05-1980"
    assert values["Openstaand bedrag"] == "250,62" and values["Huisnr"] == "12"
    assert values["Tel"] == "+31632955055"  # a phone number is no formula: no apostrophe
    assert values["fout"].startswith("Rij 2, PC:")

    response = creditor_client.get(reverse("intake:delivery_rejected_xlsx", args=[delivery.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, row = [list(r) for r in sheet.iter_rows(values_only=True)]
    values = dict(zip(header, row, strict=True))
    assert values["Openstaand bedrag"] == 250.62 and values["Tel"] == "+31632955055"
    assert values["Peildatum"] == "26-11-2026"


def test_rejected_csv_rows_come_back_with_their_original_text(creditor, creditor_client):
    lines = [
        ";".join(HEADER),
        "P1;26-11-2026;Jansen;12-05-1980;12a;0511 ab;+31632955055;€ 1.234,56;1-9-2026",
        'P2;26-11-2026;=HYPERLINK("x");12-05-1980;12a;7511 ab;;12,50;1-9-2026;extra',
    ]
    ingest_file(creditor, "\r\n".join(lines).encode(), "zz.csv", today=TODAY)
    header, first, second = _csv_download(creditor_client, Delivery.objects.get())
    assert header == [*HEADER, "", "fout"]  # row 3's extra field keeps its place
    assert first[:-2] == lines[1].split(";") and first[-2] == ""
    assert second[2] == '\'=HYPERLINK("x")' and second[-2] == "extra"
    assert second[-1].startswith("Rij 3 heeft 10 velden, de kopregel 9.")


def test_a_corrected_download_can_be_delivered_again(creditor, creditor_client):
    ingest_file(creditor, _xlsx([HEADER, _row(postcode="ABCD12")]), "zz.xlsx", today=TODAY)
    header, row = _csv_download(creditor_client, Delivery.objects.get())
    row[header.index("PC")] = "7511AB"
    data = "\r\n".join(";".join(r) for r in [header, row]).encode("utf-8-sig")
    file = SimpleUploadedFile("verbeterd.csv", data)
    creditor_client.post(reverse("intake:upload"), {"file": file})
    assert Delivery.objects.latest("created_at").accepted_count == 1


def test_rows_stored_before_the_header_was_kept_still_download_by_column(creditor, creditor_client):
    delivery = Delivery.objects.create(
        creditor=creditor,
        channel="upload",
        checksum="x" * 64,
        status="rejected",
        rejected_rows=[{"row": 2, "values": {"postcode": "0511AB", "klantnummer": "K1"}}],
    )
    assert _csv_download(creditor_client, delivery) == [
        ["klantnummer", "postcode", "fout"],
        ["K1", "0511AB", ""],
    ]


# --- a later row repeating an earlier one is no row to deliver again -------------------------


def _qa_file() -> bytes:
    """QA's file: row 2 accepted, row 3 rejected for its postcode, row 4 repeats row 2's
    klantnummer and signaaldatum with another amount."""
    return _xlsx([
        HEADER,
        _row("QA11B-TK-01", amount=1234.56),
        _row("QA11B-TK-02", postcode="ABCD12"),
        _row("QA11B-TK-01", amount=99.0),
    ])  # fmt: skip


def test_a_row_repeating_an_earlier_row_of_the_file_is_left_out_of_the_rejected_rows_download(
    creditor, creditor_client
):
    result = ingest_file(creditor, _qa_file(), "qa.xlsx", today=TODAY)
    assert (result.accepted_count, result.rejected_count) == (1, 2)
    delivery = Delivery.objects.get()
    assert delivery.repeated_count == 1
    header, *rows = _csv_download(creditor_client, delivery)
    assert [row[header.index("Polisnummer")] for row in rows] == ["QA11B-TK-02"]
    response = creditor_client.get(reverse("intake:delivery_rejected_xlsx", args=[delivery.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["QA11B-TK-02"]


def test_the_report_says_near_the_download_that_repeated_rows_are_left_out(
    creditor, creditor_client
):
    result = ingest_file(creditor, _qa_file(), "qa.xlsx", today=TODAY)
    text = page_text(creditor_client.get(reverse("intake:delivery", args=[result.delivery_id])))
    assert "Download de geweigerde rijen (CSV)" in text
    assert (
        "Rijen die een eerdere rij in hetzelfde bestand herhalen (hetzelfde klantnummer en "
        "dezelfde signaaldatum), staan niet in de download: de eerdere rij is verwerkt, of staat "
        "zelf in de download als ook die is geweigerd. Was de latere rij de juiste, lever die "
        "dan apart aan als correctie. Dit geldt voor 1 rij."
    ) in text
    # The repeated row's reason is still listed with the other rejected rows.
    assert "staat al in rij 2; deze latere rij is niet verwerkt" in text


def test_redelivering_the_rejected_rows_download_leaves_the_earlier_rows_signal_as_it_was(
    creditor, creditor_client
):
    ingest_file(creditor, _qa_file(), "qa.xlsx", today=TODAY)
    header, *rows = _csv_download(creditor_client, Delivery.objects.get())
    for row in rows:
        row[header.index("PC")] = "7511AB"
    data = "\r\n".join(";".join(r) for r in [header, *rows]).encode("utf-8-sig")
    creditor_client.post(reverse("intake:upload"), {"file": SimpleUploadedFile("v.csv", data)})
    again = Delivery.objects.latest("created_at")
    assert (again.accepted_count, again.replaced_count) == (1, 0)
    assert Signal.objects.get(customer_number="QA11B-TK-01").amount_cents == 123456


def test_a_report_whose_only_rejected_rows_are_repeats_offers_no_download(
    creditor, creditor_client
):
    data = _xlsx([HEADER, _row("P1"), _row("P1", amount=99.0)])
    result = ingest_file(creditor, data, "dubbel.xlsx", today=TODAY)
    text = page_text(creditor_client.get(reverse("intake:delivery", args=[result.delivery_id])))
    assert "Dit geldt voor 1 rij." in text and "Download de geweigerde rijen" not in text


def test_after_the_retention_term_the_report_says_the_rejected_rows_are_gone_and_offers_none(
    creditor, creditor_client, settings
):
    """The retention job removes the rejected rows and their reasons after
    RETENTION_DELIVERY_FILE_DAYS; the report kept its download buttons, which gave empty files,
    and an empty table of reasons."""
    from vroegsignaal.privacy import retention

    data = _xlsx([HEADER, _row("P1"), _row("P2", postcode="75")])
    result = ingest_file(creditor, data, "oud.xlsx", today=TODAY)
    Delivery.objects.filter(pk=result.delivery_id).update(
        created_at=dt.datetime(2026, 9, 1, 12, tzinfo=dt.UTC)
    )
    retention.run(today=TODAY)
    url = reverse("intake:delivery", args=[result.delivery_id])

    text = " ".join(page_text(creditor_client.get(url)).split())

    assert "Geweigerd 1" in text
    assert "De geweigerde rijen en hun redenen zijn verwijderd" in text
    assert "Download de geweigerde rijen" not in text and "Redenen van weigering" not in text
    download = creditor_client.get(
        reverse("intake:delivery_rejected_csv", args=[result.delivery_id])
    )
    assert download.status_code == 404
