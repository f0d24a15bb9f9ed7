import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from apps.spaces.models import LearningSpace, OpeningHours

CITY = ZoneInfo("Asia/Ho_Chi_Minh")


def city_time(year, month, day, hour, minute=0):
    """An aware datetime in Son La (2024-10-02 is a Wednesday)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=CITY)


@pytest.fixture
def make_space(db, village):
    def make(name="Nhà Tri thức bản Co Phương", area=None, hours=(), **fields):
        fields.setdefault("kind", LearningSpace.Kind.HOUSE_OF_WISDOM)
        fields.setdefault("name_en", "")
        fields.setdefault("latitude", "21.354638")
        fields.setdefault("longitude", "103.852349")
        space = LearningSpace.objects.create(
            name=name, name_vi=name, area=area or village, **fields
        )
        OpeningHours.objects.bulk_create(
            OpeningHours(
                space=space,
                weekday=day,
                opens=datetime.time.fromisoformat(opens),
                closes=datetime.time.fromisoformat(closes),
            )
            for day, opens, closes in hours
        )
        return space

    return make


@pytest.fixture
def space(make_space):
    # Evenings on weekdays, mornings and afternoons at the weekend.
    hours = [(d, "17:00", "21:00") for d in range(5)]
    hours += [(d, "07:30", "11:00") for d in (5, 6)] + [(d, "14:00", "21:00") for d in (5, 6)]
    return make_space(
        name_en="House of Wisdom, Co Phuong village",
        description_vi="Nơi đọc sách của bản.",
        description_en="The village's reading place.",
        activities_vi="Đọc sách buổi tối\nTập múa xòe",
        activities_en="Evening reading\nXòe dance practice",
        book_count=820,
        has_internet=True,
        contact_phone="0212 369 748",
        hours=hours,
    )


def image_bytes(fmt="JPEG", size=(800, 600), colour=(200, 120, 40), **save):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt, **save)
    return buffer.getvalue()
