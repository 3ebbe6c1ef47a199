from django.urls import path

from vroegsignaal.privacy import views

app_name = "privacy"
urlpatterns = [
    path("auditlog/", views.audit_log, name="audit_log"),
    path("auditlog.csv", views.audit_export, name="audit_export"),
    path("bewaartermijnen/", views.retention_runs, name="retention_runs"),
    path("inzageverzoek/", views.access_request, name="access_request"),
]
