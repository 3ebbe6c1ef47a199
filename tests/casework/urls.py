"""The project's URLs with casework mounted at /werk/, as the root urls.py will have it."""

from django.urls import include, path

from vroegsignaal.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("werk/", include("vroegsignaal.casework.urls")), *project_urlpatterns]
