"""The portal's one way of sending e-mail: an outbox written with the change, sent after it.

``queue()`` renders a message from ``templates/mail/<name>_subject.txt``, ``<name>.txt`` and,
when it exists, ``<name>.html``, in the recipient's language, and saves it as an
``OutgoingMail`` row in the caller's transaction: no change without its e-mail, no e-mail
without its change. Once the transaction commits a Celery task sends it (``deliver``, which
claims the row with a conditional UPDATE first, so a task run twice sends once). When the
broker is down the row simply waits: ``sweep()`` (Celery beat, every minute) sends again what
is older than a minute and still unsent. A failed attempt waits longer each time, up to
``MAX_ATTEMPTS``; ``last_error`` says why, in the admin.
"""

import datetime
import logging
import smtplib
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from kombu.exceptions import OperationalError as BrokerError

from . import siteurl
from .models import OutgoingMail

log = logging.getLogger(__name__)

BROKER_DOWN = (BrokerError, ConnectionError)
SEND_FAILED = (smtplib.SMTPException, OSError)
MAX_ATTEMPTS = 8
# A task that claimed a row and died is replaced after this long (longer than EMAIL_TIMEOUT).
SENDING_TIME = datetime.timedelta(minutes=10)
# The sweep leaves the newest rows to the task sent on commit.
SWEEP_AFTER = datetime.timedelta(minutes=1)
SWEEP_BATCH = 200


def language_of(user):
    """The language the portal writes to ``user`` in: their profile's, else the site's."""
    profile = getattr(user, "profile", None)
    language = getattr(profile, "language", "")
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def site_url():
    """The portal's address for links in e-mails (``SITE_URL``), without a trailing slash."""
    return siteurl.absolute("")


def absolute_url(path):
    """``path`` (from ``reverse()``) as a link that works from a mailbox."""
    return siteurl.absolute(path)


def render(name, context, language):
    """The subject, text and HTML (or "") of the message ``name`` in ``language``."""
    context = {"site_url": site_url(), **(context or {})}
    with translation.override(language):
        subject = render_to_string(f"mail/{name}_subject.txt", context)
        body = render_to_string(f"mail/{name}.txt", context)
        try:
            html = render_to_string(f"mail/{name}.html", context)
        except TemplateDoesNotExist:
            html = ""
    # One line, whatever the template or a typed title holds (a newline would be a header).
    subject = " ".join(subject.split())[: OutgoingMail._meta.get_field("subject").max_length]
    return subject, body.strip() + "\n", html


def queue(recipient, name, context=None, *, language=None):
    """Save the message ``name`` to ``recipient`` and send it once the transaction commits.

    Call it inside the transaction of the change the message tells of. ``context`` is
    rendered now (in ``language``, the site's by default), so a task sends exactly what the
    change said. Returns the ``OutgoingMail``.
    """
    language = language or settings.LANGUAGE_CODE
    subject, body, html = render(name, context, language)
    mail = OutgoingMail.objects.create(
        recipient=recipient, language=language, subject=subject, body=body, html=html
    )
    transaction.on_commit(partial(dispatch, mail.pk))
    return mail


def queue_to_user(user, name, context=None):
    """``queue()`` to ``user``'s address in their language; None when they have no address."""
    if not (user.email and user.is_active):
        return None
    return queue(user.email, name, {"user": user, **(context or {})}, language=language_of(user))


def dispatch(mail_id):
    """Hand the row to a worker; when the broker is down, leave it for the sweep. Returns
    whether a worker (or the in-process run) took it."""
    from .tasks import send_outgoing_mail

    try:
        send_outgoing_mail.apply_async((mail_id,), retry=False)
    except BROKER_DOWN as exc:
        log.warning("mail %s stays in the outbox: broker unavailable (%s)", mail_id, exc)
        return False
    except Exception:  # run in-process (eager): the change is committed, the sweep retries
        log.exception("mail %s failed while sent in-process", mail_id)
    return True


def _claim(mail_id, now):
    """Take the row for this attempt, unless it is sent, being sent, or waiting to retry."""
    return (
        OutgoingMail.objects.unsent()
        .filter(pk=mail_id, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
        .update(locked_until=now + SENDING_TIME, attempts=F("attempts") + 1)
    )


def deliver(mail_id):
    """Send one outbox row (the task's body); safe to run twice. Returns whether it sent."""
    now = timezone.now()
    if not _claim(mail_id, now):
        return False
    mail = OutgoingMail.objects.get(pk=mail_id)
    message = EmailMultiAlternatives(
        mail.subject, mail.body, to=[mail.recipient], headers={"Content-Language": mail.language}
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    try:
        message.send()
    except SEND_FAILED as exc:
        log.warning("mail %s not sent (attempt %s): %s", mail_id, mail.attempts, exc)
        wait = datetime.timedelta(minutes=min(60, 2**mail.attempts))
        OutgoingMail.objects.filter(pk=mail_id).update(
            locked_until=timezone.now() + wait,
            last_error=f"{exc.__class__.__name__}: {exc}"[:500],
        )
        return False
    OutgoingMail.objects.filter(pk=mail_id).update(sent_at=timezone.now(), locked_until=None)
    return True


def sweep():
    """Send again what no task sent (broker down, worker lost, mail server down); returns how
    many rows were handed to a worker."""
    now = timezone.now()
    waiting = (
        OutgoingMail.objects.unsent()
        .filter(created__lt=now - SWEEP_AFTER, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
        .order_by("created", "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    return sum(dispatch(pk) for pk in list(waiting))
