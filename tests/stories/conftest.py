import datetime

import pytest

from apps.stories.models import Story, Tag


@pytest.fixture
def make_story(db):
    def make(title_vi="Lễ hội Xòe của các câu lạc bộ văn hóa Thái", **extra):
        fields = {
            "title": title_vi,
            "title_vi": title_vi,
            "title_en": extra.pop("title_en", "The Xòe festival of the Thai cultural clubs"),
            "lead_vi": "Các câu lạc bộ múa sáu điệu xòe cổ.",
            "lead_en": "The clubs dance the six ancient Xòe dances.",
            "body_vi": "Đoạn một.\n\nĐoạn hai ở Chiềng Đen.",
            "body_en": "First paragraph.\n\nSecond paragraph in Chiềng Đen.",
            "published_on": datetime.date(2024, 12, 2),
            **extra,
        }
        return Story.objects.create(**fields)

    return make


@pytest.fixture
def story(make_story):
    return make_story()


@pytest.fixture
def tag(db):
    return Tag.objects.create(name="Văn hóa Thái", name_vi="Văn hóa Thái", name_en="Thai culture")
