"""What the site-wide search finds among the events (EventsConfig.search_kinds)."""

from apps.core.search import Result, find_in, shown

from .display import plain
from .models import Event


def find_events(query, offset, limit):
    """``(count, results)``: published events matching ``query``, closest first, in one query."""
    events = (
        Event.objects.filter(is_published=True)
        .select_related("area__parent", "space")
        .order_by("-starts_at", "pk")
    )
    count, rows = find_in(events, query, offset=offset, limit=limit, names=("title_vi", "title_en"))
    results = []
    for event in rows:
        title, title_language = shown(event, "title")
        summary, summary_language = shown(event, "summary")
        place = plain(event.space, "name") if event.space_id else plain(event, "place_name")
        if event.area_id:
            place = ", ".join(p for p in (place, plain(event.area.unit, "name")) if p)
        results.append(
            Result(
                title=title,
                url=event.get_absolute_url(),
                summary=summary,
                title_language=title_language,
                summary_language=summary_language,
                date=event.start_date,
                meta=place,
            )
        )
    return count, results
