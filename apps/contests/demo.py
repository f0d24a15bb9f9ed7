"""Demo data of the contests: the 2024 contest as it happened (FACTS.md) and one open now.

"Sơn La – Thành phố học tập toàn cầu tôi yêu", July to September 2024, theme "Lifelong learning
and climate change": 290 entries (8 songs, 179 paintings, 62 poems, 41 initiatives), 38 awarded,
announced on 7 October 2024. The counts are the city's; the entries themselves (authors,
titles, paintings drawn here with Pillow, poems, short tones for songs) are made up and marked
as demo data. A second contest is open around today so the form can be tried. Running ``load``
again updates the contests and leaves existing entries alone.
"""

import datetime
import io
import math
import random
import struct
import wave

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from apps.core import throttle
from apps.core.localtime import city_zone, local_today
from apps.core.models import Area

from .models import (
    Category,
    Contest,
    Criterion,
    Entry,
    FileKind,
    Kind,
    Phase,
    Prize,
    Status,
    entry_file_path,
    entry_storage,
    new_code,
)

SLUG_2024 = "son-la-thanh-pho-hoc-tap-toan-cau-toi-yeu-2024"
SLUG_OPEN = "hoc-tap-suot-doi-song-xanh-2026"
# kind: (entries, awarded, prize ladder)
COUNTS_2024 = {
    Kind.SONG: (8, 3),
    Kind.PAINTING: (179, 20),
    Kind.POEM: (62, 9),
    Kind.INITIATIVE: (41, 6),
}
FAMILY = [
    "Lò",
    "Cầm",
    "Quàng",
    "Lường",
    "Tòng",
    "Điêu",
    "Hà",
    "Vì",
    "Nguyễn",
    "Trần",
    "Lê",
    "Hoàng",
]
GIVEN = [
    "Thị Xuân",
    "Văn Pọm",
    "Thị Ẻn",
    "Văn Chơi",
    "Thị Bun",
    "Minh Anh",
    "Gia Huy",
    "Thu Hà",
    "Văn Khiêm",
    "Ngọc Lan",
    "Bảo Châu",
    "Đức Minh",
]
SUBJECTS = [
    ("Bản em sau cơn bão Yagi", "My village after Typhoon Yagi"),
    ("Trồng cây giữ đất", "Planting trees to hold the soil"),
    ("Nhà Tri thức của bản", "The village's House of Wisdom"),
    ("Dòng Nậm La xanh", "The green Nậm La river"),
    ("Học mãi không ngừng", "Learning never stops"),
    ("Mùa ban nở", "When the ban flowers bloom"),
    ("Tủ sách nhân ái", "The humane bookshelf"),
    ("Em yêu Sơn La", "I love Son La"),
    ("Đồi chè sau mưa", "Tea hills after the rain"),
    ("Ông bà em đi học chữ", "My grandparents learn to read"),
]
POEM = (
    "Sáng nay em đến Nhà Tri thức,\n"
    "Ông kể chuyện rừng, bà dạy chữ Thái.\n"
    "Mưa lũ qua rồi, bản lại xanh,\n"
    "Cả bản cùng học, cùng trồng cây mới.\n"
)
INITIATIVE = (
    "Ý tưởng: mỗi bản lập một tổ thanh niên theo dõi mưa và sạt lở, ghi lại lượng mưa hằng "
    "ngày, báo cho cả bản qua loa truyền thanh và nhóm Zalo; Nhà Tri thức mở lớp hướng dẫn "
    "trồng cây giữ đất cho các hộ dân."
)
PRIZE_LADDER = [Prize.FIRST, Prize.SECOND, Prize.THIRD, Prize.THIRD]
COLOURS = [
    (46, 125, 50),
    (21, 101, 192),
    (245, 124, 0),
    (198, 40, 40),
    (106, 27, 154),
    (0, 131, 143),
    (251, 192, 45),
    (121, 85, 72),
]


def _local(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=city_zone())


def _categories(kinds_text):
    return [
        {
            "kind": Kind.SONG,
            "name_vi": "Bài hát",
            "name_en": "Songs",
            "description_vi": "Một bài hát sáng tác mới, gửi bản thu âm.",
            "description_en": "A new song, sent as a recording.",
            "accepts_audio": True,
            "max_file_mb": 20,
        },
        {
            "kind": Kind.PAINTING,
            "name_vi": "Tranh vẽ",
            "name_en": "Paintings",
            "description_vi": "Tranh vẽ tay mọi chất liệu, gửi ảnh chụp hoặc ảnh quét.",
            "description_en": "A hand-made painting or drawing, sent as a photo or a scan.",
            "accepts_image": True,
            "max_file_mb": 10,
        },
        {
            "kind": Kind.POEM,
            "name_vi": "Thơ",
            "name_en": "Poems",
            "description_vi": "Một bài thơ, gõ trong ô hoặc gửi tệp PDF.",
            "description_en": "A poem, typed in the box or sent as a PDF.",
            "accepts_text": True,
            "accepts_pdf": True,
            "max_file_mb": 5,
            "max_text_chars": 5000,
        },
        {
            "kind": Kind.INITIATIVE,
            "name_vi": "Sáng kiến, giải pháp",
            "name_en": "Initiatives and solutions",
            "description_vi": kinds_text[0],
            "description_en": kinds_text[1],
            "accepts_text": True,
            "accepts_pdf": True,
            "max_file_mb": 10,
            "max_text_chars": 10000,
        },
    ]


CRITERIA = [
    ("Bám sát chủ đề", "Fits the theme", 3),
    ("Sáng tạo", "Creativity", 3),
    ("Giá trị nghệ thuật, thực tiễn", "Artistic or practical value", 2),
    ("Khả năng lan tỏa", "Reach in the community", 2),
]


def _contest(slug, fields, categories):
    contest, _created = Contest.objects.update_or_create(slug=slug, defaults=fields)
    for order, data in enumerate(categories):
        Category.objects.update_or_create(
            contest=contest,
            kind=data["kind"],
            defaults={**data, "name": data["name_vi"], "order": order},
        )
    for order, (name_vi, name_en, weight) in enumerate(CRITERIA):
        Criterion.objects.update_or_create(
            contest=contest,
            order=order,
            defaults={"name": name_vi, "name_vi": name_vi, "name_en": name_en, "weight": weight},
        )
    return contest


def _contest_2024():
    return _contest(
        SLUG_2024,
        {
            "title": "Sơn La – Thành phố học tập toàn cầu tôi yêu",
            "title_vi": "Sơn La – Thành phố học tập toàn cầu tôi yêu",
            "title_en": "Son La – My Beloved Global Learning City",
            "code_prefix": "SL24",
            "theme_vi": "Học tập suốt đời và biến đổi khí hậu",
            "theme_en": "Lifelong learning and climate change",
            "summary_vi": (
                "Cuộc thi đầu tiên về thành phố học tập ở Việt Nam, sau cơn bão Yagi: 290 tác "
                "phẩm dự thi, 38 tác phẩm xuất sắc được trao giải trong Tuần lễ học tập suốt đời."
            ),
            "summary_en": (
                "Vietnam's first learning-city contest, after Typhoon Yagi: 290 works were sent "
                "and 38 outstanding works were awarded during Lifelong Learning Week."
            ),
            "rules_vi": "Mỗi người gửi tối đa hai tác phẩm. Tác phẩm chưa từng đăng hoặc đoạt giải.",
            "rules_en": "Up to two works per person, never published or awarded before.",
            "prizes_vi": "Giải Nhất, Nhì, Ba và Khuyến khích cho mỗi thể loại.",
            "prizes_en": "First, second, third and consolation prizes in each category.",
            "opens_at": _local(2024, 7, 1),
            "closes_at": _local(2024, 9, 30, 17),
            "announced_on": datetime.date(2024, 10, 7),
            "phase": Phase.ANNOUNCED,
            "is_published": True,
            "is_demo": False,
        },
        _categories(
            (
                "Một sáng kiến hay giải pháp về học tập suốt đời hoặc ứng phó biến đổi khí hậu.",
                "An initiative or solution for lifelong learning or facing climate change.",
            )
        ),
    )


def _contest_open():
    today = local_today()
    opens = _local(today.year, today.month, 1)
    closes = opens + datetime.timedelta(days=60)
    return _contest(
        SLUG_OPEN,
        {
            "title": "Học tập suốt đời – Sống xanh",
            "title_vi": "Học tập suốt đời – Sống xanh",
            "title_en": "Lifelong learning – Living green",
            "code_prefix": f"SL{today:%y}",
            "theme_vi": "Học để sống xanh: tiết kiệm, trồng cây, giữ rừng, phòng chống thiên tai",
            "theme_en": "Learning to live green: saving, planting, keeping the forest, "
            "preparing for disasters",
            "summary_vi": "Cuộc thi minh họa để thử biểu mẫu gửi tác phẩm (dữ liệu mẫu).",
            "summary_en": "A demonstration contest to try the entry form (demo data).",
            "rules_vi": "Mọi người dân đều được tham gia; học sinh dưới 18 tuổi ghi tên cha mẹ.",
            "rules_en": "Every resident may take part; pupils under 18 give a parent's name.",
            "prizes_vi": "Giải Nhất, Nhì, Ba và Khuyến khích cho mỗi thể loại.",
            "prizes_en": "First, second, third and consolation prizes in each category.",
            "opens_at": opens,
            "closes_at": closes.replace(hour=23, minute=59),
            "announced_on": (closes + datetime.timedelta(days=14)).date(),
            "phase": Phase.OPEN,
            "is_published": True,
            "is_demo": True,
        },
        _categories(("Một sáng kiến sống xanh.", "An initiative for green living.")),
    )


def painting(rng, size=(240, 180)):
    """A small made-up painting: sky, hills, a sun and a house, as JPEG bytes."""
    image = Image.new("RGB", size, rng.choice(COLOURS[:2]))
    draw = ImageDraw.Draw(image)
    width, height = size
    for layer in range(3):
        colour = rng.choice(COLOURS)
        base = height * (0.5 + 0.15 * layer)
        points = [(0, height)]
        for x in range(0, width + 20, 20):
            points.append((x, base - 25 * math.sin(x / 30 + rng.random() * 3)))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    sun = rng.randint(20, width - 40)
    draw.ellipse((sun, 12, sun + 28, 40), fill=(255, 213, 79))
    house = rng.randint(20, width - 60)
    draw.rectangle((house, height - 50, house + 36, height - 22), fill=(141, 110, 99))
    draw.polygon(
        [(house - 6, height - 50), (house + 18, height - 70), (house + 42, height - 50)],
        fill=(183, 28, 28),
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def song(rng, seconds=1.5, rate=8000):
    """A short made-up tune as WAV bytes (a few notes)."""
    buffer = io.BytesIO()
    notes = [rng.choice([262, 294, 330, 392, 440, 523]) for _ in range(4)]
    frames = bytearray()
    per_note = int(rate * seconds / len(notes))
    for note in notes:
        for i in range(per_note):
            frames += struct.pack("<h", int(8000 * math.sin(2 * math.pi * note * i / rate)))
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return buffer.getvalue()


def _entries_2024(contest):
    if contest.entries.exists():
        return 0
    rng = random.Random("contest-2024")
    units = list(Area.objects.units().order_by("order", "pk"))
    storage = entry_storage()
    entries = []
    codes = set()
    for category in contest.categories.all():
        count, awarded = COUNTS_2024[category.kind]
        for number in range(count):
            entries.append(
                _entry_2024(contest, category, number, awarded, rng, units, storage, codes)
            )
    Entry.objects.bulk_create(entries, batch_size=200)
    return len(entries)


def _entry_2024(contest, category, number, awarded, rng, units, storage, codes):
    code = new_code(contest.code_prefix)
    while code in codes:
        code = new_code(contest.code_prefix)
    codes.add(code)
    age = rng.choice(["child", "teen", "teen", "adult"])
    subject = SUBJECTS[number % len(SUBJECTS)]
    entry = Entry(
        contest=contest,
        category=category,
        code=code,
        author_name=f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
        age_group=age,
        school="Trường THCS Chiềng Sinh" if age != "adult" else "",
        guardian_name=f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}" if age != "adult" else "",
        area=units[number % len(units)],
        contact_phone=f"0912 {rng.randint(100, 999)} {rng.randint(100, 999)}",
        contact_email=f"demo{category.kind}{number}@example.org" if number % 3 == 0 else "",
        title=f"{subject[0]} ({number + 1})",
        description=f"{subject[0]} — {subject[1]}",
        consent_to_publish=True,
        language="vi",
        submitted_at=_local(2024, 7, 1) + datetime.timedelta(hours=rng.randint(0, 24 * 88)),
        client_hash=throttle.hashed(f"demo-{number}"),
        is_demo=True,
    )
    if number < awarded:
        entry.status = Status.AWARDED
        entry.prize = PRIZE_LADDER[number] if number < len(PRIZE_LADDER) else Prize.CONSOLATION
        entry.prize_rank = number + 1
    else:
        entry.status = Status.NOT_SELECTED
    _attach_work(entry, category, rng, storage)
    return entry


def _attach_work(entry, category, rng, storage):
    if category.kind == Kind.PAINTING:
        data, extension, kind, content_type = painting(rng), "jpg", FileKind.IMAGE, "image/jpeg"
    elif category.kind == Kind.SONG:
        data, extension, kind, content_type = song(rng), "wav", FileKind.AUDIO, "audio/wav"
    else:
        entry.text = POEM if category.kind == Kind.POEM else INITIATIVE
        entry.file_kind = FileKind.TEXT
        return
    entry.file.name = storage.save(entry_file_path(entry, f"work.{extension}"), ContentFile(data))
    entry.file_kind = kind
    entry.file_type = content_type
    entry.file_size = len(data)
    entry.file_name = f"demo.{extension}"


def load(stdout):
    contest = _contest_2024()
    created = _entries_2024(contest)
    _contest_open()
    awarded = contest.entries.filter(status=Status.AWARDED).count()
    stdout.write(
        f"Contests: 2024 contest with {contest.entries.count()} entries ({created} new, "
        f"{awarded} awarded); one contest open now."
    )
    # The jury, its scores and the winners' public copies.
    from . import demo_jury

    demo_jury.load(stdout)
