"""The public pages: the clubs (list, page, join form) and the Xòe heritage."""

from array import array

from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from apps.core.clientip import client_ip
from apps.core.display import tfield
from apps.core.models import Area
from apps.core.pagecache import accept_query, memo, render_memo
from apps.core.paginate import page_number, paginate
from apps.core.text import vi_sort_key

from .forms import ClubFilterForm, JoinForm
from .models import Club, Dance
from .search import name_order, ranked
from .services import TooManyRequests, request_to_join

PER_PAGE = 20


def _filtered(filters):
    clubs = Club.objects.published()
    if filters["q"]:
        clubs = clubs.search(filters["q"])
    if filters["focus"]:
        clubs = clubs.with_focus(filters["focus"])
    return clubs


def _positions():
    def build():
        rows = Club.objects.published().values_list("pk", "name_vi", "name_en")
        return array("q", name_order(rows, translation.get_language()))

    return {pk: i for i, pk in enumerate(memo("culture:name-order", build))}


def _matching_ids(filters, area):
    """The clubs the filters find, closest match first, then in Vietnamese alphabetical order."""

    def build():
        clubs = _filtered(filters)
        if area:
            clubs = clubs.in_area(area)
        position = _positions()
        if filters["q"]:
            rows = clubs.order_by().values_list("pk", "name_vi", "name_en")
            return array("q", ranked(rows, filters["q"], position))
        pks = clubs.order_by().values_list("pk", flat=True)
        return array("q", sorted(pks, key=lambda pk: position.get(pk, len(position))))

    return memo("culture:ids", build, sorted(filters.items()))


def _area_options(filters, area):
    """Wards and communes, each followed by its villages with clubs, as ``<option>``s with the
    number of clubs each would show (every filter but the area applied)."""
    counts = dict(_filtered(filters).order_by().values_list("area_id").annotate(n=Count("pk")))
    areas = Area.objects.active().in_vietnamese_order()
    children = {}
    for other in areas:
        if other.parent_id:
            children.setdefault(other.parent_id, []).append(other)
    options = []
    for unit in (a for a in areas if a.parent_id is None):
        localities = children.get(unit.pk, [])
        total = counts.get(unit.pk, 0) + sum(counts.get(a.pk, 0) for a in localities)
        rows = [(unit, total, "")]
        rows += [
            (a, counts.get(a.pk, 0), "&nbsp;&nbsp;– ")
            for a in localities
            if counts.get(a.pk) or a == area
        ]
        for choice, count, indent in rows:
            options.append(
                '<option value="{}"{}>{}{} ({})</option>'.format(
                    escape(choice.slug),
                    " selected" if choice == area else "",
                    indent,
                    escape(choice.name),
                    count,
                )
            )
    return mark_safe("\n".join(options))  # noqa: S308 - the slug and the name are escaped


def club_list(request):
    form, filters = ClubFilterForm.read(request.GET)
    area = form.cleaned_data.get("area")
    parts = (sorted(filters.items()),)
    number, page = page_number(
        request, "culture:list", lambda: len(_matching_ids(filters, area)), PER_PAGE, *parts
    )
    accept_query(request, **filters, page=page)

    def build():
        context = paginate(_matching_ids(filters, area), PER_PAGE, number, filters)
        page_obj = context["page_obj"]
        found = Club.objects.filter(pk__in=list(page_obj.object_list)).for_cards().in_bulk()
        page_obj.object_list = [found[pk] for pk in page_obj.object_list if pk in found]
        context.update(
            filters=filters,
            query=filters["q"],
            selected_area=area,
            area_options=_area_options(filters, area),
            form=ClubFilterForm(filters, []),
            filtered=any(filters.values()),
        )
        html = render_to_string("culture/list_main.html", context, request=request)
        return {"main": html, "query": filters["q"]}

    return render_memo(
        request, "culture/list.html", "culture:list", build, *parts, number, notices=form.notices()
    )


def _published_club(slug):
    return get_object_or_404(
        Club.objects.published().select_related("area__parent", "space__area"), slug=slug
    )


def club_detail(request, slug):
    def build():
        club = get_object_or_404(
            Club.objects.published()
            .select_related("area__parent", "space__area")
            .prefetch_related("photos", "dances"),
            slug=slug,
        )
        context = {
            "club": club,
            "unit": club.area.unit,
            "photos": [photo.picture() for photo in club.photos.all()],
            "dances": list(club.dances.all()),
        }
        area = club.area
        description = area.name if area.is_unit else f"{area.name}, {area.parent.name}"
        return {
            "title": tfield(club, "name"),
            "description": description,
            "main": render_to_string("culture/detail_main.html", context, request=request),
        }

    # An unknown slug raises Http404 inside build(): nothing is kept for it.
    return render_memo(request, "culture/detail.html", "culture:detail", build, slug)


def _club_summary(request, club):
    """The club's name, place and schedule above the join form (the same for everyone)."""

    def build():
        return render_to_string("culture/includes/summary.html", {"club": club}, request=request)

    return memo("culture:summary", build, club.slug)


@never_cache
def join(request, slug):
    """The join form: stored, then the officials are told; refused with a clear message and
    everything typed kept (400 for a mistake, 429 beyond the limit)."""
    club = _published_club(slug)
    status = 200
    refusal = None
    if request.method == "POST":
        form = JoinForm(request.POST)
        if form.is_robot():
            refusal = _("Leave the field “Leave this field empty” empty, then send again.")
            status = 400
        elif not form.is_valid():
            status = 400
        else:
            try:
                request_to_join(club, form.cleaned_data, client_ip(request))
            except TooManyRequests:
                refusal = _(
                    "Too many join requests were sent from your network or with these contact "
                    "details. Your message is kept below: send it again in an hour, or call the "
                    "club."
                )
                status = 429
            else:
                return redirect("culture:join_sent", slug=club.slug)
    else:
        form = JoinForm()
    context = {
        "club": club,
        "summary": _club_summary(request, club),
        "form": form,
        "refusal": refusal,
    }
    return render(request, "culture/join.html", context, status=status)


def join_sent(request, slug):
    def build():
        club = _published_club(slug)
        return {
            "title": _("Your request is sent"),
            "main": render_to_string(
                "culture/join_sent_main.html", {"club": club}, request=request
            ),
        }

    return render_memo(request, "culture/page.html", "culture:join-sent", build, slug)


def heritage(request):
    def build():
        dances = list(Dance.objects.for_heritage())
        for dance in dances:
            # In Vietnamese alphabetical order of the name the visitor reads.
            dance.club_list = sorted(dance.clubs.all(), key=lambda club: vi_sort_key(club.name))
        context = {
            "ancient": [d for d in dances if d.kind == Dance.Kind.ANCIENT],
            "unity": [d for d in dances if d.kind == Dance.Kind.UNITY],
            "script_clubs": Club.objects.published().with_focus("script").count(),
            "script_url": reverse("culture:list") + "?" + urlencode({"focus": "script"}),
            "xoe_url": reverse("culture:list") + "?" + urlencode({"focus": "xoe"}),
        }
        return {
            "title": _("Xòe dance and the Thai script"),
            "main": render_to_string("culture/heritage_main.html", context, request=request),
        }

    return render_memo(request, "culture/page.html", "culture:heritage", build)
