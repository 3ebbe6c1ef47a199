from django.urls import path

from vroegsignaal.feedback import views

app_name = "feedback"
urlpatterns = [
    path("", views.signals, name="signals"),
    path("terugkoppeling.<str:fmt>", views.download, name="download"),
    path("signalen/<id:pk>/", views.signal, name="signal"),
    path("heropaf/", views.heropaf_checks, name="heropaf_checks"),
    path("heropaf/<id:pk>/", views.heropaf_check, name="heropaf_check"),
    path("overzicht/", views.overview, name="overview"),
    path(
        "overzicht/heropaf-verlopen/<id:creditor_pk>/",
        views.overdue_heropaf,
        name="overdue_heropaf",
    ),
]
