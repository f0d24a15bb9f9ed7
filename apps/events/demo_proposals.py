"""Demo proposals waiting in the open call of the next Lifelong Learning Week.

Made-up proposers with example.org addresses; two reach the Chiềng Đen official of the demo
accounts, one the Tô Hiệu official, one is written in English. Running ``load`` again updates
the same rows (keyed by programme and title) and duplicates nothing.
"""

import datetime

from apps.core.localtime import city_zone
from apps.core.models import Area
from apps.spaces.models import LearningSpace

from .demo import OPEN_CALL_SLUG
from .models import Category, EventProposal, Programme

PROPOSALS = [
    {
        "title": "Bà kể chuyện cổ tích Thái cho các cháu",
        "description": (
            "Các bà, các mẹ trong bản kể truyện cổ tích Thái và đọc sách tranh cho thiếu nhi; "
            "các cháu vẽ lại nhân vật mình thích."
        ),
        "category": Category.READING,
        "day": 1,
        "time": ("15:00", "17:00"),
        "place": "Nhà văn hóa bản",
        "unit": "chieng-den",
        "space": True,
        "organiser": "Chi hội phụ nữ bản",
        "contact": ("Lò Thị Ánh", "0912 000 101", "lo.thi.anh@example.org"),
        "language": "vi",
    },
    {
        "title": "Hướng dẫn dùng điện thoại thông minh tra cứu thông tin nông nghiệp",
        "description": (
            "Đoàn thanh niên xã hướng dẫn bà con dùng điện thoại để xem giá nông sản, dự báo "
            "thời tiết và học các lớp trực tuyến về trồng cà phê."
        ),
        "category": Category.WORKSHOP,
        "day": 3,
        "time": ("08:00", "11:00"),
        "place": "Hội trường Ủy ban nhân dân xã",
        "unit": "chieng-den",
        "space": False,
        "organiser": "Đoàn Thanh niên xã Chiềng Đen",
        "contact": ("Cầm Văn Hùng", "0986 000 202", ""),
        "language": "vi",
    },
    {
        "title": "Triển lãm ảnh “Tổ dân phố học tập”",
        "description": (
            "Ảnh của người dân trong tổ về các buổi sinh hoạt đọc sách, lớp múa xòe và những "
            "gia đình học tập tiêu biểu."
        ),
        "category": Category.EXHIBITION,
        "day": 0,
        "last_day": 6,
        "place": "Sân nhà văn hóa tổ 3",
        "unit": "to-hieu",
        "space": False,
        "organiser": "Ban công tác Mặt trận tổ 3",
        "contact": ("Quàng Văn Minh", "", "quang.van.minh@example.org"),
        "language": "vi",
    },
    {
        "title": "English conversation club for secondary pupils",
        "description": (
            "Volunteer teachers run an English conversation afternoon: games, songs and short "
            "talks about Son La's festivals, for pupils aged 11 to 15."
        ),
        "category": Category.CLASS,
        "day": 5,
        "time": ("14:00", "16:30"),
        "place": "Library of the Tô Hiệu Secondary School",
        "unit": "to-hieu",
        "space": False,
        "organiser": "Son La English Volunteers",
        "contact": ("Nguyễn Thu Hà", "0904 000 303", "thu.ha@example.org"),
        "language": "en",
    },
]


def _when(first_day, item):
    zone = city_zone()
    day = first_day + datetime.timedelta(days=item["day"])
    if "time" not in item:
        last = first_day + datetime.timedelta(days=item.get("last_day", item["day"]))
        return (
            datetime.datetime.combine(day, datetime.time.min, tzinfo=zone),
            datetime.datetime.combine(last, datetime.time(23, 59, 59), tzinfo=zone),
            True,
        )
    start, end = (datetime.time.fromisoformat(value) for value in item["time"])
    return (
        datetime.datetime.combine(day, start, tzinfo=zone),
        datetime.datetime.combine(day, end, tzinfo=zone),
        False,
    )


def load(stdout):
    """Put a few pending proposals in the open call (after ``demo.load`` made it)."""
    programme = Programme.objects.filter(slug=OPEN_CALL_SLUG).first()
    if programme is None:
        return
    count = 0
    for item in PROPOSALS:
        unit = Area.objects.filter(slug=item["unit"]).first()
        space = None
        if item["space"] and unit:
            space = LearningSpace.objects.published().filter(area__parent=unit).order_by("slug")
            space = space.first()
        starts_at, ends_at, all_day = _when(programme.starts_on, item)
        name, phone, email = item["contact"]
        EventProposal.objects.update_or_create(
            programme=programme,
            title=item["title"],
            defaults={
                "description": item["description"],
                "category": item["category"],
                "starts_at": starts_at,
                "ends_at": ends_at,
                "all_day": all_day,
                "place": item["place"],
                "area": unit,
                "space": space,
                "organiser": item["organiser"],
                "contact_name": name,
                "contact_phone": phone,
                "contact_email": email,
                "language": item["language"],
                "status": EventProposal.Status.PENDING,
            },
        )
        count += 1
    stdout.write(f"Event proposals: {count} waiting in the call of {programme.name_en}.")
