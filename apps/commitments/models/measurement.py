"""The dated measurements of a commitment (append-only) and the history of every change."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.content import PublicContent, PublicContentQuerySet
from apps.core.history import AppendOnlyError, ChangeRecord
from apps.core.storage import private_storage

from ..evidence import EVIDENCE_TYPES, validate_evidence
from .commitment import Commitment


def evidence_storage():
    """Evidence is private: it lives outside MEDIA_ROOT and is served only by the evidence view,
    which checks who may see it (a callable, so migrations do not freeze a path)."""
    return private_storage


def evidence_path(instance, filename):
    """A random name that says nothing about the commitment or the date; the extension is
    the one record_measurement derived from the file's content."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in EVIDENCE_TYPES:
        extension = "bin"
    return f"evidence/{uuid.uuid4().hex}.{extension}"


class MeasurementQuerySet(PublicContentQuerySet):
    def approved(self):
        return self.filter(status=Measurement.State.APPROVED)

    def pending(self):
        return self.filter(status=Measurement.State.PENDING)

    def recorded_by_user(self, user):
        """The figures ``user`` recorded, newest first, with their commitment (their
        workspace's list)."""
        return (
            self.filter(recorded_by=user)
            .select_related("commitment")
            .order_by("-recorded_at", "-pk")
        )

    def counted(self):
        """Approved measurements that no approved correction supersedes: the public series."""
        corrections = Measurement.objects.filter(
            corrects=OuterRef("pk"), status=Measurement.State.APPROVED
        )
        return self.approved().filter(~Exists(corrections))

    def public(self):
        return self.counted().filter(commitment__published=True)

    def active_on(self, commitment, valid_on):
        """The measurement that stands for ``valid_on`` (approved and not corrected, or
        pending), the latest recorded if several."""
        return (
            self.filter(commitment=commitment, valid_on=valid_on)
            .exclude(status=Measurement.State.REJECTED)
            .exclude(corrections__status=Measurement.State.APPROVED)
            .order_by("-recorded_at", "-pk")
            .first()
        )

    def update(self, **kwargs):
        raise AppendOnlyError("Measurements are append-only: record a correction instead.")

    def delete(self):
        raise AppendOnlyError("Measurements are append-only: they are never deleted.")


class Measurement(PublicContent):
    """One measured value of a commitment, valid on a date. Never edited nor deleted.

    A correction is a new measurement that names the one it corrects and why; once approved it
    takes that one's place in the series. Only the review fields change, once, from pending.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    REVIEW_FIELDS = frozenset({"status", "approved_by", "approved_at", "rejection_reason"})
    REJECTION_REASON_LENGTH = 500
    # A figure is public once approved: recording or rejecting a pending one changes no page.
    PUBLICITY_FIELDS = ("status",)

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        related_name="measurements",
    )
    valid_on = models.DateField(_("valid on"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    # Django leaves a TextField's max_length to the form: the validator holds it for imports too.
    note = models.TextField(
        _("note"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    evidence = models.FileField(
        _("evidence"),
        upload_to=evidence_path,
        storage=evidence_storage,
        blank=True,
        validators=[validate_evidence],
        help_text=_("A PDF document or a photo, up to 10 MB."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="recorded_measurements",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    correction_reason = models.CharField(_("reason for the correction"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.APPROVED
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_measurements",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # Set in the one review UPDATE the database allows (migration 0006), never afterwards.
    rejection_reason = models.CharField(
        _("reason for the rejection"), max_length=REJECTION_REASON_LENGTH, blank=True
    )

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        ordering = ["valid_on", "recorded_at", "pk"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        indexes = [models.Index(fields=["commitment", "status", "valid_on"])]

    def __str__(self):
        return f"{self.commitment} · {self.valid_on:%Y-%m-%d} · {self.value}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if not update_fields or not set(update_fields) <= self.REVIEW_FIELDS:
                raise AppendOnlyError("Measurements are append-only: record a correction instead.")
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True)
            if stored.first() != self.State.PENDING:
                raise AppendOnlyError("Only a pending measurement can be approved or rejected.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Measurements are append-only: they are never deleted.")

    def clean(self):
        if self.commitment_id is None:
            return
        errors = {}
        for field, check in (
            ("value", self.commitment.validate_value),
            ("valid_on", self.commitment.validate_date),
        ):
            try:
                check(getattr(self, field))
            except ValidationError as error:
                errors[field] = error.messages
        if self._state.adding:
            errors.update(self._correction_errors())
        if errors:
            raise ValidationError(errors)

    def _correction_errors(self):
        """What is wrong with a new measurement as a correction, or as a second figure for a
        date that already has one (the same rules for the workspace, the admin and imports)."""
        if self.corrects_id is None:
            if self.valid_on is None:
                return {}
            existing = type(self).objects.active_on(self.commitment, self.valid_on)
            if existing is None:
                return {}
            return {
                "valid_on": [
                    gettext(
                        "A figure of %(value)s is already recorded for this date: record a "
                        "correction of it, with the reason, or choose another date."
                    )
                    % {"value": existing.display_value()}
                ]
            }
        errors = {}
        corrected = self.corrects
        if corrected.commitment_id != self.commitment_id:
            errors["corrects"] = [
                gettext("A correction must correct a figure of the same commitment.")
            ]
        elif corrected.status != self.State.APPROVED:
            errors["corrects"] = [
                gettext(
                    "Only an approved figure can be corrected; a figure waiting for approval "
                    "is rejected instead."
                )
            ]
        elif corrected.corrections.filter(status=self.State.APPROVED).exists():
            errors["corrects"] = [
                gettext("This figure has already been corrected; correct the correction instead.")
            ]
        if not (self.correction_reason or "").strip():
            errors["correction_reason"] = [
                gettext("Say why the figure already recorded was wrong.")
            ]
        return errors

    def shows_publicly(self):
        return self.status == self.State.APPROVED

    @property
    def is_pending(self):
        return self.status == self.State.PENDING

    @property
    def is_rejected(self):
        return self.status == self.State.REJECTED

    def display_value(self):
        return self.commitment.format_value(self.value)


class Change(ChangeRecord):
    """One change to a commitment or a measurement: who, when and what. Never rewritten."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )

    class Meta(ChangeRecord.Meta):
        pass
