"""REST API for creditor systems: deliver signals, list own deliveries."""

from __future__ import annotations

import codecs
from decimal import Decimal

from django.utils import dateformat, timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError, PermissionDenied
from rest_framework.parsers import JSONParser, MultiPartParser, get_encoding
from rest_framework.response import Response
from rest_framework.utils import json
from rest_framework.views import APIView

from vroegsignaal.intake.models import Channel, Delivery, DeliveryStatus
from vroegsignaal.intake.services import (
    UnreadableFile,
    ingest_file,
    ingest_records,
    rejected_as_a_whole,
)
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction
from vroegsignaal.privacy.policy import Action, can, deliveries_for


class ExactJSONParser(JSONParser):
    """JSON with its fractions read as Decimal: an amount of 1234.565 reaches validation as
    written and is refused, where the float nearest to it would be rounded to 1234.57."""

    def parse(self, stream, media_type=None, parser_context=None):
        decoded = codecs.getreader(get_encoding(parser_context or {}))(stream)
        try:
            return json.load(decoded, parse_float=Decimal)
        # REST framework's own parser does the same; api_errors reads the JSON error behind it.
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc


class RowMessageSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True)
    field = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class DeliveryResultSerializer(serializers.Serializer):
    delivery_id = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(["accepted", "partially_accepted", "rejected", "duplicate"])
    rows = serializers.IntegerField()
    accepted = serializers.IntegerField()
    rejected = serializers.IntegerField()
    replaced = serializers.IntegerField()
    message = serializers.CharField(
        required=False,
        help_text="Alleen bij status duplicate: deze inhoud was al aangeleverd en er is niets "
        "opnieuw verwerkt; de aantallen zijn die van de eerdere aanlevering (delivery_id).",
    )
    errors = RowMessageSerializer(many=True, help_text="Waarom een rij is geweigerd.")
    notices = RowMessageSerializer(
        many=True,
        help_text=(
            "Opmerkingen bij een rij: een waarde die niet is overgenomen (een BSN van een "
            "partner die geen zorgverzekeraar is). Dat is geen reden om de rij te weigeren."
        ),
    )


class DeliverySerializer(serializers.ModelSerializer):
    # Declared as plain counts: the model's integer range differs per database (SQLite and
    # PostgreSQL), and the API contract must not.
    row_count = serializers.IntegerField(read_only=True, min_value=0, label="Rijen")
    accepted_count = serializers.IntegerField(read_only=True, min_value=0, label="Geaccepteerd")
    rejected_count = serializers.IntegerField(read_only=True, min_value=0, label="Geweigerd")
    replaced_count = serializers.IntegerField(
        read_only=True,
        min_value=0,
        label="Vervangen",
        help_text="Rijen die een eerder aangeleverd signaal verbeterden.",
    )

    class Meta:
        model = Delivery
        fields = [
            "id",
            "channel",
            "filename",
            "status",
            "row_count",
            "accepted_count",
            "rejected_count",
            "replaced_count",
            "created_at",
        ]


def creditor_of(request):
    """The creditor on whose behalf the caller acts; only creditor staff and keys have one."""
    if not can(request.user, Action.DELIVER):
        raise PermissionDenied("Alleen een vastelastenpartner kan signalen aanleveren.")
    return request.user.creditor


def _as_the_original(answer: dict) -> dict:
    """A duplicate added nothing; its counts are those of the delivery it repeats
    (services._existing_delivery), and it says so in words."""
    original = Delivery.objects.get(pk=answer["delivery_id"])
    when = dateformat.format(timezone.localtime(original.created_at), r"j F Y \o\m H:i")
    return answer | {
        "message": f"Deze inhoud is al eerder aangeleverd op {when} (aanlevering "
        f"{original.pk}). Er is niets opnieuw verwerkt; de aantallen zijn die van die "
        "aanlevering, de meldingen per rij staan in het verslag ervan in de website.",
    }


def _unreadable(message: str) -> Response:
    return Response(rejected_as_a_whole(message), status=status.HTTP_400_BAD_REQUEST)


class DeliveryListCreate(APIView):
    parser_classes = [ExactJSONParser, MultiPartParser]

    @extend_schema(
        responses=DeliverySerializer(many=True),
        summary="Eigen aanleveringen",
        description=(
            "De laatste 200 aanleveringen van uw organisatie (bestand, API of opdrachtregel), "
            "met per aanlevering het aantal rijen, geaccepteerd, geweigerd en vervangen."
        ),
    )
    def get(self, request):
        creditor_of(request)
        deliveries = deliveries_for(request.user)[:200]
        audit.record(request, AuditAction.VIEW, "eigen aanleveringen (API)")
        return Response(DeliverySerializer(deliveries, many=True).data)

    @extend_schema(
        summary="Signalen aanleveren",
        description=(
            "Een JSON-lijst van signalen, elk een object met de kolomnamen van het "
            "aanleverformaat als sleutels (in de website: Aanleveren, /aanleveren/formaat/), "
            "of een bestand (multipart, veld `file`). Dezelfde inhoud opnieuw voegt niets toe. "
            "Een bedrag als JSON-getal wordt gelezen zoals het geschreven is: drie of meer "
            "decimalen (`1234.565`) worden geweigerd, niet afgerond. Een signaal met twee "
            "sleutels voor dezelfde kolom (`postcode` en `Postcode`) wordt geweigerd."
        ),
        request={
            "application/json": {"type": "array", "items": {"type": "object"}},
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            },
        },
        responses={
            201: DeliveryResultSerializer,
            200: DeliveryResultSerializer,
            400: OpenApiResponse(DeliveryResultSerializer, "Onleesbare aanlevering"),
        },
    )
    def post(self, request):
        creditor = creditor_of(request)
        delivered_by = request.user if getattr(request.user, "pk", None) else None
        try:
            if "file" in request.FILES:
                upload = request.FILES["file"]
                result = ingest_file(
                    creditor,
                    upload.read(),
                    upload.name,
                    channel=Channel.API,
                    delivered_by=delivered_by,
                )
            elif isinstance(request.data, list):
                result = ingest_records(creditor, request.data, delivered_by=delivered_by)
            else:
                return _unreadable(
                    "Verwacht een JSON-lijst van signalen of een bestand in het veld 'file'."
                )
        except UnreadableFile as exc:
            return _unreadable(str(exc))
        if result.status != "duplicate" and result.delivery_id:
            delivery = Delivery.objects.get(pk=result.delivery_id)
            audit.record(request, AuditAction.CHANGE, delivery, description="aangeleverd (API)")
        if result.status == DeliveryStatus.DUPLICATE:
            return Response(_as_the_original(result.as_json()), status=status.HTTP_200_OK)
        return Response(result.as_json(), status=status.HTTP_201_CREATED)
