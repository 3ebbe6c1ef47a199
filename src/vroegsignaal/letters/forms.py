"""The letter forms: settings (letterhead, contact details), a template text, and the letter for
one melding. Widgets carry the Utrecht classes, like the casework forms."""

from __future__ import annotations

from datetime import datetime

from django import forms

from vroegsignaal.casework.contact import visit_distinctions
from vroegsignaal.casework.forms import UtrechtForm, VersionedForm
from vroegsignaal.casework.models import ContactAttempt
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import ContactDetails, Letterhead, LetterTemplate
from vroegsignaal.letters.services import LetterRequest, dutch_date

_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.ClearableFileInput: "file-input",
}
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class UtrechtModelForm(forms.ModelForm):
    """A model form styled and marked up for errors the way ``UtrechtForm`` does it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", _CLASSES.get(type(field.widget), _TEXTBOX))

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-fout"


class LetterheadForm(UtrechtModelForm):
    class Meta:
        model = Letterhead
        fields = [
            "logo",
            "sender_name",
            "sender_address",
            "signature_name",
            "signature_role",
            "addressing",
        ]
        widgets = {
            "sender_address": forms.Textarea(attrs={"rows": 3}),
            "addressing": forms.RadioSelect,
        }


class ContactDetailsForm(UtrechtModelForm):
    class Meta:
        model = ContactDetails
        fields = ["phone", "email", "whatsapp", "walk_in_hours"]


class LetterTemplateForm(UtrechtModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = kind


class SampleForm(UtrechtForm):
    """The editor's texts as the live preview receives them (not saved)."""

    subject = forms.CharField(required=False)
    body = forms.CharField(required=False)


_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class LetterForm(VersionedForm):
    """Which letter to make for a melding, with what the chosen kind needs."""

    kind = forms.ChoiceField(
        label="Soort brief", choices=LetterKind.choices, widget=forms.RadioSelect
    )
    visit = forms.ModelChoiceField(
        label="Bij welk gemist huisbezoek hoort het kaartje?",
        queryset=ContactAttempt.objects.none(),
        required=False,
        widget=forms.RadioSelect,
    )
    appointment_date = forms.DateField(label="Datum afspraak", required=False, widget=_DATE)
    appointment_time = forms.TimeField(label="Tijd afspraak", required=False, widget=_TIME)
    appointment_place = forms.CharField(
        label="Plaats afspraak",
        required=False,
        max_length=150,
        # Named like the other two: 'Plaats afspraak: vul de plaats in.'
        error_messages={"required": "Plaats afspraak: vul de plaats in."},
    )

    def __init__(
        self,
        *args,
        missed_visits: list[ContactAttempt],
        unavailable: dict[LetterKind, str],
        now: datetime,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.unavailable, self.now = unavailable, now
        # Only the kinds that can be made now are offered; the field still accepts the others,
        # so a page posted from before (or by hand) gets the reason instead of 'not a choice'.
        self.fields["kind"].widget.choices = [
            (value, label) for value, label in LetterKind.choices if value not in unavailable
        ]
        self.fields["visit"].queryset = ContactAttempt.objects.filter(
            pk__in=[visit.pk for visit in missed_visits]
        )
        # With one missed visit there is nothing to choose; with several the caseworker picks
        # (``clean`` asks for one), as a guess could put the card with the wrong visit.
        if len(missed_visits) == 1:
            self.fields["visit"].initial = missed_visits[0].pk
        # Two visits in one dagdeel read apart by their time (or number).
        distinctions = visit_distinctions(missed_visits)

        def visit_label(visit: ContactAttempt) -> str:
            words = [dutch_date(visit.attempted_on, weekday=True), visit.part_of_day.lower()]
            return ", ".join([*words, distinctions.get(visit.pk, "")]).rstrip(", ")

        self.fields["visit"].label_from_instance = visit_label

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in self.unavailable:
            self.add_error("kind", self.unavailable[kind])
        elif kind == LetterKind.CARD and not data.get("visit"):
            self.add_error("visit", "Kies het gemiste huisbezoek waar het kaartje bij hoort.")
        elif kind == LetterKind.APPOINTMENT:
            self._check_appointment(data)
        return data

    def _check_appointment(self, data):
        for name in ("appointment_date", "appointment_time", "appointment_place"):
            # A field that already failed (e.g. no valid date) keeps only its own message. The
            # fields are optional for the other kinds; their 'required' message is the casework
            # forms' own (UtrechtForm: 'Datum afspraak: vul de datum in.').
            if not data.get(name) and name not in self.errors:
                self.add_error(name, self.fields[name].error_messages["required"])
        day, time = data.get("appointment_date"), data.get("appointment_time")
        today = self.now.date()
        if day and day < today:
            self.add_error(
                "appointment_date",
                "Datum afspraak: de datum ligt in het verleden. Kies vandaag of een latere dag.",
            )
        elif day == today and time and time <= self.now.time():
            self.add_error(
                "appointment_time",
                f"Tijd afspraak: dit moment is al voorbij ({day:%d-%m-%Y} {time:%H:%M}). "
                f"Vul een tijd in na nu ({self.now:%H:%M}).",
            )

    def letter_request(self) -> LetterRequest:
        """The cleaned form as what the service makes."""
        data = self.cleaned_data
        extra = {}
        if data["kind"] == LetterKind.APPOINTMENT:
            extra = {
                "afspraak_datum": dutch_date(data["appointment_date"], weekday=True),
                "afspraak_tijd": f"{data['appointment_time']:%H.%M} uur",
                "afspraak_plaats": data["appointment_place"],
            }
        return LetterRequest(LetterKind(data["kind"]), extra, data.get("visit"))
