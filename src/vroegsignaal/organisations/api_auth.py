"""DRF authentication with a creditor API key in the `Authorization: Api-Key <key>` header."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from vroegsignaal.organisations.services import authenticate_api_key


class CreditorSystem(AnonymousUser):
    """The request's user when a creditor's system calls the API with its key."""

    is_anonymous = False
    is_authenticated = True

    def __init__(self, api_key) -> None:
        self.api_key = api_key
        self.creditor = api_key.creditor
        self.municipality = None
        self.role = "creditor_staff"
        self.username = f"api:{api_key.creditor.code}:{api_key.prefix}"

    def __str__(self) -> str:
        return self.username


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Api-Key"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace")
        if not header.startswith(f"{self.keyword} "):
            return None
        api_key = authenticate_api_key(header[len(self.keyword) + 1 :].strip())
        if api_key is None:
            raise exceptions.AuthenticationFailed("Ongeldige of ingetrokken API-sleutel.")
        return CreditorSystem(api_key), api_key

    def authenticate_header(self, request) -> str:
        return self.keyword


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """Documents the creditor API key in the OpenAPI schema."""

    target_class = "vroegsignaal.organisations.api_auth.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key <sleutel>`; een sleutel hoort bij één vastelastenpartner.",
        }


class SessionAuthentication(authentication.SessionAuthentication):
    """REST framework's session login (the browser of a logged-in user), refusing a request
    without a valid CSRF token in Dutch instead of with 'CSRF Failed: ...'."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise exceptions.PermissionDenied(
                "De beveiligingscontrole (CSRF) van dit verzoek is mislukt. Ververs de pagina en "
                "probeer het opnieuw; een systeem gebruikt een API-sleutel in plaats van een "
                "inlogsessie."
            ) from None


class DutchSessionScheme(SessionScheme):
    """Documents the session login as before (the schema's cookieAuth)."""

    target_class = "vroegsignaal.organisations.api_auth.SessionAuthentication"
