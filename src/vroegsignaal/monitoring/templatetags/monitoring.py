"""Template filters for the monitoring pages: figures written the Dutch way."""

from django import template

from vroegsignaal.monitoring.businesscase import dutch

register = template.Library()

register.filter("dutch", dutch)
