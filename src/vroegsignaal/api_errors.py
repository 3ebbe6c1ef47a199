"""The REST API's refusals in plain Dutch, worded like the website's, in one table.

REST framework answers with its own texts: English ("JSON parse error - Expecting property name
...") or its Dutch catalogue ("Ongeldige data. Verwacht een dictionary, kreeg een str."), and
Django's 404 names the model ("No HeropafCheck matches the given query."). A creditor's
developer reads ours instead; a text a view raises on purpose is left as it is.

Public:
- ``exception_handler``: REST framework's ``EXCEPTION_HANDLER``; every default text replaced.
- ``DutchSerializer``: base class for a request body; each field error names the field.
- ``not_found``: the JSON answer for a path under /api/ that does not exist.
- ``server_error``: Django's ``handler500``; JSON under /api/, the website's page elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as rest_framework_handler

from vroegsignaal.dutch_text import listed

API_PREFIX = "/api/"
NOT_FOUND = "Niet gevonden."
UNKNOWN_PATH = (
    "Dit adres bestaat niet in de API. De adressen staan op de API-pagina in de website en in "
    "het OpenAPI-schema (/api/schema/)."
)
SERVER_ERROR = (
    "Er ging bij ons iets mis. Probeer het later opnieuw; blijft het misgaan, neem dan contact "
    "op met de gemeente."
)

# Shown only where the text is REST framework's default: a view's own text is kept.
_WHEN_DEFAULT = {
    exceptions.NotAuthenticated: (
        "U bent niet aangemeld: stuur de API-sleutel van uw organisatie mee in de kop "
        "Authorization: Api-Key <sleutel>."
    ),
    exceptions.AuthenticationFailed: "Aanmelden is mislukt: de API-sleutel of inlogsessie is "
    "niet geldig.",
    exceptions.PermissionDenied: "U heeft geen toegang tot deze gegevens.",
    exceptions.NotFound: NOT_FOUND,
    exceptions.NotAcceptable: "Deze API antwoordt alleen met JSON; vraag in de kop Accept om "
    "application/json.",
}

# json's reasons (Python 3.11), as a developer looking at the body would say them.
_JSON_REASONS = {
    "Expecting value": "er ontbreekt een waarde",
    "Expecting property name enclosed in double quotes": (
        "verwacht een veldnaam tussen dubbele aanhalingstekens"
    ),
    "Expecting ',' delimiter": "verwacht een komma",
    "Expecting ':' delimiter": "verwacht een dubbele punt",
    "Extra data": "na het einde staat nog meer",
    "Unterminated string starting at": "een tekst is niet afgesloten met een aanhalingsteken",
    "Invalid control character at": "een tekst bevat een ongeldig stuurteken (zoals een tab)",
    "Invalid \\escape": "een ongeldige escape met een backslash",
    "Invalid \\uXXXX escape": "een ongeldige escape \\uXXXX",
}


def exception_handler(exc, context):
    """REST framework's handler, with Dutch in place of every text of its own and Django's."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = rest_framework_handler(exc, context)
    if response is not None:
        text = _dutch_text(exc, context["request"], context.get("view"))
        if text is not None:
            response.data = {"detail": text}
    return response


def _dutch_text(exc, request, view) -> str | None:
    if isinstance(exc, exceptions.ParseError):
        return _unreadable_body(exc, request)
    if isinstance(exc, exceptions.MethodNotAllowed):
        allowed = [m for m in getattr(view, "allowed_methods", ()) if m not in {"HEAD", "OPTIONS"}]
        return f"De methode {request.method} kan hier niet; gebruik {' of '.join(allowed)}."
    if isinstance(exc, exceptions.UnsupportedMediaType):
        accepted = [parser.media_type for parser in request.parsers]
        return f'Ongeldig mediatype "{request.content_type}"; gebruik {" of ".join(accepted)}.'
    if isinstance(exc, exceptions.Throttled):
        when = f"over {exc.wait} seconden" if exc.wait is not None else "later"
        return f"Te veel verzoeken; probeer het {when} opnieuw."
    default = _WHEN_DEFAULT.get(type(exc))
    if default is not None and str(exc.detail) == str(exc.default_detail):
        return default
    return None


def _unreadable_body(exc, request) -> str:
    # REST framework raises its ParseError while handling json's error, which stays attached.
    reason = exc.__context__
    if isinstance(reason, json.JSONDecodeError):
        said = _JSON_REASONS.get(reason.msg, "de opbouw klopt niet")
        return (
            f"De inhoud is geen geldige JSON: {said}, regel {reason.lineno}, kolom {reason.colno}."
        )
    if isinstance(reason, UnicodeDecodeError):
        return "De inhoud is geen geldige JSON: de tekst is niet in UTF-8 gecodeerd."
    if isinstance(reason, ValueError) and "JSON compliant" in str(reason):
        # REST framework's STRICT_JSON refuses NaN and Infinity, which Python would read.
        return "De inhoud is geen geldige JSON: NaN en Infinity zijn geen getallen in JSON."
    return f'De inhoud kon niet worden gelezen als "{request.content_type}".'


# A field's label starts each text, as on the website's forms ("Bedrag nog open: ...").
_FIELD_TEXTS = {
    "required": "{label}: dit veld ontbreekt.",
    "null": "{label}: vul een waarde in (niet null).",
    "blank": "{label}: vul een waarde in.",
    "invalid_choice": "{label}: '{input}' is geen geldige keuze.",
    "min_value": "{label}: moet minstens {min_value} zijn.",
    "max_value": "{label}: mag hoogstens {max_value} zijn.",
    "max_string_length": "{label}: het getal is te lang.",
    "max_length": "{label}: hoogstens {max_length} tekens.",
    "min_length": "{label}: minstens {min_length} tekens.",
    "surrogate_characters_not_allowed": "{label}: de tekst bevat een ongeldig teken.",
    "null_characters_not_allowed": "{label}: de tekst bevat een ongeldig teken.",
}
_INVALID_BY_FIELD = {
    serializers.IntegerField: "{label}: geef een geheel getal, zonder aanhalingstekens.",
    serializers.BooleanField: "{label}: geef true of false.",
    serializers.CharField: "{label}: geef een tekst.",
}
_JSON_KINDS = {"str": "een tekst", "list": "een lijst", "int": "een getal", "float": "een getal",
               "bool": "true of false", "NoneType": "null"}  # fmt: skip


# A request body whose errors are Dutch and name the field, like the website's forms. A field's
# own ``error_messages`` (the website's exact wording) come first; REST framework's texts for the
# rest are replaced from ``_FIELD_TEXTS``, before its validators copy them. (A comment, not a
# docstring: the OpenAPI schema would show a docstring as the description of every request body.)
class DutchSerializer(serializers.Serializer):
    def get_fields(self):
        return {name: _in_dutch(name, field) for name, field in super().get_fields().items()}

    def run_validation(self, data=serializers.empty):
        # Before REST framework's own checks, which say 'dictionary' and 'str' (or 'null').
        if not isinstance(data, Mapping):
            names = listed(self.fields)
            kind = _JSON_KINDS.get(type(data).__name__, type(data).__name__)
            message = f"Verwacht een JSON-object met de velden {names}; kreeg {kind}."
            raise serializers.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: [message]}, code="invalid"
            )
        return super().run_validation(data)


def _in_dutch(name: str, field: serializers.Field) -> serializers.Field:
    label = field._kwargs.get("label") or name
    own = field._kwargs.get("error_messages", {})
    texts = {}
    for code in field.error_messages:
        template = _FIELD_TEXTS.get(code)
        if code == "invalid":
            template = next(
                (text for kind, text in _INVALID_BY_FIELD.items() if isinstance(field, kind)),
                "{label}: deze waarde is ongeldig.",
            )
        if template is not None:
            texts[code] = template.replace("{label}", label)
    # A field is rebuilt, not patched: its validators took their texts when it was made.
    return type(field)(*field._args, **{**field._kwargs, "error_messages": {**texts, **own}})


@csrf_exempt  # a refusal; nothing is changed, and a system posting has no CSRF token
def not_found(request, *args, **kwargs):
    """Any path under /api/ that is no operation of the API: a JSON 404, not the web page."""
    return JsonResponse(
        {"detail": UNKNOWN_PATH}, status=404, json_dumps_params={"ensure_ascii": False}
    )


def server_error(request):
    """Django's 500: JSON for the API, the website's page for everything else."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {"detail": SERVER_ERROR}, status=500, json_dumps_params={"ensure_ascii": False}
        )
    return defaults.server_error(request)
