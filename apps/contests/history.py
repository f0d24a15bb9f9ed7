"""Keep a record of every change to a contest, its categories and criteria, and of the staff's
decisions on entries (core's ``history.track``); the entries' contact details are not copied
into the history."""

from apps.core.history import track

from .models import Category, Change, Contest, Criterion, Entry


def _contest_of(instance):
    return instance if isinstance(instance, Contest) else instance.contest


track(Contest, Change, owner_field="contest", owner=_contest_of, ignore=("updated_at",))
track(Category, Change, owner_field="contest", owner=_contest_of)
track(Criterion, Change, owner_field="contest", owner=_contest_of)
# Only the decisions on an entry are its history: what was sent, and who sent it with which
# contact details, is never copied there.
DECISIONS = {"status", "disqualification_reason", "prize", "prize_rank"}
track(
    Entry,
    Change,
    owner_field="contest",
    owner=_contest_of,
    ignore=tuple(f.attname for f in Entry._meta.concrete_fields if f.name not in DECISIONS),
)
