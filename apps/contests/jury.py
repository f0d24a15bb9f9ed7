"""The jury's work: blind scoring by the assigned jurors, and the chair's shortlist and prizes.

Every function checks who may do it, so the workspace, the admin and a script agree: a juror
scores only the entries of a contest they sit on, while it is being judged; the chair of the
contest (or content staff) reads the gathered scores, shortlists and awards. A refused call
raises ``PermissionDenied`` (or ``ValidationError`` for a value out of scale) before anything
is written.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.history import tracked_update
from apps.core.permissions import can_change

from .models import Contest, Criterion, Entry, Juror, Phase, Prize, Score, Status

# What a juror may read of an entry: nothing that names or reaches its author (no name, age
# group, school, area, contact, guardian, uploaded file name or submission details).
BLIND_FIELDS = (
    "pk",
    "contest_id",
    "category_id",
    "code",
    "title",
    "description",
    "text",
    "file",
    "file_kind",
    "file_type",
    "language",
    "status",
    "prize",
    "prize_rank",
)
JUDGED = (Status.RECEIVED, Status.UNDER_REVIEW, Status.SHORTLISTED, Status.AWARDED)
AWARDS = (Prize.FIRST, Prize.SECOND, Prize.THIRD, Prize.CONSOLATION)
HUNDRED = Decimal(100)


def _active(user):
    return bool(user and user.is_authenticated and user.is_active)


def seat(user, contest):
    """The user's seat on the contest's jury, or None."""
    if not _active(user):
        return None
    return Juror.objects.filter(contest=contest, user=user).first()


def is_juror(user, contest):
    return seat(user, contest) is not None


def can_chair(user, contest):
    """The chair of the contest's jury, or content staff (who may change contests)."""
    if not _active(user):
        return False
    if can_change(user, contest):
        return True
    return Juror.objects.filter(contest=contest, user=user, is_chair=True).exists()


def can_see_entry(user, entry):
    """Who may read an entry's work (and fetch its file): its contest's jurors and chair, and
    content staff. Nobody else, whatever the entry's status."""
    return can_chair(user, entry.contest) or is_juror(user, entry.contest)


def contests_for(user):
    """The contests whose jury work ``user`` may see: every one for staff, else those they sit
    on (drafts included: a jury may be formed before the contest opens)."""
    if not _active(user):
        return Contest.objects.none()
    contests = Contest.objects.all()
    if can_change(user, Contest()):
        return contests
    return contests.filter(jurors__user=user).distinct()


def blind_entries(contest, every=False):
    """The entries a juror reviews, without anything that names or reaches their authors;
    ``every``: with those already not selected (the chair's view after the announcement)."""
    entries = Entry.objects.filter(contest=contest)
    if every:
        entries = entries.exclude(status=Status.DISQUALIFIED)
    else:
        entries = entries.filter(status__in=JUDGED)
    return entries.only(*BLIND_FIELDS).order_by("category__order", "category_id", "code")


def _judging(contest):
    if contest.phase != Phase.JUDGING:
        raise PermissionDenied(_("This contest is not being judged now."))


def check_score(criterion, value):
    """``value`` (a Decimal) if it is on the criterion's scale, else a ``ValidationError``."""
    if value is None or value < 0 or value > criterion.scale or value != round(value, 1):
        raise ValidationError(
            _("Give a score from 0 to %(scale)s (one decimal at most).")
            % {"scale": criterion.scale},
            code="out_of_scale",
        )
    return value


@transaction.atomic
def record_scores(user, entry, values):
    """Save ``user``'s scores of ``entry``: ``values`` maps a criterion to ``(value, comment)``;
    a value of None removes that score. Returns the scores kept.

    Only a juror of the entry's contest, while it is judged, and only for an entry still in
    the running; every value must be on its criterion's scale, or nothing is saved.
    """
    contest = entry.contest
    if seat(user, contest) is None:
        raise PermissionDenied(_("You are not on the jury of this contest."))
    _judging(contest)
    if entry.status not in JUDGED:
        raise PermissionDenied(_("This entry is no longer judged."))
    for criterion, (value, _comment) in values.items():
        if criterion.contest_id != contest.pk:
            raise PermissionDenied(_("This criterion belongs to another contest."))
        if value is not None:
            check_score(criterion, value)
    kept = []
    for criterion, (value, comment) in values.items():
        mine = Score.objects.filter(entry=entry, juror=user, criterion=criterion)
        if value is None:
            mine.delete()
            continue
        score, _created = Score.objects.update_or_create(
            entry=entry,
            juror=user,
            criterion=criterion,
            defaults={"value": value, "comment": (comment or "").strip()},
        )
        kept.append(score)
    if kept and entry.status == Status.RECEIVED:
        under_review = tracked_update(
            Entry.objects.filter(pk=entry.pk, status=Status.RECEIVED).select_related("contest"),
            actor=user,
            status=Status.UNDER_REVIEW,
        )
        if under_review:  # not when the chair decided on it meanwhile
            entry.status = Status.UNDER_REVIEW
    return kept


@dataclass
class Result:
    """An entry's scores gathered: each juror's weighted total (0–100) and their mean."""

    totals: dict = field(default_factory=dict)  # juror id -> Decimal, complete score sheets
    partial: int = 0  # jurors who scored some criteria, not all yet

    @property
    def average(self):
        if not self.totals:
            return None
        mean = sum(self.totals.values()) / len(self.totals)
        return mean.quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def spread(self):
        """The gap between the highest and the lowest juror's total."""
        if len(self.totals) < 2:
            return None
        return max(self.totals.values()) - min(self.totals.values())


def juror_total(criteria, values):
    """One juror's weighted total of one entry, from 0 to 100.

    Each score is read as a share of its criterion's scale, and the shares are averaged with
    the criteria's weights: 8/10 on a criterion of weight 2 and 15/20 on one of weight 1 give
    100 × (2 × 0.8 + 1 × 0.75) / 3 = 78.3. ``values`` maps a criterion id to its score.
    """
    weights = sum(c.weight for c in criteria)
    if not weights:
        return None
    share = sum(c.weight * values[c.pk] / c.scale for c in criteria)
    return (HUNDRED * share / weights).quantize(Decimal("0.1"), ROUND_HALF_UP)


def results(contest):
    """Every scored entry's ``Result`` by entry id, in two queries (criteria and scores).

    A juror's total counts once they have scored every criterion; until then they are counted
    as ``partial``.
    """
    criteria = list(Criterion.objects.filter(contest=contest))
    sheets = {}
    rows = Score.objects.filter(entry__contest=contest).values_list(
        "entry_id", "juror_id", "criterion_id", "value"
    )
    for entry_id, juror_id, criterion_id, value in rows:
        sheets.setdefault(entry_id, {}).setdefault(juror_id, {})[criterion_id] = value
    gathered = {}
    for entry_id, jurors in sheets.items():
        result = Result()
        for juror_id, values in jurors.items():
            if criteria and all(c.pk in values for c in criteria):
                total = juror_total(criteria, values)
                if total is not None:
                    result.totals[juror_id] = total
            else:
                result.partial += 1
        gathered[entry_id] = result
    return gathered


def _chair_decision(user, entry):
    if not can_chair(user, entry.contest):
        raise PermissionDenied(_("Only the chair of the jury may decide this."))
    _judging(entry.contest)
    if entry.status not in JUDGED:
        raise PermissionDenied(_("This entry is no longer judged."))


@transaction.atomic
def shortlist(user, entry, listed=True):
    """Put ``entry`` on its category's shortlist (or take it off, and off any prize)."""
    entry = Entry.objects.select_for_update().select_related("contest").get(pk=entry.pk)
    _chair_decision(user, entry)
    entry.status = Status.SHORTLISTED if listed else Status.UNDER_REVIEW
    if not listed:
        entry.prize, entry.prize_rank = Prize.NONE, None
    entry._actor = user
    entry.save(update_fields=["status", "prize", "prize_rank"])
    return entry


@transaction.atomic
def award(user, entry, prize, rank=None):
    """Give ``entry`` a prize of its category (first, second, third or consolation), or take
    it back with ``Prize.NONE`` (the entry stays shortlisted)."""
    entry = Entry.objects.select_for_update().select_related("contest").get(pk=entry.pk)
    _chair_decision(user, entry)
    if prize != Prize.NONE and prize not in AWARDS:
        raise ValidationError(_("Choose one of the prizes."), code="prize")
    if prize == Prize.NONE:
        entry.status, entry.prize, entry.prize_rank = Status.SHORTLISTED, Prize.NONE, None
    else:
        entry.status, entry.prize, entry.prize_rank = Status.AWARDED, prize, rank
    entry._actor = user
    entry.save(update_fields=["status", "prize", "prize_rank"])
    return entry
