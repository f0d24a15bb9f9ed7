import datetime

import pytest

from apps.core.localtime import city_zone
from apps.core.models import Area
from apps.events.models import Category, Event, Programme
from apps.spaces.models import LearningSpace

# Today in these tests is the project's: 27 November 2026 (the clock is not frozen, so
# "upcoming" events are placed far enough ahead or behind to stay so).
FAR_AHEAD = datetime.timedelta(days=400)


def city_time(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=city_zone())


@pytest.fixture
def space(village):
    return LearningSpace.objects.create(
        kind="house-of-wisdom",
        name="Nhà Tri thức bản Co Phương",
        name_vi="Nhà Tri thức bản Co Phương",
        name_en="House of Wisdom, Co Phuong village",
        area=village,
        latitude="21.300000",
        longitude="103.900000",
    )


@pytest.fixture
def other_ward(make_area):
    return make_area("Phường Tô Hiệu", Area.Kind.WARD, name_en="To Hieu Ward")


@pytest.fixture
def programme(db):
    return Programme.objects.create(
        name="Tuần lễ học tập suốt đời 2024",
        name_vi="Tuần lễ học tập suốt đời 2024",
        name_en="Lifelong Learning Week 2024",
        summary_vi="Hội sách, giao lưu tác giả, triển lãm.",
        summary_en="Book fairs, author exchanges, exhibitions.",
        starts_on=datetime.date(2024, 10, 1),
        ends_on=datetime.date(2024, 10, 7),
    )


@pytest.fixture
def make_event(db, commune):
    """An event in the commune, a year ahead unless told (``start`` is an aware datetime)."""

    def make(title="Hội sách mùa thu", start=None, hours=2, **extra):
        start = start or city_time(2027, 12, 1, 8, 0)
        fields = {
            "title": title,
            "title_vi": title,
            "title_en": extra.pop("title_en", "Autumn book fair"),
            "summary_vi": "Sách mới, giao lưu với tác giả.",
            "summary_en": "New books, meet the authors.",
            "category": Category.READING,
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=hours),
            "place_name_vi": "Quảng trường Tây Bắc",
            "place_name_en": "Tây Bắc Square",
            "area": commune,
            "organiser_vi": "Thư viện tỉnh Sơn La",
            "organiser_en": "Son La Provincial Library",
            **extra,
        }
        return Event.objects.create(**fields)

    return make


@pytest.fixture
def event(make_event):
    return make_event()
