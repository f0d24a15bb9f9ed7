import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.core.permissions import OFFICIALS, can_change
from apps.events.models import Event

from .conftest import city_time

pytestmark = pytest.mark.django_db


def test_an_event_gets_an_ascii_slug_from_its_vietnamese_title(make_event):
    event = make_event("Khai trương Trường Mầm non Chiềng Đen")
    assert event.slug == "khai-truong-truong-mam-non-chieng-den"


def test_an_event_never_takes_the_calendar_address(make_event):
    event = make_event("Calendar")
    assert event.slug == "calendar-2"


def test_an_event_in_a_learning_space_takes_its_area(make_event, space, village):
    event = make_event(space=space, area=None)
    assert event.area == village


def test_an_all_day_event_covers_its_days_in_the_city(make_event):
    event = make_event(start=city_time(2027, 10, 1, 15), all_day=True)
    event.ends_at = city_time(2027, 10, 7, 9)
    event.save()
    event.refresh_from_db()
    assert event.local_start == city_time(2027, 10, 1)
    assert event.local_end == city_time(2027, 10, 7, 23, 59) + datetime.timedelta(seconds=59)
    assert (event.start_date, event.end_date) == (
        datetime.date(2027, 10, 1),
        datetime.date(2027, 10, 7),
    )


def test_an_end_before_the_start_is_refused(make_event):
    event = make_event()
    event.ends_at = event.starts_at - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "ends_at" in error.value.message_dict


def test_an_event_needs_a_space_or_a_named_place(make_event):
    event = make_event(place_name_vi="", place_name_en="", place_name="")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "place_name" in error.value.message_dict


def test_upcoming_keeps_an_event_until_it_ends_and_past_takes_it_after(make_event):
    event = make_event(start=city_time(2027, 3, 1, 8), hours=3)
    during = city_time(2027, 3, 1, 10)
    after = city_time(2027, 3, 1, 12)
    assert list(Event.objects.upcoming(during)) == [event]
    assert list(Event.objects.past(during)) == []
    assert list(Event.objects.past(after)) == [event]


def test_a_month_holds_the_events_running_on_any_of_its_days(make_event):
    inside = make_event("Trong tháng", start=city_time(2027, 4, 10, 8))
    across = make_event("Qua tháng", start=city_time(2027, 3, 30, 8), hours=24 * 5)
    make_event("Tháng sau", start=city_time(2027, 5, 1, 0, 0))
    assert list(Event.objects.in_month(2027, 4)) == [across, inside]


def test_a_ward_holds_the_events_of_its_villages(make_event, commune, village, other_ward):
    in_village = make_event("Ở bản", area=village)
    in_commune = make_event("Ở xã", area=commune)
    make_event("Nơi khác", area=other_ward)
    assert set(Event.objects.in_area(commune)) == {in_village, in_commune}
    assert list(Event.objects.in_area(village)) == [in_village]


def test_the_search_text_finds_an_event_without_diacritics(make_event):
    event = make_event("Giao lưu tác giả và bạn đọc")
    assert list(Event.objects.search("giao luu tac gia")) == [event]
    assert list(Event.objects.search("chieng den")) == [event]  # its commune


def test_officials_of_the_area_and_of_the_club_manage_an_event(
    make_event, make_user, official, other_ward, village
):
    from apps.culture.models import Club

    club = Club.objects.create(name="CLB Xòe", name_vi="CLB Xòe", area=village)
    club_official = make_user("club-official", OFFICIALS)
    club.officials.add(club_official)
    stranger = make_user("stranger", OFFICIALS, areas=[other_ward])
    event = make_event(area=other_ward, club=club)
    plain = make_event("Khác", area=other_ward)
    assert can_change(club_official, event)
    assert can_change(official, event)  # the club is in the official's commune
    assert can_change(stranger, event)
    assert not can_change(club_official, plain)
    assert set(Event.objects.managed_by(club_official)) == {event}
    assert set(Event.objects.managed_by(stranger)) == {event, plain}
