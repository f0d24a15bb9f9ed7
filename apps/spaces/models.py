from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.content import PlacedContentQuerySet, PublicContent, PublicContentQuerySet
from apps.core.history import ChangeRecord
from apps.core.localtime import local_now
from apps.core.permissions import assigned_area_ids
from apps.core.photos import PagePhoto, alt_field
from apps.core.slugs import unique_slug

from .search import search_text
from .status import describe

# Slugs that would hide a page of the app behind a space's address.
RESERVED_SLUGS = {"map"}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Facility(models.TextChoices):
    """The fixed list of facilities; each is a yes/no field of the space (books: a count)."""

    BOOKS = "books", _("Books")
    READING_CORNER = "reading-corner", _("Reading corner")
    CHILDREN = "children", _("Children's corner")
    INTERNET = "internet", _("Internet (Wi-Fi)")
    COMPUTERS = "computers", _("Computers")
    MEETING_HALL = "meeting-hall", _("Meeting hall")
    SPORTS_GROUND = "sports-ground", _("Sports ground")
    STAGE = "stage", _("Stage for performances")
    STEP_FREE = "step-free", _("Step-free entrance")


# Facility code -> the boolean field that records it (books are a count, handled apart).
FACILITY_FIELDS = {
    Facility.READING_CORNER: "has_reading_corner",
    Facility.CHILDREN: "has_children_corner",
    Facility.INTERNET: "has_internet",
    Facility.COMPUTERS: "has_computers",
    Facility.MEETING_HALL: "has_meeting_hall",
    Facility.SPORTS_GROUND: "has_sports_ground",
    Facility.STAGE: "has_stage",
    Facility.STEP_FREE: "is_step_free",
}


def facility_q(code):
    """A filter for the spaces that have facility ``code``."""
    if code == Facility.BOOKS:
        return Q(book_count__gt=0)
    return Q(**{FACILITY_FIELDS[Facility(code)]: True})


class LearningSpaceQuerySet(PlacedContentQuerySet):
    def open_now(self, now=None):
        """Spaces with an opening interval that contains the current time in the city."""
        moment = local_now(now)
        return self.filter(
            Exists(
                OpeningHours.objects.filter(
                    space=OuterRef("pk"),
                    weekday=moment.weekday(),
                    opens__lte=moment.time(),
                    closes__gt=moment.time(),
                )
            )
        )

    def managed_by(self, user):
        """The spaces ``user`` looks after directly or through their ward or commune."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(Q(officials=user) | Q(area_id__in=assigned_area_ids(user))).distinct()

    def for_cards(self):
        """What a list of spaces shows: their area, its ward or commune, and the hours."""
        return self.select_related("area__parent").prefetch_related("hours")


class LearningSpace(PublicContent):
    """A House of Wisdom, humane library or community learning centre in a village or group."""

    class Kind(models.TextChoices):
        HOUSE_OF_WISDOM = "house-of-wisdom", _("House of Wisdom")
        HUMANE_LIBRARY = "humane-library", _("Humane library")
        LEARNING_CENTRE = "learning-centre", _("Community learning centre")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=90, unique=True, blank=True)
    area = models.ForeignKey(
        "core.Area",
        verbose_name=_("village or residential group"),
        on_delete=models.PROTECT,
        related_name="learning_spaces",
        help_text=_("The ward or commune follows from the village or residential group."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    # Django leaves a TextField's max_length to the form: the validators hold it for every way
    # in (the admin, an import, a script).
    description = models.TextField(
        _("description"), blank=True, max_length=3000, validators=[MaxLengthValidator(3000)]
    )
    activities = models.TextField(
        _("regular activities"),
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
        help_text=_("One activity per line."),
    )
    book_count = models.PositiveIntegerField(_("number of books"), default=0)
    has_reading_corner = models.BooleanField(_("reading corner"), default=False)
    has_children_corner = models.BooleanField(_("children's corner"), default=False)
    has_internet = models.BooleanField(_("internet (Wi-Fi)"), default=False)
    has_computers = models.BooleanField(_("computers"), default=False)
    has_meeting_hall = models.BooleanField(_("meeting hall"), default=False)
    has_sports_ground = models.BooleanField(_("sports ground"), default=False)
    has_stage = models.BooleanField(_("stage for performances"), default=False)
    is_step_free = models.BooleanField(_("step-free entrance"), default=False)
    contact_phone = models.CharField(_("public phone of the space"), max_length=40, blank=True)
    contact_email = models.EmailField(_("public e-mail of the space"), blank=True)
    officials = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officials who look after it"),
        blank=True,
        related_name="learning_spaces",
    )
    is_published = models.BooleanField(_("published"), default=True, db_index=True)
    # Folded text of the names, area and address in both languages, for diacritic-free search;
    # PostgreSQL indexes it with pg_trgm (migration 0002).
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LearningSpaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("learning space")
        verbose_name_plural = _("learning spaces")

    def __str__(self):
        return self.name

    PUBLICITY_FIELDS = ("is_published",)

    def shows_publicly(self):
        return self.is_published

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self, self.name_vi or self.name, fallback="space", reserved=RESERVED_SLUGS
            )
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("spaces:detail", args=[self.slug])

    def clean(self):
        if self.area_id and self.area.parent_id is None:
            raise ValidationError(
                {"area": _("Choose a village or residential group, not a ward or commune.")}
            )

    def build_search_text(self):
        return search_text(self)

    # --- facilities -------------------------------------------------------------------------

    def facilities(self):
        """The space's facilities as (code, label) pairs, books with their count."""
        found = []
        if self.book_count:
            found.append((Facility.BOOKS, Facility.BOOKS.label))
        for code, field in FACILITY_FIELDS.items():
            if getattr(self, field):
                found.append((code, code.label))
        return found

    def activity_list(self):
        return [
            line.strip(" -•\t") for line in (self.activities or "").splitlines() if line.strip()
        ]

    # --- hours ------------------------------------------------------------------------------

    def _hours(self):
        # Uses the prefetched hours when the view asked for them (no query per space).
        return sorted(self.hours.all(), key=lambda h: (h.weekday, h.opens))

    def week(self):
        """Every weekday with its intervals (an empty list when closed that day)."""
        hours = self._hours()
        return [
            {
                "weekday": day,
                "label": day.label,
                "intervals": [h for h in hours if h.weekday == day],
            }
            for day in Weekday
        ]

    def status(self, now=None):
        """Open now or not, today's hours, and when it closes or next opens (city time)."""
        moment = local_now(now)
        today, time = moment.weekday(), moment.time()
        hours = self._hours()
        todays = [h for h in hours if h.weekday == today]
        current = next((h for h in todays if h.opens <= time < h.closes), None)
        status = {"is_open": current is not None, "today": todays, "closes": None, "next": None}
        if current:
            status["closes"] = current.closes
            return describe(status)
        for offset in range(8):
            day = (today + offset) % 7
            for interval in (h for h in hours if h.weekday == day):
                if offset == 0 and interval.opens <= time:
                    continue
                status["next"] = {
                    "today": offset == 0,
                    "tomorrow": offset == 1,
                    "weekday": Weekday(day).label,
                    "opens": interval.opens,
                }
                return describe(status)
        return describe(status)

    # --- permissions and location -----------------------------------------------------------

    def is_managed_by(self, user):
        """True when ``user`` looks after this space or its ward or commune."""
        if not (user and user.is_authenticated):
            return False
        if self.area_id in assigned_area_ids(user):
            return True
        return self.officials.filter(pk=user.pk).exists()

    @property
    def unit(self):
        return self.area.unit

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    def geo_uri(self):
        return f"geo:{self.latitude},{self.longitude}"

    def osm_url(self):
        lat, lon = self.latitude, self.longitude
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


class OpeningHours(PublicContent):
    """One opening interval of a space on a weekday; a day may have several."""

    space = models.ForeignKey(LearningSpace, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    objects = PublicContentQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        indexes = [models.Index(fields=["weekday", "opens", "closes"])]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": _("The closing time must be after the opening time.")})


class Photo(PagePhoto):
    """A photo of a space, stored only as re-encoded copies (no EXIF, no original)."""

    UPLOAD_FOLDER = "spaces"

    space = models.ForeignKey(LearningSpace, on_delete=models.CASCADE, related_name="photos")
    alt = alt_field(
        help_text=_("Say what the photo shows, e.g. “Children reading in the library corner”.")
    )


class Change(ChangeRecord):
    """One change to a space, its opening hours or its photos: who, when and what.

    Never rewritten nor deleted; when the space is deleted its history stays (``space`` NULL).
    """

    space = models.ForeignKey(
        LearningSpace,
        verbose_name=_("learning space"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )

    class Meta(ChangeRecord.Meta):
        verbose_name = _("change")
        verbose_name_plural = _("change history")
