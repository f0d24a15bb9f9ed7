from django.core.paginator import Paginator
from django.utils.http import urlencode

from .pagecache import memo


def page_number(request, name, count, per_page, *parts):
    """The page ``?page=`` asks for, made real, and the value to accept in the query string.

    A page that is not a number shows the first page and one past the end shows the last, so a
    mistyped or outdated link still lands somewhere useful instead of an error. Only a real
    page number is accepted for the page cache (``pagecache.accept_query``): anything else is
    answered, never stored. ``count`` (a callable) gives the number of items; it is memoised
    under ``name`` and ``parts`` (the validated filters), so the page can be checked without
    building it.
    """
    raw = request.GET.get("page", "")
    pages = memo(f"{name}:pages", lambda: Paginator(range(count()), per_page).num_pages, *parts)
    if raw.isascii() and raw.isdigit() and len(raw) <= 6 and 1 <= int(raw) <= pages:
        return int(raw), raw
    if raw.lstrip("-").isascii() and raw.lstrip("-").isdigit():
        return pages, None  # past either end: the last page
    return 1, None


def paginate(objects, per_page, number, params=None):
    """The page ``number`` of ``objects`` and the other query parameters to keep in its links.

    ``params`` are the validated filters (never the raw query string: the links of a page
    built once for every visitor must not carry one visitor's unknown parameters).
    """
    paginator = Paginator(objects, per_page)
    page_obj = paginator.get_page(number)
    kept = {key: value for key, value in (params or {}).items() if value not in ("", None)}
    page_query = urlencode(kept) + "&" if kept else ""
    return {"page_obj": page_obj, "page_query": page_query}


def paginate_in_one_query(queryset, per_page, raw_number, params=None):
    """``paginate()`` for a private list (a person's own records): the page's rows and the
    total in one query (a window count), where ``paginate()`` takes two. ``raw_number`` is
    ``?page=`` as typed: anything but a page number shows the first page, one past the end
    the last (then a second query finds it)."""
    from django.core.paginator import Page
    from django.db.models import Count, Window

    raw = str(raw_number or "")
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 6 else 1
    number = max(number, 1)
    counted = queryset.annotate(_total=Window(Count("pk")))
    rows = list(counted[(number - 1) * per_page : number * per_page])
    # An empty first page means nothing to list; an empty later page, a number past the end.
    total = rows[0]._total if rows else (0 if number == 1 else queryset.count())
    paginator = Paginator(queryset, per_page)
    paginator.__dict__["count"] = total  # a cached_property: the query above answered it
    if not rows and total:
        number = paginator.num_pages
        rows = list(counted[(number - 1) * per_page : number * per_page])
    kept = {key: value for key, value in (params or {}).items() if value not in ("", None)}
    page_query = urlencode(kept) + "&" if kept else ""
    return {"page_obj": Page(rows, number if rows else 1, paginator), "page_query": page_query}
