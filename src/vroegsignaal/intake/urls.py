from django.urls import path

from vroegsignaal.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.upload, name="upload"),
]
