"""The append-only change history: who changed what, when, in every app.

An app keeps its history in a model built on ``ChangeRecord`` (with a foreign key to what the
history belongs to: a commitment, a space) and calls ``track()`` once per model it follows,
from its AppConfig.ready(). Code that changes an object on someone's behalf sets
``instance._actor = user`` before saving (services, workspace views and the admin do);
changes made elsewhere (shell, imports) are kept too, without a name.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to rewrite or delete a record that is kept for good."""


class ChangeQuerySet(models.QuerySet):
    # update() stays possible: deleting what a history belongs to sets its link to NULL.
    def delete(self):
        raise AppendOnlyError("The change history is never deleted.")


class ChangeRecord(models.Model):
    """One change to an object: who, when and what. Never rewritten nor deleted."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        CHANGED = "changed", _("changed")
        DELETED = "deleted", _("deleted")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_type = models.CharField(_("object"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("object id"))
    object_repr = models.CharField(_("object name"), max_length=250)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    changes = models.JSONField(_("what changed"), default=dict, blank=True)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-at", "-pk"]
        verbose_name = _("change")
        verbose_name_plural = _("change history")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The change history is never rewritten.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The change history is never deleted.")


def snapshot(instance):
    """The stored form of each field of ``instance``, as text (files by name)."""
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


class Tracker:
    """Records each save and delete of one model into a history model."""

    def __init__(self, model, change_model, owner_field, owner, action_of, ignore):
        self.model = model
        self.change_model = change_model
        self.owner_field = owner_field
        self.owner = owner
        self.action_of = action_of
        self.ignore = set(ignore)

    def record(self, instance, action, changes, owner=True):
        return self.change_model.objects.create(
            user=getattr(instance, "_actor", None),
            object_type=instance._meta.model_name,
            object_id=instance.pk,
            object_repr=str(instance)[:250],
            action=action,
            changes=changes,
            **{self.owner_field: self.owner(instance) if owner else None},
        )

    def before_save(self, sender, instance, raw=False, **kwargs):
        if raw or instance._state.adding or instance.pk is None:
            return
        stored = sender._base_manager.filter(pk=instance.pk).first()
        instance._stored_values = snapshot(stored) if stored else {}

    def after_save(self, sender, instance, created, raw=False, **kwargs):
        if raw:
            return
        now = {k: v for k, v in snapshot(instance).items() if k not in self.ignore}
        if created:
            changes = {k: [None, v] for k, v in now.items() if v not in (None, "")}
            self.record(instance, ChangeRecord.Action.CREATED, changes)
            return
        before = getattr(instance, "_stored_values", {})
        changes = {name: [before.get(name), value] for name, value in now.items()}
        # An empty text and no text are the same to a reader (a blank translation is NULL).
        changes = {
            name: pair for name, pair in changes.items() if (pair[0] or "") != (pair[1] or "")
        }
        if changes:
            self.record(instance, self.action_of(instance, changes), changes)

    def after_delete(self, sender, instance, **kwargs):
        # The row is written without its owner: the owner may be what is deleted, or be
        # deleted with it (a space and its photos). Once the deletion is committed, the row
        # is filed under its owner if the owner is still there (a photo removed from a space).
        owner = self.owner(instance)
        row = self.record(instance, ChangeRecord.Action.DELETED, {}, owner=False)
        if owner is None or owner is instance:
            return
        owner_model, owner_pk = type(owner), owner.pk
        rows = self.change_model.objects.filter(pk=row.pk)

        def file_under_owner():
            if owner_model._default_manager.filter(pk=owner_pk).exists():
                rows.update(**{self.owner_field: owner_pk})

        transaction.on_commit(file_under_owner)


def _changed(instance, changes):
    return ChangeRecord.Action.CHANGED


_trackers = {}


@transaction.atomic
def tracked_update(queryset, actor=None, **values):
    """``queryset.update(**values)``, with the change of each object it changes in the history
    of its model (``update()`` sends no signal, so ``track`` alone would miss it). Returns how
    many were changed.

    The rows are read locked, so none changes between the read and the update (a status
    filter in ``queryset`` stays a guard, as it is for ``update()``); the update goes through
    ``queryset``'s own class (public content flushes the pages) and the history is written in
    one statement."""
    tracker = _trackers[queryset.model]
    changed, records = [], []
    for instance in queryset.select_for_update(of=("self",)):
        before = snapshot(instance)
        for name, value in values.items():
            setattr(instance, name, value)
        after = snapshot(instance)
        changes = {
            name: [before[name], value]
            for name, value in after.items()
            if name not in tracker.ignore and (before[name] or "") != (value or "")
        }
        if not changes:
            continue
        changed.append(instance.pk)
        instance._actor = actor
        records.append(
            tracker.change_model(
                user=actor,
                object_type=instance._meta.model_name,
                object_id=instance.pk,
                object_repr=str(instance)[:250],
                action=tracker.action_of(instance, changes),
                changes=changes,
                **{tracker.owner_field: tracker.owner(instance)},
            )
        )
    if not changed:
        return 0
    count = queryset.filter(pk__in=changed).update(**values)
    tracker.change_model.objects.bulk_create(records)
    return count


def track(model, change_model, *, owner_field, owner, action_of=_changed, ignore=()):
    """Keep every save and delete of ``model`` in ``change_model``.

    ``owner(instance)`` is the object the history belongs to, stored in ``owner_field``;
    ``action_of(instance, changes)`` names a change (approved, rejected, …); fields in
    ``ignore`` (timestamps, derived search text) are not recorded.
    """
    tracker = Tracker(model, change_model, owner_field, owner, action_of, ignore)
    _trackers[model] = tracker
    uid = f"history:{model._meta.label}"
    pre_save.connect(tracker.before_save, sender=model, weak=False, dispatch_uid=uid)
    post_save.connect(tracker.after_save, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(tracker.after_delete, sender=model, weak=False, dispatch_uid=uid)
    return tracker
