"""The public winners page of a contest: the awarded works by category, and the statistics.

Built once per content version and language (``pagecache.render_memo``) in a fixed number of
queries, whatever the number of entries: the works come from their public copies
(``WinningWork``), the statistics from counts grouped in the database. Only counts of the
private entries are read here, never a row.
"""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from apps.core.display import tfield
from apps.core.models import Area
from apps.core.pagecache import render_memo
from apps.core.text import vi_sort_key

from .models import Category, Contest, Entry, Status, WinningWork

# Awarded works of an audio category get a player; the others a picture or a text.
AUDIO_SIZES = "(min-width: 48rem) 22rem, 100vw"


def statistics(contest):
    """Entries by category and by ward or commune, and the number of awarded works (three
    grouped counts and the areas' names: four queries however many entries there are)."""
    counted = Entry.objects.filter(contest=contest).exclude(status=Status.DISQUALIFIED)
    by_category = dict(counted.order_by().values_list("category_id").annotate(n=Count("pk")))
    by_area = {}
    rows = counted.order_by().values_list("area_id", "area__parent_id").annotate(n=Count("pk"))
    for area_id, parent_id, count in rows:
        unit = parent_id or area_id
        by_area[unit] = by_area.get(unit, 0) + count
    areas = Area.objects.filter(pk__in=list(by_area)).only("pk", "name", "name_vi", "name_en")
    area_rows = sorted(
        ((area, by_area[area.pk]) for area in areas),
        key=lambda row: (-row[1], vi_sort_key(row[0].name)),
    )
    awarded = counted.filter(status=Status.AWARDED).count()
    return {
        "by_category": by_category,
        "by_area": area_rows,
        "entries": sum(by_category.values()),
        "awarded": awarded,
    }


def _build(request, slug):
    contest = get_object_or_404(Contest.objects.published(), slug=slug)
    title = _("Winners: %(contest)s") % {"contest": tfield(contest, "title")}
    context = {"contest": contest, "title": title}
    if not contest.is_announced:
        context["not_announced"] = True
    else:
        categories = list(Category.objects.filter(contest=contest))
        works = {}
        for work in WinningWork.objects.filter(contest=contest).in_gallery_order():
            works.setdefault(work.category_id, []).append(work)
        stats = statistics(contest)
        for category in categories:
            category.works = works.get(category.pk, [])
            category.entry_count = stats["by_category"].get(category.pk, 0)
        shown = sum(len(category.works) for category in categories)
        context.update(
            categories=categories,
            stats=stats,
            shown=shown,
            hidden=max(stats["awarded"] - shown, 0),
            language=get_language(),
        )
    return {
        "title": title,
        "description": tfield(contest, "theme") or title,
        "main": render_to_string("contests/winners_main.html", context, request=request),
    }


def winners(request, slug):
    """``/<lang>/contests/<slug>/winners/``: the winners after the announcement; before it, a
    page saying they are not announced yet (200, so a link shared early is not broken)."""
    if not slug.isascii():
        raise Http404
    return render_memo(
        request, "contests/winners.html", "contests:winners", lambda: _build(request, slug), slug
    )
