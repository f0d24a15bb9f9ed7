from django.core.paginator import Paginator


def paginate(request, queryset, per_page=20):
    """The page asked for by ``?page=`` and the other query parameters to keep in its links.

    A page that is not a number shows the first page and one past the end shows the last, so a
    mistyped or outdated link still lands somewhere useful instead of an error.
    """
    paginator = Paginator(queryset, per_page)
    page_obj = paginator.get_page(request.GET.get("page", "1")[:12])
    params = request.GET.copy()
    params.pop("page", None)
    page_query = params.urlencode() + "&" if params else ""
    return {"page_obj": page_obj, "page_query": page_query}
