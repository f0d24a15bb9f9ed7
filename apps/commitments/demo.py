"""Demo data: Son La's real pledges (FACTS.md) with a made-up series of measurements.

The pledges are public facts; the yearly values are plausible demo figures, some on track and
some not, so the dashboard shows every status. Loaded by ``manage.py load_demo`` (idempotent).
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import Commitment, Direction, KeyFeature, Measurement, Unit

CHIENG_DEN, TO_HIEU = "official.chiengden", "official.tohieu"

PLEDGES = [
    {
        "slug": "ngan-sach-giao-duc",
        "title_vi": "Dành 33,7% ngân sách thành phố cho giáo dục",
        "title_en": "33.7% of the city budget invested in education",
        "summary_vi": "Từ năm 2020 thành phố đã đầu tư 1.440 tỷ đồng cho giáo dục, bằng 33,7% ngân sách.",
        "summary_en": "Since 2020 the city has invested 1.44 trillion VND in education, 33.7% of its budget.",
        "key_feature": KeyFeature.RESOURCES,
        "unit": Unit.PERCENT,
        "direction": Direction.KEEP,
        "baseline": ("31.5", 2020),
        "target": ("33.7", 2030),
        "office_vi": "Phòng Tài chính – Kế hoạch",
        "office_en": "Finance and Planning Office",
        "officials": [TO_HIEU],
        "series": [(2021, "32.4"), (2022, "33.1"), (2023, "33.9"), (2024, "33.7"), (2025, "34.0")],
    },
    {
        "slug": "truong-hoc-so",
        "title_vi": "100% cơ sở giáo dục quản lý, dạy và học trên nền tảng số",
        "title_en": "100% of educational units on digital platforms",
        "summary_vi": "Mọi trường học quản lý, dạy và học trên nền tảng số vào năm 2030.",
        "summary_en": "Every school runs management, teaching and learning on digital platforms by 2030.",
        "key_feature": KeyFeature.TECHNOLOGIES,
        "unit": Unit.PERCENT,
        "direction": Direction.RAISE,
        "baseline": ("42", 2020),
        "target": ("100", 2030),
        "office_vi": "Phòng Giáo dục và Đào tạo",
        "office_en": "Education and Training Office",
        "officials": [CHIENG_DEN, TO_HIEU],
        "requires_approval": True,
        "series": [(2021, "50"), (2022, "58"), (2023, "66"), (2024, "72"), (2025, "78")],
    },
    {
        "slug": "day-tieng-dan-toc",
        "title_vi": "Dạy tiếng dân tộc thiểu số ở mọi cấp học",
        "title_en": "Ethnic minority language teaching at every level of education",
        "summary_vi": "Tỷ lệ trường có chương trình dạy tiếng và chữ dân tộc thiểu số.",
        "summary_en": "Share of schools with an ethnic minority language and script programme.",
        "key_feature": KeyFeature.EDUCATION_SYSTEM,
        "unit": Unit.PERCENT,
        "direction": Direction.RAISE,
        "baseline": ("20", 2020),
        "target": ("100", 2030),
        "office_vi": "Phòng Giáo dục và Đào tạo",
        "office_en": "Education and Training Office",
        "officials": [CHIENG_DEN],
        "series": [(2021, "24"), (2022, "28"), (2023, "35"), (2024, "40"), (2025, "44")],
    },
    {
        "slug": "truong-hoc-ba-trung-tam",
        "title_vi": "Trường học là ba trung tâm: giáo dục, văn hóa và cộng đồng",
        "title_en": "Schools as three core centres: education, culture and community",
        "summary_vi": "Tỷ lệ trường học mở cửa cho hoạt động văn hóa và cộng đồng.",
        "summary_en": "Share of schools open for cultural and community activities.",
        "key_feature": KeyFeature.QUALITY,
        "unit": Unit.PERCENT,
        "direction": Direction.RAISE,
        "baseline": ("10", 2022),
        "target": ("100", 2030),
        "office_vi": "Phòng Giáo dục và Đào tạo",
        "office_en": "Education and Training Office",
        "officials": [CHIENG_DEN],
        "series": [(2023, "22"), (2024, "30"), (2025, "38")],
    },
    {
        "slug": "gia-dinh-hoc-tap",
        "title_vi": "95% hộ gia đình đạt danh hiệu “Gia đình học tập”",
        "title_en": "95% of households are Learning Families",
        "summary_vi": "Mô hình “Gia đình học tập” trong các bản, tổ dân phố.",
        "summary_en": "The Learning Family model in the villages and residential groups.",
        "key_feature": KeyFeature.FAMILIES,
        "unit": Unit.PERCENT,
        "direction": Direction.RAISE,
        "baseline": ("72", 2020),
        "target": ("95", 2030),
        "office_vi": "Hội Khuyến học thành phố",
        "office_en": "City Association for Promoting Education",
        "officials": [TO_HIEU],
        "series": [(2021, "75"), (2022, "78"), (2023, "82"), (2024, "85"), (2025, "87.5")],
    },
    {
        "slug": "dong-ho-hoc-tap",
        "title_vi": "13 dân tộc, dòng họ tham gia mô hình “Dòng họ học tập”",
        "title_en": "Learning Lineages in all 13 ethnic groups",
        "summary_vi": "Mỗi dân tộc trên địa bàn có dòng họ học tập.",
        "summary_en": "Each of the city's ethnic groups takes part through a Learning Lineage.",
        "key_feature": KeyFeature.EMPOWERMENT,
        "unit": Unit.COUNT,
        "direction": Direction.RAISE,
        "baseline": ("5", 2020),
        "target": ("13", 2030),
        "office_vi": "Hội Khuyến học thành phố",
        "office_en": "City Association for Promoting Education",
        "officials": [CHIENG_DEN],
        "series": [(2022, "7"), (2023, "9"), (2024, "11"), (2025, "13")],
    },
    {
        "slug": "cong-dong-hoc-tap",
        "title_vi": "100% phường, xã là “Cộng đồng học tập”",
        "title_en": "100% of wards and communes are Learning Communities",
        "summary_vi": "Tỷ lệ phường, xã đạt tiêu chí cộng đồng học tập.",
        "summary_en": "Share of wards and communes meeting the Learning Community criteria.",
        "key_feature": KeyFeature.FAMILIES,
        "unit": Unit.PERCENT,
        "direction": Direction.RAISE,
        "baseline": ("58", 2020),
        "target": ("100", 2030),
        "office_vi": "Phòng Văn hóa và Thông tin",
        "office_en": "Culture and Information Office",
        "officials": [TO_HIEU],
        "series": [(2021, "67"), (2022, "67"), (2023, "75"), (2024, "83"), (2025, "92")],
    },
    {
        "slug": "cong-dan-hoc-tap",
        "title_vi": "90% công dân tiêu biểu tham gia học tập",
        "title_en": "90% of exemplary citizens take part in learning",
        "summary_vi": "Mô hình “Công dân học tập”.",
        "summary_en": "The Learning Citizen model.",
        "key_feature": KeyFeature.EMPOWERMENT,
        "unit": Unit.PERCENT,
        "direction": Direction.RAISE,
        "baseline": ("70", 2020),
        "target": ("90", 2030),
        "office_vi": "Hội Khuyến học thành phố",
        "office_en": "City Association for Promoting Education",
        "officials": [TO_HIEU],
        "series": [(2022, "74"), (2024, "78"), (2025, "79")],
    },
    {
        "slug": "don-vi-hoc-tap",
        "title_vi": "“Đơn vị học tập” trong cơ quan và doanh nghiệp",
        "title_en": "Learning Units in offices and enterprises",
        "summary_vi": "Số cơ quan, doanh nghiệp đạt danh hiệu “Đơn vị học tập”.",
        "summary_en": "Offices and enterprises recognised as Learning Units.",
        "key_feature": KeyFeature.WORKPLACE,
        "unit": Unit.COUNT,
        "direction": Direction.RAISE,
        "baseline": ("40", 2020),
        "target": ("200", 2030),
        "office_vi": "Phòng Nội vụ",
        "office_en": "Home Affairs Office",
        "officials": [TO_HIEU],
        "series": [(2022, "70"), (2023, "95"), (2024, "120"), (2025, "140")],
    },
    {
        "slug": "nha-tri-thuc",
        "title_vi": "Nhà Tri thức ở 100% bản, tổ dân phố",
        "title_en": "A House of Wisdom in 100% of villages and residential groups",
        "summary_vi": "Nhà Tri thức và tủ sách nhân ái đặt tại nhà văn hóa của bản, tổ.",
        "summary_en": "Houses of Wisdom and humane libraries in the villages' cultural houses.",
        "key_feature": KeyFeature.CULTURE,
        "unit": Unit.PERCENT,
        "direction": Direction.RAISE,
        "baseline": ("35", 2022),
        "target": ("100", 2030),
        "office_vi": "Phòng Văn hóa và Thông tin",
        "office_en": "Culture and Information Office",
        "officials": [CHIENG_DEN],
        "series": [(2023, "60"), (2024, "86"), (2025, "92")],
    },
    {
        "slug": "mua-xoe",
        "title_vi": "Giữ gìn sáu điệu Xòe cổ và Xòe đoàn kết",
        "title_en": "The six ancient Xòe dances and the Unity dance kept alive",
        "summary_vi": "Số điệu Xòe được dạy thường xuyên tại các câu lạc bộ văn hóa Thái.",
        "summary_en": "Xòe dances taught regularly in the Thai cultural clubs.",
        "key_feature": KeyFeature.PROSPERITY,
        "unit": Unit.COUNT,
        "direction": Direction.RAISE,
        "baseline": ("4", 2020),
        "target": ("7", 2030),
        "office_vi": "Phòng Văn hóa và Thông tin",
        "office_en": "Culture and Information Office",
        "officials": [CHIENG_DEN],
        "series": [(2022, "5"), (2024, "6"), (2025, "7")],
    },
    {
        "slug": "he-sinh-thai-hoc-tap-suot-doi",
        "title_vi": "Hệ sinh thái học tập suốt đời",
        "title_en": "A lifelong learning ecosystem",
        "summary_vi": "Tỷ lệ người dân tham gia hoạt động học tập suốt đời trong năm.",
        "summary_en": "Share of residents taking part in lifelong learning during the year.",
        "key_feature": KeyFeature.CULTURE,
        "unit": Unit.PERCENT,
        "direction": Direction.RAISE,
        "baseline": ("45", 2020),
        "target": ("80", 2030),
        "office_vi": "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên",
        "office_en": "Vocational and Continuing Education Centre",
        "officials": [TO_HIEU],
        "series": [(2022, "50"), (2024, "55"), (2025, "57")],
    },
]

# A figure waiting for the second official, so the demo shows the approval flow.
PENDING = ("truong-hoc-so", datetime.date(2026, 6, 30), "81", CHIENG_DEN)


def _aware(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def _note(year):
    return (
        f"Số liệu tổng hợp cuối năm {year} (dữ liệu minh họa).",
        f"Year-end figure for {year} (demo data).",
    )


def load(stdout):
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=[CHIENG_DEN, TO_HIEU])
    }
    created = 0
    for order, pledge in enumerate(PLEDGES, start=1):
        fields = {
            "title": pledge["title_vi"],
            "title_vi": pledge["title_vi"],
            "title_en": pledge["title_en"],
            "summary_vi": pledge["summary_vi"],
            "summary_en": pledge["summary_en"],
            "key_feature": pledge["key_feature"],
            "unit": pledge["unit"],
            "direction": pledge["direction"],
            "baseline_value": Decimal(pledge["baseline"][0]),
            "baseline_year": pledge["baseline"][1],
            "target_value": Decimal(pledge["target"][0]),
            "target_year": pledge["target"][1],
            "responsible_office_vi": pledge["office_vi"],
            "responsible_office_en": pledge["office_en"],
            "order": order * 10,
            "published": True,
            "requires_approval": pledge.get("requires_approval", False),
        }
        commitment, _created = Commitment.objects.update_or_create(
            slug=pledge["slug"], defaults=fields
        )
        officials = [users[name] for name in pledge["officials"] if name in users]
        commitment.officials.set(officials)
        if commitment.measurements.exists() or not officials:
            continue
        recorder, approver = officials[0], officials[-1]
        for year, value in pledge["series"]:
            day = datetime.date(year, 12, 31)
            note_vi, note_en = _note(year)
            needs_second = commitment.requires_approval and approver != recorder
            Measurement.objects.create(
                commitment=commitment,
                valid_on=day,
                value=Decimal(value),
                note_vi=note_vi,
                note_en=note_en,
                recorded_by=recorder,
                recorded_at=_aware(day + datetime.timedelta(days=10)),
                status=Measurement.State.APPROVED,
                approved_by=approver if needs_second else None,
                approved_at=_aware(day + datetime.timedelta(days=12)),
            )
            created += 1
        if pledge["slug"] == PENDING[0] and PENDING[3] in users:
            Measurement.objects.create(
                commitment=commitment,
                valid_on=PENDING[1],
                value=Decimal(PENDING[2]),
                note_vi="Số liệu giữa năm 2026, chờ phê duyệt (dữ liệu minh họa).",
                note_en="Mid-2026 figure waiting for approval (demo data).",
                recorded_by=users[PENDING[3]],
                recorded_at=_aware(PENDING[1] + datetime.timedelta(days=5)),
                status=Measurement.State.PENDING,
            )
            created += 1
    stdout.write(f"Commitments: {len(PLEDGES)} pledges, {created} new demo measurements.")


def scale(factor, stdout, per_commitment=20):
    """Add ``factor`` × 10 synthetic published commitments with ``per_commitment`` measurements
    each, for the benchmark (the pages must use the same number of queries at any size)."""
    recorder = get_user_model().objects.filter(username=TO_HIEU).first()
    if recorder is None:
        recorder = get_user_model().objects.order_by("pk").first()
    features = list(KeyFeature)
    made = 0
    for number in range(int(factor) * 10):
        slug = f"bench-{number:05d}"
        if Commitment.objects.filter(slug=slug).exists():
            continue
        commitment = Commitment.objects.create(
            slug=slug,
            title=f"Cam kết tổng hợp {number}",
            title_vi=f"Cam kết tổng hợp {number}",
            title_en=f"Synthetic commitment {number}",
            key_feature=features[number % len(features)],
            unit=Unit.PERCENT,
            direction=Direction.RAISE,
            baseline_value=Decimal(10),
            baseline_year=2020,
            target_value=Decimal(90),
            target_year=2030,
            order=1000 + number,
        )
        start = datetime.date(2020, 12, 31)
        Measurement.objects.bulk_create(
            Measurement(
                commitment=commitment,
                valid_on=start + datetime.timedelta(days=90 * step),
                value=Decimal(10 + (step * 60) // per_commitment + number % 7),
                note_vi="Số liệu tổng hợp (dữ liệu thử tải).",
                note_en="Synthetic figure (benchmark data).",
                recorded_by=recorder,
                recorded_at=_aware(start + datetime.timedelta(days=90 * step + 3)),
                status=Measurement.State.APPROVED,
                approved_at=_aware(start + datetime.timedelta(days=90 * step + 3)),
            )
            for step in range(1, per_commitment + 1)
        )
        made += 1
    stdout.write(f"Commitments: {made} synthetic commitments added.")
