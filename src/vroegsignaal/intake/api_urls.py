from django.urls import path

from vroegsignaal.intake import api

urlpatterns = [
    path("deliveries", api.DeliveryListCreate.as_view(), name="api-deliveries"),
]
