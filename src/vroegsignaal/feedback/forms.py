"""The creditor's answer to a heropaf check, and the filter of the feedback list."""

from __future__ import annotations

from django import forms

from vroegsignaal.feedback.heropaf_checks import CHOOSE_YES_OR_NO, NEGATIVE_AMOUNT
from vroegsignaal.feedback.models import HeropafAnswer
from vroegsignaal.intake.parsing import parse_amount_cents, parse_date


class HeropafAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Betaalt de klant de vaste lasten weer op tijd?",
        choices=HeropafAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_YES_OR_NO, "invalid_choice": CHOOSE_YES_OR_NO},
    )
    # Collection staff write amounts as their own systems show them: "€ 1.250,-", "1.250",
    # "1250,00", "€1250". The delivery format's amount parser reads all of them (1.250 is
    # twelve hundred and fifty euros, not one and a quarter).
    amount_open = forms.CharField(
        label="Bedrag nog open in euro (niet verplicht)",
        required=False,
        max_length=30,
        help_text="De achterstand die nu nog openstaat, bijvoorbeeld 125,50 of € 1.250,-.",
    )

    def clean_amount_open(self) -> int | None:
        text = self.cleaned_data["amount_open"].strip()
        if not text:
            return None
        try:
            cents = parse_amount_cents(text)
        except ValueError:
            raise forms.ValidationError(
                f"Bedrag nog open: '{text}' is geen bedrag; schrijf bijvoorbeeld 1.250,00 of 125,50."
            ) from None
        if cents < 0:
            raise forms.ValidationError(NEGATIVE_AMOUNT)
        return cents

    def amount_open_cents(self) -> int | None:
        """The amount in cents, as money is stored; None when left empty."""
        return self.cleaned_data["amount_open"]


class DayField(forms.DateField):
    """A day as the browser's date input sends it (2026-11-23) or as typed (23-11-2026), with
    the delivery format's Dutch reason when it is not one ('31-02-2026' is geen bestaande datum)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_date(value)
        except ValueError as error:
            raise forms.ValidationError(f"{self.label}: {error}.") from None


# The same answer for a municipality that does not exist and for one the creditor has nothing
# with, so the filter does not tell which municipalities take part.
NOT_OWN_MUNICIPALITY = "Gemeente: kies een van de gemeenten in de lijst."


class FeedbackFilterForm(forms.Form):
    """`municipalities`: the creditor's own (`listing.own_municipalities`), the only choices;
    they go by CBS code in the address (?gemeente=0150), the same for every creditor."""

    klantnummer = forms.CharField(
        label="Klantnummer",
        required=False,
        max_length=64,
        help_text="Precies het klantnummer uit uw aanlevering.",
    )
    vrijgegeven_vanaf = DayField(
        label="Vrijgegeven vanaf",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Alleen signalen met terugkoppeling die op of na deze dag is vrijgegeven, "
        "bijvoorbeeld sinds uw vorige download.",
    )
    gemeente = forms.ChoiceField(
        label="Gemeente",
        required=False,
        error_messages={"invalid_choice": NOT_OWN_MUNICIPALITY},
        help_text="Alleen de terugkoppeling van deze gemeente.",
    )

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._by_code = {municipality.code: municipality for municipality in municipalities}
        self.fields["gemeente"].choices = [
            ("", "Alle gemeenten"),
            *((municipality.code, municipality.name) for municipality in municipalities),
        ]

    def municipality_id(self) -> int | None:
        """The chosen municipality's id; None for all."""
        chosen = self._by_code.get(self.cleaned_data.get("gemeente", ""))
        return chosen.pk if chosen else None
