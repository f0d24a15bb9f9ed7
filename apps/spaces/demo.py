"""Demo data of the learning spaces: 112 Houses of Wisdom, humane libraries and centres.

The number is the city's (FACTS.md); the hours, facilities, activities, coordinates, phone
numbers and photos are made up and shown as demo data. Running ``load`` again updates the same
spaces (keyed by slug) and duplicates nothing.
"""

import datetime
import io
import math
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from apps.core.images import check_image, save_renditions
from apps.core.models import Area

from .models import LearningSpace, OpeningHours, Photo

CITY_CENTRE = (21.3256, 103.9188)
SCALE_PREFIX = "scale-"

# Rough direction and distance (degrees) of each ward/commune from the city centre (demo).
UNIT_OFFSETS = {
    "chieng-an": (0.012, 0.018),
    "chieng-coi": (-0.020, 0.010),
    "chieng-le": (0.010, -0.006),
    "chieng-sinh": (-0.030, 0.035),
    "quyet-tam": (-0.006, 0.004),
    "quyet-thang": (0.004, -0.012),
    "to-hieu": (0.000, 0.000),
    "chieng-co": (0.045, -0.030),
    "chieng-den": (0.030, -0.065),
    "chieng-ngan": (-0.055, 0.050),
    "chieng-xom": (0.035, 0.060),
    "hua-la": (-0.010, 0.075),
}

ACTIVITIES = [
    ("Đọc sách, báo buổi tối", "Evening reading of books and newspapers"),
    ("Lớp học chữ Thái cổ cho thiếu nhi", "Thai script classes for children"),
    ("Tập múa xòe", "Xòe dance practice"),
    (
        "Chia sẻ kinh nghiệm trồng cà phê, cây ăn quả",
        "Sharing know-how on growing coffee and fruit",
    ),
    ("Sinh hoạt câu lạc bộ người cao tuổi", "Meetings of the elderly people's club"),
    ("Bóng chuyền hơi, đá cầu", "Air volleyball and shuttlecock kicking"),
    (
        "Hướng dẫn sử dụng điện thoại thông minh, dịch vụ công trực tuyến",
        "Help with smartphones and online public services",
    ),
    ("Kể chuyện, đọc sách cùng con", "Storytelling and reading with children"),
    ("Phổ biến pháp luật, phòng chống thiên tai", "Talks on the law and on disaster preparedness"),
    ("Dạy thêu, dệt thổ cẩm", "Embroidery and brocade weaving lessons"),
    ("Chiếu phim tài liệu, tọa đàm", "Documentary screenings and discussions"),
    ("Tập văn nghệ cho các ngày lễ, hội", "Rehearsals for festival performances"),
]

KIND_TEXT = {
    LearningSpace.Kind.HOUSE_OF_WISDOM: (
        "Nhà Tri thức được xây dựng trên nền nhà văn hóa của {area_vi}: nơi người dân đọc sách, "
        "học tập, sinh hoạt văn hóa, thể thao và chia sẻ kinh nghiệm sản xuất, đời sống.",
        "The House of Wisdom is built on the cultural house of {area_en}: a place where residents "
        "read, learn, hold cultural and sports activities and share their experience of farming "
        "and everyday life.",
    ),
    LearningSpace.Kind.HUMANE_LIBRARY: (
        "Tủ sách nhân ái do người dân và các nhà hảo tâm góp sách, mở cửa cho mọi người, "
        "đặc biệt là học sinh, đến đọc và mượn sách miễn phí.",
        "A humane library (a bookshelf of compassion) stocked with books given by residents and "
        "donors, open to everyone, pupils above all, to read and borrow free of charge.",
    ),
    LearningSpace.Kind.LEARNING_CENTRE: (
        "Trung tâm học tập cộng đồng của {unit_vi}: lớp xóa mù chữ, bồi dưỡng nghề, "
        "chuyển giao khoa học kỹ thuật và các lớp kỹ năng cho người dân.",
        "The community learning centre of {unit_en}: literacy classes, vocational training, "
        "farming techniques and skills courses for residents.",
    ),
}

PHOTO_SPACES = [
    "nha-tri-thuc-ban-co-phuong-chieng-den",
    "nha-tri-thuc-ban-den-chieng-den",
    "trung-tam-hoc-tap-cong-dong-chieng-den",
    "nha-tri-thuc-to-1-to-hieu",
]


def _lower_first(text):
    """``Xã Chiềng Đen`` -> ``xã Chiềng Đen``, as the name reads inside a sentence."""
    return text[:1].lower() + text[1:]


def _en_in_sentence(area):
    """An English area name as it reads after a comma: ``residential group 1`` (a common noun,
    like ``tổ 1``), but ``Hai village`` and ``To Hieu Ward`` (they start with a proper name)."""
    return _lower_first(area.name_en) if area.kind == Area.Kind.GROUP else area.name_en


def _time(text):
    return datetime.time.fromisoformat(text)


def _hours_for(kind, rng):
    """A plausible weekly timetable: (weekday, opens, closes) triples."""
    if kind == LearningSpace.Kind.HOUSE_OF_WISDOM:
        evening = rng.choice([("17:00", "21:00"), ("16:30", "20:30"), ("17:30", "21:30")])
        week = [(d, *evening) for d in range(5)]
        week += [(d, "07:30", "11:00") for d in (5, 6)] + [(d, "14:00", "21:00") for d in (5, 6)]
        return week
    if kind == LearningSpace.Kind.HUMANE_LIBRARY:
        days = range(1, 7) if rng.random() < 0.5 else range(7)
        return [(d, "08:00", "11:00") for d in days] + [(d, "14:00", "17:30") for d in days]
    week = [(d, "07:30", "11:30") for d in range(5)] + [(d, "13:30", "17:00") for d in range(5)]
    return [*week, (5, "07:30", "11:30")]


def _plan():
    """What to create: (slug, kind, locality, vi name, en name), 112 in all."""
    units = list(Area.objects.units().order_by("order"))
    localities = {u.pk: list(Area.objects.filter(parent=u).order_by("order", "pk")) for u in units}
    plan = []
    for unit in units:
        for area in localities[unit.pk]:
            if area.kind == Area.Kind.VILLAGE:
                vi = f"Nhà Tri thức bản {area.name_vi.removeprefix('Bản ').strip()}"
                en = f"House of Wisdom, {area.name_en}"
            else:
                vi = f"Nhà Tri thức {area.name_vi.lower()}, {_lower_first(unit.name_vi)}"
                en = f"House of Wisdom, {_en_in_sentence(area)}, {unit.name_en}"
            plan.append(
                (f"nha-tri-thuc-{area.slug}", LearningSpace.Kind.HOUSE_OF_WISDOM, area, vi, en)
            )
    for unit in units:
        for area in localities[unit.pk][:2]:
            label_vi = area.name_vi if area.kind == Area.Kind.VILLAGE else area.name_vi.lower()
            vi = f"Tủ sách nhân ái {_lower_first(label_vi)}, {_lower_first(unit.name_vi)}"
            en = f"Humane library, {_en_in_sentence(area)}, {unit.name_en}"
            plan.append(
                (f"tu-sach-nhan-ai-{area.slug}", LearningSpace.Kind.HUMANE_LIBRARY, area, vi, en)
            )
    for unit in units:
        if unit.kind == Area.Kind.COMMUNE:
            area = localities[unit.pk][0]
            vi = f"Trung tâm học tập cộng đồng {_lower_first(unit.name_vi)}"
            en = f"{unit.name_en} Community Learning Centre"
            plan.append(
                (
                    f"trung-tam-hoc-tap-cong-dong-{unit.slug}",
                    LearningSpace.Kind.LEARNING_CENTRE,
                    area,
                    vi,
                    en,
                )
            )
    return plan


def _fields(kind, area, rng):
    unit = area.unit
    offset = UNIT_OFFSETS.get(unit.slug, (0, 0))
    spread = 0.012 if unit.kind == Area.Kind.COMMUNE else 0.005
    lat = CITY_CENTRE[0] + offset[0] + rng.uniform(-spread, spread)
    lon = CITY_CENTRE[1] + offset[1] + rng.uniform(-spread, spread)
    chosen = rng.sample(ACTIVITIES, rng.randint(3, 5))
    text_vi, text_en = KIND_TEXT[kind]
    names = {
        "area_vi": _lower_first(area.name_vi),
        "area_en": _en_in_sentence(area),
        "unit_vi": unit.name_vi,
        "unit_en": unit.name_en,
    }
    big = kind != LearningSpace.Kind.HUMANE_LIBRARY
    return {
        "address": f"Nhà văn hóa {_lower_first(area.name_vi)}, {_lower_first(unit.name_vi)}, TP Sơn La",
        "latitude": Decimal(f"{lat:.6f}"),
        "longitude": Decimal(f"{lon:.6f}"),
        "description_vi": text_vi.format(**names),
        "description_en": text_en.format(**names),
        "activities_vi": "\n".join(a[0] for a in chosen),
        "activities_en": "\n".join(a[1] for a in chosen),
        "book_count": rng.randrange(150, 1200, 10) if big else rng.randrange(80, 500, 10),
        "has_reading_corner": True,
        "has_children_corner": rng.random() < 0.6,
        "has_internet": rng.random() < (0.7 if big else 0.3),
        "has_computers": kind == LearningSpace.Kind.LEARNING_CENTRE or rng.random() < 0.15,
        "has_meeting_hall": big,
        "has_sports_ground": big and rng.random() < 0.7,
        "has_stage": big and rng.random() < 0.5,
        "is_step_free": rng.random() < 0.4,
        "contact_phone": f"0212 3{rng.randrange(10, 99)} {rng.randrange(100, 999)}",
        "contact_email": "",
        "is_published": True,
    }


def load(stdout):
    plan = _plan()
    spaces = []
    for slug, kind, area, vi, en in plan:
        rng = random.Random(slug)
        space, _created = LearningSpace.objects.update_or_create(
            slug=slug,
            defaults={"kind": kind, "area": area, "name_vi": vi, "name_en": en}
            | _fields(kind, area, rng),
        )
        spaces.append((space, rng))
    OpeningHours.objects.filter(space__in=[s for s, _rng in spaces]).delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(space=space, weekday=day, opens=_time(opens), closes=_time(closes))
        for space, rng in spaces
        for day, opens, closes in _hours_for(space.kind, rng)
    )
    photos = 0
    for index, slug in enumerate(PHOTO_SPACES):
        space = LearningSpace.objects.filter(slug=slug).first()
        if space and not space.photos.exists():
            _add_photo(space, index)
            photos += 1
    stdout.write(
        f"Learning spaces: {len(spaces)} (demo hours and facilities), {photos} new photos."
    )


def _add_photo(space, seed):
    """A drawn picture of a stilt house under the mountains (no download needed)."""
    rng = random.Random(seed)
    width, height = 1280, 854
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):  # sky
        shade = int(170 + 70 * y / (height / 2))
        draw.line([(0, y), (width, y)], fill=(120, shade, 235))
    for layer, colour in enumerate([(86, 120, 104), (58, 102, 74), (40, 84, 56)]):
        base = int(height * (0.42 + 0.08 * layer))
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, base - int(90 * abs(math.sin(x / (170 + 40 * layer) + seed)))))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    draw.rectangle([0, int(height * 0.78), width, height], fill=(112, 150, 70))
    left = 300 + rng.randint(-80, 80)
    floor = int(height * 0.62)
    for x in range(left + 20, left + 620, 100):  # stilts
        draw.rectangle([x, floor, x + 14, int(height * 0.84)], fill=(90, 60, 35))
    draw.rectangle([left, floor - 150, left + 640, floor], fill=(150, 100, 60))
    draw.polygon(
        [(left - 60, floor - 150), (left + 320, floor - 330), (left + 700, floor - 150)],
        fill=(120, 55, 40),
    )
    for x in range(left + 60, left + 600, 140):  # windows with bookshelves
        draw.rectangle([x, floor - 110, x + 80, floor - 40], fill=(245, 225, 170))
        for row in range(3):
            y = floor - 100 + row * 22
            draw.line([(x + 6, y), (x + 74, y)], fill=(150, 40, 40), width=8)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    upload = SimpleUploadedFile("demo.jpg", buffer.getvalue(), content_type="image/jpeg")
    photo = Photo(
        space=space,
        alt_vi=f"Hình vẽ minh họa (dữ liệu mẫu): {space.name_vi}, nhà sàn dưới chân núi",
        alt_en=f"Demo drawing: {space.name_en}, a stilt house below the mountains",
        order=0,
    )
    photo.alt = photo.alt_vi
    photo.set_renditions(save_renditions(check_image(upload), Photo.upload_prefix()))
    photo.save()


def scale(factor, stdout):
    """Add ``factor`` x 112 synthetic spaces (with hours) for the benchmark.

    ``manage.py bench_data --scale N`` calls ``scale(N - 1)`` after the demo, which makes N x 112
    spaces in all. Synthetic slugs start with ``scale-``; earlier ones are replaced first, so
    running it again never piles them up.
    """
    LearningSpace.objects.filter(slug__startswith=SCALE_PREFIX).delete()
    count = max(0, int(factor)) * 112
    localities = list(Area.objects.localities().select_related("parent"))
    rng = random.Random(f"scale-{factor}")
    kinds = list(LearningSpace.Kind)
    batch = []
    for i in range(count):
        area = rng.choice(localities)
        kind = kinds[i % len(kinds)]
        vi = f"Điểm học tập thử nghiệm số {i + 1}"
        space = LearningSpace(
            slug=f"{SCALE_PREFIX}{i + 1}",
            kind=kind,
            area=area,
            name=vi,
            name_vi=vi,
            name_en=f"Synthetic learning space no. {i + 1}",
            **_fields(kind, area, rng),
        )
        space.search_text = space.build_search_text()
        batch.append(space)
    created = LearningSpace.objects.bulk_create(batch, batch_size=500)
    OpeningHours.objects.bulk_create(
        (
            OpeningHours(space=space, weekday=day, opens=_time(opens), closes=_time(closes))
            for space in created
            for day, opens, closes in _hours_for(space.kind, rng)
        ),
        batch_size=2000,
    )
    stdout.write(f"Learning spaces: {len(created)} synthetic spaces added (x{factor}).")
