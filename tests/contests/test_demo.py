"""The demo contests: 2024 as it happened (290 entries, 38 awarded) and one open now."""

import io
import time

import pytest
from django.db.models import Count
from django.utils import timezone

from apps.contests import demo
from apps.contests.models import Contest, Entry, Status
from apps.core import demo as core_demo

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_2024_contest_in_its_real_counts_quickly_and_idempotently():
    core_demo.load(io.StringIO())
    started = time.monotonic()
    demo.load(io.StringIO())
    elapsed = time.monotonic() - started
    contest = Contest.objects.get(slug=demo.SLUG_2024)
    counts = dict(contest.entries.values_list("category__kind").annotate(n=Count("pk")).order_by())
    assert counts == {"song": 8, "painting": 179, "poem": 62, "initiative": 41}
    assert contest.entries.filter(status=Status.AWARDED).count() == 38
    assert contest.announced_on.isoformat() == "2024-10-07"
    assert contest.phase == "announced"
    assert contest.title_en == "Son La – My Beloved Global Learning City"
    assert contest.theme_en == "Lifelong learning and climate change"
    painting = contest.entries.filter(category__kind="painting").first()
    with painting.file.open("rb") as stored:
        assert stored.read(3) == b"\xff\xd8\xff"
    assert contest.entries.filter(category__kind="poem").exclude(text="").count() == 62
    assert elapsed < 60
    demo.load(io.StringIO())
    assert Entry.objects.filter(contest=contest).count() == 290
    assert Contest.objects.count() == 2


def test_the_demo_has_a_contest_open_today():
    core_demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert Contest.objects.open_now(timezone.now()).filter(slug=demo.SLUG_OPEN).exists()


def test_the_demo_entries_are_private_and_marked_as_demo(client):
    core_demo.load(io.StringIO())
    demo.load(io.StringIO())
    entry = Entry.objects.filter(status=Status.NOT_SELECTED).first()
    assert entry.is_demo
    for url in ("/vi/contests/", f"/vi/contests/{demo.SLUG_2024}/", "/sitemap.xml"):
        html = client.get(url).content.decode()
        assert entry.title not in html
        assert entry.author_name not in html
