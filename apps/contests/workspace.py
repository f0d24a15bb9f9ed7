"""The jury's pages: blind review and scoring for jurors, the gathered scores, shortlist,
prizes and announcement for the chair. Nothing here names an entry's author or reaches them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import jury
from .announce import announce
from .forms_jury import DecisionForm, ScoreSheetForm
from .models import Category, Contest, Criterion, Entry, Phase, Prize, Score, Status


def _contest(request, slug):
    """The contest, for its jurors and chair (and staff); a 404 for anyone else."""
    contest = get_object_or_404(Contest, slug=slug)
    seat = jury.seat(request.user, contest)
    chair = jury.can_chair(request.user, contest)
    if seat is None and not chair:
        raise PermissionDenied
    return contest, seat, chair


def _blind_entry(contest, code):
    return get_object_or_404(jury.blind_entries(contest).select_related("category"), code=code)


@never_cache
@login_required
def contest_list(request):
    contests = list(jury.contests_for(request.user).exclude(phase=Phase.DRAFT))
    seats = {
        s.contest_id: s
        for s in jury.Juror.objects.seats_of(request.user).filter(contest__in=contests)
    }
    for contest in contests:
        contest.seat = seats.get(contest.pk)
    return render(request, "contests/workspace/list.html", {"contests": contests})


@never_cache
@login_required
def entries(request, slug):
    """The entries of the contest, blind, by category, with how far the juror has scored."""
    contest, seat, chair = _contest(request, slug)
    criteria_count = Criterion.objects.filter(contest=contest).count()
    scored = dict(
        Score.objects.filter(entry__contest=contest, juror=request.user)
        .values_list("entry_id")
        .annotate(n=Count("pk"))
    )
    categories = list(Category.objects.filter(contest=contest))
    rows = {category.pk: [] for category in categories}
    for entry in jury.blind_entries(contest):
        entry.scored = scored.get(entry.pk, 0)
        entry.done = criteria_count and entry.scored >= criteria_count
        rows.setdefault(entry.category_id, []).append(entry)
    for category in categories:
        category.blind_entries = rows.get(category.pk, [])
        category.done = sum(1 for entry in category.blind_entries if entry.done)
    context = {
        "contest": contest,
        "seat": seat,
        "chair": chair,
        "categories": categories,
        "criteria_count": criteria_count,
    }
    return render(request, "contests/workspace/entries.html", context)


@never_cache
@login_required
def review(request, slug, code):
    """One entry, blind: its code, category, title, description and the work; and the juror's
    score sheet (a juror of the contest, while it is judged)."""
    contest, seat, chair = _contest(request, slug)
    entry = _blind_entry(contest, code)
    entry.contest = contest
    criteria = list(Criterion.objects.filter(contest=contest))
    can_score = seat is not None and contest.phase == Phase.JUDGING
    mine = {s.criterion_id: s for s in Score.objects.filter(entry=entry, juror=request.user)}
    status = 200
    if request.method == "POST":
        if not can_score:
            raise PermissionDenied
        form = ScoreSheetForm(criteria, request.POST, scores=mine)
        if form.is_valid():
            try:
                jury.record_scores(request.user, entry, form.values())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your scores of %(code)s are saved.") % {"code": code})
                following = _next_entry(contest, entry)
                if following:
                    return redirect("contests:workspace_review", slug, following)
                return redirect("contests:workspace_entries", slug)
        status = 400
    else:
        form = ScoreSheetForm(criteria, scores=mine)
    context = {
        "contest": contest,
        "entry": entry,
        "form": form if can_score else None,
        "chair": chair,
        "mine": mine,
    }
    return render(request, "contests/workspace/review.html", context, status=status)


def _next_entry(contest, entry):
    """The code of the next entry of the same category (a juror scores them in a row)."""
    return (
        jury.blind_entries(contest)
        .filter(category_id=entry.category_id, code__gt=entry.code)
        .values_list("code", flat=True)
        .first()
    )


@never_cache
@login_required
def chair(request, slug):
    """The chair's table: by category, each entry's weighted average, the spread between the
    jurors, the shortlist and the prizes; and the announcement."""
    contest = get_object_or_404(Contest, slug=slug)
    if not jury.can_chair(request.user, contest):
        raise PermissionDenied
    results = jury.results(contest)
    categories = list(Category.objects.filter(contest=contest))
    rows = {category.pk: [] for category in categories}
    for entry in jury.blind_entries(contest, every=True):
        entry.result = results.get(entry.pk) or jury.Result()
        rows.setdefault(entry.category_id, []).append(entry)
    for category in categories:
        category.ranked = sorted(
            rows.get(category.pk, []),
            key=lambda e: (e.result.average is None, -(e.result.average or 0), e.code),
        )
        category.awarded = sum(1 for e in category.ranked if e.status == Status.AWARDED)
    context = {
        "contest": contest,
        "categories": categories,
        "judging": contest.phase == Phase.JUDGING,
        "jurors": list(contest.jurors.select_related("user").order_by("-is_chair", "pk")),
        "awards": [(p.value, p.label) for p in jury.AWARDS],
        "awarded": Entry.objects.filter(contest=contest, status=Status.AWARDED).count(),
    }
    return render(request, "contests/workspace/chair.html", context)


@never_cache
@login_required
@require_POST
def decide(request, slug, code):
    """The chair's decision on one entry (shortlist, take off, prize)."""
    contest = get_object_or_404(Contest, slug=slug)
    if not jury.can_chair(request.user, contest):
        raise PermissionDenied
    entry = get_object_or_404(
        Entry.objects.only("pk", "code", "contest"), contest=contest, code=code
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This decision could not be read: choose an action again."))
        return redirect("contests:workspace_chair", slug)
    data = form.cleaned_data
    if data["action"] == DecisionForm.AWARD:
        jury.award(request.user, entry, data.get("prize") or Prize.NONE, data.get("rank"))
    else:
        jury.shortlist(request.user, entry, listed=data["action"] == DecisionForm.SHORTLIST)
    messages.success(request, _("The decision on %(code)s is saved.") % {"code": code})
    return redirect(reverse("contests:workspace_chair", args=[slug]) + f"#entry-{code}")


@never_cache
@login_required
@require_POST
def announce_winners(request, slug):
    contest = get_object_or_404(Contest, slug=slug)
    if not jury.can_chair(request.user, contest):
        raise PermissionDenied
    try:
        made = announce(request.user, contest)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("contests:workspace_chair", slug)
    messages.success(
        request,
        _("The winners are announced; %(count)s works are on the public winners page.")
        % {"count": made},
    )
    return redirect("contests:winners", slug)
