"""What the site-wide search finds among the winning works (ContestsConfig.search_kinds): the
public copies only, of announced contests; never an entry."""

from django.urls import reverse

from apps.core.search import Result, find_in, shown

from .models import Phase, WinningWork


def find_winning_works(query, offset, limit):
    """``(count, results)``: winning works whose title or author matches ``query``, in one
    query (the author as the winners page shows it: initials for a minor)."""
    works = WinningWork.objects.filter(
        contest__is_published=True, contest__phase=Phase.ANNOUNCED
    ).select_related("contest", "category")
    count, rows = find_in(
        works, query, offset=offset, limit=limit, fields=("title", "author"), names=("title",)
    )
    results = []
    for work in rows:
        contest, _contest_language = shown(work.contest, "title")
        category, _category_language = shown(work.category, "name")
        url = reverse("contests:winners", args=[work.contest.slug]) + f"#work-{work.pk}"
        results.append(
            Result(
                title=work.title,
                url=url,
                summary=f"{work.author} · {work.get_prize_display()}",
                # The author's own title: not a translation that is missing.
                title_language="",
                meta=f"{contest} · {category}",
                image=work.picture() if work.renditions else None,
                rank=work.search_rank,
            )
        )
    return count, results
