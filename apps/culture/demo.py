"""Demo data of the Thai cultural clubs (35, founded in 2024: FACTS.md) and the seven Xòe dances.

The number of clubs and what they do are the city's; their names follow the villages, and their
schedules, meeting places, contacts and member counts are made up and marked as demo data
(``Club.is_demo``, shown on each club's page). Running ``load`` again updates the same clubs
(keyed by slug) and duplicates nothing.
"""

import datetime
import io
import math
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from apps.core.images import check_image, save_renditions
from apps.core.models import Area
from apps.core.text import slugify_vi
from apps.spaces.models import LearningSpace

from .models import FOCUS_FIELDS, Club, ClubPhoto, Dance
from .schedule import days_bits
from .search import club_search_text

CLUB_COUNT = 35
PHOTO_CLUBS = [
    "clb-van-hoa-thai-ban-co-phuong-chieng-den",
    "clb-van-hoa-thai-ban-hai-chieng-an",
    "clb-van-hoa-thai-ban-heo-chieng-coi",
]
SCALE_PREFIX = "scale-club-"

SCHEDULES = [
    ([1, 4], "19:30", "21:00"),  # Tuesday and Friday
    ([0, 3], "19:00", "21:00"),
    ([5], "08:00", "10:30"),
    ([2, 5], "19:30", "21:30"),
    ([6], "14:00", "16:30"),
]
NOTES = [
    ("Nghỉ sinh hoạt trong mùa gặt tháng Mười.", "No meetings during the October harvest."),
    (
        "Lớp chữ Thái cho thiếu nhi học vào sáng Chủ nhật.",
        "Thai script class for children on Sunday mornings.",
    ),
    ("", ""),
]
FAMILY = ["Lò", "Cầm", "Quàng", "Lường", "Tòng", "Điêu", "Hà", "Vì"]
GIVEN = ["Thị Xuân", "Văn Pọm", "Thị Ẻn", "Văn Chơi", "Thị Bun", "Văn Ínt", "Thị Dung", "Văn Khiêm"]

DESCRIPTION = (
    "Câu lạc bộ văn hóa Thái của {area_vi}, thành lập năm 2024: nơi bà con người Thái và các dân "
    "tộc cùng học tiếng và chữ Thái, tập các điệu xòe, giữ gìn lễ hội và trang phục truyền thống, "
    "truyền dạy cho thế hệ trẻ.",
    "The Thai cultural club of {area_en}, founded in 2024: Thai residents and their neighbours of "
    "every ethnic group learn the Thai language and script together, practise the Xòe dances, "
    "keep the festivals and traditional costume alive and pass them on to the young.",
)

# The six ancient Xòe dances and the Unity dance: (slug, kind, vi, en, description, meaning,
# occasion), each text as (vi, en).
DANCES = [
    (
        "khắm khen",
        Dance.Kind.ANCIENT,
        ("Khắm khen (nắm tay vòng tròn)", "Khắm khen (holding hands in a circle)"),
        (
            "Người múa nắm tay nhau thành vòng tròn, nhún nhịp nhàng theo tiếng trống, chiêng, khèn bè.",
            "The dancers hold hands in a circle and sway in time with the drums, gongs and bamboo pipes.",
        ),
        (
            "Tình đoàn kết, cùng chung sức vượt qua khó khăn.",
            "Solidarity: facing hardship together.",
        ),
        ("Mở đầu các cuộc vui của bản.", "At the start of the village's celebrations."),
    ),
    (
        "khắm khăn mơi lảu",
        Dance.Kind.ANCIENT,
        (
            "Khắm khăn mơi lảu (nâng khăn mời rượu)",
            "Khắm khăn mơi lảu (raising the scarf to offer wine)",
        ),
        (
            "Người múa nâng khăn piêu bằng hai tay, mời khách chén rượu quý.",
            "The dancers raise a piêu scarf in both hands and offer the guests a cup of wine.",
        ),
        (
            "Lòng yêu quý và mến khách trong văn hóa giao tiếp của người Thái.",
            "Affection and hospitality, at the heart of how the Thai welcome others.",
        ),
        (
            "Khi đón khách quý, trong đám cưới và ngày hội.",
            "When honoured guests arrive, at weddings and festivals.",
        ),
    ),
    (
        "phá xí",
        Dance.Kind.ANCIENT,
        ("Phá xí (xòe bổ bốn)", "Phá xí (dance to the four directions)"),
        (
            "Vòng xòe mở ra bốn phía rồi lại khép vào, người múa quay về bốn phương trời đất.",
            "The circle opens to the four sides and closes again, the dancers turning to the four directions.",
        ),
        (
            "Bốn phương trời đất và tình đoàn kết cộng đồng: dù đi bốn phương vẫn nhớ về nhau, cùng hướng về cội nguồn.",
            "The four directions and the bond of the community: wherever people go, they remember each other and their roots.",
        ),
        ("Trong lễ hội và dịp Tết.", "At festivals and at the New Year."),
    ),
    (
        "nhôm khăn",
        Dance.Kind.ANCIENT,
        ("Nhôm khăn (tung khăn)", "Nhôm khăn (tossing the scarves)"),
        (
            "Người múa tung khăn piêu lên cao, sôi nổi và tưng bừng.",
            "The dancers toss their piêu scarves high in a lively, joyful dance.",
        ),
        ("Niềm vui, hạnh phúc của cả cộng đồng.", "The joy of the whole community."),
        ("Đám cưới, mừng nhà mới, mừng mùa bội thu.", "Weddings, a new house, a good harvest."),
    ),
    (
        "đổn hôn",
        Dance.Kind.ANCIENT,
        ("Đổn hôn (tiến lùi trong vòng tròn)", "Đổn hôn (stepping forward and back in the circle)"),
        (
            "Những bước tiến, lùi nhịp nhàng, uyển chuyển trong vòng tròn.",
            "Graceful steps forward and back, keeping the circle whole.",
        ),
        (
            "Tình cảm son sắt: dù giông bão, khó khăn, con người vẫn gắn bó keo sơn.",
            "Steadfast bonds: whatever storms and hardship come, people stay together.",
        ),
        ("Trong các cuộc vui của bản và lễ hội.", "At village celebrations and festivals."),
    ),
    (
        "ỏm lọm tốp mư",
        Dance.Kind.ANCIENT,
        ("Ỏm lọm tốp mư (vòng tròn vỗ tay)", "Ỏm lọm tốp mư (clapping in a circle)"),
        (
            "Người múa đứng thành vòng tròn, vừa múa vừa vỗ tay.",
            "The dancers form a circle and clap as they dance.",
        ),
        (
            "Niềm hân hoan hòa cùng nỗi bịn rịn lúc chia tay.",
            "Happiness mixed with the sadness of parting.",
        ),
        ("Kết thúc mỗi cuộc vui.", "At the end of every celebration."),
    ),
    (
        "xòe đoàn kết",
        Dance.Kind.UNITY,
        ("Xòe đoàn kết", "The Unity dance"),
        (
            "Vòng xòe lớn mở cho tất cả mọi người: người Thái và các dân tộc, người già và trẻ nhỏ, "
            "khách phương xa cùng nắm tay nhau. Lễ đón nhận danh hiệu Thành phố học tập toàn cầu "
            "của UNESCO tối 19/3/2024 tại Quảng trường Tây Bắc khép lại bằng điệu xòe này.",
            "A great circle open to everyone: the Thai and every other ethnic group, old and young, "
            "visitors from afar, all hand in hand. The ceremony receiving the UNESCO Learning City "
            "title on the evening of 19 March 2024 at Tây Bắc Square closed with this dance.",
        ),
        (
            "Tình đoàn kết giữa các dân tộc và với bạn bè khắp nơi.",
            "Unity between the peoples of Son La and with friends from everywhere.",
        ),
        (
            "Cuối các lễ hội, buổi biểu diễn và lễ kỷ niệm.",
            "At the end of festivals, performances and ceremonies.",
        ),
    ),
]


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _time(text):
    return datetime.time.fromisoformat(text)


def _places():
    """The localities that get a club: villages first, spread over the wards and communes."""
    units = list(Area.objects.units().order_by("order"))
    by_unit = {
        unit.pk: sorted(
            Area.objects.filter(parent=unit),
            key=lambda a: (a.kind != Area.Kind.VILLAGE, a.order, a.pk),
        )
        for unit in units
    }
    places, depth = [], 0
    while len(places) < CLUB_COUNT and any(len(v) > depth for v in by_unit.values()):
        places += [by_unit[u.pk][depth] for u in units if len(by_unit[u.pk]) > depth]
        depth += 1
    return places[:CLUB_COUNT]


def _names(area):
    unit = area.unit
    if area.kind == Area.Kind.VILLAGE:
        label_vi = f"bản {area.name_vi.removeprefix('Bản ').strip()}"
        return (
            f"Câu lạc bộ văn hóa Thái {label_vi}, {_lower_first(unit.name_vi)}",
            f"Thai Cultural Club, {area.name_en}, {unit.name_en}",
            label_vi,
            area.name_en,
        )
    return (
        f"Câu lạc bộ văn hóa Thái {area.name_vi.lower()}, {_lower_first(unit.name_vi)}",
        f"Thai Cultural Club, {area.name_en.lower()}, {unit.name_en}",
        f"{area.name_vi.lower()}, {_lower_first(unit.name_vi)}",
        f"{area.name_en.lower()}, {unit.name_en}",
    )


def _fields(area, rng):
    vi, en, area_vi, area_en = _names(area)
    days, starts, ends = rng.choice(SCHEDULES)
    note_vi, note_en = rng.choice(NOTES)
    focus = {field: rng.random() < 0.5 for field in FOCUS_FIELDS.values()}
    focus["teaches_xoe"] = rng.random() < 0.85
    # Chiềng Đen's clubs all teach the script (the demo's journey looks for one there).
    focus["teaches_script"] = focus["teaches_script"] or area.unit.slug == "chieng-den"
    space = LearningSpace.objects.filter(slug=f"nha-tri-thuc-{area.slug}").first()
    return {
        "name": vi,
        "name_vi": vi,
        "name_en": en,
        "area": area,
        "description_vi": DESCRIPTION[0].format(area_vi=area_vi),
        "description_en": DESCRIPTION[1].format(area_en=area_en),
        **focus,
        "meeting_days": days_bits(days),
        "starts_at": _time(starts),
        "ends_at": _time(ends),
        "schedule_note_vi": note_vi,
        "schedule_note_en": note_en,
        "space": space,
        "meeting_place_vi": "" if space else f"Nhà văn hóa {area_vi}",
        "meeting_place_en": "" if space else f"Cultural house, {area_en}",
        "founded_on": datetime.date(2024, rng.randint(3, 11), rng.randint(1, 28)),
        "member_count": rng.randrange(18, 80),
        "contact_name": f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
        "contact_phone": f"09{rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}",
        "is_demo": True,
        "is_published": True,
    }


def load(stdout):
    clubs = []
    for area in _places():
        rng = random.Random(f"club-{area.slug}")
        club, _created = Club.objects.update_or_create(
            slug=f"clb-van-hoa-thai-{area.slug}", defaults=_fields(area, rng)
        )
        clubs.append(club)
    photos = 0
    for index, club in enumerate(c for c in clubs if c.slug in PHOTO_CLUBS):
        if not club.photos.exists():
            _add_photo(club, index)
            photos += 1
    dancers = [club for club in clubs if club.teaches_xoe]
    for order, (key, kind, names, description, meaning, occasion) in enumerate(DANCES):
        dance, _created = Dance.objects.update_or_create(
            slug=slugify_vi(key),
            defaults={
                "kind": kind,
                "order": order,
                "name": names[0],
                "name_vi": names[0],
                "name_en": names[1],
                "description_vi": description[0],
                "description_en": description[1],
                "meaning_vi": meaning[0],
                "meaning_en": meaning[1],
                "occasion_vi": occasion[0],
                "occasion_en": occasion[1],
            },
        )
        rng = random.Random(f"dance-{key}")
        practised = dancers if kind == Dance.Kind.UNITY else rng.sample(dancers, len(dancers) // 2)
        dance.clubs.set(practised)
    focus_count = sum(1 for club in clubs if club.teaches_script)
    stdout.write(
        f"Thai cultural clubs: {len(clubs)} (demo schedules and contacts), {focus_count} teach "
        f"the Thai script; {photos} new photos; {len(DANCES)} Xòe dances."
    )


def _add_photo(club, seed):
    """A drawn picture of a Xòe circle under the mountains (demo; no download needed)."""
    rng = random.Random(seed)
    width, height = 1280, 854
    image = Image.new("RGB", (width, height), (250, 236, 200))
    draw = ImageDraw.Draw(image)
    draw.polygon(
        [(0, 420), (320, 170), (640, 400), (960, 150), (1280, 420), (1280, 0), (0, 0)],
        fill=(120, 170, 220),
    )
    draw.ellipse([240, 430, 1040, 800], fill=(150, 190, 90))
    colours = [(20, 20, 30), (170, 30, 50), (30, 90, 150), (230, 180, 40)]
    dancers = 12 + rng.randint(0, 6)
    for i in range(dancers):
        angle = 2 * math.pi * i / dancers
        x = 640 + int(330 * math.cos(angle))
        y = 600 + int(130 * math.sin(angle))
        colour = colours[i % len(colours)]
        draw.ellipse([x - 16, y - 120, x + 16, y - 88], fill=(220, 170, 130))  # head
        draw.polygon([(x, y - 88), (x - 34, y), (x + 34, y)], fill=colour)  # skirt (piêu)
        draw.line([(x - 30, y - 70), (x + 30, y - 70)], fill=(250, 250, 250), width=6)  # scarf
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    upload = SimpleUploadedFile("demo.jpg", buffer.getvalue(), content_type="image/jpeg")
    photo = ClubPhoto(
        club=club,
        alt_vi=f"Hình vẽ minh họa (dữ liệu mẫu): vòng xòe của {club.name_vi}",
        alt_en=f"Demo drawing: a Xòe circle of the {club.name_en}",
        order=0,
    )
    photo.alt = photo.alt_vi
    photo.set_renditions(save_renditions(check_image(upload), ClubPhoto.upload_prefix()))
    photo.save()


def scale(factor, stdout):
    """Add ``factor`` x 35 synthetic clubs (for the benchmark and the query-count tests)."""
    Club.objects.filter(slug__startswith=SCALE_PREFIX).delete()
    localities = list(Area.objects.localities().select_related("parent"))
    rng = random.Random(f"scale-clubs-{factor}")
    batch = []
    for i in range(max(0, int(factor)) * CLUB_COUNT):
        area = rng.choice(localities)
        vi = f"Câu lạc bộ thử nghiệm số {i + 1}"
        club = Club(
            slug=f"{SCALE_PREFIX}{i + 1}",
            name=vi,
            name_vi=vi,
            name_en=f"Synthetic club no. {i + 1}",
            area=area,
            meeting_days=days_bits([1, 4]),
            starts_at=_time("19:30"),
            ends_at=_time("21:00"),
            teaches_script=i % 2 == 0,
            teaches_xoe=True,
            is_demo=True,
        )
        club.search_text = club_search_text(club)
        batch.append(club)
    created = Club.objects.bulk_create(batch, batch_size=500)
    stdout.write(f"Thai cultural clubs: {len(created)} synthetic clubs added (x{factor}).")
