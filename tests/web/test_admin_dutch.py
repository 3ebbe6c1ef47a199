"""The beheeromgeving speaks Dutch: section names, model names, field labels and columns."""

import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import MunicipalityFactory, UserFactory
from vroegsignaal.organisations.models import Team, User
from vroegsignaal.web.admin_site import HET_WORDS

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Access attempts", "Access failures", "Access logs", "OTP_TOTP", "TOTP devices",
    "Tasks Database Backend", "Task Results", "Municipality", "Region", "Creditor",
    "Started at", "Finished at", "Started by", "Policy version", "Created at", "Created by",
    "Get full name", "Hashed key", "domain.md",
]  # fmt: skip


@pytest.fixture
def beheerder(client):
    user = UserFactory(administrator=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:index",
        "admin:matching_policyversion_add",
        "admin:matching_matchingrun_changelist",
        "admin:organisations_user_changelist",
        "admin:organisations_apikey_add",
        "admin:organisations_team_add",
        "admin:casework_caseworkpolicy_add",
        "admin:casework_queue_add",
        "admin:organisations_agreement_changelist",
    ],
)
def test_admin_pages_have_no_english_labels(client, beheerder, url_name):
    text = _visible_text(client.get(reverse(url_name)).content.decode())

    assert [word for word in ENGLISH if word.lower() in text.lower()] == []


def _visible_text(page: str) -> str:
    """What a reader sees: no tags, scripts or attribute values (URLs hold English names)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def test_the_third_party_sections_have_dutch_names(client, beheerder):
    page = _visible_text(client.get(reverse("admin:index")).content.decode())

    for name in ["Inlogpogingen", "Tweede inlogstap", "Authenticator-apps", "Achtergrondtaken"]:
        assert name in page


def test_the_beheeromgeving_is_named_after_the_product_not_django(client, beheerder):
    text = _visible_text(client.get(reverse("admin:index")).content.decode())

    assert "Vroegsignaal – beheer" in text
    assert "Django" not in text


# The registered models that take 'de'; HET_WORDS (web.admin_site) holds those that take 'het'.
DE_WORDS = {
    "groep", "geblokkeerde inlogpoging", "mislukte inlogpoging", "inlogregistratie",
    "uitvoeringsnorm", "matchingsrun", "beleidsversie", "opgave jaarcijfers", "API-sleutel",
    "vastelastenpartner", "gemeente", "regio", "gebruiker", "authenticator-app", "auditregel",
    "bewaartermijnrun", "opgave contactgegevens voor brieven",
}  # fmt: skip


def test_every_model_of_the_beheeromgeving_has_its_dutch_article_decided():
    """Django's Dutch messages say 'De {name} ...'; a new model is placed in HET_WORDS or here."""
    names = {str(model._meta.verbose_name) for model in admin.site._registry}

    assert names == DE_WORDS | HET_WORDS


def test_a_change_to_a_het_word_says_het_in_the_message(client, beheerder):
    team = Team.objects.create(municipality=MunicipalityFactory(), name="Team Zuid")
    page = client.post(
        reverse("admin:organisations_team_change", args=[team.pk]),
        {"municipality": team.municipality_id, "name": "Team Zuid-Oost"},
        follow=True,
    ).content.decode()

    text = re.sub(r"\s+", " ", _visible_text(page))
    assert re.search(r"Het team ‘ ?Team Zuid-Oost \(Enschede\) ?’ is met succes gewijzigd\.", text)
    assert "De team" not in text
    # The object's name is still a link to it: the message stayed marked safe.
    assert f'href="/admin/organisations/team/{team.pk}/change/"' in page


ADMIN_SCRIPTS = Path(admin.__file__).parent / "static" / "admin" / "js"
_QUOTED = r"""(['"])((?:\\.|(?!\{n}).)*)\{n}"""
_GETTEXT_CALL = re.compile(
    r"\b(gettext|ngettext|pgettext)\(\s*" + _QUOTED.format(n=2) + r"(?:\s*,\s*"
    + _QUOTED.format(n=4) + ")?"
)  # fmt: skip


def _admin_script_texts() -> set[str]:
    """Every text the admin's own scripts translate (a pgettext as context + \\x04 + text)."""
    texts = set()
    for script in ADMIN_SCRIPTS.rglob("*.js"):
        if "vendor" in script.parts:
            continue
        for call in _GETTEXT_CALL.finditer(script.read_text(encoding="utf-8")):
            kind, text, second = call.group(1), call.group(3), call.group(5)
            key = f"{text}\x04{second}" if kind == "pgettext" else text
            texts.add(key.replace("\\'", "'").replace('\\"', '"'))
    return texts


def test_every_text_of_the_admins_scripts_has_a_dutch_translation(client, beheerder):
    """The two-list widget for groups and permissions said 'Choose rechten by selecting them
    ...', 'Choose all rechten', 'Remove all rechten': Django's Dutch catalogue of its scripts
    lacks the texts its newer widget asks for, so /admin/jsi18n/ answered them in English."""
    script = client.get(reverse("admin:jsi18n")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))

    texts = _admin_script_texts()

    assert "Choose all %s" in texts, "the scripts were read"
    assert sorted(text for text in texts if not catalog.get(text)) == []


def test_a_change_form_heading_starts_with_a_capital(client, beheerder):
    """Django's English 'Add group' starts with the verb; its Dutch '%s toevoegen' starts with the
    model's lower-case name, so the heading read 'groep toevoegen'."""
    add = client.get(reverse("admin:auth_group_add")).content.decode()
    change = client.get(
        reverse("admin:organisations_user_change", args=[beheerder.pk])
    ).content.decode()

    assert "<h1>Groep toevoegen</h1>" in add and "<title>Groep toevoegen |" in add
    assert "<h1>Gebruiker wijzigen</h1>" in change


def test_the_breadcrumbs_start_at_beheer_and_name_the_page_with_a_capital(client, beheerder):
    """Django's Dutch breadcrumbs began at 'Voorpagina' (the index is headed 'Beheer'), ended
    in 'gebruiker toevoegen' in lower case, and a section read 'Organisaties-beheer'."""
    add = client.get(reverse("admin:organisations_user_add")).content.decode()
    section = client.get(
        reverse("admin:app_list", kwargs={"app_label": "organisations"})
    ).content.decode()

    assert _breadcrumbs(add) == "Beheer › Organisaties › Gebruikers › Gebruiker toevoegen"
    assert _breadcrumbs(section) == "Beheer › Organisaties"
    assert "<h1>Organisaties</h1>" in section and "-beheer" not in section


def _breadcrumbs(page: str) -> str:
    trail = re.search(r'<div class="breadcrumbs">(.*?)</div>', page, re.S).group(1)
    return " ".join(unescape(re.sub("<[^>]+>", " ", trail)).split())


def test_the_password_help_speaks_of_the_password_not_to_the_beheerder(client, beheerder):
    """A beheerder who creates a user sets someone else's password: 'Uw wachtwoord' was wrong."""
    text = _visible_text(client.get(reverse("admin:organisations_user_add")).content.decode())

    assert "Uw wachtwoord" not in text and "uw andere" not in text
    assert "Het wachtwoord moet minstens 12 tekens lang zijn" in text
    assert "Het wachtwoord mag niet alleen uit cijfers bestaan." in text


ADMIN_TEMPLATES = Path(admin.__file__).parent / "templates"
_TRANSLATE_TAG = re.compile(r"""\{%\s*(?:translate|trans)\s+(['"])(.*?)\1""")
# Dutch writes these the same.
SAME_IN_DUTCH = {"Filter"}


def test_every_text_of_the_admins_templates_has_a_dutch_translation():
    """With form errors the page title began with 'Error:': Django's Dutch catalogue lacks the
    text, and a screen reader reads the title first."""
    texts = {
        tag.group(2)
        for template in ADMIN_TEMPLATES.rglob("*.html")
        for tag in _TRANSLATE_TAG.finditer(template.read_text(encoding="utf-8"))
    }

    with translation.override("nl"):
        untranslated = sorted(text for text in texts - SAME_IN_DUTCH if gettext(text) == text)

    assert "Error:" in texts, "the templates were read"
    assert untranslated == []


def test_a_form_with_errors_is_titled_fout(client, beheerder):
    page = client.post(reverse("admin:organisations_user_add"), {"username": ""}).content.decode()

    assert re.search(r"<title>Fout: Gebruiker toevoegen \|", page)


def test_the_username_help_and_its_error_name_the_same_characters(client, beheerder):
    """Django's Dutch help said '@/,/+/-/_' (a comma, not allowed), its error '@/./+/-/_'."""
    page = client.post(reverse("admin:organisations_user_add"), {"username": "a,b"})
    text = " ".join(_visible_text(page.content.decode()).split())
    characters = "letters, cijfers en de tekens @ . + - _ (geen spaties)"

    assert f"Voer een geldige gebruikersnaam in: alleen {characters}." in text
    assert f"Verplicht. Hoogstens 150 tekens: {characters}." in text
    assert "@/,/" not in text


def test_a_user_always_logs_in_with_a_password(client, beheerder):
    """Django offers to switch password login off 'for Single Sign-On or LDAP'; Vroegsignaal has
    neither, so that would only lock the user out. Adding a user and setting a password ask for
    the password alone."""
    add = client.get(reverse("admin:organisations_user_add")).content.decode()
    response = client.post(
        reverse("admin:organisations_user_add"),
        {"username": "nieuw", "password1": "Lang-Genoeg-Wachtwoord-1",
         "password2": "Lang-Genoeg-Wachtwoord-1", "usable_password": "false"},
    )  # fmt: skip
    user = User.objects.get(username="nieuw")
    password_page = client.get(reverse("admin:auth_user_password_change", args=[user.pk]))
    empty = client.post(reverse("admin:auth_user_password_change", args=[user.pk]), {})

    assert response.status_code == 302 and user.has_usable_password()
    for page in [add, password_page.content.decode()]:
        assert 'name="usable_password"' not in page and "LDAP" not in page and "SSO" not in page
    assert 'value="Wachtwoord wijzigen"' in password_page.content.decode()
    assert "authenticatie" not in _visible_text(password_page.content.decode())
    assert empty.status_code == 200 and "Dit veld is vereist." in empty.content.decode()
    user.refresh_from_db()
    assert user.check_password("Lang-Genoeg-Wachtwoord-1")
