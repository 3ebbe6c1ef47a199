from django.urls import path

from vroegsignaal.feedback import api

urlpatterns = [
    path("feedback", api.FeedbackList.as_view(), name="api-feedback"),
    path("heropaf-checks", api.HeropafCheckList.as_view(), name="api-heropaf-checks"),
    path(
        "heropaf-checks/<id:pk>/answer",
        api.HeropafCheckAnswer.as_view(),
        name="api-heropaf-check-answer",
    ),
]
