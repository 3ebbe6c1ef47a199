"""The beheerder's form for a matching policy: one field per setting instead of raw JSON.

The form turns its fields into the same document `Policy.from_dict` reads and
`matching.policies.save_policy` stores. An empty field leaves its key out of the document: for a
municipality the region's value then applies, for a region the engine's default (see
`matching.policies`). The fields of one key are filled in together: the windows per partner type
(`windows`), the priority weights (`weights`) and the standaardwerkbakje (`default_route`) are
each one key, so they are taken over or set as a whole. The werkbakjes rules are a row of fields
per rule (`matching.routing_form`); with the box "Eigen werkbakjesregels" they are one key too.

Every key is checked on its own by `Policy.from_dict`, so the engine's Dutch message shows at the
field (or rule) it concerns; the stored document is the canonical form (`Policy.to_dict`) of the
keys set.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms

from vroegsignaal.dutch_numbers import dutch_amount
from vroegsignaal.matching.engine.policy import WEIGHT_LABELS, Policy, PolicyError
from vroegsignaal.matching.engine.vocabulary import PARTNER_TYPES
from vroegsignaal.matching.models import PolicyVersion
from vroegsignaal.matching.new_queues import existing_queue_names
from vroegsignaal.matching.policies import canonical, latest_version
from vroegsignaal.matching.policy_values import (
    NO_MINIMUM,
    euro_text,
    parse_euros,
    policy_problems,
)
from vroegsignaal.matching.routing_form import (
    CONTACT_CHOICES,
    QUEUE_INPUT,
    RULE_PARTS,
    rules_formset,
)
from vroegsignaal.organisations.models import Municipality, Region

YES, NO = "ja", "nee"
BOOLEANS = ("exclude_business_contracts", "crisis_always_go")
COUNTS = ("minimum_signals_for_go", "repeat_months")
FILTER_FIELDS = (
    "minimum_amount",
    "exclude_business_contracts",
    "minimum_signals_for_go",
    "crisis_always_go",
    "repeat_months",
)
ROUTING_DESCRIPTION = (
    "De eerste regel waarvan de voorwaarde klopt, bepaalt het werkbakje, de eerste contactsoort "
    "en de termijn; een melding waarvoor geen regel klopt, gaat naar het standaardwerkbakje. "
    "Alle ingevulde delen van een voorwaarde moeten kloppen; een regel zonder voorwaarde past "
    "bij elke melding. Een crisismelding krijgt altijd de termijn van 3 werkdagen. Een nieuwe "
    "regel: vul een lege regel onderaan in (na opslaan staan er weer lege regels klaar); "
    "'Volgorde' verandert de volgorde, 'Verwijderen' haalt een regel weg."
)


def partner_prefix(partner_type: str) -> str:
    """Field-name prefix of a partner type's window: 'CAK Eigen bijdrage' -> 'window_cak_eigen_bijdrage'."""
    return "window_" + re.sub(r"[^a-z0-9]+", "_", partner_type.lower()).strip("_")


def initial_from(document: dict) -> dict[str, Any]:
    """Field values for a canonical document; a key it leaves out gives empty fields."""
    initial: dict[str, Any] = {}
    if "minimum_amount_cents" in document:
        cents = document["minimum_amount_cents"]
        initial["minimum_amount"] = NO_MINIMUM if cents is None else dutch_amount(cents)
    initial |= {key: YES if document[key] else NO for key in BOOLEANS if key in document}
    initial |= {key: document[key] for key in COUNTS if key in document}
    initial["default_window_own"] = "default_window" in document
    if "default_window" in document:
        initial |= _window_initial("default_window", document["default_window"])
    initial["windows_own"] = "windows" in document
    for partner, window in document.get("windows", {}).items():
        initial[f"{partner_prefix(partner)}_own"] = True
        initial |= _window_initial(partner_prefix(partner), window)
    initial |= {f"weight_{k}": v for k, v in document.get("weights", {}).items()}
    initial["routing_own"] = "routing_rules" in document
    initial["routing_rules"] = document.get("routing_rules", [])  # the rows of `form.routing`
    initial |= {
        f"route_{p}": document["default_route"][p]
        for p in RULE_PARTS
        if "default_route" in document
    }
    return initial


def _window_initial(prefix: str, window: dict) -> dict:
    return {f"{prefix}_min": window["min_days"], f"{prefix}_max": window["max_days"]}


def initial_for_owner(*, municipality_id: Any = None, region_id: Any = None) -> dict[str, Any]:
    """The add form's values: the owner's own settings of its newest version, the rest empty so
    they stay inherited (a municipality from its region, a region from the defaults)."""
    if _is_id(municipality_id) and Municipality.objects.filter(pk=municipality_id).exists():
        own = _latest_document(municipality_id=municipality_id)
        return {"municipality": municipality_id} | initial_from(canonical(own))
    if _is_id(region_id) and Region.objects.filter(pk=region_id).exists():
        regional = _latest_document(region_id=region_id)
        return {"region": region_id} | initial_from(canonical(regional))
    return initial_from({})


def initial_for_version(version: PolicyVersion) -> dict[str, Any]:
    """The change form's values: the settings the version itself sets."""
    return initial_from(canonical(version.document))


def _is_id(value: Any) -> bool:
    return str(value or "").isdigit()


def _latest_document(**owner) -> dict:
    latest = latest_version(**owner)
    return latest.document if latest else {}


def inherited_from(municipality_id: Any, region_id: Any) -> tuple[str | None, Policy | None]:
    """What an empty field means for this owner: (who gives the value, that policy)."""
    if _is_id(municipality_id):
        municipality = (
            Municipality.objects.select_related("region").filter(pk=municipality_id).first()
        )
        if municipality and municipality.region_id:
            regional = _latest_document(region_id=municipality.region_id)
            try:
                return f"de regio {municipality.region}", Policy.from_dict(regional)
            except PolicyError:
                # The region's version is refused by a newer check: no help text can say what
                # an empty field takes from it; the region's own page shows what to correct.
                return f"de regio {municipality.region}", None
        if municipality:
            return "de standaardwaarde", Policy()
    if _is_id(region_id):
        return "de standaardwaarde", Policy()
    return None, None


def _weight_fields() -> dict[str, forms.Field]:
    return {
        f"weight_{name}": forms.IntegerField(label=WEIGHT_LABELS[name], required=False)
        for name in WEIGHT_LABELS
    }


def _window_fields(prefix: str) -> dict[str, forms.Field]:
    return {
        f"{prefix}_min": forms.IntegerField(label="vanaf (dagen)", required=False),
        f"{prefix}_max": forms.IntegerField(label="tot en met (dagen)", required=False),
    }


def _partner_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for partner in PARTNER_TYPES:
        prefix = partner_prefix(partner)
        fields[f"{prefix}_own"] = forms.BooleanField(label=partner, required=False)
        fields |= _window_fields(prefix)
    return fields


def _yes_no(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, required=False, choices=[("", "Overnemen (leeg)"), (YES, "Ja"), (NO, "Nee")]
    )


# Windows and weights are many alike fields: generated, but declared (the admin's fieldsets
# may only name declared fields).
_GeneratedFields = type(
    "_GeneratedFields",
    (forms.Form,),
    _window_fields("default_window") | _partner_fields() | _weight_fields(),
)

FIELDSETS = [
    (
        "Voor wie",
        {
            "fields": ["municipality", "region"],
            # That saving makes a new version, the page's intro says (change_form.html).
            "description": "Kies een gemeente óf een regio. Bij een gemeente betekent een leeg "
            "veld: overnemen van de regio; bij een regio: de standaardwaarde.",
        },
    ),
    ("Filter", {"fields": list(FILTER_FIELDS)}),
    (
        "Vensters: ouderdom van de achterstand op de signaaldatum",
        {
            "description": "Vink een soort signaalpartner aan voor een eigen venster. Leeg bij "
            "'vanaf' of 'tot en met': geen grens. Een soort zonder eigen venster volgt het "
            "standaardvenster.",
            "fields": [
                "default_window_own",
                ("default_window_min", "default_window_max"),
                "windows_own",
                *[(f"{p}_own", f"{p}_min", f"{p}_max") for p in map(partner_prefix, PARTNER_TYPES)],
            ],
        },
    ),
    (
        "Weging van de prioriteit (punten)",
        {
            "description": "Vul alle wegingen in, of laat ze allemaal leeg om ze over te nemen.",
            "fields": [f"weight_{name}" for name in WEIGHT_LABELS],
        },
    ),
    # The admin's change form shows the rules (`routing_form`) after the fieldset with
    # "routing_own", before the standaardwerkbakje.
    ("Werkbakjes", {"description": ROUTING_DESCRIPTION, "fields": ["routing_own"]}),
    (
        "Standaardwerkbakje",
        {
            "description": "Voor elke melding waarvoor geen regel klopt.",
            "fields": [
                ("route_name", "route_queue"),
                ("route_first_contact_channel", "route_term_days"),
            ],
        },
    ),
]


class PolicyVersionForm(_GeneratedFields, forms.ModelForm):
    minimum_amount = forms.CharField(
        label="Minimumbedrag (€)",
        required=False,
        help_text=f"In euro's met een komma, bijvoorbeeld 75,00; '{NO_MINIMUM}' voor geen "
        "minimumbedrag.",
    )
    exclude_business_contracts = _yes_no("Zakelijke contracten uitsluiten")
    minimum_signals_for_go = forms.IntegerField(
        label="Minimum aantal signalen voor een go", required=False
    )
    crisis_always_go = _yes_no("Crisissignaal altijd een go")
    repeat_months = forms.IntegerField(
        label="Herhaalde melding binnen (maanden)",
        required=False,
        help_text="Een nieuw signaal binnen zoveel maanden na een eerdere melding is een "
        "herhaalde melding.",
    )
    default_window_own = forms.BooleanField(
        label="Eigen standaardvenster",
        required=False,
        help_text="Geldt voor elke soort zonder eigen venster. Aangevinkt zonder grenzen: geen "
        "grenzen; een ingevulde grens geldt ook zonder vinkje.",
    )
    windows_own = forms.BooleanField(
        label="Eigen vensters per soort",
        required=False,
        help_text="Aangevinkt: alleen de soorten hieronder met een eigen venster (of een "
        "ingevulde grens) hebben er een, de andere volgen het standaardvenster. Niet aangevinkt "
        "en niets ingevuld: overnemen.",
    )
    routing_own = forms.BooleanField(
        label="Eigen werkbakjesregels",
        required=False,
        help_text="Aangevinkt: de regels hieronder, ook als dat er geen zijn (dan gaat alles naar "
        "het standaardwerkbakje). Een ingevulde regel geldt ook zonder vinkje. Niet aangevinkt en "
        "geen regels: overnemen.",
    )
    route_name = forms.CharField(label="Standaardwerkbakje: naam", required=False)
    route_queue = forms.CharField(label="werkbakje", required=False, widget=QUEUE_INPUT)
    route_first_contact_channel = forms.ChoiceField(
        label="eerste contactsoort", required=False, choices=CONTACT_CHOICES
    )
    route_term_days = forms.IntegerField(label="termijn (dagen)", required=False)

    class Meta:
        model = PolicyVersion
        fields = ["municipality", "region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial |= initial_for_version(self.instance)
        self.routing = rules_formset(
            self.data if self.is_bound else None, self.initial.get("routing_rules")
        )
        source = self.data if self.is_bound else self.initial
        owner = (source.get("municipality"), source.get("region"))
        if not any(owner) and self.instance.pk:
            owner = (self.instance.municipality_id, self.instance.region_id)
        self._explain_empty(*inherited_from(*owner))
        municipality_id, region_id = (value if _is_id(value) else None for value in owner)
        self.queue_names = existing_queue_names(
            municipality_id=municipality_id, region_id=region_id
        )

    def _explain_empty(self, who: str | None, policy: Policy | None) -> None:
        """Help texts saying what an empty field means for this owner."""
        if policy is None:
            return  # no owner chosen yet: the 'Voor wie' block says what empty means
        values = {
            "minimum_amount": euro_text(policy.minimum_amount_cents),
            **{key: YES if getattr(policy, key) else NO for key in BOOLEANS},
            **{key: str(getattr(policy, key)) for key in COUNTS},
            "default_window_own": f"{policy.default_window.label()} dagen",
            "windows_own": "; ".join(f"{p} {w.label()}" for p, w in policy.windows) or "geen",
            **{f"weight_{k}": str(v) for k, v in vars(policy.weights).items()},
            "routing_own": ", ".join(rule.name for rule in policy.routing_rules) or "geen regels",
            "route_name": f"{policy.default_route.name} ({policy.default_route.first_contact_channel}, "
            f"{policy.default_route.term_days} dagen)",
        }
        for name, value in values.items():
            field = self.fields[name]
            note = f"Leeg: {who}, nu {value}."
            if name.endswith("_own"):
                note = f"Overnemen: {who}, nu {value}."
            field.help_text = f"{field.help_text} {note}".strip()

    def clean_minimum_amount(self) -> str:
        text = self.cleaned_data["minimum_amount"].strip()
        if text and text.lower() != NO_MINIMUM:
            self._check({"minimum_amount_cents": parse_euros(text)}, None)
        return text.lower() if text.lower() == NO_MINIMUM else text

    def clean(self):
        cleaned = super().clean()
        municipality, region = cleaned.get("municipality"), cleaned.get("region")
        if bool(municipality) == bool(region):
            # At the field: a field with an error leaves the model's own check constraint out
            # of the form's validation, which would add its text ('Beperking ... geschonden').
            # The settings are still checked, so that every problem shows in one round.
            self.add_error("region", "Kies een gemeente óf een regio, niet allebei." if region
                           else "Kies een gemeente óf een regio.")  # fmt: skip
        document = self._document(cleaned)
        if not self.errors:
            try:
                Policy.from_dict(document)
            except PolicyError as exc:
                raise forms.ValidationError(exc.messages) from exc
            cleaned["document"] = canonical(document)
        return cleaned

    def _document(self, data: dict) -> dict:
        """The policy document of the fields; each key checked, errors at its fields."""
        document: dict[str, Any] = {}
        amount = data.get("minimum_amount")
        if amount:
            document["minimum_amount_cents"] = None if amount == NO_MINIMUM else parse_euros(amount)
        document |= {key: data[key] == YES for key in BOOLEANS if data.get(key)}
        for key in COUNTS:
            if data.get(key) is not None:
                document[key] = self._check({key: data[key]}, key)
        default_window = self._window(data, "default_window")
        if default_window is not None:
            document["default_window"] = self._check(
                {"default_window": default_window}, "default_window_min"
            )
        windows = self._windows(data)
        if windows is not None:
            document["windows"] = windows
        weights = self._group(
            data, {k: f"weight_{k}" for k in WEIGHT_LABELS}, "Vul alle wegingen in"
        )
        if weights is not None:
            for key, value in weights.items():
                self._check({"weights": {key: value}}, f"weight_{key}")
            document["weights"] = weights
        route = self._group(
            data,
            {p: f"route_{p}" for p in RULE_PARTS},
            "Vul alle velden van het standaardwerkbakje in",
        )
        if route is not None:
            document["default_route"] = self._check({"default_route": route}, "route_term_days")
        rules = self._routing_rules(data)
        if rules is not None:
            document["routing_rules"] = rules
        return document

    def _check(self, part: dict, field: str | None):
        """`Policy.from_dict` on one key; its Dutch messages go to `field` (None: raise them)."""
        messages = policy_problems(part)
        if messages and field is None:
            raise forms.ValidationError(messages)
        if messages:
            self.add_error(field, messages)
        return next(iter(part.values()))

    def _routing_rules(self, data: dict) -> list[dict] | None:
        """The rules in their order when they are the owner's own (None: take them over).

        A rule's messages stay at its row; the top of the page lists them, naming the rows.
        """
        if not self.routing.is_valid():
            for message in self.routing.problems():
                self.add_error(None, message)
            return None
        rules = self.routing.rules()
        return rules if rules or data.get("routing_own") else None

    def _window(self, data: dict, prefix: str) -> dict | None:
        """A window when its 'eigen' box is ticked or a bound is filled in (else None)."""
        bounds = {"min_days": data.get(f"{prefix}_min"), "max_days": data.get(f"{prefix}_max")}
        own = data.get(f"{prefix}_own") or any(v is not None for v in bounds.values())
        return bounds if own else None

    def _windows(self, data: dict) -> dict | None:
        windows = {}
        for partner in PARTNER_TYPES:
            window = self._window(data, partner_prefix(partner))
            if window is not None:
                windows[partner] = window
                self._check({"windows": {partner: window}}, f"{partner_prefix(partner)}_min")
        return windows if windows or data.get("windows_own") else None

    def _group(self, data: dict, fields: dict[str, str], fill_in: str) -> dict | None:
        """A key made of several fields: all filled in, or all empty (None: take it over).

        A partly filled group is one problem: one message at its first empty field, naming the
        empty ones (None too, so that no incomplete part reaches the engine's checks).
        """
        values = {key: data.get(name) for key, name in fields.items()}
        empty = [name for key, name in fields.items() if values[key] in (None, "")]
        if not empty:
            return values
        if len(empty) < len(fields):
            labels = ", ".join(str(self.fields[name].label) for name in empty)
            self.add_error(
                empty[0],
                f"{fill_in}, of laat ze allemaal leeg om ze over te nemen. Nog leeg: {labels}.",
            )
        return None
