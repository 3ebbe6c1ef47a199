"""Rule: a postcode area that belongs to another municipality is not moved by a file
(`import-postcodes`, `setup-organisations`) unless the beheerder asks for it with --verhuizen;
then the output names each area and the municipality it left, says what stays behind, and the
audit log of both municipalities records it. A file with any error stores nothing and names
every error (QA14 B1)."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from tests.factories import (
    AgreementFactory,
    CreditorFactory,
    MunicipalityFactory,
    PostcodeAreaFactory,
    UserFactory,
    enschede_with_energy_agreement,
)

from vroegsignaal.intake.services import ingest_records
from vroegsignaal.organisations.models import PostcodeArea
from vroegsignaal.privacy.command_line import os_user
from vroegsignaal.privacy.models import AuditAction, AuditEntry
from vroegsignaal.privacy.policy import audit_entries_for

pytestmark = pytest.mark.django_db
OPERATOR = f"beheer via de opdrachtregel (gebruiker {os_user()})"
# QA14's pc_bad3.txt: line 5 is a typo, 7511 is Enschede's.
PC_BAD3 = "7414;0150\n7415;0150\n7416;150\n7417;0150\n7511;0150\n"


@pytest.fixture
def enschede_and_deventer():
    enschede = MunicipalityFactory(code="0153", name="Enschede")
    PostcodeAreaFactory(postcode="7511", municipality=enschede)
    deventer = MunicipalityFactory(code="0150", name="Deventer")
    return enschede, deventer


def owners() -> dict[str, str]:
    return dict(PostcodeArea.objects.values_list("postcode", "municipality__code"))


def run(command: str, tmp_path, text: str, *options: str, name: str = "pc.txt"):
    path = tmp_path / name
    path.write_text(text)
    output = tmp_path / "uitvoer.txt"
    with output.open("w") as out:
        call_command(command, str(path), *options, stdout=out)
    return output.read_text()


def test_import_postcodes_refuses_an_area_of_another_municipality_naming_it(
    tmp_path, enschede_and_deventer
):
    with pytest.raises(CommandError) as refused:
        run("import-postcodes", tmp_path, PC_BAD3)

    message = str(refused.value)
    assert "Regel 5: 7511 hoort al bij Enschede (0153), niet bij Deventer (0150)." in message
    assert "--verhuizen" in message
    # All or nothing: the four good lines are not stored either.
    assert owners() == {"7511": "0153"}
    assert not AuditEntry.objects.exists()


def test_import_postcodes_names_every_error_of_the_file_not_only_the_first(
    tmp_path, enschede_and_deventer
):
    text = "7414;0150\n74XX;0150\n7418;9999\n7511;0150\n7419\n"

    with pytest.raises(CommandError) as refused:
        run("import-postcodes", tmp_path, text)

    message = str(refused.value)
    assert "pc.txt is niet ingelezen; er is niets opgeslagen. 4 fouten:" in message
    for fault in (
        "Regel 2: '74XX' is geen PC4 of PC6.",
        "Regel 3: gemeente 9999 is onbekend.",
        "Regel 4: 7511 hoort al bij Enschede (0153), niet bij Deventer (0150).",
        "Regel 5: verwacht 'postcode;gemeentecode'.",
    ):
        assert fault in message
    assert owners() == {"7511": "0153"}


def test_an_area_given_to_two_municipalities_in_one_file_is_refused(
    tmp_path, enschede_and_deventer
):
    with pytest.raises(CommandError, match=r"Regel 3: 7414 staat al in regel 1, bij Deventer"):
        run("import-postcodes", tmp_path, "7414;0150\n7415;0150\n7414;0153\n")
    assert owners() == {"7511": "0153"}


def test_a_pc6_area_inside_another_municipalitys_pc4_area_is_a_move_too(
    tmp_path, enschede_and_deventer
):
    """PC6 goes before PC4: 7511AB for Deventer takes those addresses from Enschede."""
    with pytest.raises(
        CommandError,
        match=r"Regel 1: 7511AB ligt in 7511, dat al bij Enschede \(0153\) hoort, niet bij "
        r"Deventer \(0150\)\.",
    ):
        run("import-postcodes", tmp_path, "7511AB;0150\n")

    output = run("import-postcodes", tmp_path, "7511AB;0150\n", "--verhuizen")

    assert "7511AB: van Enschede (0153) naar Deventer (0150)" in output
    assert owners() == {"7511": "0153", "7511AB": "0150"}


def test_with_verhuizen_the_area_moves_and_the_output_names_where_it_came_from(
    tmp_path, enschede_and_deventer
):
    output = run("import-postcodes", tmp_path, PC_BAD3, "--verhuizen")

    assert owners() == {code: "0150" for code in ("7414", "7415", "7416", "7417", "7511")}
    assert "5 postcodegebieden geïmporteerd: 4 nieuw, 1 verhuisd." in output
    assert (
        "Verhuisd naar een andere gemeente:\n  7511: van Enschede (0153) naar Deventer (0150)"
        in (output)
    )


def test_what_a_move_leaves_behind_is_said_in_the_output(tmp_path):
    """Signals and meldingen stay with the municipality that had them; a partner with a
    convenant with the old municipality only can no longer deliver for the area; the new
    municipality's BRP extract must hold its residents."""
    enschede, energy = enschede_with_energy_agreement()  # 7511, 7512, 7521AB
    signal = {"klantnummer": "E1", "signaaldatum": "2026-10-02", "achternaam": "Berg",
              "huisnummer": "12", "postcode": "7511AB", "bedrag_achterstand": "250,00",
              "datum_ontstaan": "2026-08-01"}  # fmt: skip
    ingest_records(energy, [signal], today=dt.date(2026, 11, 25))
    deventer = MunicipalityFactory(code="0150", name="Deventer")
    water = CreditorFactory(code="vitens", name="Vitens")
    AgreementFactory(creditor=water, municipality=deventer)
    AgreementFactory(creditor=water, municipality=enschede)

    output = run("import-postcodes", tmp_path, "7511;0150\n", "--verhuizen")

    assert (
        "Wat al binnen is, verhuist niet mee: 1 signaal met een postcode in 7511 blijft bij "
        "Enschede (0153), ook bij de volgende matching." in output
    )
    assert "Energie Oost heeft een convenant met Enschede (0153), niet met Deventer (0150)" in (
        output
    )
    assert "Vitens" not in output
    assert "BRP-uittreksel en de klantenlijst van Deventer (0150)" in output


def test_a_move_is_in_the_audit_log_of_both_municipalities(tmp_path, enschede_and_deventer):
    enschede, deventer = enschede_and_deventer

    run("import-postcodes", tmp_path, PC_BAD3, "--verhuizen")

    entries = {e.municipality_id: e for e in AuditEntry.objects.all()}
    assert set(entries) == {enschede.pk, deventer.pk}
    assert {(e.username, e.user_id, e.action) for e in entries.values()} == {
        (OPERATOR, None, AuditAction.ADMIN)
    }
    assert entries[deventer.pk].description == (
        "gemeente Deventer (0150) gewijzigd: postcodegebieden toegevoegd: 7414, 7415, 7416, "
        "7417; postcodegebied 7511: Enschede (0153) → Deventer (0150)"
    )
    assert entries[enschede.pk].description == (
        "gemeente Enschede (0153) gewijzigd: postcodegebied 7511: Enschede (0153) → Deventer (0150)"
    )
    assert entries[enschede.pk].endpoint == "vroegsignaal import-postcodes pc.txt --verhuizen"
    officer = UserFactory(privacy_officer=True, municipality=enschede)
    assert list(audit_entries_for(officer)) == [entries[enschede.pk]]


def test_a_file_that_changes_nothing_says_so_and_writes_no_audit_entry(
    tmp_path, enschede_and_deventer
):
    output = run("import-postcodes", tmp_path, "7511;0153\n")

    assert "1 postcodegebied geïmporteerd: 1 ongewijzigd." in output
    assert not AuditEntry.objects.exists()


def test_setup_organisations_refuses_an_area_of_another_municipality_and_names_all_errors(
    tmp_path, enschede_and_deventer
):
    document = {
        "municipalities": [
            {"code": "0150", "name": "Deventer", "postcodes": ["7411", "7511", "74X"]},
        ],
        "creditors": [{"code": "x", "name": "X", "partner_type": "Telecom"}],
    }

    with pytest.raises(CommandError) as refused:
        run("setup-organisations", tmp_path, json.dumps(document), name="dev.json")

    message = str(refused.value)
    assert "dev.json is niet ingelezen; er is niets opgeslagen. 3 fouten:" in message
    for fault in (
        "municipalities[0].postcodes[1]: 7511 hoort al bij Enschede (0153), niet bij "
        "Deventer (0150).",
        "municipalities[0].postcodes[2]: '74X' is geen PC4 of PC6.",
        "creditors[0]: partner_type 'Telecom' is onbekend",
        "--verhuizen",
    ):
        assert fault in message
    assert owners() == {"7511": "0153"}
    assert not AuditEntry.objects.exists()


def test_setup_organisations_moves_with_verhuizen_says_so_and_audits_it(
    tmp_path, enschede_and_deventer
):
    enschede, deventer = enschede_and_deventer
    document = "municipalities:\n  - {code: '0150', name: Deventer, postcodes: ['7411', '7511']}\n"

    output = run("setup-organisations", tmp_path, document, "--verhuizen", name="dev.yaml")

    assert owners() == {"7411": "0150", "7511": "0150"}
    assert "7511: van Enschede (0153) naar Deventer (0150)" in output
    assert "Wat al binnen is" not in output  # no signals there
    descriptions = dict(AuditEntry.objects.values_list("municipality_id", "description"))
    assert descriptions[enschede.pk].endswith(
        "postcodegebied 7511: Enschede (0153) → Deventer (0150)"
    )
    assert "postcodegebied toegevoegd: 7411" in descriptions[deventer.pk]
    assert AuditEntry.objects.get(municipality_id=deventer.pk).endpoint == (
        "vroegsignaal setup-organisations dev.yaml --verhuizen"
    )
