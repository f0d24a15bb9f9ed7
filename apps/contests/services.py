"""Entries: received (saved before anything that can fail), looked up by their senders, and
disqualified by staff, with the checks inside so the form, the admin and the tests agree."""

import datetime
import logging
import uuid

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from apps.core import mail, throttle

from .models import Entry, FileKind, Status, new_code

log = logging.getLogger(__name__)

# Entries from one address per window: a school's pupils may share one address, so the limit
# leaves room for a class, not for a robot.
ADDRESS_LIMIT = 30
ENTRY_WINDOW = datetime.timedelta(hours=1)
# Status look-ups from one address: enough for a family, not for guessing codes.
LOOKUP_LIMIT = 10
LOOKUP_WINDOW = datetime.timedelta(minutes=10)
CODE_ATTEMPTS = 8


class ContestClosed(Exception):
    """The contest does not take entries now."""


class TooManyRequests(Exception):
    """The address has sent as many entries or look-ups as the limit allows."""


def _by_token(contest, token):
    if token is None:
        return None
    return Entry.objects.filter(contest=contest, submission_token=token).first()


def submit_entry(contest, data, work, address, token=None):
    """Save an entry to ``contest`` from ``data`` (a valid ``EntryForm``'s cleaned data) and
    ``work`` (a checked ``works.Work`` or None for text typed in the form).

    Returns ``(entry, created)``. A form sent twice (a double click, a retry) carries the same
    ``token`` and gets the first entry back, never a second one. The entry, its file and its
    e-mail receipt (an outbox row) are saved in one transaction; the e-mail is sent after the
    commit, so a mail server or broker outage never loses an entry. Raises ``ContestClosed``
    outside the open phase and ``TooManyRequests`` beyond the address's limit.
    """
    existing = _by_token(contest, token)
    if existing:
        return existing, False
    if not contest.accepts_entries():
        raise ContestClosed
    if not throttle.allow("contest-entry", address or "unknown", ADDRESS_LIMIT, ENTRY_WINDOW):
        raise TooManyRequests
    if token is not None:
        taken = Entry.objects.filter(submission_token=token).first()
        if taken is not None and taken.contest_id == contest.pk:
            return taken, False  # its twin request (a double click) saved it a moment ago
        if taken is not None:
            token = uuid.uuid4()  # a token of another contest's form: this form is a new one
    entry = _new_entry(contest, data, work, address, token)
    stored = ""
    if work is not None and work.data:
        stored = entry.file.storage.save(
            entry.file.field.generate_filename(entry, f"work.{work.extension}"),
            ContentFile(work.data),
        )
        entry.file.name = stored
    try:
        _save_with_code(entry)
    except IntegrityError:
        # The same form sent twice at the same moment: the other request saved it first.
        if stored:
            entry.file.storage.delete(stored)
        existing = _by_token(contest, token)
        if existing is None:
            raise
        return existing, False
    return entry, True


def _new_entry(contest, data, work, address, token):
    entry = Entry(
        contest=contest,
        category=data["category"],
        author_name=data["author_name"],
        age_group=data.get("age_group", ""),
        school=data.get("school", ""),
        area=data["area"],
        contact_phone=data.get("contact_phone", ""),
        contact_email=data.get("contact_email", ""),
        title=data["title"],
        description=data.get("description", ""),
        text=data.get("text", ""),
        consent_to_publish=bool(data.get("consent_to_publish")),
        guardian_name=data.get("guardian_name", ""),
        language=translation.get_language() or "vi",
        client_hash=throttle.hashed(address or "unknown"),
        submission_token=token,
    )
    if work is not None:
        entry.file_kind = work.kind
        entry.file_type = work.content_type
        entry.file_size = len(work.data)
        entry.file_name = data.get("file_name", "")[:120]
        if work.kind == FileKind.TEXT:
            entry.text = work.text
    elif entry.text:
        entry.file_kind = FileKind.TEXT
    return entry


def _save_with_code(entry):
    """Save ``entry`` under a fresh code, trying another on the rare collision; the receipt
    e-mail is queued in the same transaction."""
    for attempt in range(CODE_ATTEMPTS):
        entry.code = new_code(entry.contest.code_prefix)
        try:
            with transaction.atomic():
                entry.save(force_insert=True)
                send_receipt(entry)
                return entry
        except IntegrityError:
            entry.pk = None
            entry._state.adding = True
            if _by_token(entry.contest, entry.submission_token) or attempt == CODE_ATTEMPTS - 1:
                raise
    return entry


def send_receipt(entry):
    """Queue the receipt e-mail (the code and what was received) when the sender gave an
    address; sent after the commit by ``apps.core.mail``."""
    if not entry.contact_email:
        return None
    context = {
        "entry": entry,
        "contest": entry.contest,
        "category": entry.category,
        "status_url": mail.absolute_url(reverse("contests:status")),
    }
    with translation.override(entry.language):
        return mail.queue(entry.contact_email, "contest_receipt", context, language=entry.language)


def look_up(code, contact, address):
    """The entry of ``code`` whose contact is ``contact``, or None; throttled per address.

    A wrong pair and an unknown code give the same answer (None).
    """
    if not throttle.allow("contest-status", address or "unknown", LOOKUP_LIMIT, LOOKUP_WINDOW):
        raise TooManyRequests
    return Entry.objects.lookup(code, contact)


def can_manage_entries(user):
    return bool(user and user.is_active and user.has_perm("contests.change_entry"))


@transaction.atomic
def disqualify(user, entry, reason):
    """Disqualify ``entry`` for ``reason`` (kept in the history, never shown publicly)."""
    if not can_manage_entries(user):
        raise PermissionDenied
    reason = " ".join(str(reason).split())[:500]
    if not reason:
        raise ValueError("A disqualification needs a reason.")
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    entry.status = Status.DISQUALIFIED
    entry.disqualification_reason = reason
    entry.prize = ""
    entry.prize_rank = None
    entry._actor = user
    entry.save(update_fields=["status", "disqualification_reason", "prize", "prize_rank"])
    return entry
