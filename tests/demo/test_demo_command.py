"""`vroegsignaal demo` on a small scale: the region, the logins, the signals, idempotency."""

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from vroegsignaal.demo.reference_lists import REFERENCE_LIST_FOLDER
from vroegsignaal.demo.users import DEMO_PASSWORD
from vroegsignaal.intake.models import Delivery, DeliveryError, Signal
from vroegsignaal.organisations.models import Agreement, Creditor, Municipality, Role, User
from vroegsignaal.organisations.services import municipality_for_postcode

pytestmark = pytest.mark.django_db

TWENTE = {
    "0141": "Almelo",
    "0147": "Borne",
    "1774": "Dinkelland",
    "0153": "Enschede",
    "0158": "Haaksbergen",
    "0163": "Hellendoorn",
    "0164": "Hengelo",
    "1735": "Hof van Twente",
    "0168": "Losser",
    "0173": "Oldenzaal",
    "1742": "Rijssen-Holten",
    "0183": "Tubbergen",
    "1700": "Twenterand",
    "0189": "Wierden",
}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "demo.md"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The demo password is checked for real; only the deliberately slow hash is swapped.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_demo(tmp_path: Path, *, seed: int = 2026, months: int = 2, scale: float = 0.05) -> str:
    out = io.StringIO()
    call_command(
        "demo",
        f"--seed={seed}",
        f"--months={months}",
        f"--scale={scale}",
        f"--output={tmp_path / 'demo'}",
        stdout=out,
    )
    return out.getvalue()


def signal_snapshot() -> list[tuple]:
    return sorted(
        Signal.objects.values_list(
            "creditor__code",
            "customer_number",
            "signal_date",
            "surname",
            "address_key",
            "amount_cents",
            "arrears_start",
            "bsn",
        )
    )


def test_demo_creates_the_14_twente_municipalities_with_their_cbs_codes(tmp_path):
    run_demo(tmp_path)

    found = dict(Municipality.objects.filter(region__name="Twente").values_list("code", "name"))
    assert found == TWENTE
    assert municipality_for_postcode("7511AB").name == "Enschede"
    assert municipality_for_postcode("7555KL").name == "Hengelo"
    assert municipality_for_postcode("7604XZ").name == "Almelo"


def test_every_partner_type_has_agreements_in_all_14_municipalities(tmp_path):
    run_demo(tmp_path)

    for partner_type in ("Zorg", "Energie", "Huur", "Water", "Overige"):
        covered = set(
            Agreement.objects.filter(creditor__partner_type=partner_type).values_list(
                "municipality__code", flat=True
            )
        )
        assert covered == set(TWENTE), partner_type
    assert Creditor.objects.exclude(column_mapping={}).exists()


def test_a_demo_user_of_every_role_logs_in_with_the_documented_password(tmp_path):
    run_demo(tmp_path)

    for role in Role.values:
        user = User.objects.filter(role=role).first()
        assert user is not None, role
        assert authenticate(username=user.username, password=DEMO_PASSWORD) == user
    admin = User.objects.get(role=Role.ADMINISTRATOR)
    assert not admin.is_staff and not admin.is_superuser
    technical = User.objects.get(is_superuser=True)
    assert technical.is_staff and technical.role == ""
    assert authenticate(username=technical.username, password=DEMO_PASSWORD) == technical
    assert User.objects.filter(role=Role.CASEWORKER, team__name="Team Zuid").exists()
    assert all(u.creditor_id for u in User.objects.filter(role=Role.CREDITOR_STAFF))


def test_every_demo_user_has_a_made_up_mail_address_for_a_forgotten_password(tmp_path, mailoutbox):
    """'.example' is reserved for examples; the year of replayed releases sends no digests."""
    run_demo(tmp_path)

    addresses = list(User.objects.values_list("username", "email"))
    assert addresses and all(email == f"{name}@demo.example" for name, email in addresses)
    assert mailoutbox == []


def test_docs_list_every_demo_login_and_the_password(tmp_path):
    run_demo(tmp_path)

    text = DOCS.read_text(encoding="utf-8")
    assert DEMO_PASSWORD in text
    for username in User.objects.values_list("username", flat=True):
        assert f"`{username}`" in text, username


def test_signals_are_spread_over_partner_types_roughly_per_the_national_mix(tmp_path):
    run_demo(tmp_path, months=2, scale=0.15)

    counts = Counter(Signal.objects.values_list("creditor__partner_type", flat=True))
    total = sum(counts.values())
    assert 600 < total < 1100  # 2 months x ~2,560 a month x 0.15, minus deliveries still to come
    for partner_type, share in {"Zorg": 0.45, "Energie": 0.25, "Huur": 0.19}.items():
        assert abs(counts[partner_type] / total - share) < 0.06, partner_type
    assert 0.05 < (counts["Water"] + counts["Overige"]) / total < 0.18


def test_signals_repeat_at_addresses_and_come_from_several_creditors_in_one_month(tmp_path):
    run_demo(tmp_path, months=3, scale=0.1)

    per_month = Counter(
        (key, date.strftime("%Y-%m"))
        for key, date in Signal.objects.values_list("address_key", "signal_date")
    )
    months_per_address = Counter(key for key, _ in per_month)
    assert any(n > 1 for n in per_month.values()), "geen meervoudige signalen"
    assert any(n > 1 for n in months_per_address.values()), "geen opeenvolgende signalen"


def test_zorg_arrears_are_30_to_100_days_old_and_some_carry_a_bsn(tmp_path):
    run_demo(tmp_path, scale=0.1)

    zorg = Signal.objects.filter(creditor__partner_type="Zorg")
    ages = [(s.signal_date - s.arrears_start).days for s in zorg]
    assert ages and min(ages) >= 30 and max(ages) <= 100
    with_bsn = zorg.exclude(bsn="").count()
    assert 0.03 < with_bsn / zorg.count() < 0.2


def test_the_invalid_rows_in_the_deliveries_are_rejected_with_their_reasons(tmp_path):
    output = run_demo(tmp_path, months=3)

    # Named as each creditor's own file names the column (ZorgZeker: PC, Achterstand sinds,
    # Burgerservicenummer; Hengelo Borne Wonen: Datum Ontstaan; others write Postcode or postcode).
    fields = {f.lower() for f in DeliveryError.objects.values_list("field", flat=True)}
    assert fields, "geen geweigerde rijen"
    assert fields <= {"postcode", "pc", "datum_ontstaan", "datum ontstaan", "achterstand sinds",
                      "bsn", "burgerservicenummer"}  # fmt: skip
    rejected = int(re.search(r"(\d+) rijen geweigerd", output).group(1))
    assert rejected == Delivery.objects.filter(rejected_count__gt=0).count()


def test_running_the_demo_twice_adds_nothing(tmp_path):
    """Also no second matching run per month: the meldpunt's list of runs would show each month
    again for every top-up."""
    from vroegsignaal.matching.models import MatchingRun

    models = (Municipality, Creditor, Agreement, User, Delivery, MatchingRun)
    run_demo(tmp_path)
    counts = [m.objects.count() for m in models]
    signals = signal_snapshot()

    output = run_demo(tmp_path)

    assert [m.objects.count() for m in models] == counts
    assert signal_snapshot() == signals
    assert "0 nieuw" in output and "0 geaccepteerd" in output


def test_the_same_seed_gives_the_same_signals_and_another_seed_other_ones(tmp_path):
    run_demo(tmp_path / "a", seed=7)
    first = signal_snapshot()
    Signal.objects.all().delete()
    Delivery.objects.all().delete()

    run_demo(tmp_path / "b", seed=7)
    assert signal_snapshot() == first
    Signal.objects.all().delete()
    Delivery.objects.all().delete()

    run_demo(tmp_path / "c", seed=8)
    assert signal_snapshot() != first


def test_each_delivery_is_kept_as_a_file_to_take_in_by_hand(tmp_path):
    run_demo(tmp_path)

    files = sorted(
        p.name for p in (tmp_path / "demo").rglob("*.*") if REFERENCE_LIST_FOLDER not in p.parts
    )
    assert len(files) == Delivery.objects.count()
    assert any(f.endswith(".xlsx") for f in files) and any(f.endswith(".csv") for f in files)
    assert sorted(Delivery.objects.values_list("filename", flat=True)) == files


def test_enschede_gets_a_client_list_before_matching_so_known_clients_show(tmp_path):
    """Without a list the check 'al bekend bij schuldhulpverlening' is skipped: the demo reads
    one in (a few percent of the people its signals name), once."""
    from vroegsignaal.ddas import Signaalstatus
    from vroegsignaal.matching.models import KnownClient, ReferenceListImport

    output = run_demo(tmp_path)

    clients = KnownClient.objects.filter(municipality__code="0153").count()
    assert clients > 0 and f"Klantenlijst:         {clients} klanten ingelezen" in output
    known = Signal.objects.filter(municipality__code="0153", status=Signaalstatus.AL_BEKEND)
    assert known.exists()
    assert (tmp_path / "demo" / REFERENCE_LIST_FOLDER / "klantenlijst-enschede.csv").exists()
    run_demo(tmp_path)
    assert ReferenceListImport.objects.filter(kind="clients").count() == 1  # kept the same day


def test_enschede_gets_a_brp_extract_before_matching_so_its_checks_show(tmp_path):
    """Without an extract the checks 'overleden' and 'geen inwoner (meer)' are skipped: the
    demo reads one in made from the people its signals name, with a few who moved away, died
    or live at another address of the municipality; once."""
    from vroegsignaal.ddas import Signaalstatus
    from vroegsignaal.matching.models import ReferenceListImport, ResidentRecord

    output = run_demo(tmp_path, months=3, scale=0.2)

    residents = ResidentRecord.objects.filter(municipality__code="0153")
    assert f"BRP-uittreksel:       {residents.count()} inwoners ingelezen" in output
    assert residents.filter(death_date__isnull=False).exists()
    enschede = Signal.objects.filter(municipality__code="0153")
    assert enschede.filter(status=Signaalstatus.OVERLEDEN).exists()
    assert enschede.filter(status=Signaalstatus.GEEN_INWONER).exists()
    assert enschede.filter(status=Signaalstatus.OPGEPAKT, brp_note__contains="ander adres").exists()
    # The other municipalities have no extract: their check is skipped, not faked.
    others = Signal.objects.exclude(municipality__code="0153")
    assert not others.filter(status__in=[Signaalstatus.OVERLEDEN, Signaalstatus.GEEN_INWONER])
    assert (tmp_path / "demo" / REFERENCE_LIST_FOLDER / "brp-uittreksel-enschede.csv").exists()
    run_demo(tmp_path, months=3, scale=0.2)
    assert ReferenceListImport.objects.filter(kind="brp").count() == 1


def test_a_wijkteam_caseworker_does_not_see_the_other_teams_meldingen(tmp_path):
    """Enschede's wijkteams have a werkbakje each; the demo makes the team rule visible."""
    from vroegsignaal.casework.access import meldingen_visible_to
    from vroegsignaal.casework.models import Melding

    run_demo(tmp_path, months=3, scale=0.2)

    south = User.objects.get(username="uitvoerder.enschede-zuid")
    north = User.objects.get(username="uitvoerder.enschede-noord")
    in_south = Melding.objects.filter(queue__name="Wijkteam Zuid")
    in_north = Melding.objects.filter(queue__name="Wijkteam Noord")
    assert in_south.exists() and in_north.exists()
    assert not meldingen_visible_to(north).filter(pk__in=in_south.exclude(assigned_to=north))
    assert not meldingen_visible_to(south).filter(pk__in=in_north.exclude(assigned_to=south))
    # The meldpunt gives a wijkteam's meldingen to that team's caseworker.
    assert set(in_south.exclude(assigned_to=None).values_list("assigned_to", flat=True)) == {
        south.pk
    }
