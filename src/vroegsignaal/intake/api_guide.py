"""What the API page tells a vastelastenpartner's staff: the operations of the API, read from
the same OpenAPI schema the API serves at /api/schema/, so the page never drifts from the API.

Public: ``operations()`` -> list of ``Operation`` (method, path, summary, description,
parameters, responses), in the schema's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from drf_spectacular.generators import SchemaGenerator

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: tuple[tuple[str, str, str], ...]  # (name, where, description)
    responses: tuple[tuple[str, str], ...]  # (status code, description)


@cache  # the schema is made from the code: it does not change while the server runs
def operations() -> tuple[Operation, ...]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, item in schema["paths"].items():
        for method in _METHODS:
            if method not in item:
                continue
            operation = item[method]
            parameters = tuple(
                (p["name"], _WHERE.get(p["in"], p["in"]), p.get("description", ""))
                for p in operation.get("parameters", ())
            )
            responses = tuple(
                (code, (response.get("description", "") or _STATUS.get(code, "")).rstrip("."))
                for code, response in operation.get("responses", {}).items()
            )
            found.append(
                Operation(
                    method.upper(),
                    path,
                    operation.get("summary", ""),
                    operation.get("description", ""),
                    parameters,
                    responses,
                )
            )
    return tuple(found)


_WHERE = {"path": "in het pad", "query": "in de query", "header": "in een kop"}
# Shown for a response the schema describes with no words.
_STATUS = {"200": "Gelukt.", "201": "Aangemaakt.", "400": "Ongeldige invoer.",
           "401": "Geen of een ongeldige API-sleutel.", "403": "Geen toegang.",
           "404": "Niet gevonden."}  # fmt: skip
