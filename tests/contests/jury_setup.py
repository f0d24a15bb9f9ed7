"""Builders shared by the jury, chair, winners and entry-file tests: a contest being
judged with three categories and two criteria, entries with a picture, a song or a poem."""

import datetime
import io
import wave
from decimal import Decimal

from django.core.files.base import ContentFile
from mutagen.id3 import TPE1
from mutagen.wave import WAVE
from PIL import Image

from apps.contests.models import (
    AgeGroup,
    Category,
    Contest,
    Criterion,
    Entry,
    Juror,
    Kind,
    Phase,
    new_code,
)

AUTHOR = "Lò Thị Xuân"
PHONE = "0912 345 678"
EMAIL = "xuan.author@example.org"
SCHOOL = "Trường THCS Chiềng Đen"
GUARDIAN = "Lò Văn Pọm"
TZ = datetime.timezone(datetime.timedelta(hours=7))


def make_contest(phase=Phase.JUDGING, slug="thi-hoc-tap-2026", **extra):
    fields = {
        "title": "Cuộc thi Học tập suốt đời 2026",
        "title_vi": "Cuộc thi Học tập suốt đời 2026",
        "title_en": "Lifelong Learning Contest 2026",
        "theme_vi": "Học tập suốt đời và biến đổi khí hậu",
        "theme_en": "Lifelong learning and climate change",
        "slug": slug,
        "code_prefix": "SL26",
        "opens_at": datetime.datetime(2026, 9, 1, 8, tzinfo=TZ),
        "closes_at": datetime.datetime(2026, 10, 31, 17, tzinfo=TZ),
        "announced_on": datetime.date(2026, 12, 15),
        "phase": phase,
        "is_published": True,
    }
    contest = Contest.objects.create(**{**fields, **extra})
    for order, (kind, vi, en, flags) in enumerate(
        [
            (Kind.PAINTING, "Tranh vẽ", "Paintings", {"accepts_image": True}),
            (Kind.SONG, "Ca khúc", "Songs", {"accepts_audio": True}),
            (Kind.POEM, "Thơ", "Poems", {"accepts_text": True}),
        ]
    ):
        Category.objects.create(
            contest=contest, kind=kind, name=vi, name_vi=vi, name_en=en, order=order, **flags
        )
    Criterion.objects.create(
        contest=contest,
        name="Sáng tạo",
        name_vi="Sáng tạo",
        name_en="Creativity",
        weight=Decimal(2),
        scale=10,
        order=0,
    )
    Criterion.objects.create(
        contest=contest,
        name="Thông điệp",
        name_vi="Thông điệp",
        name_en="Message",
        weight=Decimal(1),
        scale=20,
        order=1,
    )
    return contest


def category(contest, kind):
    return contest.categories.get(kind=kind)


def png_bytes(size=(64, 48), colour=(200, 60, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def wav_bytes(artist=None):
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * 8000)
    if artist:
        audio = WAVE(buffer)
        audio.add_tags()
        audio.tags.add(TPE1(encoding=3, text=[artist]))
        audio.save(buffer)
    return buffer.getvalue()


def make_entry(contest, kind, area, title="Rừng xanh sau bão", **extra):
    fields = {
        "contest": contest,
        "category": category(contest, kind),
        "code": new_code(contest.code_prefix),
        "author_name": AUTHOR,
        "age_group": AgeGroup.TEEN,
        "school": SCHOOL,
        "guardian_name": GUARDIAN,
        "area": area,
        "contact_phone": PHONE,
        "contact_email": EMAIL,
        "title": title,
        "description": "Một bức tranh về rừng sau cơn bão Yagi.",
        "consent_to_publish": True,
        **extra,
    }
    entry = Entry(**fields)
    if kind == Kind.PAINTING and "file" not in extra:
        entry.file.save("work.png", ContentFile(png_bytes()), save=False)
        entry.file_kind, entry.file_type = "image", "image/png"
    elif kind == Kind.SONG and "file" not in extra:
        entry.file.save("work.wav", ContentFile(wav_bytes(artist=AUTHOR)), save=False)
        entry.file_kind, entry.file_type = "audio", "audio/wav"
    elif kind == Kind.POEM:
        entry.text = entry.text or "Mưa rừng qua bản\nEm học bên thềm"
        entry.file_kind = "text"
    entry.save()
    return entry


def sit(contest, user, chair=False):
    return Juror.objects.create(contest=contest, user=user, is_chair=chair)
