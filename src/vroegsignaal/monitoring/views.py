"""Monitoring pages (thin: the figures come from the services)."""

from django.http import HttpResponse


def dashboard(request):
    return HttpResponse("Monitoring volgt.")
