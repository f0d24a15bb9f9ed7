"""A pledge of the city as a measurable target; its figures are derived from its series."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.content import PublicContent, PublicContentQuerySet
from apps.core.display import decimals, number, percent
from apps.core.slugs import unique_slug

from .choices import (
    AREA_OF_FEATURE,
    AT_RISK_MARGIN,
    HUNDRED,
    TENTH,
    Direction,
    KeyFeature,
    Status,
    Unit,
    _bounded,
)


class CommitmentQuerySet(PublicContentQuerySet):
    def published(self):
        return self.filter(published=True)

    def managed_by(self, user):
        """The commitments ``user`` is assigned to as a responsible official."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(officials=user).distinct()

    def with_series(self):
        """Prefetch the counted series of each commitment (one query for all of them)."""
        from .measurement import Measurement

        series = Measurement.objects.counted().order_by("valid_on", "recorded_at", "pk")
        return self.prefetch_related(Prefetch("measurements", queryset=series, to_attr="series"))


class Commitment(PublicContent):
    """A pledge of the city as a measurable target: from a baseline to a target by a year."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    # Django leaves a TextField's max_length to the form: the validator holds it everywhere.
    description = models.TextField(
        _("description"), blank=True, max_length=5000, validators=[MaxLengthValidator(5000)]
    )
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
            self.slug = unique_slug(self, self.title_vi or self.title, fallback="commitment")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("commitments:detail", args=[self.slug])

    PUBLICITY_FIELDS = ("published",)

    def shows_publicly(self):
        return self.published

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

    @property
    def places(self):
        """The decimals every figure of this commitment is written with: those of its baseline
        or target (33,7% → one), none for counts, amounts and yes/no."""
        if self.unit != Unit.PERCENT:
            return 0
        return max(decimals(self.baseline_value), decimals(self.target_value))

    def format_value(self, value):
        """``value`` written for a reader in the page's language: 33,7% / 33.7%, 13, yes.

        The one rule of display.number(), at the commitment's precision (a measured value
        with more decimals keeps them, up to two): the page, the chart, the data files' text
        and the PDF report all write a figure through here.
        """
        if value is None:
            return "—"
        if self.unit == Unit.YES_NO:
            return gettext("yes") if value >= 1 else gettext("no")
        if self.unit in (Unit.COUNT, Unit.VND):
            text = number(value, 0)
            return gettext("%(amount)s VND") % {"amount": text} if self.unit == Unit.VND else text
        return percent(value, max(self.places, decimals(value)))

    def format_progress(self, progress):
        """A progress (0–100, a tenth at most) as every output writes it: 87,7% / 87.7%."""
        return percent(progress)

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
        """How far ``value`` has come from the baseline to the target, 0–100 (Decimal).

        One meaning for every direction: the share of the distance from the baseline to the
        target. A level to keep (direction "keep") is first reached like a rise, then held:
        at or above the target it is 100%, and a figure that falls back below counts again
        from the baseline.
        """
        if value is None:
            return None
        if self.meets_target(value):
            return HUNDRED.quantize(TENTH)
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
        """Progress the planned path from baseline to target asks for by ``on_date``, 0–100."""
        total = (self.path_end - self.path_start).days
        if total <= 0:
            return HUNDRED
        elapsed = (on_date - self.path_start).days
        return _bounded(Decimal(elapsed) / Decimal(total) * HUNDRED)

    def path_value(self, on_date):
        """The value the planned path (a straight line from the baseline at the end of the
        baseline year to the target at the end of the target year) asks for by ``on_date``,
        rounded to the commitment's precision as every output shows it."""
        share = self.expected_progress(on_date) / HUNDRED
        exact = self.baseline_value + (self.target_value - self.baseline_value) * share
        return exact.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP)

    def figures(self):
        """Each counted measurement with the planned value and the progress of its date.

        The one computation behind the page's table, the open data and the PDF report.
        """
        return [
            {
                "measurement": m,
                "valid_on": m.valid_on,
                "value": m.value,
                "path_value": self.path_value(m.valid_on),
                "progress": self.progress_of(m.value),
            }
            for m in self.counted_series()
        ]

    def status(self, on_date=None):
        """Achieved, on track, at risk or off track, judged at the latest measurement's date.

        On track means the latest value has come at least as far as the planned path from the
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
            "(baseline %(baseline)s in %(baseline_year)s): %(progress)s of the way from the "
            "baseline to the target; status: %(status)s."
        ) % {
            "date": _date(latest.valid_on),
            "value": self.format_value(latest.value),
            "target": target,
            "year": self.target_year,
            "baseline": self.format_value(self.baseline_value),
            "baseline_year": self.baseline_year,
            "progress": self.format_progress(self.progress()),
            "status": self.status_label().lower(),
        }


def _date(value):
    return date_format(value, "DATE_FORMAT", use_l10n=True)
