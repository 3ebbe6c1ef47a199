"""The third-party apps in the beheeromgeving speak Dutch: axes, django-tasks and TOTP devices.

Their texts are translated in src/vroegsignaal/locale/nl/LC_MESSAGES/django.po (and what Django's
admin scripts miss in djangojs.po); the compiled .mo files are committed, so each must match its .po.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

import vroegsignaal
from tests.factories import UserFactory

MESSAGES = Path(vroegsignaal.__file__).parent / "locale" / "nl" / "LC_MESSAGES"


def read_po(path: Path) -> dict[str, str]:
    """The entries of a .po file, keyed as in a GNUTranslations catalogue (context\\x04msgid)."""
    entries, entry, key = {}, {}, None

    def finish():
        if "msgid" in entry:
            msgid = entry["msgid"]
            if "msgctxt" in entry:
                msgid = f"{entry['msgctxt']}\x04{msgid}"
            entries[msgid] = entry.get("msgstr", "")
        entry.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):  # continuation of the previous keyword's string
            entry[key] += ast.literal_eval(line)
            continue
        key, _, text = line.partition(" ")
        if key == "msgctxt" or (key == "msgid" and "msgstr" in entry):
            finish()
        entry[key] = ast.literal_eval(text)
    finish()
    return entries


@pytest.mark.parametrize(("domain", "entries"), [("django", 80), ("djangojs", 7)])
def test_the_compiled_catalogue_is_current(domain, entries):
    po = read_po(MESSAGES / f"{domain}.po")
    with open(MESSAGES / f"{domain}.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog

    assert len(po) > entries
    assert all(po.values()), [msgid for msgid, msgstr in po.items() if not msgstr]
    assert compiled == po


def test_the_third_party_models_speak_dutch():
    with translation.override("nl"):
        names = {f.name: str(f.verbose_name) for f in AccessAttempt._meta.fields}
        statuses = [str(label) for label in TaskResultStatus.labels]
        user_help = str(TOTPDevice._meta.get_field("user").help_text)
        device_names = [str(TOTPDevice._meta.get_field(n).verbose_name) for n in ("key", "step")]
        priority = str(DBTaskResult._meta.get_field("priority").verbose_name)

    assert names["attempt_time"] == "tijdstip poging"
    assert names["ip_address"] == "IP-adres"
    assert names["user_agent"] == "browser (user agent)"
    assert names["path_info"] == "pad"
    assert names["username"] == "Gebruikersnaam"
    assert names["failures_since_start"] == "mislukte pogingen"
    assert statuses == ["Klaar om te starten", "Bezig", "Mislukt", "Geslaagd"]
    assert user_help == "Gebruiker van wie dit apparaat is."
    assert device_names == ["geheime sleutel", "tijdstap"]
    assert priority == "prioriteit"


def test_migrations_still_see_the_packages_english():
    """The wrapped texts keep their English msgid: no migration for a package's models."""
    with translation.override(None):
        assert str(TOTPDevice._meta.get_field("user").help_text) == (
            "The user that this device belongs to."
        )


# As the packages would show them (case matters: "browser (user agent)" is Dutch).
ENGLISH = [
    "Attempt Time", "Attempt time", "IP Address", "User Agent", "Failed Logins", "Locked Out",
    "Ready", "Running", "Successful", "By priority", "Enqueued at", "Queue name", "Task name",
    "The user that this device belongs to.", "A hex-encoded secret key", "Tolerance",
    "Throttling", "Identity", "Search by user", "QR Code",
]  # fmt: skip


def _visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


@pytest.fixture
def beheerder(client, db):
    user = UserFactory(administrator=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def rows(beheerder):
    AccessAttempt.objects.create(
        username="piet", ip_address="10.0.0.1", user_agent="Firefox", path_info="/inloggen/",
        http_accept="text/html", get_data="", post_data="", failures_since_start=2,
    )  # fmt: skip
    now = timezone.now()
    DBTaskResult.objects.create(
        task_path="vroegsignaal.matching.tasks.match", args_kwargs={"args": [], "kwargs": {}},
        backend_name="default", run_after=now, exception_class_path="", traceback="",
    )  # fmt: skip
    # Someone else's: a confirmed device of the beheerder would ask for a code first.
    TOTPDevice.objects.create(user=UserFactory(), name="telefoon")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "dutch"),
    [
        ("admin:axes_accessattempt_changelist", ["Tijdstip poging", "IP-adres", "Mislukte pogingen", "Op geblokkeerd"]),
        ("admin:axes_accessfailurelog_changelist", ["Op tijdstip poging", "Op geblokkeerd"]),
        ("admin:axes_accesslog_changelist", ["Op tijdstip uitloggen"]),
        ("admin:django_tasks_database_dbtaskresult_changelist", ["Klaar om te starten", "Op prioriteit", "In de wachtrij gezet op"]),
        ("admin:otp_totp_totpdevice_add", ["Gebruiker van wie dit apparaat is.", "Geheime sleutel", "Identiteit"]),
        ("admin:otp_totp_totpdevice_changelist", ["QR-code", "Bevestigd"]),
    ],
)  # fmt: skip
def test_the_third_party_admin_pages_speak_dutch(client, rows, url_name, dutch):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    html = response.content.decode()
    text = " ".join(_visible_text(html).split())
    assert [word for word in ENGLISH if word in html] == []
    assert [word for word in dutch if word not in text] == []


def test_django_admin_strings_its_own_dutch_lacks_are_dutch(client, beheerder):
    """The add-user page and the (screen-reader) headers of the admin index."""
    add_user = client.get(reverse("admin:organisations_user_add")).content.decode()
    index = client.get(reverse("admin:index")).content.decode()

    assert "Nadat u de gebruiker hebt aangemaakt" in add_user and "After you" not in add_user
    assert "Model name" not in index and "Add link" not in index and "Onderdeel" in index
