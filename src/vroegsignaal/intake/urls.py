from django.urls import path

from vroegsignaal.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("aanleveringen/", views.deliveries, name="deliveries"),
    path("api/", views.api_guide, name="api"),
    path("formaat/", views.delivery_format, name="format"),
    path("formaat/voorbeeld-aanlevering.<str:fmt>", views.format_example, name="format_example"),
    path("aanleveringen/<id:pk>/", views.delivery, name="delivery"),
    path("aanleveringen/<id:pk>/signalen/", views.delivery_signals, name="delivery_signals"),
    path(
        "aanleveringen/<id:pk>/geweigerde-rijen.csv",
        views.rejected_rows_csv,
        name="delivery_rejected_csv",
    ),
    path(
        "aanleveringen/<id:pk>/geweigerde-rijen.xlsx",
        views.rejected_rows_xlsx,
        name="delivery_rejected_xlsx",
    ),
]
