"""Demo data of the events and programmes (FACTS.md), plus upcoming events relative to today.

The events of 2024 are the city's: the UNESCO title ceremony (19 March), the reading events of
April, Lifelong Learning Week (1–7 October) and the ASEAN+3 conference in Bangkok. Their times,
places' coordinates and organisers' wording are plausible demo values (``is_demo``). Upcoming
events and the Lifelong Learning Week whose call for events is open are placed relative to the
day the demo is loaded, so the home page always has something upcoming. Running ``load`` again
updates the same rows (keyed by slug) and duplicates nothing.
"""

import datetime
import random

from django.db import transaction

from apps.core.localtime import local_today
from apps.core.models import Area
from apps.culture.models import Club
from apps.spaces.models import LearningSpace

from .demo_data import LLW_2024, READING_MONTH, STANDALONE, UPCOMING
from .models import Category, Event, Programme, local_midnight
from .search import event_search_text

SCALE_PREFIX = "scale-event-"
OPEN_CALL_SLUG = "tuan-le-hoc-tap-suot-doi-2026"


def _at(day, hhmm):
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return local_midnight(day) + datetime.timedelta(hours=hours, minutes=minutes)


def _area(slug):
    return Area.objects.filter(slug=slug).first() if slug else None


def _space_in(unit_slug):
    return (
        LearningSpace.objects.published()
        .filter(area__parent__slug=unit_slug, kind=LearningSpace.Kind.HOUSE_OF_WISDOM)
        .order_by("slug")
        .first()
    )


def _club_in(unit_slug):
    return Club.objects.published().filter(area__parent__slug=unit_slug).order_by("slug").first()


def _contest():
    from apps.contests.models import Contest

    return Contest.objects.filter(title_vi__icontains="học tập toàn cầu").order_by("pk").first()


def _link_contest(slugs):
    contest = _contest()
    if contest:
        for event in Event.objects.filter(slug__in=slugs, contest=None):
            event.contest = contest
            event.save()


def _save(slug, item, day, programme=None):
    """Create or update the event ``slug`` from ``item`` (a dict of demo_data) on ``day``."""
    start = _at(day, item.get("start", "08:00"))
    end_day = day + datetime.timedelta(days=item.get("days", 1) - 1)
    end = _at(end_day, item.get("end", "11:00"))
    space = _space_in(item["space_in"]) if item.get("space_in") else None
    club = _club_in(item["club_in"]) if item.get("club_in") else None
    if club and club.space_id and not space:
        space = club.space
    place = item.get("place") or ("Nhà văn hóa", "Cultural house")
    area = club.area if club else _area(item.get("area") or item.get("space_in"))
    fields = {
        "title": item["title"][0],
        "title_vi": item["title"][0],
        "title_en": item["title"][1],
        "summary_vi": item["summary"][0],
        "summary_en": item["summary"][1],
        "description_vi": item.get("description", ("", ""))[0],
        "description_en": item.get("description", ("", ""))[1],
        "category": item["category"],
        "starts_at": start,
        "ends_at": end,
        "all_day": item.get("all_day", False),
        "space": space,
        "place_name_vi": "" if space else place[0],
        "place_name_en": "" if space else place[1],
        "area": space.area if space else area,
        "latitude": None if space else item.get("geo", (None, None))[0],
        "longitude": None if space else item.get("geo", (None, None))[1],
        "is_external": item.get("external", False),
        "organiser_vi": item["organiser"][0],
        "organiser_en": item["organiser"][1],
        "audience_vi": item.get("audience", ("", ""))[0],
        "audience_en": item.get("audience", ("", ""))[1],
        "is_free": item.get("free", True),
        "registration_note_vi": item.get("registration", ("", ""))[0],
        "registration_note_en": item.get("registration", ("", ""))[1],
        "programme": programme,
        "club": club,
        "contest": _contest() if item.get("contest") else None,
        "is_cancelled": item.get("cancelled", False),
        "cancellation_note_vi": item.get("cancellation", ("", ""))[0],
        "cancellation_note_en": item.get("cancellation", ("", ""))[1],
        "is_demo": True,
        "is_published": True,
    }
    event, _created = Event.objects.update_or_create(slug=slug, defaults=fields)
    return event


def _programme(slug, data, starts_on, ends_on, call=None):
    fields = {
        "name": data["name"][0],
        "name_vi": data["name"][0],
        "name_en": data["name"][1],
        "summary_vi": data["summary"][0],
        "summary_en": data["summary"][1],
        "description_vi": data["description"][0],
        "description_en": data["description"][1],
        "starts_on": starts_on,
        "ends_on": ends_on,
        "call_open_from": call[0] if call else None,
        "call_open_until": call[1] if call else None,
        "call_text_vi": data.get("call", ("", ""))[0] if call else "",
        "call_text_en": data.get("call", ("", ""))[1] if call else "",
        "is_demo": True,
        "is_published": True,
    }
    programme, _created = Programme.objects.update_or_create(slug=slug, defaults=fields)
    return programme


def _series(programme_data, slug, first_day, last_day, call=None):
    programme = _programme(slug, programme_data, first_day, last_day, call)
    events = [
        _save(key, item, first_day + datetime.timedelta(days=item["day"]), programme)
        for key, item in programme_data["events"].items()
    ]
    return programme, events


def load(stdout):
    today = local_today()
    llw, llw_events = _series(
        LLW_2024,
        "tuan-le-hoc-tap-suot-doi-2024",
        datetime.date(2024, 10, 1),
        datetime.date(2024, 10, 7),
    )
    reading, reading_events = _series(
        READING_MONTH,
        "thang-doc-sach-4-2024",
        datetime.date(2024, 4, 1),
        datetime.date(2024, 4, 30),
    )
    others = [
        _save(key, item, datetime.date.fromisoformat(item["date"]))
        for key, item in STANDALONE.items()
    ]
    # The next Lifelong Learning Week: three weeks ahead, its call for events open until two
    # weeks from today, whenever the demo is loaded.
    week_start = today + datetime.timedelta(days=21)
    open_week = dict(UPCOMING["week"])
    open_week["name"] = tuple(name % {"year": week_start.year} for name in open_week["name"])
    week, week_events = _series(
        open_week,
        OPEN_CALL_SLUG,
        week_start,
        week_start + datetime.timedelta(days=6),
        call=(today - datetime.timedelta(days=20), today + datetime.timedelta(days=14)),
    )
    upcoming = [
        _save(key, item, today + datetime.timedelta(days=item["in_days"]))
        for key, item in UPCOMING["events"].items()
    ]
    # The contests' demo loads after this one (in the same transaction): link the contest's
    # events once everything is committed, when the contest exists.
    contest_slugs = [key for key, item in LLW_2024["events"].items() if item.get("contest")]
    transaction.on_commit(lambda: _link_contest(contest_slugs))
    stdout.write(
        f"Events: {len(llw_events)} in {llw.name_en}, {len(reading_events)} in "
        f"{reading.name_en}, {len(others)} more of 2024, {len(upcoming) + len(week_events)} "
        f"upcoming; {week.name_en}'s call for events open until {week.call_open_until}."
    )
    # A few proposals waiting in the open call (apps/events/demo_proposals.py).
    from . import demo_proposals

    demo_proposals.load(stdout)


def scale(factor, stdout):
    """Add ``factor`` x 50 synthetic events (for the benchmark and the query-count tests)."""
    Event.objects.filter(slug__startswith=SCALE_PREFIX).delete()
    localities = list(Area.objects.localities().select_related("parent"))
    if not localities:
        return
    rng = random.Random(f"scale-events-{factor}")
    today = local_today()
    categories = [code for code, _label in Category.choices]
    batch = []
    for i in range(max(0, int(factor)) * 50):
        area = rng.choice(localities)
        start = _at(today + datetime.timedelta(days=rng.randint(-400, 400)), "08:00")
        vi = f"Sự kiện thử nghiệm số {i + 1}"
        event = Event(
            slug=f"{SCALE_PREFIX}{i + 1}",
            title=vi,
            title_vi=vi,
            title_en=f"Synthetic event no. {i + 1}",
            category=rng.choice(categories),
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            place_name_vi="Nhà văn hóa",
            place_name_en="Cultural house",
            area=area,
            is_demo=True,
        )
        event.search_text = event_search_text(event)
        batch.append(event)
    created = Event.objects.bulk_create(batch, batch_size=500)
    stdout.write(f"Events: {len(created)} synthetic events added (x{factor}).")
