"""What the site-wide search finds among learning spaces (``SpacesConfig.search_kinds``)."""

from apps.core.search import Result, find_in, shown

from .models import LearningSpace


def find_spaces(query, offset, limit):
    """``(count, results)``: published learning spaces matching ``query``, closest first, in
    one query (their village and its ward or commune come with them)."""
    spaces = LearningSpace.objects.filter(is_published=True).select_related("area__parent")
    count, rows = find_in(spaces, query, offset=offset, limit=limit, names=("name_vi", "name_en"))
    results = []
    for space in rows:
        title, title_language = shown(space, "name")
        summary, summary_language = shown(space, "description")
        area = space.area
        places = [shown(area, "name")[0]] if area else []
        if area and area.parent_id:
            places.append(shown(area.parent, "name")[0])
        results.append(
            Result(
                title=title,
                url=space.get_absolute_url(),
                summary=summary,
                title_language=title_language,
                summary_language=summary_language,
                rank=space.search_rank,
                meta=" · ".join([str(space.get_kind_display()), ", ".join(places)]).strip(" ·"),
            )
        )
    return count, results
