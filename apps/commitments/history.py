"""Keep a record of every change to a commitment or a measurement: who, when, what changed.

The tracking itself is core's (``apps.core.history``); this module says what a commitment's
history holds, and adds the changes of its responsible officials.
"""

from django.db.models.signals import m2m_changed

from apps.core.history import ChangeRecord, track

from .models import Change, Commitment, Measurement


def _commitment_of(instance):
    return instance if isinstance(instance, Commitment) else instance.commitment


def _action(instance, changes):
    if isinstance(instance, Measurement) and "status" in changes:
        return {
            Measurement.State.APPROVED: ChangeRecord.Action.APPROVED,
            Measurement.State.REJECTED: ChangeRecord.Action.REJECTED,
        }.get(instance.status, ChangeRecord.Action.CHANGED)
    return ChangeRecord.Action.CHANGED


commitment_history = track(Commitment, Change, owner_field="commitment", owner=_commitment_of)
track(Measurement, Change, owner_field="commitment", owner=_commitment_of, action_of=_action)


def record_officials(sender, instance, action, pk_set, reverse, model, **kwargs):
    if reverse or action not in ("post_add", "post_remove", "post_clear"):
        return
    names = sorted(model.objects.filter(pk__in=pk_set or []).values_list("username", flat=True))
    if action == "post_clear":
        change = {"officials": ["cleared", None]}
    elif not names:
        return
    else:
        key = "added" if action == "post_add" else "removed"
        change = {"officials": {key: names}}
    commitment_history.record(instance, ChangeRecord.Action.CHANGED, change)


m2m_changed.connect(
    record_officials, sender=Commitment.officials.through, dispatch_uid="history:officials"
)
