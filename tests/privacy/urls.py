"""The project's URLs with the privacy pages mounted, until the root urls.py mounts them itself."""

from django.urls import include, path

from vroegsignaal.urls import urlpatterns as project_urlpatterns

mounted = any(getattr(p, "namespace", None) == "privacy" for p in project_urlpatterns)
urlpatterns = project_urlpatterns + (
    [] if mounted else [path("privacy/", include("vroegsignaal.privacy.urls"))]
)
