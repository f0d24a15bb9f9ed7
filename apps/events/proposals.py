"""The call for events: a proposal saved and its reviewers told; the reviewers' decisions
(accept, ask for changes, decline), each e-mailed to the proposer in their language.

Permissions are checked here, so the workspace and the admin agree: the officials of the
proposal's ward or commune, and the content staff, review it.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core import mail, throttle
from apps.core.permissions import CONTENT_STAFF, can_change

from .models import Event, EventProposal

# At most this many proposals from one address (a school may share one) per window, and from
# one phone or e-mail to one programme.
ADDRESS_LIMIT = 5
CONTACT_LIMIT = 3
PROPOSAL_WINDOW = datetime.timedelta(hours=1)
# The link that lets a proposer change a proposal sent back to them (in the e-mail only).
REVISION_SALT = "events.proposal-revision"
REVISION_MAX_AGE = datetime.timedelta(days=60)
Status = EventProposal.Status


class TooManyProposals(Exception):
    """The address or the contact has sent as many proposals as the limit allows."""


class CallClosed(Exception):
    """The programme's call for events takes no proposal today."""


class NotWaitingForChanges(Exception):
    """The proposal was decided, or sent again already: its link to change it is spent."""


class AlreadyDecided(Exception):
    """The proposal was accepted or declined already (by someone else, perhaps)."""


def can_review(user, proposal):
    """Who may read a proposal (its contact details too) and decide on it."""
    return can_change(user, proposal)


def reviewers(proposal):
    """Who hears of a new proposal: the officials of its ward or commune, else the content
    staff (a proposal without an area, or in an area nobody is assigned to)."""
    User = get_user_model()
    active = User.objects.filter(is_active=True).exclude(email="").order_by("pk")
    if proposal.area_id:
        officials = list(active.filter(profile__areas=proposal.area.unit))
        if officials:
            return officials
    return list(active.filter(groups__name=CONTENT_STAFF).distinct())


def revision_token(proposal):
    """The secret part of the proposer's link to change ``proposal`` (signed, never stored)."""
    return signing.dumps(proposal.pk, salt=REVISION_SALT)


def proposal_for_revision(token):
    """The proposal a revision link names, or None for a forged, damaged or expired link."""
    try:
        pk = signing.loads(token, salt=REVISION_SALT, max_age=REVISION_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return EventProposal.objects.select_related("programme", "area__parent").filter(pk=pk).first()


def _notify_reviewers(proposal):
    url = mail.absolute_url(reverse("events:workspace_proposal", args=[proposal.pk]))
    context = {"proposal": proposal, "programme": proposal.programme, "url": url}
    for user in reviewers(proposal):
        mail.queue_to_user(user, "event_proposal_received", context)


@transaction.atomic
def resubmit(proposal, address):
    """Save the proposer's changes to ``proposal`` (a valid ``ProposalForm``'s instance) and
    put it back in the reviewers' queue, who are told again. Only once per request for changes:
    ``NotWaitingForChanges`` otherwise; ``TooManyProposals`` beyond the address limit."""
    locked = EventProposal.objects.select_for_update().filter(pk=proposal.pk).first()
    if locked is None or locked.status != Status.CHANGES:
        raise NotWaitingForChanges
    if not throttle.allow(
        "event-proposal-address", address or "unknown", ADDRESS_LIMIT, PROPOSAL_WINDOW
    ):
        raise TooManyProposals
    proposal.status = Status.PENDING
    proposal.language = _language()
    proposal.save()
    _notify_reviewers(proposal)
    return proposal


@transaction.atomic
def propose(programme, proposal, address):
    """Save ``proposal`` (an unsaved ``EventProposal`` from a valid ``ProposalForm``) to
    ``programme``'s call, sent from ``address``.

    Refused with ``CallClosed`` when the call is not open and ``TooManyProposals`` beyond the
    limits; otherwise its reviewers are told by e-mail once it is committed. Returns it.
    """
    if not (programme.is_published and programme.call_is_open()):
        raise CallClosed
    contact = throttle.hashed(f"{programme.pk}:{proposal.contact_email or proposal.contact_phone}")
    if not throttle.allow(
        "event-proposal-address", address or "unknown", ADDRESS_LIMIT, PROPOSAL_WINDOW
    ):
        raise TooManyProposals
    if not throttle.allow("event-proposal-contact", contact, CONTACT_LIMIT, PROPOSAL_WINDOW):
        raise TooManyProposals
    proposal.programme = programme
    proposal.language = _language()
    proposal.status = Status.PENDING
    proposal.save()
    _notify_reviewers(proposal)
    return proposal


def _language():
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _locked(user, proposal):
    """The proposal read again under a row lock (two reviewers deciding at once), after the
    permission check."""
    proposal = EventProposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_review(user, proposal):
        raise PermissionDenied
    if not proposal.is_open:
        raise AlreadyDecided
    return proposal


def _decide(user, proposal, status, reason):
    proposal.status = status
    proposal.reason = reason
    proposal.reviewer = user
    proposal.reviewed_at = timezone.now()
    proposal.save()
    _tell_proposer(proposal)
    return proposal


def _tell_proposer(proposal):
    """The decision, by e-mail in the proposer's language; nothing when they gave only a
    phone number (the reviewer calls them)."""
    if not proposal.contact_email:
        return None
    programme = proposal.programme
    # Links in the proposer's language (the address carries it: /en/…).
    with translation.override(proposal.language):
        programme_url = mail.absolute_url(programme.get_absolute_url())
        propose_url = mail.absolute_url(reverse("events:proposal", args=[programme.slug]))
        revise_url = mail.absolute_url(
            reverse("events:proposal_revise", args=[programme.slug, revision_token(proposal)])
        )
    context = {
        "proposal": proposal,
        "programme": programme,
        "programme_url": programme_url,
        "propose_url": propose_url,
        "revise_url": revise_url,
    }
    return mail.queue(
        proposal.contact_email,
        f"event_proposal_{proposal.status}",
        context,
        language=proposal.language,
    )


@transaction.atomic
def accept(user, proposal, reason=""):
    """Accept ``proposal``: an unpublished event is made from it in its programme, for the
    reviewer to complete (both languages, a photo) and publish. Returns the event."""
    proposal = _locked(user, proposal)
    event = Event(
        programme=proposal.programme,
        category=proposal.category,
        starts_at=proposal.starts_at,
        ends_at=proposal.ends_at,
        all_day=proposal.all_day,
        space=proposal.space,
        area=proposal.area,
        is_published=False,
    )
    # The texts go in the language they were typed in; the other waits for the reviewer.
    language = proposal.language if proposal.language in ("vi", "en") else "vi"
    for field, value in (
        ("title", proposal.title),
        ("description", proposal.description),
        ("place_name", proposal.place),
        ("organiser", proposal.organiser),
    ):
        setattr(event, f"{field}_{language}", value)
    event._actor = user
    event.save()
    proposal.event = event
    _decide(user, proposal, Status.ACCEPTED, reason)
    return event


@transaction.atomic
def ask_for_changes(user, proposal, message):
    """Send the proposal back to its proposer with ``message`` (required)."""
    if not message.strip():
        raise ValidationError(_("Say what should change."))
    proposal = _locked(user, proposal)
    return _decide(user, proposal, Status.CHANGES, message.strip())


@transaction.atomic
def decline(user, proposal, reason):
    """Decline the proposal with ``reason`` (required), told to the proposer."""
    if not reason.strip():
        raise ValidationError(_("Say why the proposal is declined."))
    proposal = _locked(user, proposal)
    return _decide(user, proposal, Status.DECLINED, reason.strip())


def may_create_events(user):
    """Content staff, officials of a ward or commune and officials of a club add events."""
    from apps.core.permissions import assigned_area_ids
    from apps.culture.models import Club

    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.has_perm("events.add_event"):
        return True
    return bool(assigned_area_ids(user)) or Club.objects.managed_by(user).exists()


def proposals_for(user):
    """The proposals ``user`` may review: staff every one, officials those of their areas."""
    from apps.core.permissions import changeable

    return changeable(user, EventProposal.objects.all())
