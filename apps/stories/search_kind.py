"""What the site-wide search finds among stories (``StoriesConfig.search_kinds``)."""

from apps.core.search import Result, find_in, query_words, shown

from .models import Story


def find_stories(query, offset, limit):
    """``(count, results)``: published stories matching ``query``, closest first (then the
    latest), in one query."""
    stories = Story.objects.published().latest_first()
    count, rows = find_in(
        stories, query, offset=offset, limit=limit, names=("title_vi", "title_en")
    )
    results = []
    for story in rows:
        title, title_language = shown(story, "title")
        lead, lead_language = shown(story, "lead")
        body, body_language = shown(story, "body")
        # The lead, unless only the body holds the words asked for.
        summary, summary_language = lead, lead_language
        if not _holds(lead, query.words) and _holds(body, query.words):
            summary, summary_language = body, body_language
        results.append(
            Result(
                title=title,
                url=story.get_absolute_url(),
                summary=summary,
                title_language=title_language,
                summary_language=summary_language,
                rank=story.search_rank,
                date=story.published_on,
            )
        )
    return count, results


def _holds(text, words):
    folded = " " + " ".join(query_words(text))
    return any(f" {word}" in folded for word in words)
