from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OrganisationsConfig(AppConfig):
    name = "vroegsignaal.organisations"
    verbose_name = "Organisaties"

    def ready(self) -> None:
        from vroegsignaal.organisations.permission_names import name_permissions_in_dutch

        # Connected after django.contrib.auth's create_permissions (auth comes first in
        # INSTALLED_APPS), so each app's new permissions are renamed right after they are made.
        post_migrate.connect(name_permissions_in_dutch, dispatch_uid="dutch_permission_names")
