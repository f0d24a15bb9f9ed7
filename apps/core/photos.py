"""The photos of a public page (a learning space, a club, an event): one abstract model for
every app, and the workspace pages that add and remove them.

A photo is stored only as re-encoded copies (``images.save_renditions``: no EXIF, no
original), described for people who cannot see it, and shown by ``picture()`` through
``includes/picture.html``. An app's photo model adds the foreign key to what it shows and
``UPLOAD_FOLDER``; its files go once the deletion is committed.
"""

from django.contrib import messages
from django.db import models, transaction
from django.db.models.signals import class_prepared, post_delete
from django.dispatch import receiver
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .content import PublicContent, PublicContentQuerySet
from .forms import refused_status
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


# The workspace pages of an owner's photos -----------------------------------------------------


def photos_page(request, owner, *, owner_field, form_class, template, done):
    """The workspace page of ``owner``'s photos (``owner.photos``) with the form that adds one.

    The caller has checked that ``request.user`` may change ``owner``. A valid upload is
    saved under their name and answered by a redirect to ``done``; a refused one shows the
    form again with its errors (400).
    """
    model = form_class._meta.model
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, instance=model(**{owner_field: owner}))
        if form.is_valid():
            form.instance._actor = request.user
            form.save()
            messages.success(request, gettext("The photo is added."))
            return redirect(done)
    else:
        form = form_class(instance=model(**{owner_field: owner}))
    context = {owner_field: owner, "form": form, "photos": owner.photos.all()}
    return render(request, template, context, status=refused_status(form))


def delete_photo(request, owner, pk, *, owner_field, model, done):
    """Remove ``owner``'s photo ``pk`` under ``request.user``'s name (checked by the caller)
    and redirect to ``done``; another owner's photo is a 404."""
    photo = get_object_or_404(model, pk=pk, **{owner_field: owner})
    photo._actor = request.user
    photo.delete()
    messages.success(request, gettext("The photo is removed."))
    return redirect(done)
