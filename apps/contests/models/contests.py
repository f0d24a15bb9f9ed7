"""Contests, their categories of work and the criteria their juries score against."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.content import PublicContent, PublicContentQuerySet
from apps.core.history import ChangeRecord
from apps.core.slugs import unique_slug

# Slugs that would hide a page of the app behind a contest's address.
RESERVED_SLUGS = {"status", "submit", "workspace", "files"}
MEGABYTE = 1024 * 1024


class Phase(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for entries")
    JUDGING = "judging", _("Judging")
    ANNOUNCED = "announced", _("Winners announced")


class ContestQuerySet(PublicContentQuerySet):
    def published(self):
        """Contests a visitor may see: published and past the draft phase."""
        return self.filter(is_published=True).exclude(phase=Phase.DRAFT)

    def open_now(self, now=None):
        """Published contests that accept entries at ``now``."""
        now = now or timezone.now()
        return self.published().filter(phase=Phase.OPEN, opens_at__lte=now, closes_at__gt=now)


class Contest(PublicContent):
    """A contest: its theme, rules, prizes and dates, and the phase it is in."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=90, unique=True, blank=True)
    code_prefix = models.CharField(
        _("prefix of reference codes"),
        max_length=6,
        default="SL",
        help_text=_("Letters and digits that start every entry's code, e.g. SL24."),
    )
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    summary = models.TextField(
        _("summary"), blank=True, max_length=1000, validators=[MaxLengthValidator(1000)]
    )
    rules = models.TextField(
        _("rules"), blank=True, max_length=10000, validators=[MaxLengthValidator(10000)]
    )
    prizes = models.TextField(
        _("prizes"), blank=True, max_length=4000, validators=[MaxLengthValidator(4000)]
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    announced_on = models.DateField(_("announcement date"), null=True, blank=True)
    phase = models.CharField(
        _("phase"), max_length=10, choices=Phase.choices, default=Phase.DRAFT, db_index=True
    )
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContestQuerySet.as_manager()

    PUBLICITY_FIELDS = ("is_published", "phase")

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("contest")
        verbose_name_plural = _("contests")

    def __str__(self):
        return self.title

    def shows_publicly(self):
        return self.is_published and self.phase != Phase.DRAFT

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self, self.title_vi or self.title, fallback="contest", reserved=RESERVED_SLUGS
            )
        super().save(*args, **kwargs)

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing time must be after the opening.")})
        if not (self.code_prefix.isascii() and self.code_prefix.isalnum()):
            raise ValidationError({"code_prefix": _("Use only letters A–Z and digits.")})

    def get_absolute_url(self):
        return reverse("contests:detail", args=[self.slug])

    def accepts_entries(self, now=None):
        """True while the contest is published, open and between its opening and closing."""
        now = now or timezone.now()
        return (
            self.shows_publicly()
            and self.phase == Phase.OPEN
            and self.opens_at <= now < self.closes_at
        )

    def not_yet_open(self, now=None):
        now = now or timezone.now()
        return self.phase in (Phase.DRAFT, Phase.OPEN) and now < self.opens_at

    @property
    def is_announced(self):
        return self.phase == Phase.ANNOUNCED


class Kind(models.TextChoices):
    """The kind of work a category receives."""

    PAINTING = "painting", _("Painting or drawing")
    SONG = "song", _("Song")
    POEM = "poem", _("Poem")
    INITIATIVE = "initiative", _("Initiative or solution")
    PHOTO = "photo", _("Photograph")
    OTHER = "other", _("Other work")


class FileKind(models.TextChoices):
    """The forms a work may arrive in."""

    IMAGE = "image", _("Image")
    AUDIO = "audio", _("Audio")
    PDF = "pdf", _("PDF document")
    TEXT = "text", _("Text typed in the form")


class Category(PublicContent):
    """A category of a contest: the kind of work and the files it accepts, with their limits."""

    contest = models.ForeignKey(
        Contest, verbose_name=_("contest"), on_delete=models.CASCADE, related_name="categories"
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, blank=True)
    kind = models.CharField(_("kind of work"), max_length=12, choices=Kind.choices)
    description = models.TextField(
        _("description"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    accepts_image = models.BooleanField(_("accepts an image"), default=False)
    accepts_audio = models.BooleanField(_("accepts an audio file"), default=False)
    accepts_pdf = models.BooleanField(_("accepts a PDF"), default=False)
    accepts_text = models.BooleanField(_("accepts typed text"), default=False)
    max_file_mb = models.PositiveSmallIntegerField(
        _("largest file (MB)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("The site refuses any upload over 50 MB whatever this says."),
    )
    max_text_chars = models.PositiveIntegerField(
        _("longest typed text (characters)"),
        default=5000,
        validators=[MinValueValidator(100), MaxValueValidator(20000)],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PublicContentQuerySet.as_manager()

    PUBLICITY_FIELDS = ()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "slug"],
                condition=~models.Q(slug=""),
                name="contests_category_unique_slug",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            from apps.core.text import slugify_vi

            self.slug = (slugify_vi(self.name_vi or self.name) or self.kind)[:60]
        super().save(*args, **kwargs)

    def clean(self):
        if not self.file_kinds():
            raise ValidationError(_("A category must accept at least one form of work."))

    def file_kinds(self):
        """The forms of work this category accepts, in a fixed order."""
        flags = {
            FileKind.IMAGE: self.accepts_image,
            FileKind.AUDIO: self.accepts_audio,
            FileKind.PDF: self.accepts_pdf,
            FileKind.TEXT: self.accepts_text,
        }
        return [kind for kind, accepted in flags.items() if accepted]

    def upload_kinds(self):
        return [kind for kind in self.file_kinds() if kind != FileKind.TEXT]

    @property
    def max_file_bytes(self):
        return self.max_file_mb * MEGABYTE


class Criterion(PublicContent):
    """What a jury scores: a bilingual name, its weight in the average and its scale."""

    contest = models.ForeignKey(
        Contest, verbose_name=_("contest"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    scale = models.PositiveSmallIntegerField(
        _("highest score"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Scores go from 0 to this number."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PublicContentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.name


class Change(ChangeRecord):
    """The history of a contest, its categories, criteria and the staff's decisions on entries."""

    contest = models.ForeignKey(
        Contest,
        verbose_name=_("contest"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )

    class Meta(ChangeRecord.Meta):
        verbose_name = _("change to a contest")
        verbose_name_plural = _("changes to contests")
