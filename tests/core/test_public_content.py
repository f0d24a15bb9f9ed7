"""Only changes to public content make cached pages stale, and every way of changing it does."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone

from apps.commitments.models import Change, Commitment, KeyFeature, Measurement, Unit
from apps.core import pagecache
from apps.core.models import KeyFigure
from apps.reports.models import ProgressReport
from apps.spaces.models import LearningSpace

pytestmark = pytest.mark.django_db


@pytest.fixture
def figure(db):
    return KeyFigure.objects.create(label_vi="Dân số", label_en="Residents", value=106000)


@pytest.fixture
def pledge(db):
    return Commitment.objects.create(
        title_vi="Ngân sách giáo dục",
        key_feature=KeyFeature.RESOURCES,
        unit=Unit.PERCENT,
        baseline_value=Decimal("31.5"),
        baseline_year=2020,
        target_value=Decimal("33.7"),
        target_year=2030,
        published=True,
    )


def version():
    return cache.get(pagecache.VERSION_KEY)


def test_the_version_is_a_fresh_random_token_for_each_change(figure):
    seen = {version()}
    for value in (1, 2, 3):
        figure.value = value
        figure.save()
        seen.add(version())
    assert len(seen) == 4
    assert all(isinstance(token, str) and len(token) == 16 for token in seen)


def test_an_evicted_version_never_brings_back_pages_from_before_an_edit(client, figure):
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    old = version()
    figure.value = 200
    figure.save()
    cache.delete(pagecache.VERSION_KEY)  # evicted, or culled by the file cache
    response = client.get("/en/")
    assert response["X-Page-Cache"] == "miss"
    assert version() != old
    assert "200" in response.content.decode()


def test_a_pending_figure_leaves_the_cached_pages_alone(pledge, official):
    before = version() or pagecache.current_version()
    Measurement.objects.create(
        commitment=pledge,
        value=Decimal("32"),
        valid_on=datetime.date(2025, 12, 31),
        recorded_by=official,
        status=Measurement.State.PENDING,
    )
    assert version() == before


def test_approving_a_figure_makes_the_pages_stale(pledge, official, staff_user):
    pending = Measurement.objects.create(
        commitment=pledge,
        value=Decimal("32"),
        valid_on=datetime.date(2025, 12, 31),
        recorded_by=official,
        status=Measurement.State.PENDING,
    )
    loaded = Measurement.objects.get(pk=pending.pk)
    before = pagecache.current_version()
    loaded.status = Measurement.State.APPROVED
    loaded.approved_by = staff_user
    loaded.approved_at = timezone.now()
    loaded.save(update_fields=["status", "approved_by", "approved_at"])
    assert version() != before


def test_history_rows_sessions_and_a_building_report_never_flush_pages(pledge):
    before = pagecache.current_version()
    Change.objects.create(object_type="commitment", object_id=1, object_repr="x", action="changed")
    Session.objects.create(session_key="k" * 32, session_data="", expire_date=timezone.now())
    report = ProgressReport.objects.create(reporting_date=datetime.date(2026, 1, 1), language="en")
    report.status = ProgressReport.Status.RUNNING
    report.save()
    ProgressReport.objects.filter(pk=report.pk).update(attempts=2)
    assert version() == before


def test_unpublishing_a_commitment_makes_the_pages_stale(pledge):
    loaded = Commitment.objects.get(pk=pledge.pk)
    before = pagecache.current_version()
    loaded.published = False
    loaded.save()
    assert version() != before


def test_editing_an_unpublished_commitment_leaves_the_pages_alone(pledge):
    Commitment.objects.filter(pk=pledge.pk).update(published=False)
    loaded = Commitment.objects.get(pk=pledge.pk)
    before = pagecache.current_version()
    loaded.summary_vi = "Bản nháp"
    loaded.save()
    assert version() == before


def test_queryset_update_of_public_content_makes_the_pages_stale(figure):
    before = pagecache.current_version()
    KeyFigure.objects.filter(pk=figure.pk).update(value=5)
    assert version() != before


def test_bulk_create_of_public_content_makes_the_pages_stale(village):
    before = pagecache.current_version()
    LearningSpace.objects.bulk_create(
        [LearningSpace(name="Nhà Tri thức", name_vi="Nhà Tri thức", slug="ntt", area=village)]
    )
    assert version() != before


def test_bulk_delete_of_public_content_makes_the_pages_stale(figure):
    before = pagecache.current_version()
    KeyFigure.objects.all().delete()
    assert version() != before


def test_bulk_update_of_public_content_makes_the_pages_stale(figure):
    before = pagecache.current_version()
    figure.value = 9
    KeyFigure.objects.bulk_update([figure], ["value"])
    assert version() != before


def test_sessions_are_deleted_in_one_query_however_many_there_are(
    django_assert_num_queries,
):
    expired = timezone.now() - datetime.timedelta(days=1)
    Session.objects.bulk_create(
        Session(session_key=f"{n:032d}", session_data="", expire_date=expired) for n in range(300)
    )
    with django_assert_num_queries(1):
        Session.objects.filter(expire_date__lt=timezone.now()).delete()
    assert not Session.objects.exists()


def test_a_second_bump_follows_the_commit(figure, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        figure.value = 1
        figure.save()
        figure.value = 2
        figure.save()
    bumps = [c for c in callbacks if c is pagecache._bump_after_commit]
    assert bumps
    before = version()
    seen = set()
    for bump in bumps:  # as Django runs them after the commit
        bump()
        seen.add(version())
    assert before not in seen
    assert len(seen) == 1  # one bump per commit, however many rows changed


def test_a_page_cached_from_the_old_rows_before_the_commit_is_not_served_after_it(
    client, figure, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        figure.value = 107500
        figure.save()
        # Another process renders the page between the save and the commit, from the rows
        # it still sees: the old ones. It is stored under the version of the first bump.
        key = pagecache.page_key(_request_for("/en/"), pagecache.current_version())
        cache.set(key, pagecache.page_entry(b"old page", [("Content-Type", "text/html")]), 60)
        assert client.get("/en/").content == b"old page"
    assert client.get("/en/").content != b"old page"


def _request_for(path):
    from django.test import RequestFactory

    return RequestFactory().get(path)


def test_a_cacheable_page_with_a_form_token_is_never_stored(client, settings):
    # The password-reset page is cacheable (no never_cache) and carries a CSRF token in a
    # cookie: storing it would hand one visitor's token to everyone.
    first = client.get("/en/accounts/password_reset/")
    assert first.status_code == 200
    assert settings.CSRF_COOKIE_NAME in first.cookies
    second = client.get("/en/accounts/password_reset/")
    assert "X-Page-Cache" not in second
    assert settings.CSRF_COOKIE_NAME in second.cookies
    stored = list(_page_keys())
    assert stored == []


def _keys():
    """Every key the test cache holds (a LocMemCache, or this test process's Redis database)."""
    backend = cache._cache
    if isinstance(backend, dict):
        return list(backend)
    return [key.decode() for key in backend.get_client().keys("*")]


def _page_keys():
    return [key for key in _keys() if ":page:" in key]


def test_a_thousand_requests_with_unknown_parameters_create_no_cache_entry(
    client, figure, monkeypatch
):
    # The list's "open now" parts are kept per minute: hold the minute still for the run.
    monkeypatch.setattr("apps.spaces.listing.minute_of", lambda now: "2026-11-27T10:00")
    client.get("/en/")
    client.get("/en/spaces/")
    before = set(_keys())
    for n in range(1000):
        path = "/en/" if n % 2 else "/en/spaces/"
        assert client.get(path, {f"x{n}": "y" * (n % 50)}).status_code == 200
    assert set(_keys()) - before == set()


def test_invalid_filter_values_create_no_cache_entry(client, village, monkeypatch):
    monkeypatch.setattr("apps.spaces.listing.minute_of", lambda now: "2026-11-27T10:00")
    client.get("/en/spaces/")
    # The active areas by slug are kept once per content version, whatever area is asked.
    client.get("/en/spaces/", {"area": village.slug})
    before = set(_keys())
    for n in range(50):
        response = client.get("/en/spaces/", {"area": f"nowhere-{n}", "kind": f"k{n}"})
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert set(_keys()) - before == set()


def test_the_cache_header_is_sent_only_when_asked_for(client, figure, settings):
    settings.PAGE_CACHE_HEADER = False
    client.get("/en/")
    assert "X-Page-Cache" not in client.get("/en/")


def test_a_save_outside_a_transaction_never_fails_on_the_cache(figure, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(pagecache, "_outage", pagecache._Outage())
    monkeypatch.setattr(pagecache.cache, "set", broken)
    figure.value = 3
    figure.save()
    assert KeyFigure.objects.get(pk=figure.pk).value == 3
