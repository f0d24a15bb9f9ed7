"""Public content: the models whose changes make cached pages stale, and only those.

A model a visitor can read on a public page inherits ``PublicContent`` and uses a manager
built from ``PublicContentQuerySet``. Then every way of changing it invalidates the page cache
(``apps.core.pagecache.invalidate``): ``save()`` and ``delete()`` through signals connected to
these models only, and ``QuerySet.update()``, ``bulk_create()``, ``bulk_update()`` and bulk
``delete()`` through the QuerySet, so no loader or admin action has to remember it.

Private records (sessions, sign-in attempts, history rows, a pending measurement, a report
while it builds, join requests, contest entries, jury scores) are not public content: they
never flush public pages, and models without receivers keep Django's fast bulk delete.
"""

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import pagecache
from .text import BIDI_CONTROLS, strip_bidi


def _strip_bidi_fields(instance):
    # Public text never keeps bidirectional controls, however it arrives (workspace, admin,
    # import, bulk_create): one place for every public model.
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and BIDI_CONTROLS.search(value):
                setattr(instance, field.attname, strip_bidi(value))


class PublicContentQuerySet(models.QuerySet):
    """Bulk changes of public content invalidate the cached pages, like single saves do."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows and self.model.shows_fields(kwargs):
            pagecache.invalidate()
        return rows

    update.alters_data = True

    def bulk_update(self, objs, fields, *args, **kwargs):
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        if rows and self.model.shows_fields(fields):
            pagecache.invalidate()
        return rows

    bulk_update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            _strip_bidi_fields(obj)
        created = super().bulk_create(objs, *args, **kwargs)
        if any(obj.shows_publicly() for obj in created):
            pagecache.invalidate()
        return created

    bulk_create.alters_data = True

    def delete(self):
        deleted = super().delete()
        if deleted[0]:
            pagecache.invalidate()
        return deleted

    delete.alters_data = True


class PublicContent(models.Model):
    """A model whose rows (some or all of them) appear on public pages.

    Override ``shows_publicly()`` when only some rows do (a published space, an approved
    figure); a save invalidates when the row shows publicly now or did when it was loaded, so
    publishing and unpublishing both refresh the pages. List in ``INTERNAL_FIELDS`` the fields
    no public page shows (a report's build status): changing only those never invalidates.
    """

    INTERNAL_FIELDS = frozenset()
    # The fields shows_publicly() reads: a row loaded without them counts as public, so that
    # judging it never costs a query.
    PUBLICITY_FIELDS = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        _strip_bidi_fields(self)
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        loaded = all(name in field_names for name in cls.PUBLICITY_FIELDS)
        instance._showed_publicly = instance.shows_publicly() if loaded else True
        return instance

    def shows_publicly(self):
        return True

    @classmethod
    def shows_fields(cls, fields):
        """Whether changing ``fields`` (names; None = all) can change a public page."""
        if fields is None:
            return True
        return bool({cls._meta.get_field(name).name for name in fields} - cls.INTERNAL_FIELDS)


def _saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not sender.shows_fields(update_fields):
        return
    if instance.shows_publicly() or getattr(instance, "_showed_publicly", False):
        pagecache.invalidate()


def _deleted(sender, instance, **kwargs):
    if instance.shows_publicly() or getattr(instance, "_showed_publicly", False):
        pagecache.invalidate()


def _links_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        pagecache.invalidate()


def public_models():
    return [model for model in apps.get_models() if issubclass(model, PublicContent)]


def connect_receivers():
    """Connect the invalidation receivers to each public model (and its many-to-many tables).

    Called once from CoreConfig.ready(), when every app's models are loaded. Connected per
    model, never to every sender: Django then keeps fast bulk deletes for the other models.
    """
    for model in public_models():
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_links_changed, sender=field.remote_field.through, dispatch_uid=uid)


class PlacedContentQuerySet(PublicContentQuerySet):
    """Public content placed in an area (``area``: a locality or a ward/commune) and kept
    with a folded ``search_text``: learning spaces, clubs, events. Their lists filter by area
    and by a search box the same way, and show only what is published."""

    def published(self):
        return self.filter(is_published=True)

    def in_area(self, area):
        """The rows in ``area``: a village or group, or a ward or commune with its localities."""
        if area.is_unit:
            return self.filter(models.Q(area=area) | models.Q(area__parent=area))
        return self.filter(area=area)

    def search(self, query):
        """The rows with a word starting with each word of ``query``, diacritics and case
        ignored: ``den`` finds Chiềng Đen, never "resi*den*tial" (``search.match_words``)."""
        from .search import match_words

        return match_words(self, query)
