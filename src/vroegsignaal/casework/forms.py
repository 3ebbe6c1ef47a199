"""The casework forms. Each posts the melding version the user saw, so stale edits are refused.

``UtrechtForm`` gives every widget its NL Design System class and, after validation, marks
invalid fields with aria-invalid and aria-describedby pointing at the error text.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from vroegsignaal import dutch_numbers
from vroegsignaal.casework.access import chosen_beforehand, colleague_label, colleagues_of
from vroegsignaal.casework.assignment import who_can_see
from vroegsignaal.casework.contact import part_of_day
from vroegsignaal.casework.contradictions import CONFIRM_FIELD, Contradiction
from vroegsignaal.casework.dates import HANDOVER_PLANNED_DAYS
from vroegsignaal.casework.models import (
    SATISFACTION_MAX,
    SATISFACTION_MIN,
    BudgetLine,
    BudgetLineKind,
    Cause,
    HelpAnswer,
    LifeDomain,
    Plan,
    Provision,
    ProvisionStatus,
    ReferralKind,
    ResidenceCheckMethod,
    YesNoUnknown,
)
from vroegsignaal.casework.payments import payment_key
from vroegsignaal.casework.results import SATISFACTION_MESSAGE
from vroegsignaal.casework.worklist import FLAG_FIELDS, OUT_OF_SIGHT
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat, Signaalpartner
from vroegsignaal.dutch_text import listed
from vroegsignaal.intake.parsing import parse_amount_cents
from vroegsignaal.organisations.models import Creditor

_WIDGET_CLASSES = {
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
}
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def _style(field: forms.Field) -> forms.Field:
    field.widget.attrs.setdefault("class", _WIDGET_CLASSES.get(type(field.widget), _TEXTBOX))
    _name_in_messages(field)
    return field


_FEW_CHOICES = 4
_DJANGO_REQUIRED = str(forms.Field.default_error_messages["required"])


def _field_name(field: forms.Field) -> str:
    """How a message names ``field``: its label without '?' or a unit in brackets."""
    return str(field.label).rstrip("?").split(" (")[0]


def required_message(field: forms.Field) -> str:
    """What to say when ``field`` is left empty, named by its label: 'Datum gesprek: vul de
    datum in.', 'Problematische schulden: kies Ja, Nee of Onbekend.'."""
    name = _field_name(field)
    if isinstance(field, forms.ModelChoiceField):  # its choices are a query, set later
        return f"{name}: kies er een uit de lijst."
    if isinstance(field, forms.ChoiceField):
        labels = [str(label) for value, label in field.choices if value != ""]
        if 0 < len(labels) <= _FEW_CHOICES:
            return f"{name}: kies {listed(labels, 'of')}."
        return f"{name}: kies er een uit de lijst."
    if isinstance(field, forms.DateField):
        return f"{name}: vul de datum in."
    if isinstance(field, forms.TimeField):
        return f"{name}: vul de tijd in."
    return f"{name}: vul dit veld in."


def _name_in_messages(field: forms.Field) -> None:
    # Django's own 'Dit veld is vereist.' and 'Voer een geldige datum in.' do not say which
    # field; a message a field was given in its own words stays.
    if field.widget.is_hidden:
        return
    if str(field.error_messages.get("required")) == _DJANGO_REQUIRED:
        field.error_messages["required"] = required_message(field)
    name = _field_name(field)
    if isinstance(field, forms.DateField):
        field.error_messages["invalid"] = f"{name}: vul een bestaande datum in, zoals 24-11-2026."
    elif isinstance(field, forms.TimeField):
        field.error_messages["invalid"] = f"{name}: vul een tijd in, zoals 10:15."


_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Under the free texts a resident reads when she asks what is held about her (inzageverzoek):
# the caseworker should know before typing something about someone else.
RESIDENT_READS = "Een inwoner die om inzage in het dossier vraagt, kan deze tekst lezen."


class UtrechtForm(forms.Form):
    """A form whose widgets carry Utrecht classes and accessible error links, and whose fields
    say in Dutch which field is empty or wrong (``required_message``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _style(field)

    def add_field(self, name: str, field: forms.Field) -> None:
        """Add a field built at run time (one per provision or creditor), styled like the rest."""
        self.fields[name] = _style(field)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-fout"


class VersionedForm(UtrechtForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


def _yes_no(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("ja", "Ja"), ("nee", "Nee")],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )


AMOUNT_FILTER_MESSAGE = (
    "Achterstand vanaf: geef een bedrag in euro's, bijvoorbeeld 3.000 of 3.000,00."
)


class WorklistFilterForm(UtrechtForm):
    # A value not on offer (an old link, another team's werkbakje, a typed URL) is refused in
    # Dutch naming the filter; the list then shows the meldingen without that filter.
    werkbakje = forms.ChoiceField(
        label="Werkbakje",
        required=False,
        error_messages={
            "invalid_choice": "Werkbakje: dit werkbakje bestaat niet of hoort niet bij uw team; "
            "de lijst toont alle werkbakjes die u mag zien."
        },
    )
    postcode = forms.CharField(
        label="Postcodegebied",
        required=False,
        max_length=7,
        help_text="Bijvoorbeeld 7511 of 7511AB.",
    )
    soort = forms.ChoiceField(
        label="Soort signaalpartner",
        required=False,
        choices=[("", "Alle soorten"), *Signaalpartner.choices],
        error_messages={"invalid_choice": "Soort signaalpartner: kies een soort uit de lijst."},
    )
    bedrag_vanaf = forms.CharField(
        label="Achterstand vanaf (euro)",
        required=False,
        max_length=30,
        help_text="Bijvoorbeeld 3.000 of 3.000,00.",
    )
    kenmerken = forms.MultipleChoiceField(
        label="Kenmerken",
        required=False,
        choices=[(key, key.replace("_", " ").capitalize()) for key in FLAG_FIELDS],
        widget=forms.CheckboxSelectMultiple,
    )
    termijn = forms.ChoiceField(
        label="Termijn eerste actie",
        required=False,
        choices=[
            ("", "Alle"),
            ("overdue", "Verlopen"),
            ("due_soon", "Bijna verlopen"),
            ("on_time", "Op tijd"),
        ],
        error_messages={
            "invalid_choice": "Termijn eerste actie: kies een van de termijnen in de lijst."
        },
    )
    toegewezen = forms.ChoiceField(
        label="Toegewezen",
        required=False,
        choices=[
            ("", "Iedereen"),
            ("mine", "Aan mij"),
            ("unassigned", "Niet toegewezen"),
            (OUT_OF_SIGHT, "Aan iemand die ze niet meer kan zien"),
        ],
        # A closed melding waiting for its heropaf is not among them: the Heropaf queue is the
        # team's, whoever is assigned (casework.out_of_sight).
        help_text=(
            "'Aan iemand die ze niet meer kan zien' toont de open meldingen waarvan wie ze "
            "toegewezen kreeg ze niet meer kan zien. Een heropaf doet het team van het "
            "werkbakje, wie er ook is toegewezen."
        ),
        error_messages={"invalid_choice": "Toegewezen: kies een van de mogelijkheden in de lijst."},
    )

    def __init__(self, *args, queue_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["werkbakje"].choices = [("", "Alle werkbakjes"), *queue_choices]

    def clean_bedrag_vanaf(self) -> int | None:
        """The minimum arrears in cents, read as Dutch users write amounts (the intake's
        parser): '3.000', '3.000,00', '€ 3.000' and '3000' are all three thousand euros."""
        text = self.cleaned_data["bedrag_vanaf"].strip()
        if not text:
            return None
        try:
            cents = parse_amount_cents(text)
        except ValueError:
            cents = -1
        if cents < 0:
            raise forms.ValidationError(AMOUNT_FILTER_MESSAGE)
        return cents


class AssignForm(VersionedForm):
    medewerker = forms.ModelChoiceField(
        label="Toewijzen aan",
        queryset=None,
        empty_label="Kies een medewerker",
        error_messages={
            "required": "Toewijzen aan: kies een medewerker.",
            "invalid_choice": "Toewijzen aan: kies een medewerker van uw gemeente uit de lijst.",
        },
    )

    def __init__(self, *args, colleagues, me, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = colleagues
        self.fields["medewerker"].label_from_instance = lambda u: colleague_label(u, me)


def assign_form_for(user, melding) -> AssignForm:
    """The form that assigns ``melding``, as ``user`` sees it: the current assignee first (a
    stray click then changes nothing), else the colleague ``user`` chose beforehand. It offers
    only colleagues who can see ``melding`` (an assignee who no longer can is not chosen)."""
    return AssignForm(
        initial={
            "version": melding.version,
            "medewerker": melding.assigned_to_id or chosen_beforehand(user),
        },
        colleagues=who_can_see(colleagues_of(user), melding),
        me=user,
    )


class ContactAttemptForm(VersionedForm):
    kind = forms.ChoiceField(label="Contactsoort", choices=Contactsoort.choices)
    attempted_on = forms.DateField(
        label="Datum",
        widget=_DATE,
        error_messages={"required": "Datum: vul de datum van de contactpoging in."},
    )
    moment = forms.TimeField(
        label="Tijd",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Het dagdeel volgt uit de tijd: ochtend voor 12 uur, middag tot 18 uur, avond.",
    )
    part_of_day = forms.ChoiceField(
        label="Dagdeel",
        required=False,
        choices=[("", "Afleiden uit de tijd"), *Dagdeel.choices],
        help_text="Alleen nodig zonder tijd; een ingevulde tijd valt in het gekozen dagdeel.",
    )
    reached = _yes_no("Inwoner bereikt?")
    accepted_help = forms.BooleanField(label="De inwoner accepteert hulp", required=False)
    note = forms.CharField(label="Korte notitie", required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if not data.get("part_of_day"):
            if data.get("moment") is not None:
                data["part_of_day"] = part_of_day(data["moment"])
            elif "moment" not in self.errors:  # an unreadable time has its own message
                self.add_error(
                    "moment", "Tijd: vul de tijd van de contactpoging in, of kies het dagdeel."
                )
                self.add_error(
                    "part_of_day",
                    "Dagdeel: kies het dagdeel van de contactpoging, of vul de tijd in.",
                )
        return data


def initial_contact_attempt(kind: str, version: int) -> dict:
    """Today, now and the queue's first contact channel as the starting values."""
    now = timezone.localtime()
    return {"kind": kind, "attempted_on": now.date(), "moment": now.time(), "version": version}


class ConversationForm(VersionedForm):
    held_on = forms.DateField(label="Datum gesprek", widget=_DATE, initial=date.today)
    help_offered = forms.ChoiceField(
        label="Hulp aangeboden",
        choices=HelpAnswer.choices,
        widget=forms.RadioSelect,
    )
    help_accepted = forms.ChoiceField(
        label="Hulp geaccepteerd",
        choices=HelpAnswer.choices,
        widget=forms.RadioSelect,
    )
    # No cause preset: it is fed back to the creditor, so it must be one somebody chose.
    cause = forms.ChoiceField(
        label="Globale oorzaak van de achterstand",
        choices=[("", "Kies de oorzaak"), *Cause.choices],
    )
    other_domains = forms.MultipleChoiceField(
        label="Problemen op andere leefgebieden",
        required=False,
        choices=LifeDomain.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label="Notitie",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=RESIDENT_READS,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for provision in Provision:
            field = forms.ChoiceField(
                label=provision.label, choices=ProvisionStatus.choices, initial="onbekend"
            )
            self.add_field(f"provision_{provision.value}", field)

    def provisions(self) -> dict[str, str]:
        """The voorzieningencheck as provision → status."""
        return {p.value: self.cleaned_data[f"provision_{p.value}"] for p in Provision}


class EuroAmountField(forms.Field):
    """An amount in euros as Dutch users write it ('1.250,50', '1250,50', '1250', '€ 1.250'),
    read by the intake's parser into whole cents. Which amounts are plausible is the service's
    rule; ``name`` is how the message names the field."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 30})

    def __init__(self, *, name: str, **kwargs):
        kwargs.setdefault("error_messages", {"required": f"{name}: vul een bedrag in."})
        super().__init__(**kwargs)
        self.name = name

    def to_python(self, value) -> int | None:
        text = (value or "").strip()
        if not text:
            return None
        try:
            return parse_amount_cents(text)
        except ValueError:
            raise forms.ValidationError(
                f"{self.name}: vul een bedrag in euro's in, bijvoorbeeld 1.250,50."
            ) from None


class BudgetLineForm(VersionedForm):
    kind = forms.ChoiceField(
        label="Soort", choices=BudgetLineKind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(label="Omschrijving", max_length=100)
    monthly_cents = EuroAmountField(
        label="Bedrag per maand (euro)",
        name="Bedrag per maand",
        help_text="Bijvoorbeeld 1.250,50 of 1250.",
    )


def budget_line_initial(line: BudgetLine) -> dict:
    """The values of ``line`` as the form shows them (the amount as Dutch text)."""
    return {
        "kind": line.kind,
        "description": line.description,
        "monthly_cents": dutch_numbers.dutch_amount(line.monthly_cents),
    }


class PlanForm(VersionedForm):
    room_to_pay_off = forms.ChoiceField(
        label="Ruimte om de achterstand af te lossen",
        choices=YesNoUnknown.choices,
        widget=forms.RadioSelect,
    )
    problematic_debts = forms.ChoiceField(
        label="Problematische schulden", choices=YesNoUnknown.choices, widget=forms.RadioSelect
    )
    debt_help_started = forms.BooleanField(
        label="Schuldhulpverleningstraject gestart (registratie bij BKR)", required=False
    )
    debt_help_started_on = forms.DateField(label="Traject gestart op", required=False, widget=_DATE)
    note = forms.CharField(
        label="Overige afspraken",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=RESIDENT_READS,
    )

    def __init__(self, *args, creditors: list[Creditor], **kwargs):
        super().__init__(*args, **kwargs)
        # Fields are named by creditor id: a name can change between showing and posting.
        self.payment_keys = [payment_key(creditor) for creditor in creditors]
        for key, creditor in zip(self.payment_keys, creditors, strict=True):
            field = forms.CharField(
                label=f"Afspraak over de lopende betalingen aan {creditor.name}",
                required=False,
                max_length=300,
            )
            self.add_field(f"payment_{key}", field)

    def ongoing_payments(self) -> dict[str, str]:
        """The agreement on ongoing payments per creditor, as creditor id (text) → agreement."""
        return {key: self.cleaned_data[f"payment_{key}"] for key in self.payment_keys}


def plan_initial(plan: Plan | None) -> dict:
    """The plan form's starting values: the plan in force, so amending it keeps what was agreed."""
    if plan is None:
        return {}
    agreements = {f"payment_{key}": text for key, text in plan.ongoing_payments.items()}
    return agreements | {
        "room_to_pay_off": plan.room_to_pay_off,
        "problematic_debts": plan.problematic_debts,
        "debt_help_started": plan.debt_help_started,
        "debt_help_started_on": plan.debt_help_started_on,
        "note": plan.note,
    }


class ReferralForm(VersionedForm):
    kind = forms.ChoiceField(label="Verwijzen naar", choices=ReferralKind.choices)
    handover_on = forms.DateField(
        label="Datum warme overdracht",
        widget=_DATE,
        error_messages={"required": "Datum warme overdracht: vul de datum van de overdracht in."},
        help_text="De dag waarop de overdracht plaatsvond. Is die nog gepland, vul dan de "
        f"afgesproken datum in (hoogstens {HANDOVER_PLANNED_DAYS} dagen vooruit).",
    )
    note = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=300,
        help_text="Verplicht bij 'Anders': waarnaar u verwijst.",
    )


class MoveHandoverForm(VersionedForm):
    handover_on = forms.DateField(
        label="Nieuwe datum warme overdracht",
        widget=_DATE,
        error_messages={
            "required": "Nieuwe datum warme overdracht: vul de dag in waarnaar de overdracht "
            "is verzet."
        },
        help_text="De dag waarop de overdracht nu is afgesproken (hoogstens "
        f"{HANDOVER_PLANNED_DAYS} dagen vooruit), of de dag waarop die toch al plaatsvond.",
    )


class ResultForm(VersionedForm):
    result = forms.ChoiceField(
        label="Eindresultaat",
        choices=[("", "Kies een eindresultaat"), *Eindresultaat.choices],
        error_messages={
            "required": "Eindresultaat: kies een eindresultaat om de melding af te sluiten."
        },
    )
    satisfaction = forms.IntegerField(
        label="Tevredenheid van de inwoner (rapportcijfer)",
        required=False,
        min_value=SATISFACTION_MIN,
        max_value=SATISFACTION_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text="Het cijfer van 1 tot en met 10 dat de inwoner de hulp geeft. "
        "Leeg laten als het niet gevraagd is.",
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), SATISFACTION_MESSAGE),
    )

    def __init__(
        self,
        *args,
        refusals: dict[str, str] | None = None,
        reached=True,
        contradictions: dict[str, Contradiction] | None = None,
        **kwargs,
    ):
        """``refusals``: the results that do not fit the file, with the reason
        (``results.result_refusals``); the list offers only the others. Every result stays
        valid for the form, so a stale choice gets the service's reason at the field.
        ``reached``: whether the resident was reached in this contact round; if not, there is
        no cijfer to record. ``contradictions``: the results that contradict the file
        (``casework.contradictions``); the page warns, and such a result needs the checkbox
        "Toch afsluiten met ..."."""
        super().__init__(*args, **kwargs)
        self.contradictions = [
            found
            for result, found in (contradictions or {}).items()
            if result not in (refusals or {})
        ]
        if self.contradictions:
            self.fields[CONFIRM_FIELD] = forms.BooleanField(
                label=listed([found.confirm_label for found in self.contradictions], "of"),
                required=False,
                help_text="Alleen nodig als u het resultaat kiest waarvoor hierboven 'Let op' staat.",
            )
        refusals = refusals or {}
        self.refusals = [
            (result, refusals[result]) for result in Eindresultaat if result in refusals
        ]
        result = self.fields["result"]
        result.widget.choices = [
            (value, label) for value, label in result.choices if value not in refusals
        ]
        if refusals:
            result.help_text = (
                "Alleen de eindresultaten die passen bij wat in de melding is vastgelegd; "
                "onder 'Niet mogelijk bij deze melding' staat waarom de andere ontbreken."
            )
        if not reached:
            satisfaction = self.fields["satisfaction"]
            satisfaction.disabled = True
            satisfaction.help_text = (
                "Niet in te vullen: de inwoner is in deze contactronde niet bereikt."
            )

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("result")
        for found in self.contradictions:
            if found.result == chosen and not cleaned.get(CONFIRM_FIELD):
                self.add_error(CONFIRM_FIELD, found.unconfirmed)
        return cleaned


class NotResidentForm(VersionedForm):
    """How the caseworker checked that the person of one signal is no resident (any more)."""

    method = forms.ChoiceField(
        label="Hoe hebt u het gecontroleerd?",
        choices=ResidenceCheckMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies hoe u hebt gecontroleerd dat de persoon hier niet woont."
        },
    )
    note = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=200,
        help_text="Verplicht bij 'Anders': hoe u het hebt gecontroleerd.",
    )
