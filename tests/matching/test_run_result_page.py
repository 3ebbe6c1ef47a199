"""Rule: a matching run says what it changed (QA9 B7).

After a run the meldpunt opens its result from the matching page: the new meldingen to pick
up (crisis first), the signals joined to an earlier melding as herhaalde melding, the no-go's
by reason and the signals delivered late, each linked, capped with 'en nog N'. Audited: the
lists show addresses.
"""

import datetime as dt

import pytest
from django.urls import reverse
from tests.factories import (
    MunicipalityFactory,
    UserFactory,
)
from tests.matching.test_match_period import TODAY, record
from tests.page_text import page_text

from vroegsignaal.casework.models import Melding
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching import run_report
from vroegsignaal.matching.models import MatchingRun
from vroegsignaal.matching.services import match_period
from vroegsignaal.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def meldpunt(enschede, client):
    client.force_login(UserFactory(intake=True, municipality=enschede[0]))
    return client


def _october(enschede) -> tuple[MatchingRun, Melding]:
    """September: E1 at number 12, closed without contact. October: E1 again (joins it), a
    crisis at 14, an ordinary signal at 16 and a business contract at 18 (a no-go)."""
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-09-03")], today=TODAY)
    match_period(municipality, "2026-09", today=TODAY)
    september = Melding.objects.get()
    Melding.objects.update(
        state="closed", result=Eindresultaat.GEEN_CONTACT, picked_up_on=dt.date(2026, 9, 10)
    )
    october = [
        record("E1", "2026-10-05", amount="2100,00"),
        record("E2", "2026-10-06", house="16", achternaam="Smit"),
        record("E3", "2026-10-07", house="14", achternaam="Kok", crisissignaal="ja"),
        record("E4", "2026-10-08", house="18", achternaam="Bos", contractsoort="zakelijk"),
    ]
    ingest_records(energy, october, today=TODAY)
    return match_period(municipality, "2026-10", today=TODAY), september


def _at(house: str) -> Melding:
    return Melding.objects.get(house_number=int(house), period_start=dt.date(2026, 10, 1))


def _result_page(client, run: MatchingRun) -> str:
    return client.get(reverse("matching:run", args=[run.pk])).content.decode()


def test_the_matching_page_links_each_finished_run_to_what_it_changed(enschede, meldpunt):
    run, _ = _october(enschede)

    page = meldpunt.get(reverse("matching:runs")).content.decode()

    assert f'href="/matching/run/{run.pk}/">Klaar: bekijk wat er veranderde</a>' in page


def test_a_run_lists_its_new_meldingen_to_pick_up_crisis_first_with_links(enschede, meldpunt):
    run, _ = _october(enschede)
    crisis, ordinary = _at("14"), _at("16")

    page = _result_page(meldpunt, run)

    assert "Nieuwe meldingen om op te pakken (2)" in page_text(page)
    assert page.index(f">VS-{crisis.pk}</a>") < page.index(f">VS-{ordinary.pk}</a>")
    assert f'href="/werk/melding/{crisis.pk}/"' in page


def test_a_run_lists_the_signal_it_joined_as_herhaalde_melding_with_the_melding_it_joined(
    enschede, meldpunt
):
    run, september = _october(enschede)

    text = page_text(_result_page(meldpunt, run))

    assert "Als herhaalde melding bij een eerdere melding gevoegd (1)" in text
    assert f"Energie Oost 05-10-2026 € 2.100,00 VS-{september.pk}" in " ".join(text.split())


def test_a_run_lists_its_no_gos_by_reason(enschede, meldpunt):
    run, _ = _october(enschede)
    business = _at("18")

    text = " ".join(page_text(_result_page(meldpunt, run)).split())

    assert "Meteen afgesloten: niet opgepakt (1)" in text
    assert f"Niet opgepakt: onterecht signaal (1) VS-{business.pk}:" in text


def test_a_rerun_lists_only_the_signals_delivered_since_not_the_meldingen_again(enschede, meldpunt):
    _october(enschede)
    municipality, _, zorg = enschede
    ingest_records(zorg, [record("Z1", "2026-10-20", house="16", achternaam="Smit")], today=TODAY)

    rerun = match_period(municipality, "2026-10", today=TODAY)
    text = " ".join(page_text(_result_page(meldpunt, rerun)).split())

    assert "Nieuwe meldingen om op te pakken (0)" in text
    assert "Als herhaalde melding bij een eerdere melding gevoegd (0)" in text
    assert "Later aangeleverde signalen (1)" in text
    assert f"Zorg 20-10-2026 € 250,00 VS-{_at('16').pk}" in text


def test_a_long_list_shows_the_first_ones_and_says_how_many_more(enschede, meldpunt, monkeypatch):
    monkeypatch.setattr(run_report, "SHOWN", 1)
    run, _ = _october(enschede)

    text = page_text(_result_page(meldpunt, run))

    assert "Nieuwe meldingen om op te pakken (2)" in text
    assert "En nog 1 melding; die staan in de werkbakjes." in text


def test_the_result_page_is_audited_with_the_meldingen_and_signals_it_showed(enschede, meldpunt):
    run, september = _october(enschede)

    _result_page(meldpunt, run)

    entry = AuditEntry.objects.using("audit").get(endpoint=f"/matching/run/{run.pk}/")
    shown = set(entry.shown_objects.values_list("object_type", "object_id"))
    assert ("casework.melding", str(_at("14").pk)) in shown
    joined = september.signal_links.get(attached_as_repeat=True).signal_id
    assert ("intake.signal", str(joined)) in shown
    assert "resultaat van een matchingsrun" in entry.description


def test_another_municipalitys_run_is_not_found(enschede, client):
    run, _ = _october(enschede)
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    client.force_login(UserFactory(intake=True, municipality=hengelo))

    assert client.get(reverse("matching:run", args=[run.pk])).status_code == 404
