"""Keep a record of every change to a commitment or a measurement: who, when, what changed.

Code that changes one on someone's behalf sets ``instance._actor = user`` before saving (the
services and the admin do); changes made elsewhere (shell, imports of demo data) are kept too,
without a name.
"""

from decimal import Decimal

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import Change, Commitment, Measurement

TRACKED = (Commitment, Measurement)


def _snapshot(instance):
    values = {}
    for field in instance._meta.concrete_fields:
        if field.primary_key:
            continue
        value = getattr(instance, field.attname)
        if isinstance(field, models.DecimalField) and value is not None:
            # 40 and 40.00 are the same stored value: compare them as the database keeps them.
            value = Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
        if hasattr(value, "name") and not isinstance(value, str):  # a file
            value = value.name or ""
        values[field.attname] = None if value is None else str(value)
    return values


def _commitment_of(instance):
    return instance if isinstance(instance, Commitment) else instance.commitment


def _record(instance, action, changes):
    Change.objects.create(
        user=getattr(instance, "_actor", None),
        commitment=_commitment_of(instance),
        object_type=instance._meta.model_name,
        object_id=instance.pk,
        object_repr=str(instance)[:250],
        action=action,
        changes=changes,
    )


@receiver(pre_save)
def remember_stored_values(sender, instance, raw=False, **kwargs):
    if sender not in TRACKED or raw or instance._state.adding or instance.pk is None:
        return
    stored = sender._base_manager.filter(pk=instance.pk).first()
    instance._stored_values = _snapshot(stored) if stored else {}


@receiver(post_save)
def record_save(sender, instance, created, raw=False, **kwargs):
    if sender not in TRACKED or raw:
        return
    now = _snapshot(instance)
    if created:
        changes = {name: [None, value] for name, value in now.items() if value not in (None, "")}
        _record(instance, Change.Action.CREATED, changes)
        return
    before = getattr(instance, "_stored_values", {})
    changes = {name: [before.get(name), value] for name, value in now.items()}
    changes = {name: pair for name, pair in changes.items() if pair[0] != pair[1]}
    if not changes:
        return
    action = Change.Action.CHANGED
    if sender is Measurement and "status" in changes:
        action = {
            Measurement.State.APPROVED: Change.Action.APPROVED,
            Measurement.State.REJECTED: Change.Action.REJECTED,
        }.get(instance.status, action)
    _record(instance, action, changes)


@receiver(post_delete, sender=Commitment)
def record_delete(sender, instance, **kwargs):
    Change.objects.create(
        user=getattr(instance, "_actor", None),
        commitment=None,
        object_type=instance._meta.model_name,
        object_id=instance.pk,
        object_repr=str(instance)[:250],
        action=Change.Action.DELETED,
        changes={},
    )


@receiver(m2m_changed, sender=Commitment.officials.through)
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
    _record(instance, Change.Action.CHANGED, change)
