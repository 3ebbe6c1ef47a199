"""Forms of the privacy officer's pages."""

from __future__ import annotations

from django import forms
from django.core import signing

from vroegsignaal import kenmerk
from vroegsignaal.intake.parsing import parse_bsn, parse_house_number
from vroegsignaal.intake.validation import MAX_HOUSE_NUMBER
from vroegsignaal.privacy.inzage import Found, PersonQuery
from vroegsignaal.privacy.models import AuditAction

FORMAT_MISSING = "Kies een formaat: PDF of JSON."
PERSON_MISSING = "Vul een BSN in, of achternaam, geboortedatum, postcode én huisnummer."
PERSON_FIELDS = ("achternaam", "geboortedatum", "postcode", "huisnummer")


def ambiguous_message(names: list[str]) -> str:
    """Twins (or others sharing name, birth date and address) among the signals found, and
    nothing typed says which is the resident (`inzage.Found.ambiguous`)."""
    return (
        "Met deze naam en geboortedatum staan op dit adres signalen van meer dan één persoon "
        f"({', '.join(names)}). Vul ook de voorletters of het BSN van de inwoner in."
    )


class PersonFields(forms.Form):
    """One resident: a BSN (nine digits passing the elfproef), surname + date of birth +
    postcode + house number, or both (the BSN finds the signals delivered with one, the name
    and address the others). A mistyped BSN is refused rather than answered with "nothing
    found", which the officer could pass on to the resident as if it were true."""

    bsn = forms.CharField(label="BSN", required=False, max_length=20)
    achternaam = forms.CharField(label="Achternaam", required=False, max_length=120)
    voorletters = forms.CharField(
        label="Voorletters (niet verplicht)",
        required=False,
        max_length=30,
        help_text="Nodig als er op het adres meer mensen met dezelfde naam en geboortedatum zijn, "
        "zoals een tweeling.",
    )
    geboortedatum = forms.DateField(label="Geboortedatum", required=False)
    postcode = forms.CharField(label="Postcode", required=False, max_length=7)
    huisnummer = forms.CharField(
        label="Huisnummer",
        required=False,
        max_length=20,
        help_text=(
            "Met huisletter of toevoeging mag: 175, 175A, 175-2 of 175B-2. Gezocht wordt ook op "
            "de andere huisletters en toevoegingen bij dat nummer."
        ),
    )

    def clean_bsn(self) -> str:
        value = self.cleaned_data["bsn"].strip()
        if not value:
            return ""
        try:
            return parse_bsn(value)
        except ValueError as error:
            raise forms.ValidationError(f"{error}.") from error

    def clean_huisnummer(self) -> tuple[int, str, str] | None:
        """(number, letter, addition) of '175', '175A', '175 a', '175-2' or '175B-2', told apart
        as in a delivery's huisnummer cell. The letter and addition do not narrow the search
        (see PersonQuery); the document names them as typed."""
        value = self.cleaned_data["huisnummer"].strip()
        if not value:
            return None
        try:
            number, letter, addition = parse_house_number(value)
        except ValueError:
            number = 0
        if not 1 <= number <= MAX_HOUSE_NUMBER:
            raise forms.ValidationError(
                f"Huisnummer: '{value}' is geen huisnummer; vul het in zoals 175, 175A of 175-2."
            )
        return number, letter, addition

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        missing = [field for field in PERSON_FIELDS if not data.get(field)]
        if not data.get("bsn") and missing:
            self.add_error(None, PERSON_MISSING)
        elif missing and len(missing) < len(PERSON_FIELDS):
            *others, last = missing
            named = f"{', '.join(others)} én {last}" if others else last
            self.add_error(None, f"Zoekt u naast het BSN ook op naam en adres, vul ook {named} in.")
        return data

    def person_query(self) -> PersonQuery:
        """The resident looked for."""
        data = self.cleaned_data
        if not data.get("achternaam"):
            return PersonQuery(bsn=data["bsn"], initials=data["voorletters"].strip())
        number, letter, addition = data["huisnummer"]
        return PersonQuery(
            bsn=data.get("bsn", ""),
            surname=data["achternaam"],
            initials=data["voorletters"].strip(),
            birth_date=data["geboortedatum"],
            postcode=data["postcode"],
            house_number=number,
            house_letter=letter,
            house_number_addition=addition,
        )


def _answer() -> forms.CharField:
    """An answer to one of the inzage's questions: the fingerprint its button posted."""
    return forms.CharField(required=False, widget=forms.HiddenInput)


class AccessRequestForm(PersonFields):
    """An inzageverzoek: one resident, and PDF or JSON, and the officer's answers to the
    questions the page asked first. Each answer is the fingerprint the question's button posted
    (inzage_answers): it holds only for the resident and what that question showed."""

    # Compose it on a BSN that no BRP extract names after all (the page first warns what that
    # misses).
    alleen_bsn = _answer()
    # Compose it although the BRP check tied signals that may be the resident's (Found.unsure).
    toch_samenstellen = _answer()
    # The officer has seen the signals of other people in the resident's meldingen
    # (Found.others) and ticked those to include after all (`meenemen`: ids, comma-separated
    # per person; only signals the page listed count, see inzage.find).
    andere_bekeken = _answer()
    meenemen = forms.MultipleChoiceField(required=False, choices=())

    # The officer has read the free texts in the document (inzage_free_texts.review) and ticked
    # those to leave out (`weglaten`: a place's key; a key the document lacks is ignored).
    vrije_tekst_bekeken = _answer()
    weglaten = forms.MultipleChoiceField(required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any ticked value is read as ids or keys; inzage.find and inzage_free_texts.withhold
        # ignore what the page did not list.
        self.fields["meenemen"].valid_value = lambda value: True
        self.fields["weglaten"].valid_value = lambda value: True

    def clean_meenemen(self) -> set[int]:
        ids = set()
        for value in self.cleaned_data["meenemen"]:
            ids |= {int(part) for part in value.split(",") if part.strip().isdigit()}
        return ids

    formaat = forms.ChoiceField(
        label="Formaat",
        choices=[("pdf", "PDF"), ("json", "JSON")],
        initial="pdf",
        widget=forms.RadioSelect(
            attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}
        ),
        error_messages={
            "required": FORMAT_MISSING,
            "invalid_choice": FORMAT_MISSING,
        },
    )


class ResidentForm(PersonFields):
    """The resident whose audit entries the officer wants to see. Sent by POST, so the BSN or
    name never ends up in a URL (browser history, web server logs); the answer is a signed
    list of the resident's objects (`resident_token`), which the search form carries."""


RESIDENT_SALT = "vroegsignaal.privacy.auditlog-inwoner"
RESIDENT_MAX_AGE = 8 * 3600  # a working day; after that, look the resident up again


def resident_token(found: Found) -> str:
    """The resident's objects (type → ids), how they were found (without the BSN or name),
    whether on the BSN alone and whether the BRP check tied signals that may be hers
    (`Found.unsure`), signed for the URL."""
    objects = {object_type: sorted(ids) for object_type, ids in found.objects().items()}
    token = {
        "objecten": objects,
        "gezocht": found.label(),
        "alleen_bsn": found.by_bsn_alone,
        "onzeker": found.unsure,
    }
    return signing.dumps(token, salt=RESIDENT_SALT)


class AuditSearchForm(forms.Form):
    """Search the audit log: user, data (as the Gegevens column shows it), handeling, dates, and
    one resident found with ResidentForm (every entry about their signals, meldingen and what
    is recorded on those)."""

    wie = forms.CharField(label="Gebruiker", required=False, max_length=150)
    wat = forms.CharField(
        label="Gegevens (soort, id of omschrijving)",
        required=False,
        help_text="Zoals in de kolom Gegevens, bijvoorbeeld: "
        f"melding {kenmerk.EXAMPLE}, aanlevering 132, contactpoging.",
    )
    inwoner = forms.CharField(required=False, widget=forms.HiddenInput)
    handeling = forms.ChoiceField(
        label="Handeling", required=False, choices=[("", "Alle handelingen"), *AuditAction.choices]
    )
    van = forms.DateField(
        label="Vanaf",
        required=False,
        error_messages={"invalid": "Vanaf: vul een geldige datum in, bijvoorbeeld 01-11-2026."},
    )
    tot = forms.DateField(
        label="Tot en met",
        required=False,
        error_messages={
            "invalid": "Tot en met: vul een geldige datum in, bijvoorbeeld 30-11-2026."
        },
    )

    def clean_inwoner(self) -> dict | None:
        token = self.cleaned_data["inwoner"]
        if not token:
            return None
        try:
            return signing.loads(token, salt=RESIDENT_SALT, max_age=RESIDENT_MAX_AGE)
        except signing.BadSignature as error:
            raise forms.ValidationError(
                "Inwoner: deze zoekopdracht is verlopen; zoek de inwoner opnieuw."
            ) from error

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", "Tot en met: deze datum ligt vóór de datum bij Vanaf.")
        return data
