import datetime

import pytest
from django.utils import timezone, translation

from apps.spaces.models import LearningSpace

from .conftest import city_time

pytestmark = pytest.mark.django_db

WEDNESDAY = (2024, 10, 2)
SATURDAY = (2024, 10, 5)


def test_open_in_the_evening_interval(space):
    status = space.status(city_time(*WEDNESDAY, 18, 30))
    assert status["is_open"]
    assert status["closes"].strftime("%H:%M") == "21:00"


def test_closed_in_the_morning_opens_at_five_pm(space):
    status = space.status(city_time(*WEDNESDAY, 9, 0))
    assert not status["is_open"]
    assert status["next"]["today"]
    assert status["next"]["opens"].strftime("%H:%M") == "17:00"


def test_closing_time_itself_is_closed_and_next_is_tomorrow(space):
    status = space.status(city_time(*WEDNESDAY, 21, 0))
    assert not status["is_open"]
    assert status["next"]["tomorrow"]


def test_several_intervals_a_day(space):
    assert space.status(city_time(*SATURDAY, 8, 0))["is_open"]
    lunch = space.status(city_time(*SATURDAY, 12, 0))
    assert not lunch["is_open"]
    assert lunch["next"]["opens"].strftime("%H:%M") == "14:00"
    assert len(lunch["today"]) == 2


def test_time_is_counted_in_son_la_whatever_the_server_zone(space):
    # 11:30 UTC is 18:30 in Son La (UTC+7): open.
    moment = city_time(*WEDNESDAY, 18, 30).astimezone(datetime.UTC)
    assert moment.hour == 11
    assert space.status(moment)["is_open"]
    assert LearningSpace.objects.open_now(moment).get() == space


def test_queryset_open_now(space, make_space):
    make_space(name="Tủ sách buổi sáng", hours=[(2, "08:00", "11:00")])
    evening = LearningSpace.objects.open_now(city_time(*WEDNESDAY, 18, 0))
    morning = LearningSpace.objects.open_now(city_time(*WEDNESDAY, 9, 0))
    assert [s.name_vi for s in evening] == ["Nhà Tri thức bản Co Phương"]
    assert [s.name_vi for s in morning] == ["Tủ sách buổi sáng"]


def test_no_hours_means_no_next_opening(make_space):
    with translation.override("en"):
        status = make_space(name="Chưa có giờ").status(city_time(*WEDNESDAY, 9, 0))
    assert status == {
        "is_open": False,
        "today": [],
        "closes": None,
        "next": None,
        "label": "No opening hours published",
    }


def test_pages_show_open_now_and_opens_at(client, space, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: city_time(*WEDNESDAY, 18, 0))
    html = client.get("/en/spaces/").content.decode()
    assert "Open now, until 21:00" in html
    html = client.get(f"/vi/spaces/{space.slug}/").content.decode()
    assert "Đang mở cửa, đến 21:00" in html
    monkeypatch.setattr(timezone, "now", lambda: city_time(*WEDNESDAY, 9, 0))
    html = client.get(f"/en/spaces/{space.slug}/").content.decode()
    assert "Closed now, opens at 17:00" in html


def test_open_now_filter(client, space, make_space, monkeypatch):
    make_space(name="Tủ sách buổi sáng", hours=[(2, "08:00", "11:00")])
    monkeypatch.setattr(timezone, "now", lambda: city_time(*WEDNESDAY, 9, 30))
    html = client.get("/en/spaces/", {"open": "now"}).content.decode()
    assert "Tủ sách buổi sáng" in html
    assert "Nhà Tri thức bản Co Phương" not in html
