"""Joining a club: the request saved, its officials told by e-mail after the commit, and
the officials' answer, with the permission checks inside so the workspace and the admin agree."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from apps.core import mail, throttle
from apps.core.permissions import can_change

from .models import JoinRequest

# At most this many join requests from one address (an office may share one) per window,
# and from one phone or e-mail to one club.
ADDRESS_LIMIT = 5
CONTACT_LIMIT = 2
JOIN_WINDOW = datetime.timedelta(hours=1)


class TooManyRequests(Exception):
    """The address or the contact has sent as many join requests as the limit allows."""


def can_read_requests(user, club):
    """Who may read a club's join requests (and the contact details in them)."""
    return can_change(user, club)


def club_officials(club):
    """Who hears of a club's join requests: its own officials, else those of its ward or
    commune."""
    officials = [user for user in club.officials.all() if user.is_active]
    if officials:
        return officials
    User = get_user_model()
    return list(User.objects.filter(is_active=True, profile__areas=club.area.unit).order_by("pk"))


@transaction.atomic
def request_to_join(club, data, address):
    """Save a join request (``data``: a valid ``JoinForm``'s cleaned data) from ``address``.

    Refused with ``TooManyRequests`` beyond the limits; otherwise the club's officials are
    told by e-mail once the request is committed. Returns the request.
    """
    if not club.is_published:
        raise PermissionDenied
    contact = throttle.hashed(f"{club.pk}:{data.get('email') or data.get('phone')}")
    if not throttle.allow("club-join-address", address or "unknown", ADDRESS_LIMIT, JOIN_WINDOW):
        raise TooManyRequests
    if not throttle.allow("club-join-contact", contact, CONTACT_LIMIT, JOIN_WINDOW):
        raise TooManyRequests
    join = JoinRequest.objects.create(
        club=club,
        name=data["name"],
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        message=data["message"],
        language=translation.get_language() or "vi",
    )
    notify_officials(join)
    return join


def notify_officials(join):
    """Tell the club's officials of a new request: one outbox row each, sent after the commit
    (``apps.core.mail``). The e-mail names the person and links to the workspace; their phone
    and e-mail stay in the portal, behind the sign-in."""
    url = mail.absolute_url(reverse("culture:workspace_requests", args=[join.club.slug]))
    for official in club_officials(join.club):
        mail.queue_to_user(
            official, "club_join_request", {"join": join, "club": join.club, "url": url}
        )


def mark_answered(user, join, answered=True):
    """Record that someone of the club answered the request (or undo it)."""
    if not can_read_requests(user, join.club):
        raise PermissionDenied
    join.handled = answered
    join.handled_at = timezone.now() if answered else None
    join.handled_by = user if answered else None
    join.save(update_fields=["handled", "handled_at", "handled_by"])
    return join


def requests_for(user, club):
    if not can_read_requests(user, club):
        raise PermissionDenied
    return club.join_requests.all()
