from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task
def clear_expired_sessions():
    """Delete expired sign-in sessions (scheduled daily by Celery beat); returns how many."""
    deleted, _rows = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
