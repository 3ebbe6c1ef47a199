from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PrivacyConfig(AppConfig):
    name = "vroegsignaal.privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        from vroegsignaal.privacy.routers import migrate_audit_file_with_default

        post_migrate.connect(migrate_audit_file_with_default, sender=self)
