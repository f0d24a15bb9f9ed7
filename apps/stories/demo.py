"""Demo stories written from the public press reports gathered in FACTS.md (demo data: the
texts are ours, the lead images drawings made here, no download needed)."""

import io
import math
import random
from datetime import date

from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from apps.core.images import check_image, save_renditions

from .models import Story, Tag

TAGS = {
    "unesco": ("UNESCO", "UNESCO"),
    "tuan-le-hoc-tap-suot-doi": ("Tuần lễ học tập suốt đời", "Lifelong Learning Week"),
    "hop-tac-quoc-te": ("Hợp tác quốc tế", "International cooperation"),
    "cuoc-thi": ("Cuộc thi", "Contest"),
    "nha-tri-thuc": ("Nhà Tri thức", "Houses of Wisdom"),
    "van-hoa-thai": ("Văn hóa Thái", "Thai culture"),
}

# slug, date, tags, (title vi, en), (lead vi, en), (body vi, en), (alt vi, en), colours,
# commitments (slugs containing these words), spaces (slug words)
STORIES = [
    (
        "son-la-don-nhan-danh-hieu-thanh-pho-hoc-tap-toan-cau",
        date(2024, 3, 20),
        ["unesco"],
        (
            "Sơn La đón nhận danh hiệu Thành phố học tập toàn cầu của UNESCO",
            "Son La receives UNESCO's Global Learning City title",
        ),
        (
            "Tối 19/3/2024, hơn 3.000 người dự lễ đón nhận danh hiệu tại Quảng trường Tây Bắc: "
            "Sơn La là thành phố thứ năm của Việt Nam và là thành phố đầu tiên của vùng núi khó "
            "khăn gia nhập Mạng lưới các thành phố học tập toàn cầu.",
            "On the evening of 19 March 2024, over 3,000 people gathered on Tây Bắc Square to "
            "receive the title: Son La is Vietnam's fifth member of the Global Network of "
            "Learning Cities and the first from a difficult mountainous area.",
        ),
        (
            "Ngày 14/2/2024, UNESCO công nhận thành phố Sơn La là thành viên Mạng lưới các thành "
            "phố học tập toàn cầu, cùng 63 thành phố mới của 34 quốc gia. Mạng lưới khi ấy có 356 "
            "thành phố ở 79 quốc gia, với hơn 390 triệu người dân.\n\n"
            "Tại buổi lễ tối 19/3/2024 ở Quảng trường Tây Bắc, đại diện UNESCO trao giấy chứng "
            "nhận cho thành phố. Quỹ khuyến học Tô Hiệu trao học bổng cho 112 học sinh các trường "
            "mang tên Tô Hiệu và 80 học sinh tiêu biểu của các huyện còn nhiều khó khăn.\n\n"
            "Buổi lễ khép lại bằng điệu xòe đoàn kết, với phương châm: Học tập suốt đời – Văn hóa "
            "bền vững – Tương lai tươi sáng – Hội nhập sâu rộng.",
            "On 14 February 2024 UNESCO recognised Son La City as a member of the Global Network "
            "of Learning Cities, one of 63 new cities from 34 countries. The network then counted "
            "356 cities in 79 countries, reaching over 390 million people.\n\n"
            "At the ceremony on the evening of 19 March 2024 on Tây Bắc Square, a UNESCO "
            "representative handed over the certificate. The Tô Hiệu Scholarship Fund gave "
            "scholarships to 112 pupils of schools named after Tô Hiệu and to 80 outstanding "
            "pupils from districts facing hardship.\n\n"
            "The evening closed with the unity Xòe dance, under the city's motto: lifelong "
            "learning, sustainable culture, bright future, deep integration.",
        ),
        (
            "Hình vẽ minh họa: quảng trường đông người dưới dãy núi",
            "Drawing: a crowded square under the mountains",
        ),
        ((30, 90, 150), (230, 180, 40)),
        [],
        [],
    ),
    (
        "tuan-le-hoc-tap-suot-doi-2024",
        date(2024, 10, 7),
        ["tuan-le-hoc-tap-suot-doi"],
        ("Tuần lễ học tập suốt đời 2024 ở Sơn La", "Lifelong Learning Week 2024 in Son La"),
        (
            "Từ ngày 1 đến 7/10/2024: hội sách, ra mắt sách mới, giao lưu tác giả – bạn đọc, "
            "triển lãm sách và tranh ở hồ Bác và Quảng trường Tây Bắc, và khánh thành Trường "
            "Mầm non Chiềng Đen.",
            "From 1 to 7 October 2024: book fairs, new-book launches, author–reader exchanges, "
            "exhibitions of books and paintings at Uncle Ho's fish pond and Tây Bắc Square, and "
            "the opening of Chiềng Đen Preschool.",
        ),
        (
            "Tuần lễ học tập suốt đời năm 2024 diễn ra từ ngày 1 đến 7/10 với hội sách, ra mắt "
            "sách mới, giao lưu giữa tác giả và bạn đọc, các cuộc thi viết và vẽ lấy cảm hứng từ "
            "sách báo, hội thảo chia sẻ kinh nghiệm. 179 bức tranh dự thi được trưng bày tại trụ "
            "sở trung tâm của thành phố.\n\n"
            "Trường Mầm non Chiềng Đen được khánh thành: 20 tỷ đồng, xây dựng từ tháng 3/2024, "
            "gồm hai nhà hai tầng, 14 phòng học và bếp ăn. Tổ chức Laulau Learning (Phần Lan) "
            "bàn giao gói giáo dục âm nhạc và nghệ thuật cho trẻ mầm non; Sơn La là thành phố đầu "
            "tiên của Việt Nam thí điểm gói này.",
            "Lifelong Learning Week 2024 ran from 1 to 7 October with book fairs, new-book "
            "launches, author–reader exchanges, writing and drawing contests inspired by books "
            "and newspapers, and experience-sharing workshops. 179 contest paintings were shown "
            "at the city's central building.\n\n"
            "Chiềng Đen Preschool opened: 20 billion VND, built from March 2024, with two "
            "two-storey buildings, 14 classrooms and a kitchen. The Finnish organisation Laulau "
            "Learning handed over a music-and-arts early childhood education package; Son La is "
            "the first Vietnamese city to pilot it.",
        ),
        ("Hình vẽ minh họa: những giá sách ở hội sách", "Drawing: bookshelves at the book fair"),
        ((170, 30, 50), (250, 236, 200)),
        ["hoc-tap-suot-doi"],
        ["chieng-den"],
    ),
    (
        "son-la-tai-hoi-nghi-cac-thanh-pho-hoc-tap-asean-3",
        date(2024, 10, 31),
        ["hop-tac-quoc-te", "unesco"],
        (
            "Sơn La tại Hội nghị các thành phố học tập khu vực ASEAN+3",
            "Son La at the ASEAN+3 Regional Learning Cities Conference",
        ),
        (
            "Tại Bangkok ngày 29–30/10/2024, khoảng 200 đại biểu nghe Sơn La chia sẻ cách xây "
            "dựng thành phố học tập để không ai bị bỏ lại phía sau.",
            "In Bangkok on 29–30 October 2024, about 200 delegates heard Son La on building a "
            "learning city so that no one is left behind.",
        ),
        (
            "Hội nghị các thành phố học tập khu vực ASEAN+3 họp tại Bangkok (Thái Lan) ngày 29 và "
            "30/10/2024 với khoảng 200 đại biểu. Sơn La trình bày tham luận “Xây dựng thành phố "
            "học tập để không ai bị bỏ lại phía sau”.\n\n"
            "Thành phố giới thiệu các Nhà Tri thức ở bản, tổ dân phố, các câu lạc bộ văn hóa Thái "
            "và chương trình dạy tiếng dân tộc thiểu số, phục vụ Mục tiêu phát triển bền vững số "
            "4 (giáo dục chất lượng) và số 11 (đô thị và cộng đồng bền vững).",
            "The ASEAN+3 Regional Learning Cities Conference met in Bangkok (Thailand) on 29 and "
            "30 October 2024, with about 200 delegates. Son La presented “Building a learning "
            "city so that no one is left behind”.\n\n"
            "The city showed its Houses of Wisdom in the villages and residential groups, its "
            "Thai cultural clubs and its ethnic minority language teaching, serving Sustainable "
            "Development Goals 4 (quality education) and 11 (sustainable cities and "
            "communities).",
        ),
        ("Hình vẽ minh họa: hội trường hội nghị", "Drawing: a conference hall"),
        ((20, 20, 30), (120, 170, 220)),
        ["tieng-dan-toc"],
        [],
    ),
    (
        "cuoc-thi-son-la-thanh-pho-hoc-tap-toan-cau-toi-yeu",
        date(2024, 10, 8),
        ["cuoc-thi", "tuan-le-hoc-tap-suot-doi"],
        (
            "Cuộc thi “Sơn La – Thành phố học tập toàn cầu tôi yêu” trao giải",
            "“Son La – My Beloved Global Learning City”: the winners",
        ),
        (
            "290 tác phẩm, 38 tác phẩm xuất sắc: cuộc thi đầu tiên như thế ở Việt Nam công bố kết "
            "quả ngày 7/10/2024, trong Tuần lễ học tập suốt đời.",
            "290 entries, 38 outstanding works: the first such contest in Vietnam announced its "
            "winners on 7 October 2024, during Lifelong Learning Week.",
        ),
        (
            "Cuộc thi diễn ra từ tháng 7 đến tháng 10/2024 với chủ đề “Học tập suốt đời và biến "
            "đổi khí hậu”, sau cơn bão Yagi. Bốn thể loại: ca khúc, tranh (mỹ thuật), thơ, sáng "
            "kiến và giải pháp.\n\n"
            "Ban tổ chức nhận 290 tác phẩm: 8 ca khúc, 179 bức tranh, 62 bài thơ, 41 sáng kiến và "
            "giải pháp. Ban giám khảo và hội đồng tư vấn chọn 38 tác phẩm xuất sắc, công bố ngày "
            "7/10/2024.",
            "The contest ran from July to October 2024 on the theme “Lifelong learning and "
            "climate change”, after Typhoon Yagi. Four categories: songs, paintings (fine art), "
            "poems, and initiatives and solutions.\n\n"
            "It received 290 entries: 8 songs, 179 paintings, 62 poems and 41 initiatives and "
            "solutions. A jury and an advisory board selected 38 outstanding works, announced on "
            "7 October 2024.",
        ),
        ("Hình vẽ minh họa: tranh dự thi", "Drawing: contest paintings"),
        ((30, 120, 80), (230, 180, 40)),
        [],
        [],
    ),
    (
        "nha-tri-thuc-o-moi-ban-va-to-dan-pho",
        date(2024, 11, 15),
        ["nha-tri-thuc"],
        (
            "Nhà Tri thức ở mọi bản và tổ dân phố",
            "A House of Wisdom in every village and residential group",
        ),
        (
            "112 Nhà Tri thức và tủ sách nhân ái được dựng trên nền nhà văn hóa của các bản, tổ: "
            "nơi đọc sách, sinh hoạt văn hóa, thể thao và chia sẻ kinh nghiệm cuộc sống.",
            "112 Houses of Wisdom and humane libraries built on the villages' cultural houses: "
            "places to read, hold cultural and sports activities and share everyday experience.",
        ),
        (
            "Thành phố cam kết có Nhà Tri thức ở 100% bản và tổ dân phố. Mỗi Nhà Tri thức được "
            "dựng trên nền nhà văn hóa của bản: người dân đến đọc sách, học tập, sinh hoạt văn "
            "hóa, thể thao và chia sẻ kinh nghiệm sản xuất, đời sống.\n\n"
            "Ở xã Chiềng Đen, Nhà Tri thức bản Co Phương mở cửa buổi tối cho học sinh và người "
            "lớn; tủ sách nhân ái ở các tổ dân phố nhận sách quyên góp của người dân.\n\n"
            "Tìm Nhà Tri thức gần bạn trong mục Điểm học tập của cổng thông tin.",
            "The city has pledged a House of Wisdom in 100% of its villages and residential "
            "groups. Each is built on the village's cultural house: residents come to read, "
            "learn, hold cultural and sports activities and share experience of work and "
            "everyday life.\n\n"
            "In Chiềng Đen commune, the House of Wisdom of Co Phương village opens in the evening "
            "for pupils and adults; the humane libraries of the residential groups take books "
            "given by residents.\n\n"
            "Find the House of Wisdom near you under Learning spaces.",
        ),
        ("Hình vẽ minh họa: nhà văn hóa của bản", "Drawing: a village cultural house"),
        ((150, 90, 40), (150, 190, 90)),
        ["nha-tri-thuc"],
        ["co-phuong"],
    ),
    (
        "le-hoi-xoe-cua-cac-cau-lac-bo-van-hoa-thai",
        date(2024, 12, 2),
        ["van-hoa-thai"],
        (
            "Lễ hội Xòe của 35 câu lạc bộ văn hóa Thái",
            "The Xòe festival of the 35 Thai cultural clubs",
        ),
        (
            "Các câu lạc bộ văn hóa Thái thành lập năm 2024 cùng nhau múa sáu điệu xòe cổ và "
            "điệu xòe đoàn kết trong Lễ hội Xòe (dữ liệu mẫu).",
            "The Thai cultural clubs founded in 2024 dance the six ancient Xòe dances and the "
            "unity dance together at the Xòe festival (demo data).",
        ),
        (
            "Năm 2024 thành phố thành lập 35 câu lạc bộ văn hóa Thái: dạy tiếng và chữ Thái, khôi "
            "phục lễ hội, giữ gìn trang phục truyền thống, và là nơi đồng bào các dân tộc cùng "
            "học tập.\n\n"
            "Lễ hội Xòe là dịp các câu lạc bộ gặp nhau, múa sáu điệu xòe cổ và điệu xòe đoàn kết "
            "– nghệ thuật Xòe Thái được UNESCO ghi danh là di sản văn hóa phi vật thể – và trao "
            "đổi cách dạy chữ Thái cho thiếu nhi.",
            "In 2024 the city founded 35 Thai cultural clubs: they teach the Thai language and "
            "script, revive festivals, keep the traditional costume, and are places where people "
            "of every ethnic group learn together.\n\n"
            "The Xòe festival brings the clubs together to dance the six ancient Xòe dances and "
            "the unity dance – the Thai Xòe, inscribed by UNESCO as intangible cultural heritage "
            "– and to share how they teach the Thai script to children.",
        ),
        ("Hình vẽ minh họa: vòng xòe", "Drawing: a Xòe circle"),
        ((170, 30, 50), (20, 20, 30)),
        ["xoe"],
        [],
    ),
]


# The events and contests each story tells about, by slug (the events and contests demos load
# first: their apps come before stories in the navigation's order).
LINKS = {
    "son-la-don-nhan-danh-hieu-thanh-pho-hoc-tap-toan-cau": (
        ["le-don-nhan-danh-hieu-thanh-pho-hoc-tap-toan-cau-unesco"],
        [],
    ),
    "tuan-le-hoc-tap-suot-doi-2024": (
        [
            "khai-mac-tuan-le-hoc-tap-suot-doi-2024",
            "hoi-sach-quang-truong-tay-bac-2024",
            "khanh-thanh-truong-mam-non-chieng-den-2024",
        ],
        [],
    ),
    "son-la-tai-hoi-nghi-cac-thanh-pho-hoc-tap-asean-3": (
        ["hoi-nghi-thanh-pho-hoc-tap-khu-vuc-asean-3-bangkok-2024"],
        [],
    ),
    "cuoc-thi-son-la-thanh-pho-hoc-tap-toan-cau-toi-yeu": (
        ["trao-giai-cuoc-thi-son-la-thanh-pho-hoc-tap-2024", "trien-lam-179-buc-tranh-du-thi-2024"],
        ["son-la-thanh-pho-hoc-tap-toan-cau-toi-yeu-2024"],
    ),
    "le-hoi-xoe-cua-cac-cau-lac-bo-van-hoa-thai": (["tap-xoe-doan-ket"], []),
}


def _by_slug(app_label, model_name, slugs):
    """The rows of another app's model with these slugs (none when that app is not there)."""
    try:
        model = django_apps.get_model(app_label, model_name)
    except LookupError:
        return []
    return list(model.objects.filter(slug__in=slugs))


def _picture(colours, seed):
    """A drawn lead image (demo): hills, a sun and figures in the story's colours."""
    rng = random.Random(seed)
    width, height = 1280, 720
    image = Image.new("RGB", (width, height), (250, 244, 228))
    draw = ImageDraw.Draw(image)
    draw.polygon(
        [(0, 380), (300, 150), (620, 360), (940, 130), (1280, 380), (1280, 0), (0, 0)],
        fill=(120, 170, 220),
    )
    draw.ellipse([1040, 40, 1160, 160], fill=(250, 210, 80))
    draw.rectangle([0, 520, width, height], fill=(150, 190, 90))
    for i in range(10 + rng.randint(0, 6)):
        x = 120 + i * 95 + rng.randint(-20, 20)
        y = 560 + int(30 * math.sin(i))
        colour = colours[i % len(colours)]
        draw.ellipse([x - 16, y - 120, x + 16, y - 88], fill=(220, 170, 130))
        draw.polygon([(x, y - 88), (x - 34, y), (x + 34, y)], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile("story.jpg", buffer.getvalue(), content_type="image/jpeg")


def _linked(model, words):
    from django.db.models import Q

    if not words:
        return []
    match = Q()
    for word in words:
        match |= Q(slug__contains=word)
    return list(model.objects.filter(match)[:3])


def load(stdout):
    tags = {}
    for slug, (vi, en) in TAGS.items():
        tags[slug], _created = Tag.objects.update_or_create(
            slug=slug, defaults={"name": vi, "name_vi": vi, "name_en": en}
        )
    from apps.commitments.models import Commitment
    from apps.spaces.models import LearningSpace

    pictures = 0
    for index, row in enumerate(STORIES):
        slug, day, tag_slugs, title, lead, body, alt, colours, commitments, spaces = row
        story, _created = Story.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title[0],
                "title_vi": title[0],
                "title_en": title[1],
                "lead_vi": lead[0],
                "lead_en": lead[1],
                "body_vi": body[0],
                "body_en": body[1],
                "image_alt_vi": alt[0],
                "image_alt_en": alt[1],
                "published_on": day,
                "is_published": True,
                "is_demo": True,
            },
        )
        if not story.image_renditions:
            upload = _picture(colours, index)
            story.set_image(save_renditions(check_image(upload), "stories/demo"))
            story.save()
            pictures += 1
        story.tags.set([tags[t] for t in tag_slugs])
        story.commitments.set(_linked(Commitment, commitments))
        story.spaces.set(_linked(LearningSpace, spaces))
        events, contests = LINKS.get(slug, ([], []))
        story.events.set(_by_slug("events", "Event", events))
        story.contests.set(_by_slug("contests", "Contest", contests))
    stdout.write(f"Stories: {len(STORIES)} (demo texts from press reports); {pictures} new images.")


SCALE_PREFIX = "scale-story-"


def scale(factor, stdout):
    """Add ``factor`` x 6 synthetic stories (for the benchmark and the query-count tests)."""
    Story.objects.filter(slug__startswith=SCALE_PREFIX).delete()
    rng = random.Random(f"scale-stories-{factor}")
    rows = []
    for i in range(factor * len(STORIES)):
        _slug, _day, _tags, title, lead, body, _alt, _colours, _c, _s = STORIES[i % len(STORIES)]
        story = Story(
            slug=f"{SCALE_PREFIX}{i}",
            title=f"{title[0]} ({i})",
            title_vi=f"{title[0]} ({i})",
            title_en=f"{title[1]} ({i})",
            lead_vi=lead[0],
            lead_en=lead[1],
            body_vi=body[0],
            body_en=body[1],
            published_on=date(2020 + rng.randrange(5), rng.randrange(1, 13), rng.randrange(1, 28)),
            is_demo=True,
        )
        story.search_text = story.build_search_text(tags=[])
        rows.append(story)
    Story.objects.bulk_create(rows, batch_size=500)
    stdout.write(f"Stories: {len(rows)} synthetic stories added (x{factor}).")
