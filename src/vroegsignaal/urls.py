from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from vroegsignaal import api_errors

handler500 = api_errors.server_error

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("vroegsignaal.intake.api_urls")),
    path("api/v1/", include("vroegsignaal.feedback.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    re_path(r"^api/", api_errors.not_found),
    path("aanleveren/", include("vroegsignaal.intake.urls")),
    path("werk/", include("vroegsignaal.casework.urls")),
    path("matching/", include("vroegsignaal.matching.urls")),
    path("brieven/", include("vroegsignaal.letters.urls")),
    path("terugkoppeling/", include("vroegsignaal.feedback.urls")),
    path("privacy/", include("vroegsignaal.privacy.urls")),
    path("monitoring/", include("vroegsignaal.monitoring.urls")),
    path("", include("vroegsignaal.web.urls")),
]
