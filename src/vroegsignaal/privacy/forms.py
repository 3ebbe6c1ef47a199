"""Forms of the privacy officer's pages."""

from __future__ import annotations

from django import forms

from vroegsignaal.intake.parsing import parse_bsn
from vroegsignaal.privacy.inzage import PersonQuery


class AuditSearchForm(forms.Form):
    wie = forms.CharField(label="Gebruiker", required=False, max_length=150)
    wat = forms.CharField(label="Gegevens (soort, id of omschrijving)", required=False)
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

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", "Tot en met: deze datum ligt vóór de datum bij Vanaf.")
        return data


FORMAT_MISSING = "Kies een formaat: PDF of JSON."
PERSON_MISSING = "Vul een BSN in, of achternaam, geboortedatum, postcode én huisnummer."
PERSON_FIELDS = ("achternaam", "geboortedatum", "postcode", "huisnummer")


class PersonFields(forms.Form):
    """One resident: a BSN (nine digits passing the elfproef), or surname + date of birth +
    postcode + house number. A mistyped BSN is refused rather than answered with "nothing
    found", which the officer could pass on to the resident as if it were true."""

    bsn = forms.CharField(label="BSN", required=False, max_length=20)
    achternaam = forms.CharField(label="Achternaam", required=False, max_length=120)
    geboortedatum = forms.DateField(label="Geboortedatum", required=False)
    postcode = forms.CharField(label="Postcode", required=False, max_length=7)
    huisnummer = forms.IntegerField(label="Huisnummer", required=False, min_value=1)

    person_required = True

    def clean_bsn(self) -> str:
        value = self.cleaned_data["bsn"].strip()
        if not value:
            return ""
        try:
            return parse_bsn(value)
        except ValueError as error:
            raise forms.ValidationError(f"{error}.") from error

    def clean(self):
        data = super().clean()
        if self.errors or data.get("bsn"):
            return data
        filled = [bool(data.get(field)) for field in PERSON_FIELDS]
        if all(filled) or (not any(filled) and not self.person_required):
            return data
        raise forms.ValidationError(PERSON_MISSING)

    def person_query(self) -> PersonQuery | None:
        """The resident looked for, or None when no person fields were filled in."""
        data = self.cleaned_data
        if data.get("bsn"):
            return PersonQuery(bsn=data["bsn"])
        if not data.get("achternaam"):
            return None
        return PersonQuery(
            surname=data["achternaam"],
            birth_date=data["geboortedatum"],
            postcode=data["postcode"],
            house_number=data["huisnummer"],
        )


class AccessRequestForm(PersonFields):
    """An inzageverzoek: one resident, and PDF or JSON."""

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
