"""REST API for creditor systems: released feedback since a moment, and heropaf checks.

The same services and the same ``permitted.feedback_item`` as the portal, so both always show the
same fields, and the portal's texts when an answer is refused. A caller acts for one creditor (its
API key or its staff member's session) and only ever sees that creditor's signals; another
creditor's check id is answered exactly like one that does not exist. Each list names what it
returned (`audit.note_shown`, as the portal's lists do), so the audit entry the middleware writes
is on the record of every resident in it.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from vroegsignaal.api_errors import DutchSerializer
from vroegsignaal.casework.models import Cause, HelpAnswer, Melding
from vroegsignaal.feedback.display import cause_text
from vroegsignaal.feedback.heropaf_checks import (
    ALREADY_ANSWERED,
    CHOOSE_YES_OR_NO,
    NEGATIVE_AMOUNT,
    AlreadyAnswered,
    HeropafAnswerError,
    answer_check,
    open_checks,
    visible_checks,
)
from vroegsignaal.feedback.models import FeedbackKind, HeropafAnswer, SignalFeedback
from vroegsignaal.feedback.permitted import (
    WITHDRAWN_FIELDS,
    Perspective,
    feedback_item,
    own_customer_number,
)
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import ApiKey, Role
from vroegsignaal.privacy import audit


@extend_schema_serializer(deprecate_fields=list(WITHDRAWN_FIELDS))
class FeedbackItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    signal_id = serializers.IntegerField()
    customer_number = serializers.CharField(
        allow_null=True,
        help_text="Uw eigen klantnummer uit de aanlevering; leeg als het na de bewaartermijn is "
        "verwijderd (zie customer_number_removed).",
    )
    customer_number_removed = serializers.BooleanField(
        help_text="Waar als de gemeente de persoonsgegevens van het signaal, ook het "
        "klantnummer, na de bewaartermijn heeft verwijderd. Het signaal is dan alleen nog te "
        "herkennen aan signal_id en signal_date."
    )
    signal_date = serializers.DateField()
    kind = serializers.ChoiceField(FeedbackKind.choices)
    contact_round = serializers.IntegerField(help_text="Na een heropaf volgt ronde 2 enzovoort.")
    released_at = serializers.DateTimeField()
    corrects = serializers.IntegerField(
        allow_null=True,
        help_text="Bij een gecorrigeerde go/no-go: de id van de eerdere go/no-go die dit item "
        "vervangt (bijvoorbeeld na een nieuwe BRP-controle). Anders leeg.",
    )
    picked_up = serializers.BooleanField(allow_null=True, help_text="Alleen bij go/no-go.")
    reason = serializers.CharField(
        allow_null=True,
        help_text="DDAS-signaalstatus, alleen bij onterecht signaal, herhaalde melding, geen "
        "inwoner (meer), overleden en (als het convenant dat toestaat) al bekend.",
    )
    known_to_debt_help = serializers.BooleanField(
        allow_null=True, help_text="Leeg als het convenant dit niet toestaat."
    )
    # Kept with its old choices, so that systems built on it keep reading the feed.
    help_accepted = serializers.ChoiceField(
        HelpAnswer.choices,
        allow_null=True,
        help_text="Vervallen sinds 27-11-2026: altijd leeg (null), ook bij een uitkomst die "
        "eerder werd vrijgegeven. Of de inwoner hulp van de gemeente aannam, gaat over de "
        "inwoner en niet over de achterstand; de gemeente deelt het daarom niet meer. Het veld "
        "blijft bestaan zodat bestaande koppelingen blijven werken.",
    )
    # The labels are the portal's: a life event without the caseworker's examples.
    cause = serializers.ChoiceField(
        [(cause.value, cause_text(cause)) for cause in Cause],
        allow_null=True,
        help_text="Globale oorzaak van de achterstand.",
    )
    ongoing_payments = serializers.CharField(
        allow_null=True,
        help_text="De afspraak over uw lopende betalingen zoals de hulpverlener die schreef, "
        "bijvoorbeeld 'Betaalt vanaf december elke maand': vrije tekst, geen code (hoogstens "
        "300 tekens). Leeg zonder afspraak, en na de bewaartermijn.",
    )
    perspective = serializers.ChoiceField(
        Perspective.choices,
        allow_null=True,
        help_text="Leeg bij een go/no-go en bij een uitkomst zonder contact (contact_made "
        "onwaar); 'onbekend' als de gemeente contact had maar het niet kon zeggen.",
    )
    outcome_date = serializers.DateField(allow_null=True)
    contact_made = serializers.BooleanField(
        allow_null=True,
        help_text="Alleen bij een uitkomst: waar als de gemeente contact heeft gehad met uw "
        "klant, onwaar als zij hem niet heeft bereikt (bijvoorbeeld 'Definitief geen contact "
        "kunnen krijgen'). Zonder contact zijn cause en perspective leeg: er is niets "
        "gevraagd. Leeg bij een uitkomst die werd vrijgegeven voordat "
        "Vroegsignaal dit doorgaf (november 2026).",
    )
    contact_attempts = serializers.IntegerField(
        allow_null=True,
        help_text="Alleen bij een uitkomst: hoe vaak de gemeente in deze contactronde contact "
        "zocht (een kaartje na een gemist huisbezoek telt niet apart). Leeg zoals "
        "contact_made.",
    )
    # Added after systems were built on the fields above (QA14 B12), so last.
    municipality_code = serializers.CharField(
        help_text="CBS-code van de gemeente van het signaal, die terugkoppelt, bijvoorbeeld "
        "'0150'. De gemeente is die van het adres dat u aanleverde."
    )
    municipality_name = serializers.CharField(
        help_text="Naam van die gemeente, bijvoorbeeld 'Deventer'."
    )


class FeedbackPagination(PageNumberPagination):
    page_size = 500
    page_query_param = "page"
    invalid_page_message = "Pagina {page_number} bestaat niet; de eerste pagina is 1."


class HeropafSignalSerializer(serializers.Serializer):
    signal_id = serializers.IntegerField(source="pk")
    customer_number = serializers.SerializerMethodField(
        help_text="Uw eigen klantnummer uit de aanlevering; leeg als het na de bewaartermijn is "
        "verwijderd (zie customer_number_removed)."
    )
    customer_number_removed = serializers.SerializerMethodField(
        help_text="Waar als het klantnummer na de bewaartermijn is verwijderd."
    )
    signal_date = serializers.DateField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_customer_number(self, signal) -> str | None:
        return own_customer_number(signal.customer_number)

    @extend_schema_field(serializers.BooleanField())
    def get_customer_number_removed(self, signal) -> bool:
        return own_customer_number(signal.customer_number) is None


class HeropafCheckSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    asked_on = serializers.DateField()
    answer_due_on = serializers.DateField()
    signals = HeropafSignalSerializer(many=True, help_text="Uw signalen bij deze melding.")


class AnswerField(serializers.ChoiceField):
    """'ja' or 'nee'; as everywhere in the delivery format, capitals and spaces do not matter."""

    def to_internal_value(self, data):
        return super().to_internal_value(data.strip().lower() if isinstance(data, str) else data)


class HeropafAnswerSerializer(DutchSerializer):
    answer = AnswerField(
        HeropafAnswer.choices,
        label="Antwoord",
        help_text="'ja' of 'nee'; hoofdletters en spaties eromheen maken niet uit.",
        error_messages={"required": CHOOSE_YES_OR_NO, "invalid_choice": CHOOSE_YES_OR_NO},
    )
    amount_open_cents = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        label="Bedrag nog open",
        help_text="Bedrag nog open, in centen.",
        error_messages={"min_value": NEGATIVE_AMOUNT},
    )


class HeropafAlreadyAnswered(APIException):
    status_code = 409
    default_code = "already_answered"
    default_detail = ALREADY_ANSWERED


def _creditor(request):
    creditor = getattr(request.user, "creditor", None)
    if creditor is None or getattr(request.user, "role", "") != Role.CREDITOR_STAFF:
        raise PermissionDenied("Alleen een vastelastenpartner krijgt terugkoppeling.")
    return creditor


class FeedbackList(APIView):
    @extend_schema(
        summary="Vrijgegeven terugkoppeling",
        description=(
            "Go/no-go en uitkomsten over uw eigen signalen, oudste eerst, per 500. Geef bij de "
            "volgende vraag als `since` de `released_at` van het laatste item van de laatste "
            "pagina mee. Een go/no-go met `corrects` is een correctie: die vervangt de eerdere "
            "go/no-go van het signaal; na een correctie naar go volgt later de uitkomst."
        ),
        parameters=[
            OpenApiParameter(
                "since", OpenApiTypes.DATETIME, description="Alleen wat hierna is vrijgegeven."
            ),
            OpenApiParameter("page", OpenApiTypes.INT, description="Paginanummer, vanaf 1."),
        ],
        responses=FeedbackItemSerializer(many=True),
    )
    def get(self, request):
        # The municipality with the signal, in the same query: one item after another names it.
        feedback = SignalFeedback.objects.filter(creditor=_creditor(request)).select_related(
            "signal__municipality"
        )
        if "since" in request.query_params:
            feedback = feedback.filter(released_at__gt=_since(request.query_params["since"]))
        paginator = FeedbackPagination()
        page = paginator.paginate_queryset(feedback.order_by("released_at", "id"), request)
        items = [feedback_item(item) for item in page]
        audit.note_shown(request, [item.signal for item in page])
        return paginator.get_paginated_response(FeedbackItemSerializer(items, many=True).data)


def _since(value: str):
    field = serializers.DateTimeField()
    try:
        return field.to_internal_value(value)
    except ValidationError:
        raise ValidationError(
            {"since": "Geef een tijdstip als 2026-11-09T08:00:00+01:00."}
        ) from None


class HeropafCheckList(APIView):
    @extend_schema(
        summary="Openstaande heropafvragen",
        description=(
            "De heropafvragen waarvan de heropafdatum gekomen is en die nog geen antwoord "
            "hebben, met de eigen klantnummers en signaaldatums van de melding en de uiterste "
            "antwoorddatum. Beantwoorden: POST /api/v1/heropaf-checks/{id}/answer."
        ),
        responses=HeropafCheckSerializer(many=True),
    )
    def get(self, request):
        creditor = _creditor(request)
        checks = list(open_checks(creditor, timezone.localdate()))
        # The meldingen, as the portal's list of heropaf checks names them.
        audit.note_shown(request, Melding.objects.filter(pk__in=[c.melding_id for c in checks]))
        body = [
            {
                "id": check.pk,
                "asked_on": check.asked_on,
                "answer_due_on": check.answer_due_on,
                "signals": Signal.objects.filter(
                    creditor=creditor, melding_link__melding_id=check.melding_id
                ),
            }
            for check in checks
        ]
        return Response(HeropafCheckSerializer(body, many=True).data)


class HeropafCheckAnswer(APIView):
    @extend_schema(
        summary="Heropafvraag beantwoorden",
        description="'nee' betekent: de betalingen lopen niet; de gemeente gaat opnieuw langs.",
        request=HeropafAnswerSerializer,
        responses={
            200: OpenApiResponse(description="Antwoord opgeslagen."),
            400: OpenApiResponse(description="Ongeldig antwoord; de melding noemt het veld."),
            404: OpenApiResponse(description="Heropafvraag niet gevonden (of niet van u)."),
            409: OpenApiResponse(description="Al beantwoord; het antwoord blijft staan."),
        },
    )
    def post(self, request, pk: int):
        today = timezone.localdate()
        # Any check of the creditor, answered or not, so that an answered one is told apart;
        # another creditor's id is not found, like an id that does not exist.
        check = visible_checks(_creditor(request), today).filter(pk=pk).first()
        if check is None:
            raise NotFound("Heropafvraag niet gevonden.")
        if check.answer:
            raise HeropafAlreadyAnswered
        serializer = HeropafAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        api_key = request.auth if isinstance(request.auth, ApiKey) else None
        user = None if api_key else request.user
        try:
            answer_check(
                check,
                serializer.validated_data["answer"],
                serializer.validated_data.get("amount_open_cents"),
                user=user,
                api_key=api_key,
                today=today,
            )
        except AlreadyAnswered:
            raise HeropafAlreadyAnswered from None
        except HeropafAnswerError as error:
            raise ValidationError({"detail": str(error)}) from None
        return Response({"id": check.pk, "answer": serializer.validated_data["answer"]})
