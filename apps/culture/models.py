"""Thai cultural clubs, the people asking to join them, and the Xòe dances they keep alive."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.content import PlacedContentQuerySet, PublicContent, PublicContentQuerySet
from apps.core.history import ChangeRecord
from apps.core.permissions import assigned_area_ids
from apps.core.photos import PagePhoto
from apps.core.slugs import unique_slug

from .schedule import describe_schedule, weekdays_of
from .search import club_search_text

# Slugs that would hide a page of the app behind a club's address.
RESERVED_SLUGS = {"join"}
ALL_DAYS = 0b1111111


class Focus(models.TextChoices):
    """What a club keeps alive: a fixed list, each a yes/no field of the club."""

    SCRIPT = "script", _("Thai language and script")
    XOE = "xoe", _("Xòe dance")
    FESTIVALS = "festivals", _("Festivals")
    COSTUME = "costume", _("Traditional costume")
    HANDICRAFTS = "handicrafts", _("Handicrafts")
    MUSIC = "music", _("Music")


# Focus code -> the boolean column that records it: a filter is one indexed-free equality,
# and a card needs no join.
FOCUS_FIELDS = {
    Focus.SCRIPT: "teaches_script",
    Focus.XOE: "teaches_xoe",
    Focus.FESTIVALS: "keeps_festivals",
    Focus.COSTUME: "keeps_costume",
    Focus.HANDICRAFTS: "teaches_handicrafts",
    Focus.MUSIC: "plays_music",
}


class ClubQuerySet(PlacedContentQuerySet):
    def with_focus(self, code):
        return self.filter(**{FOCUS_FIELDS[Focus(code)]: True})

    def managed_by(self, user):
        """The clubs ``user`` looks after directly or through their ward or commune."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(Q(officials=user) | Q(area_id__in=assigned_area_ids(user))).distinct()

    def for_cards(self):
        """What a list of clubs shows: the area with its ward or commune, and the space."""
        return self.select_related("area__parent", "space")


class Club(PublicContent):
    """A Thai cultural club: where and when it meets, what it keeps alive, whom to ask."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=90, unique=True, blank=True)
    area = models.ForeignKey(
        "core.Area",
        verbose_name=_("village, ward or commune"),
        on_delete=models.PROTECT,
        related_name="clubs",
    )
    description = models.TextField(
        _("description"), blank=True, max_length=3000, validators=[MaxLengthValidator(3000)]
    )
    teaches_script = models.BooleanField(_("Thai language and script"), default=False)
    teaches_xoe = models.BooleanField(_("Xòe dance"), default=False)
    keeps_festivals = models.BooleanField(_("festivals"), default=False)
    keeps_costume = models.BooleanField(_("traditional costume"), default=False)
    teaches_handicrafts = models.BooleanField(_("handicrafts"), default=False)
    plays_music = models.BooleanField(_("music"), default=False)
    # The regular meeting: the days (bit 0 = Monday … bit 6 = Sunday) and one time of day.
    meeting_days = models.PositiveSmallIntegerField(
        _("meeting days"), default=0, validators=[MaxValueValidator(ALL_DAYS)]
    )
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    schedule_note = models.CharField(
        _("note on the schedule"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “No meetings during the harvest in October”."),
    )
    space = models.ForeignKey(
        "spaces.LearningSpace",
        verbose_name=_("learning space where it meets"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clubs",
    )
    meeting_place = models.CharField(
        _("meeting place"),
        max_length=200,
        blank=True,
        help_text=_("Where it meets when it is not in a learning space (a cultural house …)."),
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    member_count = models.PositiveIntegerField(
        _("number of members"), default=0, validators=[MaxValueValidator(100_000)]
    )
    contact_name = models.CharField(_("public contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("public phone of the club"), max_length=40, blank=True)
    contact_email = models.EmailField(_("public e-mail of the club"), blank=True)
    officials = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officials who look after it"),
        blank=True,
        related_name="clubs",
        help_text=_(
            "They receive the join requests; officials of its ward or commune see them too."
        ),
    )
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("Made-up schedule, contact and members for the demonstration."),
    )
    is_published = models.BooleanField(_("published"), default=True, db_index=True)
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ClubQuerySet.as_manager()

    PUBLICITY_FIELDS = ("is_published",)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Thai cultural club")
        verbose_name_plural = _("Thai cultural clubs")

    def __str__(self):
        return self.name

    def shows_publicly(self):
        return self.is_published

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self, self.name_vi or self.name, fallback="club", reserved=RESERVED_SLUGS
            )
        self.search_text = club_search_text(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("culture:detail", args=[self.slug])

    def clean(self):
        errors = {}
        if (self.starts_at is None) != (self.ends_at is None):
            errors["ends_at"] = _("Give both the starting and the ending time, or neither.")
        elif self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The ending time must be after the starting time.")
        if errors:
            raise ValidationError(errors)

    def focuses(self):
        """The club's focus areas as (code, label) pairs, in the list's order."""
        return [(code, code.label) for code, field in FOCUS_FIELDS.items() if getattr(self, field)]

    def weekdays(self):
        return weekdays_of(self.meeting_days)

    def schedule(self):
        """The regular meeting in the page's language ("Tuesday and Friday, 19:30–21:00")."""
        return describe_schedule(self.meeting_days, self.starts_at, self.ends_at)

    def is_managed_by(self, user):
        """True when ``user`` looks after this club or its ward or commune."""
        if not (user and user.is_authenticated):
            return False
        if self.area_id in assigned_area_ids(user):
            return True
        return self.officials.filter(pk=user.pk).exists()

    @property
    def unit(self):
        return self.area.unit


class ClubPhoto(PagePhoto):
    """A photo of a club, stored only as re-encoded copies (no EXIF, no original)."""

    UPLOAD_FOLDER = "clubs"

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="photos")


class JoinRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The requests ``user`` may read: staff all, officials those of their clubs."""
        from apps.core.permissions import changeable

        return self.filter(club__in=changeable(user, Club.objects.all()))

    def waiting(self):
        return self.filter(handled=False)


class JoinRequest(models.Model):
    """Someone asking to join a club. Private: only the club's officials and staff read it.

    Not public content: a new request never flushes the public pages.
    """

    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.CASCADE, related_name="join_requests"
    )
    name = models.CharField(_("your name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    message = models.TextField(_("message"), max_length=1000, validators=[MaxLengthValidator(1000)])
    language = models.CharField(_("language"), max_length=5, default="vi")
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    handled = models.BooleanField(_("answered"), default=False)
    handled_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")

    def __str__(self):
        return f"{self.name} → {self.club}"


class DanceQuerySet(PublicContentQuerySet):
    def for_heritage(self):
        return self.prefetch_related(
            models.Prefetch("clubs", queryset=Club.objects.published().select_related("area"))
        )


class Dance(PublicContent):
    """One of the Xòe dances: the six ancient dances and the Unity dance."""

    class Kind(models.TextChoices):
        ANCIENT = "ancient", _("Ancient Xòe dance")
        UNITY = "unity", _("Unity dance")

    name = models.CharField(_("name"), max_length=120)
    name_tai = models.CharField(
        _("name in the Tai Viet script"),
        max_length=120,
        blank=True,
        help_text=_("Shown with the Tai Viet font; leave empty when unsure of the spelling."),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ANCIENT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(
        _("description"), max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    meaning = models.TextField(
        _("meaning"), blank=True, max_length=1000, validators=[MaxLengthValidator(1000)]
    )
    occasion = models.CharField(_("when it is danced"), max_length=300, blank=True)
    media_url = models.URLField(
        _("audio or video link"), blank=True, help_text=_("A short recording, when there is one.")
    )
    clubs = models.ManyToManyField(
        Club, verbose_name=_("clubs that practise it"), blank=True, related_name="dances"
    )

    objects = DanceQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Xòe dance")
        verbose_name_plural = _("Xòe dances")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name_vi or self.name, fallback="dance")
        super().save(*args, **kwargs)


class Change(ChangeRecord):
    """One change to a club or its photos: who, when and what. Never rewritten nor deleted."""

    club = models.ForeignKey(
        Club,
        verbose_name=_("club"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )

    class Meta(ChangeRecord.Meta):
        verbose_name = _("change")
        verbose_name_plural = _("change history")
