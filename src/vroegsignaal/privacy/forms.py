"""Forms of the privacy officer's pages."""

from __future__ import annotations

from django import forms

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


class AccessRequestForm(forms.Form):
    """An inzageverzoek: a BSN, or surname + date of birth + postcode + house number."""

    bsn = forms.RegexField(
        label="BSN",
        regex=r"^\d{9}$",
        required=False,
        error_messages={"invalid": "Een BSN bestaat uit negen cijfers."},
    )
    achternaam = forms.CharField(label="Achternaam", required=False, max_length=120)
    geboortedatum = forms.DateField(label="Geboortedatum", required=False)
    postcode = forms.CharField(label="Postcode", required=False, max_length=7)
    huisnummer = forms.IntegerField(label="Huisnummer", required=False, min_value=1)
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

    def clean(self):
        data = super().clean()
        by_person = [data.get(f) for f in ("achternaam", "geboortedatum", "postcode", "huisnummer")]
        if not data.get("bsn") and not all(by_person):
            raise forms.ValidationError(
                "Vul een BSN in, of achternaam, geboortedatum, postcode én huisnummer."
            )
        return data

    def person_query(self) -> PersonQuery:
        data = self.cleaned_data
        if data.get("bsn"):
            return PersonQuery(bsn=data["bsn"])
        return PersonQuery(
            surname=data["achternaam"],
            birth_date=data["geboortedatum"],
            postcode=data["postcode"],
            house_number=data["huisnummer"],
        )
