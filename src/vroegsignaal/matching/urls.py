from django.urls import path

from vroegsignaal.matching import views

app_name = "matching"
urlpatterns = [
    path("", views.matching_runs, name="runs"),
    path("referentielijsten/", views.reference_lists, name="reference_lists"),
    path("run/<id:pk>/", views.run_result, name="run"),
]
