"""Write and read the audit log.

`record(request_or_user, action, obj_or_label, ...)` is the one call every view, export, download
and change of personal data makes. The entry is written on the `audit` connection (see
routers.py), so it is committed even when the caller's transaction is rolled back later.
A text typed in the page's query (pages.TYPED_PARAMETERS) is named in the description, never
kept in the page, so that retention can erase it.
A list page or download first names what it shows with `note_shown(request, objects)`; the
entry then keeps those objects (AuditShownObject), so `about()` finds the list for each of them.
A POST refused with a message that still redirects says so with `note_unchanged(request)`.
A list of someone of no municipality (creditor staff, a creditor's API key) that showed data of
several municipalities is written as one entry per municipality, each with only its own objects,
so the privacy officer of each municipality sees its part (`_per_municipality`), named with
its municipality ("28 signalen, gemeente Enschede").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

from vroegsignaal import kenmerk
from vroegsignaal.organisations.models import Municipality
from vroegsignaal.privacy.models import AuditAction, AuditEntry, AuditShownObject
from vroegsignaal.privacy.pages import (
    MELDING,
    page_without_search_text,
    typed_in,
    with_typed_texts,
)
from vroegsignaal.privacy.routers import AUDIT_DB


def record(
    request_or_user,
    action: AuditAction | str,
    obj_or_label: models.Model | str,
    *,
    description: str = "",
    endpoint: str = "",
    object_type: str = "",
    object_id: str = "",
    shown: Iterable[models.Model] = (),
    account=None,
) -> AuditEntry:
    """Append one entry: who (from the request or user), did what, to which object or data.

    `obj_or_label` is a model instance (its type and id are kept) or a label for data that is no
    single object ("signalen Enschede oktober 2026"). With a request the page and IP are kept too.
    `shown` (and what the request noted with `note_shown`) are the objects a list or download
    held. `account` is who the entry names when no one is logged in but the request is about
    one account (its log-in locked, a new password asked for or set by mail): the officer of
    its municipality finds it under its username, with the page and IP of the request.
    """
    # A Django or REST framework request (both carry META); anything else is the user.
    request = request_or_user if hasattr(request_or_user, "META") else None
    user = account or (request.user if request is not None else request_or_user)
    entry = AuditEntry(action=action, endpoint=endpoint, **_who(user), **_what(obj_or_label))
    entry.description = description or entry.description
    if object_type:
        entry.object_type, entry.object_id = object_type, object_id
    if request is not None:
        endpoint = endpoint or request.get_full_path()
        entry.ip_address = request.META.get("REMOTE_ADDR") or None
    # A text typed in the page's query (a klantnummer, a postcode, what the officer searched
    # the log for) may single out a resident: it goes in the description, which retention
    # erases after the signal term (privacy.search_text_erasure), never in the page.
    entry.description = with_typed_texts(entry.description, typed_in(endpoint))
    entry.endpoint = page_without_search_text(endpoint)[:300]
    shown = _shown_ids([*_rows(shown), *getattr(_django_request(request), "audit_shown", ())])
    if entry.municipality_id is None:
        entry.municipality_id = getattr(user, "municipality_id", None)
    if entry.municipality_id is None and entry.object_type:
        # Someone of no municipality (creditor staff, an API key, a project leader): the entry
        # is about the municipality of the data, so that municipality's officer sees it.
        entry.municipality_id = municipalities_of(entry.object_type, [entry.object_id]).get(
            entry.object_id
        )
    parts = _per_municipality(entry, shown)
    # All parts and what they showed, or none: a download of thousands of signals is a few
    # bulk inserts, not a query per signal.
    with transaction.atomic(using=AUDIT_DB):
        AuditEntry.objects.using(AUDIT_DB).bulk_create([part for part, _ in parts])
        AuditShownObject.objects.using(AUDIT_DB).bulk_create(
            (
                AuditShownObject(entry=part, object_type=object_type, object_id=object_id)
                for part, part_shown in parts
                for object_type, ids in part_shown.items()
                for object_id in ids
            ),
            batch_size=_IDS_PER_QUERY,
        )
    if request is not None:
        # The audit middleware then knows this request is recorded.
        _django_request(request).audited = True
    return parts[0][0]


def note_shown(request, objects: Iterable[models.Model] | models.QuerySet) -> None:
    """Name the signals or meldingen a list page or download shows; the page's entry (written
    by the view's own `record` or by the audit middleware) keeps them."""
    target = _django_request(request)
    target.audit_shown = [*getattr(target, "audit_shown", ()), *_rows(objects)]


def note_unchanged(request) -> None:
    """Say that this POST changed nothing though it redirects: an action refused with a message
    goes back to the page it came from. The audit middleware then records it as Bekeken, as it
    does a form sent back with its errors, not as Gewijzigd."""
    _django_request(request).audit_unchanged = True


# A shown object: its type, its id, and its municipality when known without asking (else None).
_Row = tuple[str, str, int | None]
# The objects a list showed: per type, each id once in the order shown, with its municipality.
_Shown = dict[str, dict[str, int | None]]


def _rows(objects: Iterable[models.Model] | models.QuerySet) -> list[_Row]:
    """(type, id, municipality) per object. A page of a list (a sliced queryset) is read as the
    page will show it, so the page reuses the rows instead of asking twice; a whole queryset (a
    download of every signal) is read for its ids and municipalities only, in one query."""
    if isinstance(objects, models.QuerySet) and not objects.query.is_sliced:
        object_type = objects.model._meta.label_lower
        lookup = municipality_lookup(object_type)
        if lookup is None:
            return [(object_type, str(pk), None) for pk in objects.values_list("pk", flat=True)]
        return [(object_type, str(pk), found) for pk, found in objects.values_list("pk", lookup)]
    return [
        (obj._meta.label_lower, str(obj.pk), getattr(obj, "municipality_id", None))
        for obj in objects
    ]


def _django_request(request):
    """A REST framework request wraps Django's, which is the one the middleware sees."""
    return getattr(request, "_request", request)


def _shown_ids(rows: Iterable[_Row]) -> _Shown:
    """The ids per type, each once, in the order shown."""
    shown: _Shown = {}
    for object_type, object_id, municipality in rows:
        ids = shown.setdefault(object_type, {})
        ids[object_id] = ids.get(object_id) or municipality
    return shown


def _per_municipality(entry: AuditEntry, shown: _Shown) -> list[tuple[AuditEntry, dict]]:
    """The entry with what it showed (type → ids), or, when it belongs to no municipality yet
    (someone of no municipality, about no object of one), one entry per municipality of the
    objects shown: a creditor's list of signals of Enschede and Hengelo is a part for each, with
    that municipality's objects and their number, at the same moment (`one_read`). Objects of no
    municipality stay on a part of none."""
    if entry.municipality_id is not None or not shown:
        entry.shown = _shown_summary(shown)
        return [(entry, {object_type: list(ids) for object_type, ids in shown.items()})]
    by_municipality: dict[int | None, dict[str, list[str]]] = {}
    for object_type, ids in shown.items():
        # Only what the list did not carry (an object named by its id alone) is looked up.
        unknown = [object_id for object_id, municipality in ids.items() if municipality is None]
        looked_up = municipalities_of(object_type, unknown) if unknown else {}
        for object_id, municipality in ids.items():
            municipality = municipality or looked_up.get(object_id)
            part = by_municipality.setdefault(municipality, {})
            part.setdefault(object_type, []).append(object_id)
    # Each part names its municipality: parts of one read share moment, user and page, and
    # would otherwise read as the same line twice (QA13 N7). Copied as text, as the user is.
    names = dict(Municipality.objects.filter(pk__in=by_municipality).values_list("pk", "name"))
    parts = []
    for municipality, part_shown in by_municipality.items():
        part = _copy(entry)
        part.municipality_id = municipality
        part.shown = _shown_summary(part_shown, names.get(municipality, ""))
        parts.append((part, part_shown))
    return parts


def _copy(entry: AuditEntry) -> AuditEntry:
    """An unsaved copy of an unsaved entry, with the same moment."""
    fields = entry._meta.concrete_fields
    return AuditEntry(**{f.attname: getattr(entry, f.attname) for f in fields if not f.primary_key})


def one_read(entry: AuditEntry) -> tuple:
    """What the parts of one read have in common, and two reads never do: the same user at the
    same moment on the same page. A resident whose signals of two municipalities one list
    showed is on two parts, which are one consultation."""
    return (entry.username, entry.created_at, entry.endpoint)


def _shown_summary(shown: dict, municipality: str = "") -> str:
    """'25 meldingen', '1 signaal', '28 signalen, gemeente Enschede': what the list held (of
    which municipality, for a part of a read), as the audit log's Gegevens column shows it."""
    parts = []
    for object_type, ids in shown.items():
        meta = apps.get_model(object_type)._meta
        name = meta.verbose_name if len(ids) == 1 else meta.verbose_name_plural
        parts.append(f"{len(ids)} {name}")
    if municipality:
        parts.append(f"gemeente {municipality}")
    return ", ".join(parts)[:120]


_IDS_PER_QUERY = 900  # well below SQLite's limit on query parameters
SYSTEM_USERNAME = "(systeem)"  # who an entry names when no one was logged in (a scheduled job)


def municipality_lookup(object_type: str) -> str | None:
    """How an object of `object_type` ('intake.signal') reaches its municipality: its own
    `municipality` or its melding's; None for data of no single municipality (a delivery)."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return None
    names = {field.name for field in model._meta.concrete_fields}
    if "municipality" in names:
        return "municipality_id"
    if "melding" in names:
        return "melding__municipality_id"
    return None


def municipalities_of(object_type: str, object_ids: Iterable[str]) -> dict[str, int]:
    """The municipality id per object id (as text) of the objects that exist and have one."""
    lookup = municipality_lookup(object_type)
    ids = sorted({int(object_id) for object_id in object_ids if str(object_id).isdigit()})
    if lookup is None:
        return {}
    manager = apps.get_model(object_type)._default_manager
    found = {}
    for start in range(0, len(ids), _IDS_PER_QUERY):
        objects = manager.filter(pk__in=ids[start : start + _IDS_PER_QUERY])
        found |= {str(pk): municipality for pk, municipality in objects.values_list("pk", lookup)}
    return found


def _who(user) -> dict:
    if user is None or not getattr(user, "is_authenticated", False):
        return {"username": SYSTEM_USERNAME}
    organisation = getattr(user, "organisation", None) or getattr(user, "creditor", None)
    return {
        "user_id": user.pk if isinstance(user.pk, int) else None,
        "username": str(user.get_username() if hasattr(user, "get_username") else user)[:150],
        "role": getattr(user, "role", "") or "",
        "organisation": str(organisation or "")[:200],
    }


def _what(obj_or_label) -> dict:
    if isinstance(obj_or_label, models.Model):
        meta = obj_or_label._meta
        return {
            "object_type": meta.label_lower,
            "object_id": str(obj_or_label.pk),
            "description": str(meta.verbose_name),
            "municipality_id": getattr(obj_or_label, "municipality_id", None),
        }
    return {"description": str(obj_or_label)}


def search(
    entries: models.QuerySet[AuditEntry],
    *,
    who: str = "",
    what: str = "",
    action: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> models.QuerySet[AuditEntry]:
    """Entries whose user matches `who`, whose data matches `what` (type, id, description, page,
    or the text the Gegevens column shows: 'melding VS-7941', also typed 'vs 7941' or as before
    'melding 7941'), with `action`, in a date range (inclusive)."""
    if who:
        entries = entries.filter(username__icontains=who)
    if what:
        entries = entries.filter(
            models.Q(object_type__icontains=what)
            | models.Q(object_id=what)
            | models.Q(description__icontains=what)
            | models.Q(endpoint__icontains=what)
            | _named_object(what)
            | _melding_by_kenmerk(what)
        )
    if action:
        entries = entries.filter(action=action)
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    return entries


def _melding_by_kenmerk(text: str) -> models.Q:
    """'VS-7941', 'vs 7941', 'melding VS-7941': the entries about the melding with that
    kenmerk, also a list, download or print batch that held it (as `about` finds them)."""
    number = kenmerk.number_in(text)
    if number is None:
        return models.Q(pk__in=[])
    return _about({MELDING: {str(int(number))}})


def _named_object(text: str) -> models.Q:
    """'melding 7941' or 'Aanlevering 132' (a type's name and an id) as type and id."""
    match = re.fullmatch(r"\s*(.+?)\s+(\d+)\s*", text)
    if match is None:
        return models.Q(pk__in=[])
    name, object_id = match[1].lower(), match[2]
    types = [
        model._meta.label_lower
        for model in apps.get_models()
        if str(model._meta.verbose_name).lower() == name
    ]
    return models.Q(object_type__in=types, object_id=object_id)


def about(
    entries: models.QuerySet[AuditEntry], objects: dict[str, set[str]]
) -> models.QuerySet[AuditEntry]:
    """Entries about any of `objects` (type → ids): who looked at one resident's data."""
    return entries.filter(_about(objects))


def _about(objects: dict[str, set[str]]) -> models.Q:
    condition = models.Q(pk__in=[])
    for object_type, ids in objects.items():
        condition |= models.Q(object_type=object_type, object_id__in=sorted(ids))
        # A list page or download that showed the object (on the audit database too).
        shown = AuditShownObject.objects.filter(object_type=object_type, object_id__in=sorted(ids))
        condition |= models.Q(pk__in=shown.values("entry_id"))
    return condition


EXPORT_HEADER = [
    "tijdstip",
    "gebruiker",
    "rol",
    "organisatie",
    "handeling",
    "soort gegevens",
    "id",
    "omschrijving",
    "getoond in de lijst",
    "pagina of endpoint",
    "IP-adres",
]


def export_rows(entries: Iterable[AuditEntry]) -> Iterable[list]:
    """One CSV row per entry, in the order of EXPORT_HEADER (times in Dutch local time)."""
    for entry in entries:
        yield [
            timezone.localtime(entry.created_at).strftime("%d-%m-%Y %H:%M:%S"),
            entry.username,
            entry.role_label,
            entry.organisation,
            entry.get_action_display(),
            entry.object_type,
            entry.object_id,
            entry.readable_description,
            entry.shown,
            entry.endpoint,
            entry.ip_address or "",
        ]
