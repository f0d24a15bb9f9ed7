"""Area names read the same way everywhere: "Residential group 1" / "Tổ 1" standing alone,
"residential group 1" / "tổ 1" inside a name or a sentence (as "bản Hài", "phường Tô Hiệu")."""

import random
import re

import pytest
from django.core.management import call_command

from apps.core.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_areas(db):
    call_command("loaddata", "areas", verbosity=0)
    return Area.objects.all()


def test_every_residential_group_of_the_demo_data_is_named_alike(demo_areas):
    groups = demo_areas.filter(kind=Area.Kind.GROUP)
    assert groups.exists()
    for group in groups:
        assert re.fullmatch(r"Residential group \d+", group.name_en), group.name_en
        assert re.fullmatch(r"Tổ \d+", group.name_vi), group.name_vi
    for village in demo_areas.filter(kind=Area.Kind.VILLAGE):
        assert village.name_en.endswith(" village"), village.name_en
        assert village.name_vi.startswith("Bản "), village.name_vi


def test_space_names_never_capitalise_a_kind_word_inside_the_name(demo_areas):
    from apps.spaces.demo import _plan

    plan = _plan()
    assert len(plan) == 112
    for _slug, _kind, _area, vi, en in plan:
        rest_en, rest_vi = en.split(", ", 1)[-1], vi.split(" ", 1)[-1]
        assert "Residential group" not in rest_en, en
        assert not re.search(r"\b(Tổ|Bản|Phường|Xã) ", rest_vi.replace("Tri thức", "")), vi
    names = {en for *_rest, en in plan}
    assert "House of Wisdom, residential group 1, To Hieu Ward" in names
    assert "Humane library, residential group 1, To Hieu Ward" in names
    assert "Humane library, Hai village, Chieng An Ward" in names


def test_descriptions_name_the_group_and_the_village_as_in_a_sentence(demo_areas):
    from apps.spaces.demo import _fields
    from apps.spaces.models import LearningSpace

    house = LearningSpace.Kind.HOUSE_OF_WISDOM
    group = demo_areas.filter(kind=Area.Kind.GROUP).first()
    village = demo_areas.filter(kind=Area.Kind.VILLAGE).first()
    fields = _fields(house, group, random.Random(1))
    number = group.name_en.split()[-1]
    assert f"cultural house of residential group {number}:" in fields["description_en"]
    assert f"nhà văn hóa của tổ {number}:" in fields["description_vi"]
    fields = _fields(house, village, random.Random(1))
    name_vi = village.name_vi.removeprefix("Bản ")
    assert f"cultural house of {village.name_en}:" in fields["description_en"]
    assert f"nhà văn hóa của bản {name_vi}:" in fields["description_vi"]
