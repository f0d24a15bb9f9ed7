"""The city's time (Asia/Ho_Chi_Minh), whatever the server's or the request's zone."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def city_zone():
    return ZoneInfo(settings.TIME_ZONE)


def local_now(now=None):
    """The current time (or ``now``) in the city."""
    return timezone.localtime(now or timezone.now(), city_zone())


def local_today():
    """Today's date in the city."""
    return local_now().date()
