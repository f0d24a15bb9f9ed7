"""What the site-wide search finds among the city's commitments (``search_kinds``).

Commitments keep no folded search column (there are tens of them, not thousands): the
database folds their titles, summaries and offices in both languages as it searches.
"""

from apps.core.search import Result, find_in, shown

from .models import Commitment

FIELDS = (
    "title_vi",
    "title_en",
    "summary_vi",
    "summary_en",
    "responsible_office_vi",
    "responsible_office_en",
)


def find_commitments(query, offset, limit):
    """``(count, results)``: published commitments matching ``query``, closest first, in one
    query."""
    commitments = Commitment.objects.published()
    count, rows = find_in(
        commitments,
        query,
        offset=offset,
        limit=limit,
        fields=FIELDS,
        names=("title_vi", "title_en"),
    )
    results = []
    for commitment in rows:
        title, title_language = shown(commitment, "title")
        summary, summary_language = shown(commitment, "summary")
        if not summary:
            summary, summary_language = shown(commitment, "description")
        results.append(
            Result(
                title=title,
                url=commitment.get_absolute_url(),
                summary=summary,
                title_language=title_language,
                summary_language=summary_language,
                rank=commitment.search_rank,
                meta=str(commitment.get_key_feature_display()),
            )
        )
    return count, results
