"""Every field the beheeromgeving shows has a Dutch label.

The functional administrator works in the Django admin (the beheeromgeving), which labels
columns, filters and form fields with each field's verbose_name and names each section with the
model's Meta.verbose_name(_plural). Without an explicit verbose_name Django derives it from the
Python name ("created_at" → "created at", class ``HeropafCheck`` → "heropaf check"), which is
English. This test checks every model of our own apps (``vroegsignaal.*``).
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.utils.text import camel_case_to_spaces
from django.utils.translation import override

# Field names whose Django default label (the name with underscores as spaces) is already the
# right Dutch word, so an explicit verbose_name would only repeat it. Keep this list short: an
# English name never belongs here.
DUTCH_AS_IS = {
    # The Dutch (and DDAS) word for a postal code (PostcodeArea, Melding, the reference lists).
    "postcode",
    # Used unchanged in Dutch ("de status van de aanlevering"); the choices are Dutch.
    "status",
    # The glossary's own term (melding / vroegsignaalzaak): the foreign keys to Melding are
    # named in Dutch on purpose.
    "melding",
    # Dutch as is: a werkbakje's team (organisations.Team is "team" too).
    "team",
    # Dutch as is: the municipality's logo on the letterhead.
    "logo",
    # Dutch as is: a vastelastenpartner's short code (Creditor.code, in URLs and file paths).
    "code",
}


def _own_models():
    for config in apps.get_app_configs():
        if config.name.startswith("vroegsignaal."):
            yield from config.get_models()


def _shown_fields(model):
    """Concrete fields and the many-to-many fields declared on the model (not reverse
    relations), without the automatic primary key."""
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue  # reverse relation: shown on the other model, under that model's label
        if not (field.concrete or field.many_to_many):
            continue
        if field.auto_created and field.primary_key:
            continue  # automatic "id"
        yield field


FIELDS = [
    pytest.param(field, id=f"{model._meta.label}.{field.name}")
    for model in _own_models()
    for field in _shown_fields(model)
]
MODELS = [pytest.param(model, id=model._meta.label) for model in _own_models()]


def test_the_rule_covers_models_of_every_own_app():
    labels = {model._meta.app_label for model in _own_models()}
    assert {"organisations", "intake", "matching", "casework", "letters", "privacy"} <= labels


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_the_beheeromgeving_shows_has_a_dutch_label(field):
    default = field.name.replace("_", " ")
    # Django's own fields on our User (AbstractUser) have translatable labels: checked with the
    # Dutch translation active ("gebruikersnaam", "wachtwoord").
    with override("nl"):
        label = str(field.verbose_name)
    assert label != default or field.name in DUTCH_AS_IS, (
        f"{field.model._meta.label}.{field.name} has Django's default label {label!r}; "
        "give it a Dutch verbose_name (see docs/glossary.md)"
    )


@pytest.mark.parametrize("field", FIELDS)
def test_dutch_labels_start_with_a_lower_case_letter(field):
    """Django capitalises the first letter itself where a label starts a sentence."""
    with override("nl"):
        label = str(field.verbose_name)
    first_word = label.split(" ")[0]
    # Abbreviations and names (BSN, SHA-256, API-sleutel, IP-adres, WhatsApp-nummer) stay as
    # they are written: they have a capital after the first letter.
    written_as_a_name = any(letter.isupper() for letter in first_word[1:])
    assert not label[0].isupper() or written_as_a_name, label


def test_the_allow_list_holds_only_names_that_still_need_it():
    """A name on DUTCH_AS_IS that no field uses with its default label is stale."""
    with override("nl"):
        used = {
            field.name
            for param in FIELDS
            for field in param.values
            if str(field.verbose_name) == field.name.replace("_", " ")
        }
    assert used >= DUTCH_AS_IS, DUTCH_AS_IS - used


@pytest.mark.parametrize("model", MODELS)
def test_every_model_has_an_explicit_dutch_name(model):
    meta = model._meta
    assert "verbose_name" in meta.original_attrs, (
        f"{meta.label} uses the class-name default {camel_case_to_spaces(meta.object_name)!r}"
    )
    assert "verbose_name_plural" in meta.original_attrs, (
        f"{meta.label} uses the default plural {meta.verbose_name_plural!r}"
    )


@pytest.mark.parametrize("model", MODELS)
def test_a_models_singular_name_is_not_its_plural(model):
    """The beheeromgeving's messages take the singular: 'De jaarcijfers ... is gewijzigd' (a
    plural with a singular verb) came from a singular written as the plural."""
    meta = model._meta
    assert meta.verbose_name != meta.verbose_name_plural, meta.label
