"""Django's admin app with the project's site (web.admin_site), loaded before any model is."""

from django.contrib.admin.apps import AdminConfig


class BeheerConfig(AdminConfig):
    default_site = "vroegsignaal.web.admin_site.BeheerSite"
