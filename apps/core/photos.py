"""The photos of a public page (a learning space, a club): one abstract model for every app.

A photo is stored only as re-encoded copies (``images.save_renditions``: no EXIF, no
original), described for people who cannot see it, and shown by ``picture()`` through
``includes/picture.html``. An app's photo model adds the foreign key to what it shows and
``UPLOAD_FOLDER``; its files go once the deletion is committed.
"""

from django.db import models, transaction
from django.db.models.signals import class_prepared, post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .content import PublicContent, PublicContentQuerySet
from .images import Picture, delete_renditions


def alt_field(**kwargs):
    """The photo's description (``alt``); an app may add its own ``help_text``."""
    return models.CharField(_("description for people who cannot see it"), max_length=200, **kwargs)


class PagePhoto(PublicContent):
    """A photo of a page's object, its renditions as ``save_renditions()`` stored them."""

    UPLOAD_FOLDER = "photos"

    alt = alt_field()
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    renditions = models.JSONField(editable=False, default=list)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublicContentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.alt

    @classmethod
    def upload_prefix(cls):
        """Where the renditions of a photo uploaded today go (``spaces/2026/11``)."""
        return f"{cls.UPLOAD_FOLDER}/{timezone.localdate():%Y/%m}"

    def set_renditions(self, renditions):
        self.width, self.height = renditions.width, renditions.height
        self.renditions = renditions.items

    def picture(self):
        return Picture(self.renditions, self.alt, self.width, self.height)


def _delete_photo_files(sender, instance, **kwargs):
    # Only once the deletion is committed: a rolled-back delete keeps its photo.
    items = list(instance.renditions or [])
    transaction.on_commit(lambda: delete_renditions(items))


@receiver(class_prepared)
def _follow_photo_deletions(sender, **kwargs):
    # Each concrete photo model, as it is defined: its files go with its rows.
    if issubclass(sender, PagePhoto) and not sender._meta.abstract:
        post_delete.connect(_delete_photo_files, sender=sender, dispatch_uid=sender._meta.label)
