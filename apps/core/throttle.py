"""Rate limits kept in the database (they must hold when the cache is down or cleared).

``allow(scope, key, limit, window)`` counts a request and says whether it is within the limit:
at most ``limit`` requests per ``window`` (a timedelta) for one key (an address, or the hash of
an e-mail address, never the address itself). Used for password resets and, as apps join, for
join requests and contest entries.
"""

import datetime
import hashlib

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from .models import RateEvent

KEEP = datetime.timedelta(days=1)


def hashed(value):
    """A key that names an e-mail address or user name without storing it."""
    return hashlib.sha256(str(value).strip().casefold().encode()).hexdigest()


def allow(scope, key, limit, window):
    """Count one request of ``key``; False when it would be more than ``limit`` in ``window``."""
    since = timezone.now() - window
    recent = RateEvent.objects.filter(scope=scope, key=key[:128], at__gte=since).count()
    if recent >= limit:
        return False
    RateEvent.objects.create(scope=scope, key=key[:128])
    return True


def forget_old():
    """Delete the events older than a day (no limit looks further back); returns how many."""
    deleted, _rows = RateEvent.objects.filter(at__lt=timezone.now() - KEEP).delete()
    return deleted


def address_failures(address):
    """Failed sign-ins from ``address`` within the pause, across every user name."""
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
