"""The project's URLs with the feedback app mounted, as the root urls.py will have it."""

from django.urls import include, path

from vroegsignaal.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("api/v1/", include("vroegsignaal.feedback.api_urls")),
    path("terugkoppeling/", include("vroegsignaal.feedback.urls")),
    *project_urlpatterns,
]
