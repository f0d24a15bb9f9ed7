"""Clubs are public content (their changes refresh the cached pages); join requests are private
records that never flush them."""

import pytest

from apps.core import pagecache
from apps.culture.models import JoinRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_HEADER = True


def test_the_list_and_detail_are_served_from_the_cache_until_a_club_changes(client, club, cached):
    assert client.get("/vi/clubs/")["X-Page-Cache"] == "miss"
    assert client.get("/vi/clubs/")["X-Page-Cache"] == "hit"
    assert client.get(f"/vi/clubs/{club.slug}/")["X-Page-Cache"] == "miss"
    assert client.get(f"/vi/clubs/{club.slug}/")["X-Page-Cache"] == "hit"
    club.name_vi = "CLB đổi tên"
    club.save()
    response = client.get("/vi/clubs/")
    assert response.get("X-Page-Cache") == "miss"
    assert "CLB đổi tên" in response.content.decode()


def test_an_unknown_filter_is_answered_but_never_cached(client, club, cached):
    response = client.get("/vi/clubs/", {"focus": "nothing"})
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_a_join_request_never_makes_the_public_pages_stale(club):
    version = pagecache.current_version()
    JoinRequest.objects.create(club=club, name="A", phone="0912345678", message="m")
    JoinRequest.objects.all().delete()
    assert pagecache.current_version() == version


def test_the_join_form_with_its_csrf_token_is_never_cached(client, club, cached):
    client.get(f"/vi/clubs/{club.slug}/join/")
    response = client.get(f"/vi/clubs/{club.slug}/join/")
    assert "X-Page-Cache" not in response


def test_a_tracked_bulk_change_of_clubs_refreshes_the_pages_and_keeps_the_history(
    client, club, cached, official
):
    from apps.core.history import tracked_update
    from apps.culture.models import Change, Club

    client.get("/vi/clubs/")
    assert client.get("/vi/clubs/")["X-Page-Cache"] == "hit"
    changed = tracked_update(
        Club.objects.filter(pk=club.pk, is_published=True), actor=official, name_vi="CLB mới"
    )
    assert changed == 1
    response = client.get("/vi/clubs/")
    assert response["X-Page-Cache"] == "miss"
    assert "CLB mới" in response.content.decode()
    row = Change.objects.filter(object_id=club.pk, action="changed").get()
    assert row.user == official
    assert row.changes["name_vi"][1] == "CLB mới"
    # A filter the rows no longer match is a guard, as it is for update(): nothing changes.
    assert tracked_update(Club.objects.filter(pk=club.pk, is_published=False), name_vi="X") == 0
    club.refresh_from_db()
    assert club.name_vi == "CLB mới"
