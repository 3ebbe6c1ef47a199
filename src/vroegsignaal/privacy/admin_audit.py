"""What the administrator does in the beheeromgeving, in the privacy officer's audit log.

Django keeps a history per object that only the beheeromgeving shows; the privacy officer reads
the audit log. Whoever gives an account a role, a municipality or a team, sets another user's
password, or changes a convenant (the legal basis for the data flow) answers for it there.
`AuditedAdmin` is mixed into every ModelAdmin by the project's admin site (web.admin_site), so a
new registration cannot forget it; each addition, change and deletion becomes an entry with
handeling "Beheer".

An entry names the object and the fields changed; for a field with a fixed set of values (a
choice, yes/no, a date or a number: role, municipality, team, active, superuser, a convenant's
dates) also the old and the new value. Free text (a name, an e-mail address)
is named, not copied, and a password never: "wachtwoord gezet". A form whose save did more than
its fields says so in `audit_notes` (a new password lifts a lock-out).

A ModelAdmin whose save is not the change its form shows says itself what to record, with a
method `audit_save(request, obj)`: (what was done, the parts), or None when the save stored
nothing. A policy is such a case: each save stores a new version, described against the version
it replaces (`matching.policy_changes`), or none when nothing changed. `AuditedAdmin` comes first
in the class order, so it leaves the method undefined instead of hiding the ModelAdmin's.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db import models
from django.utils.choices import flatten_choices

from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction

EMPTY = "leeg"
# Fields whose values say what access or rule was set; other fields are only named.
VALUE_FIELDS = (
    forms.ChoiceField,  # also a related object (ModelChoiceField) and several of them
    forms.BooleanField,
    forms.DateField,
    forms.IntegerField,
    forms.DecimalField,
)


def _shown(field: forms.Field, value) -> str:
    """`value` of `field` as the form showed it: a role's label, a municipality's name."""
    if value in (None, "") or value == []:
        return EMPTY
    if isinstance(field, forms.ModelMultipleChoiceField):
        chosen = field.queryset.model._default_manager.filter(
            pk__in=[getattr(item, "pk", item) for item in value]
        )
        return ", ".join(sorted(str(item) for item in chosen)) or EMPTY
    if isinstance(field, forms.ModelChoiceField):
        if not isinstance(value, models.Model):
            value = field.queryset.model._default_manager.filter(pk=value).first() or value
        return str(value)
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): str(label) for key, label in flatten_choices(field.choices)}
        values = value if isinstance(value, list | tuple) else [value]
        return ", ".join(labels.get(str(item), str(item)) for item in values)
    if isinstance(field, forms.BooleanField):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def change_part(label: str, old: str | None, new: str) -> str:
    """'Rol: Uitvoerder → Meldpunt / intake'; for something added (`old` None): 'Rol: Uitvoerder'."""
    return f"{label}: {new}" if old is None else f"{label}: {old} → {new}"


def form_changes(form: forms.BaseForm, *, added: bool) -> list[str]:
    """What `form` changed: 'Rol: Uitvoerder → Functioneel beheerder', 'Voornaam', ...; after
    the save (the form still holds the old values as its initial data)."""
    with_values, named, password = [], [], False
    for name in form.changed_data:
        if "password" in name:
            password = True
            continue
        field = form.fields.get(name)
        if field is None:
            continue
        label = str(field.label or name)
        if not isinstance(field, VALUE_FIELDS):
            named.append(label)
            continue
        old = None if added else _shown(field, form[name].initial)
        with_values.append(change_part(label, old, _shown(field, form.cleaned_data.get(name))))
    parts = [*with_values, *(["ook " + ", ".join(named)] if named else [])]
    if password:
        account = getattr(form, "user", None) or form.instance
        parts.append(
            "wachtwoord gezet" if account.has_usable_password() else "inloggen met wachtwoord uit"
        )
    # What the form's save did besides its fields ("blokkade ... opgeheven").
    return [*parts, *getattr(form, "audit_notes", [])]


def _name(obj: models.Model) -> str:
    return f"{obj._meta.verbose_name} {obj}"


def _describe(obj: models.Model, done: str, parts: list[str]) -> str:
    return f"{_name(obj)} {done}" + (f": {'; '.join(parts)}" if parts else "")


class AuditedAdmin:
    """ModelAdmin mixin: every add, change and delete in the beheeromgeving in the audit log."""

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        # Called after the save and right before log_addition/log_change (also by the
        # password page and the editable list): the form still knows the old values.
        request._admin_changes = form_changes(form, added=add)
        for formset in formsets or []:
            _record_inline_changes(request, formset)
        return message

    def log_addition(self, request, obj, message):
        self._record_save(request, obj, "toegevoegd", [])
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        # A change without a form (an admin action) passes its own words as the message.
        self._record_save(
            request, obj, "gewijzigd", [message] if isinstance(message, str) and message else []
        )
        return super().log_change(request, obj, message)

    def _record_save(self, request, obj, done: str, without_form: list[str]) -> None:
        parts = request.__dict__.pop("_admin_changes", None)
        own_words = getattr(self, "audit_save", None)
        if own_words is not None:
            said = own_words(request, obj)
            if said is None:
                return
            done, parts = said
        if done == "gewijzigd" and parts == [] and not without_form:
            # Saved through a form without changing a field: nothing for the FG to read (an
            # inline's own changes are entries of their own).
            return
        _record(request, obj, done, without_form if parts is None else parts)

    def log_deletions(self, request, queryset):
        # Called before the deletion: the object still knows its municipality.
        for obj in queryset:
            _record(request, obj, "verwijderd", [])
        return super().log_deletions(request, queryset)


def _record(request, obj: models.Model, done: str, parts: list[str], **object_key) -> None:
    audit.record(
        request, AuditAction.ADMIN, obj, description=_describe(obj, done, parts), **object_key
    )


def _record_inline_changes(request, formset) -> None:
    """One entry per row of an inline (a convenant on a partner's page) added, changed or
    deleted, about that row: a convenant with Almelo reaches Almelo's officer."""
    form_of = {id(form.instance): form for form in formset.forms}
    for obj in formset.new_objects:
        _record(request, obj, "toegevoegd", form_changes(form_of[id(obj)], added=True))
    for obj, _fields in formset.changed_objects:
        _record(request, obj, "gewijzigd", form_changes(form_of[id(obj)], added=False))
    for obj in formset.deleted_objects:
        # Deleted by now (its pk is gone): the row's id comes from the form.
        form = form_of[id(obj)]
        pk_name = obj._meta.pk.name
        value = form[pk_name].value() if pk_name in form.fields else None
        object_id = str(getattr(value, "pk", value) or "")
        key = {"object_type": obj._meta.label_lower, "object_id": object_id}
        _record(request, obj, "verwijderd", [], **key)
