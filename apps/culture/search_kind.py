"""What the site-wide search finds among the Thai cultural clubs (CultureConfig.search_kinds)."""

from apps.core.search import Result, find_in, shown

from .models import Club


def find_clubs(query, offset, limit):
    """``(count, results)``: published clubs matching ``query``, closest first, in one query."""
    clubs = Club.objects.filter(is_published=True).select_related("area__parent")
    count, rows = find_in(clubs, query, offset=offset, limit=limit, names=("name_vi", "name_en"))
    results = []
    for club in rows:
        title, title_language = shown(club, "name")
        summary, summary_language = shown(club, "description")
        area = club.area
        places = [shown(area, "name")[0]] if area else []
        if area and area.parent_id:
            places.append(shown(area.parent, "name")[0])
        results.append(
            Result(
                title=title,
                url=club.get_absolute_url(),
                summary=summary,
                title_language=title_language,
                summary_language=summary_language,
                rank=club.search_rank,
                meta=", ".join(places),
            )
        )
    return count, results
