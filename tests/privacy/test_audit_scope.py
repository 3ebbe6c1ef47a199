"""Which audit entries a privacy officer (FG) sees.

A regional FG sees every entry about the region: entries by users whose organisation is in the
region (its municipalities and their teams, the region itself: project leader, the FG), entries
about the data of the region's municipalities, and entries of creditor staff (users and API keys)
about signals and feedback of the region's municipalities; an entry of a creditor that cannot be
tied to a municipality shows when the creditor has an agreement in the region. Entries purely
about another region stay hidden. Every FG sees what the system did for the whole installation
(the nightly retention run's erasures: counts, no personal data).
"""

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory, SignalFactory
from tests.factories import (
    AgreementFactory,
    CreditorFactory,
    MunicipalityFactory,
    RegionFactory,
    UserFactory,
)
from vroegsignaal.organisations.api_auth import CreditorSystem
from vroegsignaal.organisations.models import ApiKey, Team
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction, AuditEntry
from vroegsignaal.privacy.policy import audit_entries_for

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def regions():
    twente, achterhoek = RegionFactory(name="Twente"), RegionFactory(name="Achterhoek")
    enschede = MunicipalityFactory(region=twente)
    hengelo = MunicipalityFactory(code="0164", name="Hengelo", region=twente)
    winterswijk = MunicipalityFactory(code="0294", name="Winterswijk", region=achterhoek)
    return twente, achterhoek, enschede, hengelo, winterswijk


def seen_by(officer) -> set[str]:
    return set(audit_entries_for(officer).values_list("description", flat=True))


def test_a_regional_officer_sees_the_entries_of_the_regions_own_users(regions):
    twente, achterhoek, enschede, hengelo, winterswijk = regions
    team = Team.objects.create(municipality=hengelo, name="Wijkteam Noord")
    officer = UserFactory(privacy_officer=True, municipality=None, region=twente)
    users = {
        "uitvoerder enschede": UserFactory(caseworker=True, municipality=enschede),
        "uitvoerder team hengelo": UserFactory(caseworker=True, municipality=hengelo, team=team),
        "projectleider twente": UserFactory(project_leader=True, region=twente),
        "fg twente zelf": officer,
        "uitvoerder winterswijk": UserFactory(caseworker=True, municipality=winterswijk),
        "projectleider achterhoek": UserFactory(project_leader=True, region=achterhoek),
        "fg achterhoek": UserFactory(privacy_officer=True, municipality=None, region=achterhoek),
    }
    for description, user in users.items():
        audit.record(user, AuditAction.VIEW, description)

    assert seen_by(officer) == {
        "uitvoerder enschede",
        "uitvoerder team hengelo",
        "projectleider twente",
        "fg twente zelf",
    }


def test_a_regional_officer_sees_creditor_entries_about_the_regions_signals(regions):
    twente, _, enschede, _, winterswijk = regions
    energie = CreditorFactory()  # under contract in both regions
    AgreementFactory(creditor=energie, municipality=enschede)
    AgreementFactory(creditor=energie, municipality=winterswijk)
    water = CreditorFactory(code="water-achterhoek", name="Water Achterhoek")
    AgreementFactory(creditor=water, municipality=winterswijk)
    staff = UserFactory(creditor_staff=True, creditor=energie, username="medewerker.energie-oost")
    water_staff = UserFactory(creditor_staff=True, creditor=water)
    in_twente = SignalFactory(creditor=energie, municipality=enschede)
    in_achterhoek = SignalFactory(creditor=energie, municipality=winterswijk)
    officer = UserFactory(privacy_officer=True, municipality=None, region=twente)

    audit.record(staff, AuditAction.CHANGE, in_twente.delivery, description="aangeleverd")
    audit.record(staff, AuditAction.VIEW, in_twente, description="signaal twente")
    audit.record(staff, AuditAction.VIEW, in_achterhoek, description="signaal achterhoek")
    # Pages the middleware records carry the object's type and id only.
    for signal, description in ((in_twente, "pagina twente"), (in_achterhoek, "pagina achterhoek")):
        audit.record(
            staff, AuditAction.VIEW, description,
            object_type="intake.signal", object_id=str(signal.pk),
        )  # fmt: skip
    audit.record(water_staff, AuditAction.CHANGE, "aangeleverd door water")

    assert seen_by(officer) == {"aangeleverd", "signaal twente", "pagina twente"}


def test_entries_written_before_they_were_tied_to_a_municipality_are_tied_when_read(regions):
    twente, _, enschede, _, winterswijk = regions
    energie = CreditorFactory()
    AgreementFactory(creditor=energie, municipality=enschede)
    AgreementFactory(creditor=energie, municipality=winterswijk)
    staff = UserFactory(creditor_staff=True, creditor=energie)
    in_twente = SignalFactory(creditor=energie, municipality=enschede)
    in_achterhoek = SignalFactory(creditor=energie, municipality=winterswijk)
    for signal, description in ((in_twente, "oud twente"), (in_achterhoek, "oud achterhoek")):
        AuditEntry(
            username=staff.username, user_id=staff.pk, role=staff.role, action="view",
            object_type="intake.signal", object_id=str(signal.pk), description=description,
        ).save(using="audit")  # fmt: skip
    officer = UserFactory(privacy_officer=True, municipality=None, region=twente)

    assert seen_by(officer) == {"oud twente"}


def test_a_regional_officer_sees_the_api_calls_of_a_creditor_under_contract_in_the_region(regions):
    twente, _, enschede, _, winterswijk = regions
    energie = CreditorFactory()
    AgreementFactory(creditor=energie, municipality=enschede)
    water = CreditorFactory(code="water-achterhoek", name="Water Achterhoek")
    AgreementFactory(creditor=water, municipality=winterswijk)
    for creditor, prefix in ((energie, "aaaa1111"), (water, "bbbb2222")):
        key = ApiKey.objects.create(creditor=creditor, name="systeem", prefix=prefix)
        audit.record(CreditorSystem(key), AuditAction.VIEW, f"API {creditor.code}")
    officer = UserFactory(privacy_officer=True, municipality=None, region=twente)

    assert seen_by(officer) == {"API energie-oost"}


def test_a_melding_entry_by_someone_outside_the_region_shows_with_the_melding(regions):
    twente, _, enschede, _, winterswijk = regions
    melding = MeldingFactory(municipality=enschede)
    elsewhere = UserFactory(caseworker=True, municipality=winterswijk)
    audit.record(elsewhere, AuditAction.REFUSED, "melding", object_type="casework.melding",
                 object_id=str(melding.pk))  # fmt: skip
    audit.record(UserFactory(administrator=True), AuditAction.VIEW, melding)
    officer = UserFactory(privacy_officer=True, municipality=None, region=twente)

    # The administrator's look at the melding is about Enschede; the refused attempt from
    # Winterswijk stays with Winterswijk (the officer there looks into its own staff).
    assert seen_by(officer) == {"melding"}
    assert audit_entries_for(officer).get().username != elsewhere.username


def test_the_regional_officer_finds_a_creditor_user_on_the_audit_log_page(client, regions):
    twente, _, enschede, _, _ = regions
    energie = CreditorFactory()
    AgreementFactory(creditor=energie, municipality=enschede)
    staff = UserFactory(creditor_staff=True, creditor=energie, username="medewerker.energie-oost")
    audit.record(staff, AuditAction.CHANGE, "aangeleverd")
    client.force_login(UserFactory(privacy_officer=True, municipality=None, region=twente))

    html = client.get(reverse("privacy:audit_log"), {"wie": "medewerker.energie-oost"})

    assert "1 regel</caption>" in html.content.decode() and "aangeleverd" in html.content.decode()


def test_a_municipal_officer_and_an_officer_for_the_installation(regions):
    _, _, enschede, hengelo, _ = regions
    energie = CreditorFactory()
    AgreementFactory(creditor=energie, municipality=enschede)
    staff = UserFactory(creditor_staff=True, creditor=energie)
    signal = SignalFactory(creditor=energie, municipality=enschede)
    audit.record(staff, AuditAction.VIEW, "signaal enschede", object_type="intake.signal",
                 object_id=str(signal.pk))  # fmt: skip
    audit.record(UserFactory(caseworker=True, municipality=hengelo), AuditAction.VIEW, "hengelo")
    municipal = UserFactory(privacy_officer=True, municipality=enschede)
    everyone = UserFactory(privacy_officer=True, municipality=None)

    assert seen_by(municipal) == {"signaal enschede"}
    assert seen_by(everyone) == {"signaal enschede", "hengelo"}


def test_every_officer_sees_the_systems_installation_wide_entries(regions):
    """The nightly retention run erases data of every municipality; its entries name no user and
    no municipality, and the 'Gewist' filter of a regional FG showed none of them."""
    twente, _, enschede, _, winterswijk = regions
    audit.record(None, AuditAction.ERASE, "bewaartermijnen toegepast")
    audit.record(UserFactory(caseworker=True, municipality=winterswijk), AuditAction.VIEW, "ander")

    regional = UserFactory(privacy_officer=True, municipality=None, region=twente)
    municipal = UserFactory(privacy_officer=True, municipality=enschede)

    assert seen_by(regional) == {"bewaartermijnen toegepast"}
    assert seen_by(municipal) == {"bewaartermijnen toegepast"}
