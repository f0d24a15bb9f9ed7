"""The demo's open call has a few pending proposals, reviewed by the demo officials."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from apps.events import demo_proposals
from apps.events.demo import OPEN_CALL_SLUG
from apps.events.models import EventProposal

pytestmark = pytest.mark.django_db


def test_the_demo_call_has_pending_proposals_for_the_areas_officials(client):
    call_command("load_demo", stdout=StringIO())
    demo_proposals.load(StringIO())  # a second run duplicates nothing
    proposals = EventProposal.objects.filter(programme__slug=OPEN_CALL_SLUG)
    assert proposals.count() == len(demo_proposals.PROPOSALS)
    assert set(proposals.values_list("status", flat=True)) == {"pending"}
    assert set(proposals.values_list("language", flat=True)) == {"vi", "en"}
    for proposal in proposals:
        assert proposal.programme.starts_on <= proposal.local_start.date()
        assert proposal.local_end.date() <= proposal.programme.ends_on
    official = get_user_model().objects.get(username="official.chiengden")
    client.force_login(official)
    html = client.get("/vi/workspace/events/proposals/").content.decode()
    assert "Bà kể chuyện cổ tích Thái cho các cháu" in html
    assert "English conversation club" not in html  # Tô Hiệu's
