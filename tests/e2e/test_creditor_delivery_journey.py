"""Journey: a creditor delivers a messy file, reads which rows were rejected and why, and
downloads those rows to correct them. Every page on the way passes the axe check."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory, enschede_with_energy_agreement
from tests.web.delivery_files import HEADER, delivery_csv, messy_rows

pytestmark = pytest.mark.e2e


@pytest.fixture
def creditor_user():
    _, creditor = enschede_with_energy_agreement()
    return UserFactory(creditor_staff=True, creditor=creditor, first_name="Fatima")


def _choose_file(page, content: bytes, name: str) -> None:
    page.get_by_label("Bestand (CSV of XLSX)").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
    )
    page.get_by_role("button", name="Aanleveren").click()


def test_creditor_uploads_a_messy_file_sees_rejected_rows_and_downloads_them(
    page, creditor_user, login_as, assert_accessible
):
    page.goto("/inloggen/")
    assert_accessible(page)
    login_as(page, creditor_user)
    assert_accessible(page)

    page.get_by_role("link", name="Bestand aanleveren").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bestand aanleveren")
    assert_accessible(page)

    _choose_file(page, delivery_csv(messy_rows()), "november.csv")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verslag van aanlevering")
    expect(page.get_by_test_id("status")).to_have_text("Gedeeltelijk geaccepteerd")
    expect(page.get_by_test_id("geaccepteerd")).to_have_text("2")
    errors = page.get_by_role("table", name="Redenen van weigering per rij")
    expect(errors.get_by_role("row")).to_have_count(3)
    # Row, field and reason each in their own column.
    row_4 = errors.get_by_role("row").filter(has_text="'0511AB' is geen geldige postcode")
    expect(row_4.get_by_role("cell").nth(0)).to_have_text("4")
    expect(row_4.get_by_role("cell").nth(1)).to_have_text("postcode")
    row_5 = errors.get_by_role("row").filter(has_text="het bedrag moet groter zijn dan 0")
    expect(row_5.get_by_role("cell").nth(1)).to_have_text("bedrag_achterstand")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de geweigerde rijen (CSV)").click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    header, *rows = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    assert header == [*HEADER, "fout"]
    assert [(r[0], r[-1].split(",")[0]) for r in rows] == [("K003", "Rij 4"), ("K004", "Rij 5")]

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn aanleveringen"
    ).click()
    expect(page.get_by_role("table")).to_contain_text("november.csv")
    assert_accessible(page)


def test_an_unreadable_file_is_explained_on_the_upload_page(
    page, creditor_user, login_as, assert_accessible
):
    login_as(page, creditor_user)
    page.goto("/aanleveren/")
    _choose_file(page, b"%PDF-1.7 geen signalen", "brief.pdf")
    expect(page.get_by_role("alert")).to_contain_text("er is niets opgeslagen")
    expect(page).to_have_title("Fout: Bestand aanleveren · Vroegsignaal")
    assert_accessible(page)


def test_keyboard_users_can_skip_straight_to_the_content(page, creditor_user, login_as):
    login_as(page, creditor_user)
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.url.endswith("#inhoud")
