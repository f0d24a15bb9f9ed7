"""The city's pledges as measurable targets, and the dated measurements that follow them.

Only the measured values are stored. The latest value, the progress toward the target and the
status are derived from them each time, so they can never disagree with the series.
"""

import datetime
import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.storage import private_storage
from apps.core.text import slugify_vi

from .evidence import EVIDENCE_TYPES, validate_evidence


class KeyFeature(models.TextChoices):
    """The UNESCO GNLC "Key Features of Learning Cities" a commitment serves."""

    # Wider benefits
    EMPOWERMENT = "empowerment-cohesion", _("Individual empowerment and social cohesion")
    PROSPERITY = "economy-culture", _("Economic development and cultural prosperity")
    SUSTAINABILITY = "sustainable-development", _("Sustainable development")
    # Major building blocks
    EDUCATION_SYSTEM = "education-system", _("Inclusive learning in the education system")
    FAMILIES = "families-communities", _("Revitalised learning in families and communities")
    WORKPLACE = "workplace", _("Effective learning for and in the workplace")
    TECHNOLOGIES = "learning-technologies", _("Extended use of modern learning technologies")
    QUALITY = "quality", _("Enhanced quality in learning")
    CULTURE = "culture-of-learning", _("A vibrant culture of learning throughout life")
    # Fundamental conditions
    POLITICAL_WILL = "political-will", _("Strong political will and commitment")
    GOVERNANCE = "governance", _("Governance and participation of all stakeholders")
    RESOURCES = "resources", _("Mobilisation and utilisation of resources")


class FrameworkArea(models.TextChoices):
    """The three parts of the GNLC framework that group the key features."""

    BENEFITS = "wider-benefits", _("Wider benefits")
    BUILDING_BLOCKS = "building-blocks", _("Major building blocks")
    CONDITIONS = "fundamental-conditions", _("Fundamental conditions")


FEATURES_BY_AREA = {
    FrameworkArea.BENEFITS: [
        KeyFeature.EMPOWERMENT,
        KeyFeature.PROSPERITY,
        KeyFeature.SUSTAINABILITY,
    ],
    FrameworkArea.BUILDING_BLOCKS: [
        KeyFeature.EDUCATION_SYSTEM,
        KeyFeature.FAMILIES,
        KeyFeature.WORKPLACE,
        KeyFeature.TECHNOLOGIES,
        KeyFeature.QUALITY,
        KeyFeature.CULTURE,
    ],
    FrameworkArea.CONDITIONS: [
        KeyFeature.POLITICAL_WILL,
        KeyFeature.GOVERNANCE,
        KeyFeature.RESOURCES,
    ],
}
AREA_OF_FEATURE = {
    feature: area for area, features in FEATURES_BY_AREA.items() for feature in features
}


class Unit(models.TextChoices):
    PERCENT = "percent", _("percent")
    COUNT = "count", _("count")
    VND = "vnd", _("Vietnamese đồng (VND)")
    YES_NO = "yes-no", _("yes or no")


class Direction(models.TextChoices):
    RAISE = "raise", _("raise to the target")
    LOWER = "lower", _("lower to the target")
    KEEP = "keep", _("keep at or above the target")


class Status(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    ON_TRACK = "on-track", _("On track")
    AT_RISK = "at-risk", _("At risk")
    OFF_TRACK = "off-track", _("Off track")
    NO_DATA = "no-data", _("No data yet")


# How far (in percentage points of the way to the target) a commitment may lag the straight
# path from its baseline to its target and still be "at risk" rather than "off track".
AT_RISK_MARGIN = Decimal(15)
HUNDRED = Decimal(100)
TENTH = Decimal("0.1")


def _bounded(percent):
    return max(Decimal(0), min(HUNDRED, percent)).quantize(TENTH, rounding=ROUND_HALF_UP)


class AppendOnlyError(Exception):
    """Raised when code tries to rewrite or delete a measurement or a history record."""


class CommitmentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def managed_by(self, user):
        """The commitments ``user`` is assigned to as a responsible official."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(officials=user).distinct()

    def with_series(self):
        """Prefetch the counted series of each commitment (one query for all of them)."""
        series = Measurement.objects.counted().order_by("valid_on", "recorded_at", "pk")
        return self.prefetch_related(Prefetch("measurements", queryset=series, to_attr="series"))


class Commitment(models.Model):
    """A pledge of the city as a measurable target: from a baseline to a target by a year."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    key_feature = models.CharField(_("GNLC key feature"), max_length=40, choices=KeyFeature.choices)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.RAISE
    )
    baseline_value = models.DecimalField(_("baseline value"), max_digits=18, decimal_places=2)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    target_value = models.DecimalField(_("target value"), max_digits=18, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    responsible_office = models.CharField(_("responsible office"), max_length=200, blank=True)
    officials = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned officials"),
        blank=True,
        related_name="commitments",
        help_text=_("They may record measurements for this commitment."),
    )
    order = models.PositiveIntegerField(_("display order"), default=0)
    published = models.BooleanField(_("published"), default=True)
    requires_approval = models.BooleanField(
        _("new measurements need a second official's approval"), default=False
    )

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify_vi(self.title_vi or self.title) or "commitment"
            self.slug = base
            suffix = 2
            while Commitment.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
                self.slug = f"{base}-{suffix}"
                suffix += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("commitments:detail", args=[self.slug])

    def clean(self):
        if self.baseline_year and self.target_year and self.target_year < self.baseline_year:
            raise ValidationError(
                {"target_year": _("The target year cannot be before the baseline year.")}
            )
        for name in ("baseline_value", "target_value"):
            try:
                self.validate_value(getattr(self, name))
            except ValidationError as error:
                raise ValidationError({name: error.messages}) from error

    def is_managed_by(self, user):
        if not (user and user.is_authenticated):
            return False
        return self.officials.filter(pk=user.pk).exists()

    @property
    def framework_area(self):
        return AREA_OF_FEATURE.get(self.key_feature)

    # Rules about values -------------------------------------------------------------------

    def validate_value(self, value):
        """Raise a ValidationError when ``value`` cannot be a measurement in this unit."""
        if value is None:
            return
        if self.unit == Unit.PERCENT and not Decimal(0) <= value <= HUNDRED:
            raise ValidationError(
                _("A percentage must be between 0 and 100."), code="percent_range"
            )
        if self.unit in (Unit.COUNT, Unit.VND):
            if value < 0:
                raise ValidationError(
                    _("A count or an amount cannot be negative."), code="negative"
                )
            if value != value.to_integral_value():
                raise ValidationError(
                    _("Enter a whole number (no decimals) for a count or an amount in VND."),
                    code="not_whole",
                )
        if self.unit == Unit.YES_NO and value not in (Decimal(0), Decimal(1)):
            raise ValidationError(_("Enter 1 for yes or 0 for no."), code="yes_no")

    def validate_date(self, valid_on):
        if valid_on is None:
            return
        if valid_on > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        if valid_on.year < self.baseline_year:
            raise ValidationError(
                _("The date cannot be before the baseline year (%(year)s)."),
                code="before_baseline",
                params={"year": self.baseline_year},
            )

    def format_value(self, value):
        """``value`` written for a reader in the page's language: 33,7% / 33.7%, 13, yes."""
        if value is None:
            return "—"
        if self.unit == Unit.YES_NO:
            return gettext("yes") if value >= 1 else gettext("no")
        if self.unit in (Unit.COUNT, Unit.VND):
            text = number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
            return gettext("%(amount)s VND") % {"amount": text} if self.unit == Unit.VND else text
        places = min(2, max(0, -value.normalize().as_tuple().exponent))
        return f"{number_format(value, decimal_pos=places, use_l10n=True)}%"

    # Derived figures (never stored) -------------------------------------------------------

    def counted_series(self):
        """The approved measurements that count, oldest first (prefetched by with_series())."""
        series = getattr(self, "series", None)
        if series is None:
            series = list(self.measurements.counted().order_by("valid_on", "recorded_at", "pk"))
        return series

    def latest(self):
        series = self.counted_series()
        return series[-1] if series else None

    @property
    def latest_value(self):
        latest = self.latest()
        return latest.value if latest else None

    def meets_target(self, value):
        if self.direction == Direction.LOWER:
            return value <= self.target_value
        return value >= self.target_value

    def progress_of(self, value):
        """How far ``value`` has come from the baseline to the target, 0–100 (Decimal)."""
        if value is None:
            return None
        if self.meets_target(value):
            return HUNDRED.quantize(TENTH)
        if self.direction == Direction.KEEP:
            if self.target_value <= 0:
                return Decimal(0).quantize(TENTH)
            return _bounded(value / self.target_value * HUNDRED)
        if self.direction == Direction.LOWER:
            span, gained = self.baseline_value - self.target_value, self.baseline_value - value
        else:
            span, gained = self.target_value - self.baseline_value, value - self.baseline_value
        if span <= 0:
            return Decimal(0).quantize(TENTH)
        return _bounded(gained / span * HUNDRED)

    def progress(self):
        return self.progress_of(self.latest_value)

    @property
    def path_start(self):
        """The baseline is the value at the end of the baseline year."""
        return datetime.date(self.baseline_year, 12, 31)

    @property
    def path_end(self):
        """The target is due by the end of the target year."""
        return datetime.date(self.target_year, 12, 31)

    def expected_progress(self, on_date):
        """Progress the straight path from baseline to target asks for by ``on_date``, 0–100."""
        if self.direction == Direction.KEEP:
            return HUNDRED
        total = (self.path_end - self.path_start).days
        if total <= 0:
            return HUNDRED
        elapsed = (on_date - self.path_start).days
        return _bounded(Decimal(elapsed) / Decimal(total) * HUNDRED)

    def path_value(self, on_date):
        """The value on the straight path from baseline to target at ``on_date``."""
        if self.direction == Direction.KEEP:
            return self.target_value
        share = self.expected_progress(on_date) / HUNDRED
        return self.baseline_value + (self.target_value - self.baseline_value) * share

    def status(self, on_date=None):
        """Achieved, on track, at risk or off track, judged at the latest measurement's date.

        On track means the latest value has come at least as far as the straight path from the
        baseline (end of the baseline year) to the target (end of the target year) asks by that
        date; at risk means it lags by at most AT_RISK_MARGIN points; a target year that has
        passed by ``on_date`` (today unless given, e.g. a report's "as at" date) without the
        target met is off track. The series is taken as it is: for a past date, give a series
        cut at that date (see apps/reports/data.py).
        """
        latest = self.latest()
        if latest is None:
            return Status.NO_DATA
        if self.meets_target(latest.value):
            return Status.ACHIEVED
        if on_date is None:
            on_date = timezone.localdate()
        if max(latest.valid_on, on_date) > self.path_end:
            return Status.OFF_TRACK
        lag = self.expected_progress(latest.valid_on) - self.progress_of(latest.value)
        if lag <= 0:
            return Status.ON_TRACK
        if lag <= AT_RISK_MARGIN:
            return Status.AT_RISK
        return Status.OFF_TRACK

    def status_label(self, on_date=None):
        return Status(self.status(on_date)).label

    def progress_sentence(self):
        """One sentence in the page's language that says where the commitment stands."""
        latest = self.latest()
        target = self.format_value(self.target_value)
        if latest is None:
            return gettext(
                "No figure has been published yet; the target is %(target)s by %(year)s."
            ) % {"target": target, "year": self.target_year}
        return gettext(
            "On %(date)s the figure was %(value)s against a target of %(target)s by %(year)s "
            "(baseline %(baseline)s in %(baseline_year)s): %(progress)s%% of the way, "
            "status: %(status)s."
        ) % {
            "date": _date(latest.valid_on),
            "value": self.format_value(latest.value),
            "target": target,
            "year": self.target_year,
            "baseline": self.format_value(self.baseline_value),
            "baseline_year": self.baseline_year,
            "progress": number_format(self.progress(), decimal_pos=0, use_l10n=True),
            "status": self.status_label().lower(),
        }


def _date(value):
    return date_format(value, "DATE_FORMAT", use_l10n=True)


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


class MeasurementQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Measurement.State.APPROVED)

    def pending(self):
        return self.filter(status=Measurement.State.PENDING)

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


class Measurement(models.Model):
    """One measured value of a commitment, valid on a date. Never edited nor deleted.

    A correction is a new measurement that names the one it corrects and why; once approved it
    takes that one's place in the series. Only the review fields change, once, from pending.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    REVIEW_FIELDS = frozenset({"status", "approved_by", "approved_at"})

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        related_name="measurements",
    )
    valid_on = models.DateField(_("valid on"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    note = models.TextField(_("note"), blank=True, max_length=2000)
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

    @property
    def is_pending(self):
        return self.status == self.State.PENDING

    def display_value(self):
        return self.commitment.format_value(self.value)


class ChangeQuerySet(models.QuerySet):
    # update() stays possible: deleting a draft commitment sets its history's link to NULL.
    def delete(self):
        raise AppendOnlyError("The change history is never deleted.")


class Change(models.Model):
    """One change to a commitment or a measurement: who, when and what. Never rewritten."""

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
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )
    object_type = models.CharField(_("object"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("object id"))
    object_repr = models.CharField(_("object name"), max_length=250)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    changes = models.JSONField(_("what changed"), default=dict, blank=True)

    objects = ChangeQuerySet.as_manager()

    class Meta:
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
