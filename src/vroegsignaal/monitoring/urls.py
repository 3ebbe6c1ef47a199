from django.urls import path

from vroegsignaal.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("grafiek/<slug:key>.svg", views.chart, name="chart"),
    path("tabel/<slug:key>.<str:fmt>", views.download, name="download"),
    path("maandrapport/", views.monthly, name="monthly"),
    path("kwartaalrapport/", views.quarterly_pdf, name="quarterly"),
    path("ddas/", views.ddas, name="ddas"),
    path("businesscase/", views.business_case, name="businesscase"),
    path("jaarcijfers/", views.year_figures, name="year_figures"),
]
