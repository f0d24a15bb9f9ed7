"""Public pages of contests: the list, a contest, the submission form, its receipt and the
status look-up. Entries are private: no page but the receipt and the status names one."""

import bisect
import uuid

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from apps.core.clientip import client_ip
from apps.core.display import tfield
from apps.core.pagecache import memo, render_memo

from .forms import EntryForm, StatusForm, blank_entry_form
from .models import Contest, Entry, Phase
from .services import ContestClosed, TooManyRequests, look_up, submit_entry
from .uploads import SizeLimitHandler
from .works import MAX_UPLOAD_BYTES


def _clock():
    """How many opening and closing times of published contests have passed: part of the
    memo's key, so a page kept while a contest was open is not shown once it has closed."""

    def build():
        rows = Contest.objects.published().values_list("opens_at", "closes_at")
        return sorted(moment.timestamp() for row in rows for moment in row)

    return bisect.bisect_right(memo("contests:moments", build), timezone.now().timestamp())


def _sections(contests, now):
    sections = {"open": [], "upcoming": [], "judging": [], "announced": []}
    for contest in contests:
        if contest.phase == Phase.ANNOUNCED:
            sections["announced"].append(contest)
        elif contest.accepts_entries(now):
            sections["open"].append(contest)
        elif contest.not_yet_open(now):
            sections["upcoming"].append(contest)
        else:
            sections["judging"].append(contest)
    return sections


def contest_list(request):
    def build():
        contests = list(Contest.objects.published().prefetch_related("categories"))
        context = {"sections": _sections(contests, timezone.now()), "any": bool(contests)}
        return {
            "title": _("Contests"),
            "description": _(
                "Contests of Son La Learning City: send a song, a painting, a poem "
                "or an initiative."
            ),
            "main": render_to_string("contests/list_main.html", context, request=request),
        }

    return render_memo(request, "contests/page.html", "contests:list", build, _clock())


def contest_detail(request, slug):
    def build():
        contest = get_object_or_404(
            Contest.objects.published().prefetch_related("categories", "criteria"), slug=slug
        )
        now = timezone.now()
        context = {
            "contest": contest,
            "categories": list(contest.categories.all()),
            "criteria": list(contest.criteria.all()),
            "open": contest.accepts_entries(now),
            "upcoming": contest.not_yet_open(now),
        }
        return {
            "title": tfield(contest, "title"),
            "description": tfield(contest, "theme") or tfield(contest, "summary"),
            "main": render_to_string("contests/detail_main.html", context, request=request),
        }

    # An unknown slug raises Http404 inside build(): nothing is kept for it.
    return render_memo(request, "contests/page.html", "contests:detail", build, slug, _clock())


def _upload_limit(contest):
    sizes = [category.max_file_bytes for category in contest.categories.all()]
    return min(max(sizes, default=MAX_UPLOAD_BYTES), MAX_UPLOAD_BYTES)


# The upload handler must be in place before anything reads the body, and the CSRF check
# reads it: the check is made by _submit() once the handler is set (Django's documented way).
@csrf_exempt
@never_cache
def submit(request, slug):
    contest = get_object_or_404(Contest.objects.published(), slug=slug)
    handler = None
    if request.method == "POST":
        handler = SizeLimitHandler(request, _upload_limit(contest))
        request.upload_handlers.insert(0, handler)
    return _submit(request, contest, handler)


def _form_page(request, contest, form, status=200, refusal=None, closed=False):
    context = {
        "contest": contest,
        "form": form,
        "refusal": refusal,
        "closed": closed,
        "upcoming": contest.not_yet_open(),
    }
    return render(request, "contests/submit.html", context, status=status)


@csrf_protect
def _submit(request, contest, handler):
    if request.method != "POST":
        if not contest.accepts_entries():
            return _form_page(request, contest, None, closed=True)
        return _form_page(request, contest, blank_entry_form(contest))
    form = EntryForm(contest, request.POST, request.FILES)
    form.oversize = handler.too_big if handler else {}
    token = form.submitted_token()
    done = Entry.objects.filter(contest=contest, submission_token=token).first() if token else None
    if done:  # a second click, or the form sent again: the first entry's receipt
        return redirect("contests:receipt", slug=contest.slug, token=done.submission_token.hex)
    if not contest.accepts_entries():
        return _form_page(request, contest, form, status=403, closed=True)
    if form.is_robot():
        refusal = _("Leave the field “Leave this field empty” empty, then send again.")
        return _form_page(request, contest, form, status=400, refusal=refusal)
    if not form.is_valid():
        return _form_page(request, contest, form, status=413 if form.oversize else 400)
    try:
        entry, _created = submit_entry(
            contest, form.cleaned_data, form.work, client_ip(request), token or uuid.uuid4()
        )
    except ContestClosed:
        return _form_page(request, contest, form, status=403, closed=True)
    except TooManyRequests:
        refusal = _(
            "Too many entries were sent from your network in the last hour. Everything you "
            "typed is kept below: send it again later, or from another connection."
        )
        return _form_page(request, contest, form, status=429, refusal=refusal)
    return redirect("contests:receipt", slug=contest.slug, token=entry.submission_token.hex)


@never_cache
def receipt(request, slug, token):
    """The receipt of an entry, at an address only its sender knows (the form's random token):
    the code, the title and the category, never the contact details."""
    try:
        token = uuid.UUID(hex=token)
    except ValueError:
        raise Http404 from None
    entry = get_object_or_404(
        Entry.objects.select_related("contest", "category"),
        contest__slug=slug,
        submission_token=token,
    )
    response = render(request, "contests/receipt.html", {"entry": entry, "contest": entry.contest})
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def status(request):
    """A reference code and its contact give the entry's status and nothing else; a wrong pair
    reads exactly like an unknown code; throttled per address."""
    entry = None
    asked = False
    http_status = 200
    refusal = None
    if request.method == "POST":
        form = StatusForm(request.POST)
        if not form.is_valid():
            http_status = 400
        else:
            asked = True
            try:
                entry = look_up(
                    form.cleaned_data["code"], form.cleaned_data["contact"], client_ip(request)
                )
            except TooManyRequests:
                asked = False
                http_status = 429
                refusal = _("Too many look-ups from your network: try again in ten minutes.")
    else:
        form = StatusForm()
    context = {"form": form, "entry": entry, "asked": asked, "refusal": refusal}
    return render(request, "contests/status.html", context, status=http_status)
