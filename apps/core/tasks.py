from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from . import throttle


@shared_task
def clear_expired_sessions():
    """Delete expired sign-in sessions and old rate-limit events (daily, Celery beat).

    Returns how many sessions were deleted.
    """
    deleted, _rows = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    throttle.forget_old()
    return deleted
