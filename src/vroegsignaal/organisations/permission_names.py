"""Dutch names for Django's default model permissions ("Kan melding toevoegen").

Django stores a permission's name in the database in English ("Can add melding") when it
creates it after `migrate`; its translations do not reach stored names. The beheeromgeving
shows them beside every user and group, so after each migration the default names are
rewritten in Dutch, and a Dutch name follows its model's when that is renamed. Only names
still in Django's default form (English, or Dutch as written here) are touched.
"""

from __future__ import annotations

from django.conf import settings
from django.db import router
from django.db.models import Q
from django.utils import translation

DUTCH_VERBS = {
    "add": "toevoegen",
    "change": "wijzigen",
    "delete": "verwijderen",
    "view": "bekijken",
}


def dutch_name(action: str, verbose_name: str) -> str:
    """'Kan melding toevoegen' for Django's 'Can add melding'."""
    return f"Kan {verbose_name} {DUTCH_VERBS[action]}"


def name_permissions_in_dutch(sender, using="default", apps=None, **kwargs) -> None:
    """post_migrate: give the default permissions of ``sender``'s models their Dutch name."""
    if apps is None:
        return
    try:
        permission_model = apps.get_model("auth", "Permission")
        content_type_model = apps.get_model("contenttypes", "ContentType")
    except LookupError:
        return
    if not router.allow_migrate_model(using, permission_model):
        return
    for model in sender.get_models():
        content_type = content_type_model.objects.db_manager(using).get_for_model(
            model, for_concrete_model=False
        )
        permissions = permission_model.objects.using(using).filter(content_type=content_type)
        # Django names a permission after the model as the migrations know it, which for a
        # third-party model is its English name, before the project relabels it in Dutch.
        english_models = {str(model._meta.verbose_name_raw)}
        try:
            known = apps.get_model(model._meta.app_label, model._meta.object_name)
            english_models.add(str(known._meta.verbose_name_raw))
        except LookupError:
            pass
        with translation.override(settings.LANGUAGE_CODE):
            # A third-party model's name comes through the project's catalogue ("toegangslog").
            dutch_model = str(model._meta.verbose_name)
        for action in model._meta.default_permissions:
            if action in DUTCH_VERBS:
                english = Q(name__in=[f"Can {action} {name}" for name in english_models])
                # Named in Dutch after an earlier name of the model ('Kan jaarcijfers wijzigen').
                earlier = Q(name__startswith="Kan ", name__endswith=f" {DUTCH_VERBS[action]}")
                default = permissions.filter(
                    english | earlier, codename=f"{action}_{model._meta.model_name}"
                )
                default.update(name=dutch_name(action, dutch_model)[:255])
