import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.core.models import Area
from apps.culture.models import Club
from apps.culture.schedule import days_bits, describe_schedule

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Tuesday and Friday, 19:30–21:00"), ("vi", "Thứ Ba và Thứ Sáu, 19:30–21:00")],
)
def test_the_schedule_reads_as_a_sentence_in_each_language(club, lang, expected):
    with translation.override(lang):
        assert club.schedule() == expected


def test_three_days_are_listed_with_commas_and_every_day_is_said_once():
    with translation.override("en"):
        three = describe_schedule(days_bits([0, 2, 4]), None, None)
        every = describe_schedule(days_bits(range(7)), datetime.time(8), datetime.time(9))
    assert three == "Monday, Wednesday and Friday"
    assert every == "Every day, 08:00–09:00"
    assert describe_schedule(0, None, None) == ""


def test_a_club_gets_an_ascii_slug_even_from_d_with_stroke(make_club, commune):
    club = make_club("CLB văn hóa Thái Chiềng Đen", area=commune)
    assert club.slug == "clb-van-hoa-thai-chieng-den"
    assert make_club("CLB văn hóa Thái Chiềng Đen", area=commune).slug.endswith("-2")


def test_a_club_named_join_does_not_hide_the_join_address(make_club):
    assert make_club("Join").slug != "join"


def test_ending_before_starting_is_refused(club):
    club.ends_at = datetime.time(19, 0)
    with pytest.raises(ValidationError) as error:
        club.full_clean()
    assert "ends_at" in error.value.message_dict


def test_a_start_without_an_end_is_refused(club):
    club.ends_at = None
    with pytest.raises(ValidationError) as error:
        club.full_clean()
    assert "ends_at" in error.value.message_dict


def test_focus_filter_and_area_filter_find_the_right_clubs(make_club, commune, village, make_area):
    other = make_area("Bản Đen", Area.Kind.VILLAGE, commune, "Den village")
    script = make_club("CLB chữ Thái", area=village)
    dance = make_club("CLB xòe", area=other, teaches_script=False)
    assert list(Club.objects.with_focus("script")) == [script]
    assert set(Club.objects.in_area(commune)) == {script, dance}
    assert list(Club.objects.in_area(other)) == [dance]


def test_search_ignores_diacritics_and_finds_the_area_and_focus(club):
    assert list(Club.objects.search("cau lac bo co phuong")) == [club]
    assert list(Club.objects.search("chieng den")) == [club]  # the commune of its village
    assert list(Club.objects.search("xoe")) == [club]
    assert list(Club.objects.search("thai script")) == [club]  # the focus, in English
    assert list(Club.objects.search("hua la")) == []
    assert list(Club.objects.search("%")) == []


def test_renaming_an_area_keeps_its_clubs_findable(club, commune):
    commune.name_vi = "Xã Chiềng Đen Mới"
    commune.save()
    assert list(Club.objects.search("moi")) == [club]


def test_officials_of_the_commune_and_named_officials_manage_the_club(
    club, official, make_user, other_commune
):
    named = make_user("named", "officials")
    elsewhere = make_user("elsewhere", "officials", areas=[other_commune])
    club.officials.add(named)
    assert club.is_managed_by(official)
    assert club.is_managed_by(named)
    assert not club.is_managed_by(elsewhere)
    assert set(Club.objects.managed_by(official)) == {club}
    assert list(Club.objects.managed_by(elsewhere)) == []
