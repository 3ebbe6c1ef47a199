"""What a model's full_clean says, by field: the messages the beheeromgeving shows at a field."""

from django.core.exceptions import ValidationError
from django.db import models


def validation_errors(instance: models.Model) -> dict[str, list[str]]:
    try:
        instance.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}
