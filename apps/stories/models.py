"""City stories: bilingual articles about the learning-city work, with a lead image and tags,
linked to the commitments, learning spaces, events and contests they tell about."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.content import PublicContent, PublicContentQuerySet
from apps.core.history import ChangeRecord
from apps.core.images import Picture
from apps.core.localtime import local_today
from apps.core.search import query_words
from apps.core.slugs import unique_slug

# Addresses under /stories/ that a story's slug must not take.
RESERVED_SLUGS = {"feed-atom", "feed", "tag"}
LANGUAGES = ("vi", "en")


class Tag(PublicContent):
    """A subject stories share ("Lifelong Learning Week", "UNESCO"), to list them together."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, blank=True)

    objects = PublicContentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name_vi or self.name, fallback="tag")
        super().save(*args, **kwargs)


class StoryQuerySet(PublicContentQuerySet):
    def published(self, today=None):
        """Stories a visitor may read: published, on or after their publication date."""
        return self.filter(is_published=True, published_on__lte=today or local_today())

    def latest_first(self):
        return self.order_by("-published_on", "-pk")


class Story(PublicContent):
    """A bilingual article: title, lead, body, a lead image, a publication date and tags."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=90,
        unique=True,
        blank=True,
        help_text=_("Its address (ASCII letters, digits and hyphens); made from the title."),
    )
    lead = models.TextField(
        _("lead"),
        max_length=600,
        validators=[MaxLengthValidator(600)],
        help_text=_("One or two sentences that say what the story is about."),
    )
    body = models.TextField(
        _("body"),
        max_length=20000,
        validators=[MaxLengthValidator(20000)],
        help_text=_("Plain text; an empty line starts a new paragraph."),
    )
    published_on = models.DateField(_("publication date"), db_index=True)
    is_published = models.BooleanField(_("published"), default=True, db_index=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Written for the demonstration.")
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="stories")
    image_alt = models.CharField(
        _("description of the image for people who cannot see it"), max_length=200, blank=True
    )
    image_width = models.PositiveIntegerField(editable=False, default=0)
    image_height = models.PositiveIntegerField(editable=False, default=0)
    image_renditions = models.JSONField(editable=False, default=list)
    commitments = models.ManyToManyField(
        "commitments.Commitment", verbose_name=_("commitments"), blank=True, related_name="+"
    )
    spaces = models.ManyToManyField(
        "spaces.LearningSpace", verbose_name=_("learning spaces"), blank=True, related_name="+"
    )
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events"), blank=True, related_name="+"
    )
    contests = models.ManyToManyField(
        "contests.Contest", verbose_name=_("contests"), blank=True, related_name="+"
    )
    # Folded words of the title, lead, body and tags in both languages, for the site search.
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StoryQuerySet.as_manager()

    PUBLICITY_FIELDS = ("is_published",)

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self):
        return self.title

    def shows_publicly(self):
        return self.is_published

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self, self.title_vi or self.title, fallback="story", reserved=RESERVED_SLUGS
            )
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("stories:detail", args=[self.slug])

    def build_search_text(self, tags=None):
        """The folded words a search looks into, each led by a space (``LIKE '% word%'``)."""
        if tags is None:
            tags = list(self.tags.all()) if self.pk else []
        parts = []
        for language in LANGUAGES:
            parts += [getattr(self, f"{name}_{language}", "") for name in ("title", "lead", "body")]
            parts += [getattr(tag, f"name_{language}", "") for tag in tags]
        return " " + " ".join(query_words(" ".join(p for p in parts if p)))

    def set_image(self, renditions):
        self.image_width, self.image_height = renditions.width, renditions.height
        self.image_renditions = renditions.items

    def picture(self):
        """The lead image (an ``apps.core.images.Picture``, false when there is none)."""
        return Picture(self.image_renditions, self.image_alt, self.image_width, self.image_height)


class Change(ChangeRecord):
    """One change to a story: who, when and what. Never rewritten nor deleted."""

    story = models.ForeignKey(
        Story,
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )

    class Meta(ChangeRecord.Meta):
        verbose_name = _("change")
        verbose_name_plural = _("change history")
