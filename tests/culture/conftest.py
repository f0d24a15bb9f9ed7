import datetime

import pytest

from apps.core.models import Area
from apps.culture.models import Club, Dance
from apps.culture.schedule import days_bits
from apps.spaces.models import LearningSpace


@pytest.fixture
def make_club(db, village):
    def make(name="Câu lạc bộ văn hóa Thái bản Co Phương", area=None, **extra):
        fields = {
            "name": name,
            "name_vi": name,
            "name_en": extra.pop("name_en", "Thai Cultural Club, Co Phuong village"),
            "area": area or village,
            "description_vi": "Học chữ Thái và múa xòe.",
            "description_en": "Thai script and Xòe dance.",
            "teaches_script": True,
            "teaches_xoe": True,
            "meeting_days": days_bits([1, 4]),
            "starts_at": datetime.time(19, 30),
            "ends_at": datetime.time(21, 0),
            "founded_on": datetime.date(2024, 3, 19),
            "member_count": 42,
            "contact_name": "Lò Thị Xuân",
            "contact_phone": "0912 345 678",
            **extra,
        }
        return Club.objects.create(**fields)

    return make


@pytest.fixture
def club(make_club):
    return make_club()


@pytest.fixture
def space(village):
    return LearningSpace.objects.create(
        kind="house-of-wisdom",
        name="Nhà Tri thức bản Co Phương",
        name_vi="Nhà Tri thức bản Co Phương",
        name_en="House of Wisdom, Co Phuong village",
        area=village,
    )


@pytest.fixture
def other_commune(make_area):
    return make_area("Phường Tô Hiệu", Area.Kind.WARD, name_en="To Hieu Ward")


@pytest.fixture
def dance(club):
    dance = Dance.objects.create(
        name="Nhôm khăn (tung khăn)",
        name_vi="Nhôm khăn (tung khăn)",
        name_en="Nhôm khăn (tossing the scarves)",
        description_vi="Người múa tung khăn piêu.",
        description_en="The dancers toss their piêu scarves.",
        meaning_vi="Niềm vui.",
        meaning_en="Joy.",
    )
    dance.clubs.add(club)
    return dance
