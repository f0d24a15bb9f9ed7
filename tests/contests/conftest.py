"""Fixtures of the submission, status and page tests; the jury tests build their own
contests (jury_setup.py)."""

import datetime
import io
import wave

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.contests.models import Category, Contest, Criterion, Kind, Phase


def make_open_contest(slug="hoc-tap-song-xanh", **extra):
    now = timezone.now()
    fields = {
        "title": "Học tập suốt đời – Sống xanh",
        "title_vi": "Học tập suốt đời – Sống xanh",
        "title_en": "Lifelong learning – Living green",
        "theme_vi": "Học để sống xanh",
        "theme_en": "Learning to live green",
        "rules_vi": "Mỗi người gửi tối đa hai tác phẩm.",
        "rules_en": "Up to two works per person.",
        "prizes_vi": "Giải Nhất, Nhì, Ba.",
        "prizes_en": "First, second and third prizes.",
        "code_prefix": "SL26",
        "opens_at": now - datetime.timedelta(days=10),
        "closes_at": now + datetime.timedelta(days=30),
        "announced_on": (now + datetime.timedelta(days=45)).date(),
        "phase": Phase.OPEN,
        "is_published": True,
        **extra,
    }
    contest = Contest.objects.create(slug=slug, **fields)
    rows = [
        (Kind.PAINTING, "Tranh vẽ", "Paintings", {"accepts_image": True, "max_file_mb": 5}),
        (Kind.SONG, "Bài hát", "Songs", {"accepts_audio": True, "max_file_mb": 10}),
        (Kind.POEM, "Thơ", "Poems", {"accepts_text": True, "accepts_pdf": True, "max_file_mb": 2}),
    ]
    for order, (kind, vi, en, flags) in enumerate(rows):
        Category.objects.create(
            contest=contest, kind=kind, name=vi, name_vi=vi, name_en=en, order=order, **flags
        )
    Criterion.objects.create(
        contest=contest, name="Sáng tạo", name_vi="Sáng tạo", name_en="Creativity", weight=2
    )
    return contest


@pytest.fixture
def contest(db):
    return make_open_contest()


@pytest.fixture
def categories(contest):
    return {category.kind: category for category in contest.categories.all()}


def jpeg_bytes(size=(400, 300), colour=(30, 120, 60), quality=85):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def noisy_jpeg(target_bytes):
    """A JPEG of about ``target_bytes`` (random pixels compress badly)."""
    import os

    side = int(target_bytes**0.5 * 1.05)
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def wav_bytes(seconds=0.5, rate=8000):
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x00\x10" * int(rate * seconds))
    return buffer.getvalue()


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def entry_data(category, area, **extra):
    """A valid submission's fields (without the file)."""
    return {
        "category": category.pk,
        "title": "Bản em sau cơn bão",
        "description": "Tranh vẽ bản em",
        "text": "",
        "author_name": "Lò Thị Xuân",
        "age_group": "teen",
        "school": "Trường THCS Chiềng Đen",
        "guardian_name": "Lò Văn Pọm",
        "area": area.pk,
        "contact_phone": "0912 345 678",
        "contact_email": "xuan@example.org",
        "consent_to_publish": "on",
        "website": "",
        **extra,
    }
