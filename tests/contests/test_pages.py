"""The public pages of contests: list, contest, home section, sitemap, cache and queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from apps.contests.models import Contest, Entry, Phase
from apps.core import pagecache

from .conftest import entry_data, make_open_contest

pytestmark = pytest.mark.django_db

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("vi", ["Học tập suốt đời – Sống xanh", "Tranh vẽ", "Học để sống xanh"]),
        ("en", ["Lifelong learning – Living green", "Paintings", "Learning to live green"]),
    ],
)
def test_the_list_and_the_contest_are_in_both_languages(client, contest, lang, texts):
    listing = client.get(f"/{lang}/contests/").content.decode()
    detail = client.get(f"/{lang}/contests/{contest.slug}/").content.decode()
    for text in texts:
        assert text in listing
        assert text in detail
    assert f"/{lang}/contests/{contest.slug}/submit/" in detail


def test_the_contest_page_shows_rules_prizes_dates_categories_and_criteria(client, contest):
    html = client.get(f"/en/contests/{contest.slug}/").content.decode()
    for text in (
        "Up to two works per person.",
        "First, second and third prizes.",
        "Open for entries",
        "Creativity",
        "Entries from",
        "files up to 5.0",
    ):
        assert text in html


def test_a_draft_or_unpublished_contest_is_nowhere(client, contest):
    draft = make_open_contest(slug="ban-nhap", phase=Phase.DRAFT)
    hidden = make_open_contest(slug="an", is_published=False)
    for other in (draft, hidden):
        assert client.get(f"/vi/contests/{other.slug}/").status_code == 404
        assert client.get(f"/vi/contests/{other.slug}/submit/").status_code == 404
    listing = client.get("/vi/contests/").content.decode()
    assert "ban-nhap" not in listing
    assert "/an/" not in listing


def test_an_unknown_contest_is_a_404(client):
    assert client.get("/en/contests/nothing-here/").status_code == 404


def test_a_closed_contest_moves_to_judging_without_any_change(client, contest, settings):
    assert "Open for entries" in client.get("/en/contests/").content.decode()
    Contest.objects.filter(pk=contest.pk).update(
        closes_at=timezone.now() + datetime.timedelta(milliseconds=1)
    )
    pagecache.invalidate()
    client.get("/en/contests/")  # the page is kept while the contest is open …
    later = timezone.now() + datetime.timedelta(seconds=5)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("apps.contests.views.timezone.now", lambda: later)
        patch.setattr("apps.contests.models.contests.timezone.now", lambda: later)
        html = client.get("/en/contests/").content.decode()
    assert "the jury is at work" in html  # … and not once it has closed


def test_the_home_page_names_the_open_contest(client, contest):
    html = client.get("/en/").content.decode()
    assert "Open contests" in html
    assert contest.get_absolute_url().replace("/vi/", "/en/") in html


def test_the_sitemap_lists_contests_never_entries(client, contest, categories, commune):
    client.post(
        f"/vi/contests/{contest.slug}/submit/",
        entry_data(categories["poem"], commune, text="Thơ", title="Bí mật"),
    )
    code = Entry.objects.get().code
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/contests/{contest.slug}/" in sitemap
    assert "/contests/status/" in sitemap
    assert code not in sitemap
    assert "receipt" not in sitemap


def test_an_entry_never_makes_the_public_pages_stale(client, contest, categories, commune):
    version = pagecache.current_version()
    client.post(
        f"/vi/contests/{contest.slug}/submit/",
        entry_data(categories["poem"], commune, text="Thơ"),
    )
    assert Entry.objects.count() == 1
    Entry.objects.all().delete()
    assert pagecache.current_version() == version


def test_a_change_to_a_contest_refreshes_its_page(client, contest, settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_HEADER = True
    url = f"/vi/contests/{contest.slug}/"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    contest.title_vi = "Cuộc thi đổi tên"
    contest.save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Cuộc thi đổi tên" in response.content.decode()


def test_the_forms_with_their_csrf_token_are_never_cached(client, contest, settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_HEADER = True
    for url in (f"/vi/contests/{contest.slug}/submit/", "/vi/contests/status/"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url)


def test_html_typed_into_a_contest_is_escaped(client, contest):
    contest.title_vi = "<script>alert(1)</script>"
    contest.rules_vi = "<img src=x onerror=alert(1)>"
    contest.save()
    html = client.get(f"/vi/contests/{contest.slug}/").content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html


def _query_counts(client):
    urls = [
        "/vi/contests/",
        "/en/contests/thi-0/",
        "/vi/contests/thi-0/submit/",
        "/en/contests/status/",
    ]
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


@override_settings(CACHES=NO_CACHE)
def test_pages_take_the_same_few_queries_with_one_or_twenty_contests(client, commune):
    make_open_contest(slug="thi-0")
    small = _query_counts(client)
    for i in range(1, 20):
        make_open_contest(slug=f"thi-{i}")
    assert _query_counts(client) == small
    assert max(small) <= 10, small
