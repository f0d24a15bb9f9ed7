from celery import shared_task
from celery.signals import worker_ready
from django.contrib.sessions.models import Session
from django.utils import timezone

from . import published, search, throttle


@shared_task
def clear_expired_sessions():
    """Delete expired sign-in sessions and old rate-limit events (daily, Celery beat).

    Returns how many sessions were deleted.
    """
    deleted, _rows = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    throttle.forget_old()
    return deleted


@shared_task(ignore_result=True)
def send_outgoing_mail(mail_id):
    """Send one row of the outbox (apps.core.mail); safe to run twice: it claims the row first."""
    from . import mail

    return mail.deliver(mail_id)


@shared_task
def sweep_outgoing_mail():
    """Send again the e-mails no task sent (Celery beat, every minute); returns how many."""
    from . import mail

    return mail.sweep()


@shared_task
def rebuild_published(name=None, language=None):
    """Rebuild the published files (open data, feeds) whose content changed; safe to run twice.

    Sent once per burst of changes and every few minutes by Celery beat (the sweep for
    changes whose rebuild could not be sent); ``name`` and ``language`` limit it to one file.
    Returns the files whose content changed. The whole run (no ``name``) also builds the
    search's vocabularies for near matches (``search.warm_vocabularies``): derived from the
    same content, they are ready before a visitor mistypes.
    """
    rebuilt = published.rebuild_stale(name=name, language=language)
    if name is None:
        search.warm_vocabularies()
    return rebuilt


@worker_ready.connect
def publish_when_a_worker_starts(sender=None, **kwargs):
    """A worker that starts publishes the files that are missing or out of date: after a first
    deployment (or a change made while no worker ran) they are ready in seconds, without
    waiting for a change or for beat's sweep."""
    rebuild_published.delay()
