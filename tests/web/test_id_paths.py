"""An id in a URL path that no database can hold answers 404, as any unknown page, not 500.

Every primary key is a bigint (1..2^63 − 1). Django's `<int:...>` took any run of digits, and a
larger one failed in the query (SQLite: OverflowError; PostgreSQL: DataError) — QA15 B7.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from tests.factories import UserFactory
from vroegsignaal.path_ids import LARGEST_ID, DatabaseIdConverter

TOO_LARGE = [LARGEST_ID + 1, 99999999999999999999]

# (role, path) for roles that may open pages of that kind, and for one that may not.
PAGES_BY_ROLE = [
    ("project_leader", "/werk/melding/{id}/"),
    ("caseworker", "/werk/melding/{id}/"),
    ("caseworker", "/werk/melding/1/budgetscan/{id}/"),
    ("intake", "/matching/run/{id}/"),
    ("caseworker", "/brieven/brief/{id}/pdf/"),
    ("creditor_staff", "/terugkoppeling/signalen/{id}/"),
    ("creditor_staff", "/terugkoppeling/heropaf/{id}/"),
    ("creditor_staff", "/aanleveren/aanleveringen/{id}/geweigerde-rijen.csv"),
    ("privacy_officer", "/aanleveren/aanleveringen/{id}/"),
]


def _patterns(resolver: URLResolver):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry)
        elif isinstance(entry, URLPattern):
            yield entry


def test_every_id_in_a_path_is_bounded_to_what_the_database_holds():
    # Our own routes; the beheeromgeving's are Django's and django-otp's.
    unbounded = [
        str(entry.pattern)
        for entry in _patterns(get_resolver())
        if entry.lookup_str.startswith("vroegsignaal.")
        for converter in getattr(entry.pattern, "converters", {}).values()
        if isinstance(converter, IntConverter)
    ]
    assert unbounded == []


def test_the_bound_is_the_bigint_range():
    converter = DatabaseIdConverter()
    assert converter.to_python(str(LARGEST_ID)) == LARGEST_ID
    for value in [str(LARGEST_ID + 1), "0", "9999999999999999999"]:
        with pytest.raises(ValueError):
            converter.to_python(value)


@pytest.mark.django_db
@pytest.mark.parametrize("too_large", TOO_LARGE)
@pytest.mark.parametrize(("role", "path"), PAGES_BY_ROLE)
def test_an_id_too_large_for_the_database_is_not_found(client, role, path, too_large):
    client.force_login(UserFactory(**{role: True}))

    response = client.get(path.format(id=too_large))

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_an_api_path_with_an_id_too_large_is_not_found(client):
    response = client.post(f"/api/v1/heropaf-checks/{LARGEST_ID + 1}/answer", {})

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("caseworker", "/werk/melding/{id}/", 404),
        ("creditor_staff", "/terugkoppeling/heropaf/{id}/", 404),
        # A role without the page is refused before anything is looked up.
        ("project_leader", "/werk/melding/{id}/", 403),
    ],
)
def test_the_largest_id_still_reaches_the_page(client, role, path, status):
    client.force_login(UserFactory(**{role: True}))

    assert client.get(path.format(id=LARGEST_ID)).status_code == status
