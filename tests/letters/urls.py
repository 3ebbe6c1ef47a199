"""The project's URLs with the letters (and casework) pages mounted as the root urls.py will."""

from django.urls import include, path

from vroegsignaal.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("brieven/", include("vroegsignaal.letters.urls")),
    *[pattern for pattern in project_urlpatterns if str(pattern.pattern) != "brieven/"],
]
