from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from apps.core.permissions import can_change
from apps.spaces import demo
from apps.spaces.models import LearningSpace, OpeningHours, Photo

pytestmark = pytest.mark.django_db


def test_demo_has_112_spaces_and_is_idempotent():
    call_command("load_demo", stdout=StringIO())
    counts = (LearningSpace.objects.count(), OpeningHours.objects.count(), Photo.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert counts == (
        LearningSpace.objects.count(),
        OpeningHours.objects.count(),
        Photo.objects.count(),
    )
    assert counts[0] == 112
    assert counts[2] >= 3
    kinds = {k: LearningSpace.objects.filter(kind=k).count() for k in LearningSpace.Kind}
    assert kinds[LearningSpace.Kind.HOUSE_OF_WISDOM] == 83  # one in every village and group
    assert kinds[LearningSpace.Kind.LEARNING_CENTRE] == 5
    assert not LearningSpace.objects.filter(hours__isnull=True).exists()
    assert not LearningSpace.objects.filter(latitude__isnull=True).exists()
    assert not LearningSpace.objects.filter(name_en="").exists()


def test_demo_official_edits_chieng_den_spaces_only():
    call_command("load_demo", stdout=StringIO())
    official = get_user_model().objects.get(username="official.chiengden")
    co_phuong = LearningSpace.objects.get(name_vi="Nhà Tri thức bản Co Phương")
    assert co_phuong.area.unit.slug == "chieng-den"
    assert can_change(official, co_phuong)
    assert not can_change(
        official, LearningSpace.objects.exclude(area__parent__slug="chieng-den")[0]
    )
    assert LearningSpace.objects.managed_by(official).count() == 11


def test_demo_search_finds_co_phuong():
    call_command("load_demo", stdout=StringIO())
    found = LearningSpace.objects.search("nha tri thuc chieng den")
    assert "Nhà Tri thức bản Co Phương" in {s.name_vi for s in found}
    assert all(s.area.unit.slug == "chieng-den" for s in found)


def test_scale_adds_synthetic_spaces_and_replaces_earlier_ones():
    call_command("load_demo", stdout=StringIO())
    demo.scale(3, StringIO())
    demo.scale(2, StringIO())  # replaces the first run's synthetic spaces
    assert LearningSpace.objects.count() == 3 * 112
    assert LearningSpace.objects.filter(slug__startswith="scale-", hours__isnull=False).exists()
    assert LearningSpace.objects.search("synthetic").count() == 2 * 112
