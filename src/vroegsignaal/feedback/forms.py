"""The creditor's answer to a heropaf check, and the filter of the feedback list."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from vroegsignaal.feedback.models import HeropafAnswer


class HeropafAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Betaalt de klant de vaste lasten weer op tijd?",
        choices=HeropafAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Antwoord: kies 'ja' of 'nee'."},
    )
    amount_open = forms.DecimalField(
        label="Bedrag nog open in euro (niet verplicht)",
        required=False,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        localize=True,
        help_text="De achterstand die nu nog openstaat, bijvoorbeeld 125,50.",
        error_messages={
            "invalid": "Bedrag nog open: vul een bedrag in euro in, bijvoorbeeld 125,50.",
            "min_value": "Bedrag nog open: het bedrag mag niet negatief zijn.",
        },
    )

    def amount_open_cents(self) -> int | None:
        """The amount in cents, as money is stored; None when left empty."""
        amount = self.cleaned_data["amount_open"]
        return None if amount is None else int(amount * 100)


class FeedbackFilterForm(forms.Form):
    klantnummer = forms.CharField(
        label="Klantnummer",
        required=False,
        max_length=64,
        help_text="Precies het klantnummer uit uw aanlevering.",
    )
    vrijgegeven_vanaf = forms.DateField(
        label="Vrijgegeven vanaf",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Alleen signalen met terugkoppeling die op of na deze dag is vrijgegeven, "
        "bijvoorbeeld sinds uw vorige download.",
        error_messages={"invalid": "Vul een datum in als dd-mm-jjjj."},
    )
