"""The photos of the events and the change history of events and programmes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.history import ChangeRecord
from apps.core.photos import PagePhoto

from .events import Event, Programme


class EventPhoto(PagePhoto):
    """A photo of an event, stored only as re-encoded copies (no EXIF, no original)."""

    UPLOAD_FOLDER = "events"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")


class Change(ChangeRecord):
    """One change to an event or its photos: who, when and what. Never rewritten nor deleted."""

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )

    class Meta(ChangeRecord.Meta):
        verbose_name = _("change")
        verbose_name_plural = _("change history")


class ProgrammeChange(ChangeRecord):
    """One change to a programme. Never rewritten nor deleted."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )

    class Meta(ChangeRecord.Meta):
        verbose_name = _("change to a programme")
        verbose_name_plural = _("change history of programmes")
