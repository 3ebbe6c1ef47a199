"""The werkbakjes rules in the policy form: a row of fields per rule, in order, instead of JSON.

`RulesFormSet` is a Django formset of `RuleForm`s: a row per rule of the document (the first rule
whose condition holds decides the werkbakje), then a few empty rows to add a rule. "Volgorde" (a
number per row: lower comes first, empty last) reorders the rules and "Verwijderen" drops one, so
the page needs no JavaScript. A row's fields are the parts of the engine's `RoutingRule` and its
`RouteCondition`; each row is checked by the engine's `rule_problems`, each message at the field it
concerns and named after the row at the top of the page ("Regel 2, termijn (dagen): ..."), then
the rules together: a name used before is refused at the later rule's name
(`duplicate_rule_names`), then whatever else `Policy.from_dict` finds in the rules as a whole.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME

from vroegsignaal.dutch_numbers import dutch_amount
from vroegsignaal.matching.engine.policy import (
    duplicate_rule_names,
    rule_from_dict,
    rule_problems,
)
from vroegsignaal.matching.engine.vocabulary import CONTACT_KINDS, FLAGS, PARTNER_TYPES
from vroegsignaal.matching.policy_values import NO_MINIMUM, parse_euros, policy_problems

RULES_PREFIX = "regel"
EXTRA_ROWS = 3
RULE_PARTS = ("name", "queue", "first_contact_channel", "term_days")
CONTACT_CHOICES = [("", "---------"), *((kind, kind) for kind in CONTACT_KINDS)]
FLAG_LABELS = {
    "enkelvoudig": "Enkelvoudig (één signaal op het adres)",
    "meervoudig": "Meervoudig (meer signalen op het adres)",
    "opeenvolgend": "Opeenvolgend (ook een signaal in de zes maanden ervoor)",
    "crisis": "Crisissignaal",
    "warme_overdracht": "Warme overdracht",
}
# The fields of a row as the page shows them: one line each, the second field of a line beside
# the first.
RULE_LINES = (
    ("name", "queue"),
    ("first_contact_channel", "term_days"),
    ("flags",),
    ("partner_types",),
    ("min_amount",),
    ("max_age",),
    ("postcode_prefixes",),
    (ORDERING_FIELD_NAME, DELETION_FIELD_NAME),
)

# A werkbakje's field offers the werkbakjes that exist (the page's <datalist>, see
# `matching.new_queues`): a typo in a name makes a new werkbakje without a team.
QUEUE_NAMES_ID = "werkbakjes"
QUEUE_INPUT = forms.TextInput(attrs={"list": QUEUE_NAMES_ID, "autocomplete": "off"})

# A postcode area (7511, 7511AB) or a shorter start of one (75).
_POSTCODE_START = re.compile(r"[1-9]\d{0,3}|[1-9]\d{3}[A-Z]{1,2}")


# A part whose field was refused (or left empty) stands in the engine's check of the rest as a
# value it accepts, so that its field's own message is not followed by the engine's about it.
_NEUTRAL_PARTS = {
    "queue": "-", "first_contact_channel": CONTACT_KINDS[0], "term_days": 1,
    "flags": [], "min_amount": None, "partner_types": [], "max_age": None,
    "postcode_prefixes": [],
}  # fmt: skip


# The row's field of each part of the engine's rule that has another name.
_FIELD_OF_PART = {"min_amount_cents": "min_amount"}


def _as_rule(data: dict[str, Any]) -> dict[str, Any]:
    """A row's cleaned values as the engine's rule document."""
    return {part: data[part] for part in RULE_PARTS} | {
        "condition": {
            "flags": data["flags"],
            "min_amount_cents": data["min_amount"],
            "partner_types": data["partner_types"],
            "max_age": data["max_age"],
            "postcode_prefixes": data["postcode_prefixes"],
        }
    }


def rule_title(number: int) -> str:
    """How the page and the messages name the row: 'Regel 2'."""
    return f"Regel {number}"


def rule_rows(rules: list[dict]) -> list[dict[str, Any]]:
    """A row's values per rule of a canonical document (`Policy.to_dict`)."""
    rows = []
    for rule in rules:
        condition = rule.get("condition") or {}
        cents = condition.get("min_amount_cents")
        rows.append(
            {part: rule[part] for part in RULE_PARTS}
            | {
                "flags": list(condition.get("flags", [])),
                "min_amount": "" if cents is None else dutch_amount(cents),
                "partner_types": list(condition.get("partner_types", [])),
                "max_age": condition.get("max_age"),
                "postcode_prefixes": ", ".join(condition.get("postcode_prefixes", [])),
            }
        )
    return rows


def parse_postcode_starts(text: str) -> list[str]:
    """'7511, 7512 ab; 75' -> ['7511', '7512AB', '75'], written as the meldingen store them."""
    starts = []
    for written in filter(None, (part.strip() for part in re.split(r"[,;]", text))):
        start = re.sub(r"\s+", "", written).upper()
        if not _POSTCODE_START.fullmatch(start):
            raise forms.ValidationError(
                f"'{written}' is geen begin van een postcode. Geef postcodegebieden gescheiden "
                "door komma's, bijvoorbeeld 7511, 7512 of 7511 AB."
            )
        starts.append(start)
    return starts


def _checkboxes(label: str, choices, help_text: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        choices=choices,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "radiolist inline"}),
    )


class RuleForm(forms.Form):
    """One werkbakjes rule; `number` is its row on the page (1 for the first; None for the
    formset's unused `empty_form`)."""

    name = forms.CharField(label="Naam")
    queue = forms.CharField(label="Werkbakje", widget=QUEUE_INPUT)
    first_contact_channel = forms.ChoiceField(label="Eerste contactsoort", choices=CONTACT_CHOICES)
    term_days = forms.IntegerField(label="Termijn (dagen)")
    flags = _checkboxes(
        "Kenmerken",
        [(flag, FLAG_LABELS[flag]) for flag in FLAGS],
        "De melding heeft alle aangevinkte kenmerken.",
    )
    partner_types = _checkboxes(
        "Soorten signaalpartner",
        [(partner, partner) for partner in PARTNER_TYPES],
        "De melding heeft een signaal van ten minste één aangevinkte soort.",
    )
    min_amount = forms.CharField(
        label="Minimaal totaalbedrag (€)",
        required=False,
        help_text="Het totaalbedrag van de melding is ten minste zoveel; in euro's met een komma, "
        "bijvoorbeeld 1.000,00. Leeg: geen minimum.",
    )
    max_age = forms.IntegerField(
        label="Leeftijd ten hoogste (jaren)",
        required=False,
        help_text="Ten minste één persoon van de melding is niet ouder. Leeg: geen grens.",
    )
    postcode_prefixes = forms.CharField(
        label="Postcodegebieden",
        required=False,
        help_text="De postcode begint met een van deze, gescheiden door komma's, bijvoorbeeld "
        "7511, 7512 of 7511 AB. Leeg: elke postcode.",
    )

    def __init__(self, *args, number: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.number = number
        self.title = rule_title(number)

    def clean_flags(self) -> list[str]:
        return [flag for flag in FLAGS if flag in self.cleaned_data["flags"]]

    def clean_partner_types(self) -> list[str]:
        return [p for p in PARTNER_TYPES if p in self.cleaned_data["partner_types"]]

    def clean_min_amount(self) -> int | None:
        text = self.cleaned_data["min_amount"].strip()
        return None if text.lower() in ("", NO_MINIMUM) else parse_euros(text)

    def clean_postcode_prefixes(self) -> list[str]:
        return parse_postcode_starts(self.cleaned_data["postcode_prefixes"])

    def clean(self):
        cleaned = super().clean()
        # The engine's checks (a term of at least a day, an age not below zero) run beside the
        # fields' own, also when another field of the row was refused: every problem of a row
        # shows in one round, each at its field. A row without a name is named by its title.
        neutral = _NEUTRAL_PARTS | {"name": self.title}
        rule = rule_from_dict(_as_rule(neutral | cleaned))
        for part, message in rule_problems(rule):
            self.add_error(_FIELD_OF_PART.get(part, part), message)
        return cleaned

    def rule(self) -> dict[str, Any]:
        """The rule as the engine reads it (from a valid row)."""
        return _as_rule(self.cleaned_data)

    def problems(self) -> list[str]:
        """This row's messages, each naming the row (and the field it concerns)."""
        messages = list(self.non_field_errors())
        for name, errors in self.errors.items():
            if name != NON_FIELD_ERRORS:
                where = f"{self.title}, {self.fields[name].label.lower()}"
                messages += [f"{where}: {message}" for message in errors]
        return messages


class BaseRulesFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        return {"number": None if index is None else index + 1}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        order = form.fields[ORDERING_FIELD_NAME]
        order.label = "Volgorde"
        order.help_text = "Lager komt eerder; 0 zet een regel vóór regel 1. Leeg: achteraan."
        if DELETION_FIELD_NAME in form.fields:
            form.fields[DELETION_FIELD_NAME].label = "Verwijderen"

    def clean(self):
        if not self.is_valid():
            return
        # A repeated name is the later rule's problem: at its name, so the top of the page
        # names its row like any other rule's message ("Regel 2, naam: ...").
        ordered = self.ordered_forms
        for position, message in duplicate_rule_names(
            [rule_from_dict(form.rule()) for form in ordered]
        ):
            ordered[position].add_error("name", message)
        if self.is_valid():
            messages = policy_problems({"routing_rules": self.rules()})
            if messages:
                raise forms.ValidationError(messages)

    def rules(self) -> list[dict[str, Any]]:
        """The rules in their order, without the deleted and empty rows (of a valid formset)."""
        return [form.rule() for form in self.ordered_forms]

    def problems(self) -> list[str]:
        """Every message about the rules, each naming its row: for the top of the page."""
        messages = list(self.non_form_errors())
        for form in self.forms:
            if not self._should_delete_form(form):
                messages += form.problems()
        return messages


RulesFormSet = forms.formset_factory(
    RuleForm,
    formset=BaseRulesFormSet,
    extra=EXTRA_ROWS,
    can_order=True,
    can_delete=True,
    can_delete_extra=False,
)


def rules_formset(data: Any, rules: list[dict] | None) -> BaseRulesFormSet:
    """The rows of the policy form: bound to the submitted `data`, else showing `rules`."""
    return RulesFormSet(data, initial=rule_rows(rules or []), prefix=RULES_PREFIX)
