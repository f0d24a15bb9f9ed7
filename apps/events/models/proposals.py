"""Proposals to a programme's call for events: private records until an official decides.

A proposal is not public content: saving one never flushes the public pages, and its contact
details are read only by the officials of its area and the content staff.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.localtime import local_now
from apps.core.permissions import assigned_area_ids

from .events import Category, Event, Programme


class ProposalQuerySet(models.QuerySet):
    def waiting(self):
        """The proposals an official still has to look at."""
        return self.filter(status=EventProposal.Status.PENDING)

    def managed_by(self, user):
        """The proposals of the wards and communes (and their villages) ``user`` serves."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(area_id__in=assigned_area_ids(user))

    def for_review(self):
        return self.select_related("programme", "area__parent", "space", "event", "reviewer")


class EventProposal(models.Model):
    """An event someone offers to host in a programme, in the language they typed it in."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        CHANGES = "changes", _("changes asked for")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    title = models.CharField(_("title of the event"), max_length=200)
    description = models.TextField(
        _("what happens"), max_length=3000, validators=[MaxLengthValidator(3000)]
    )
    category = models.CharField(
        _("kind of event"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(_("all day"), default=False)
    place = models.CharField(_("place"), max_length=200)
    area = models.ForeignKey(
        "core.Area",
        verbose_name=_("ward, commune or village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_proposals",
        help_text=_("The officials of this area review the proposal."),
    )
    space = models.ForeignKey(
        "spaces.LearningSpace",
        verbose_name=_("learning space"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_proposals",
    )
    organiser = models.CharField(_("organiser"), max_length=200)
    # Never shown on a public page: only the reviewers read them, to answer the proposer.
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=5, default="vi")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reason = models.TextField(
        _("message to the proposer"),
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    event = models.OneToOneField(
        Event,
        verbose_name=_("event created from it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("event proposal")
        verbose_name_plural = _("event proposals")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The space's area decides who reviews, whatever was picked beside it.
        if self.space_id:
            self.area_id = self.space.area_id
        super().save(*args, **kwargs)

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The end cannot be before the start.")})

    def get_workspace_url(self):
        return reverse("events:workspace_proposal", args=[self.pk])

    def is_managed_by(self, user):
        """True for the officials of the proposal's ward or commune (staff by permission)."""
        return bool(user and self.area_id and self.area_id in assigned_area_ids(user))

    @property
    def is_open(self):
        """Still waiting for a decision, or for the proposer's changes."""
        return self.status in (self.Status.PENDING, self.Status.CHANGES)

    @property
    def local_start(self):
        return local_now(self.starts_at)

    @property
    def local_end(self):
        return local_now(self.ends_at)
