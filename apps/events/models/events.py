"""Learning events and the programmes (series such as Lifelong Learning Week) that group them."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.content import PlacedContentQuerySet, PublicContent, PublicContentQuerySet
from apps.core.localtime import city_zone, local_now, local_today
from apps.core.permissions import assigned_area_ids
from apps.core.slugs import unique_slug

from ..search import event_search_text

# Slugs that would hide a page of the app behind an event's address (/events/calendar.ics,
# /workspace/events/new/).
RESERVED_SLUGS = {"calendar", "propose", "feed", "new", "proposals"}


class Category(models.TextChoices):
    """The fixed list of kinds of event, the same in every language."""

    READING = "reading", _("Reading and books")
    WORKSHOP = "workshop", _("Workshop")
    EXHIBITION = "exhibition", _("Exhibition")
    FESTIVAL = "festival", _("Festival")
    CEREMONY = "ceremony", _("Ceremony")
    CLASS = "class", _("Class")
    CONTEST = "contest", _("Contest")
    CONFERENCE = "conference", _("Conference")
    CLUB_MEETING = "club-meeting", _("Club meeting")
    PERFORMANCE = "performance", _("Performance")
    OTHER = "other", _("Other")


def local_midnight(day):
    """The start of ``day`` in the city, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=city_zone())


class ProgrammeQuerySet(PublicContentQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_open_call(self, today=None):
        """Programmes whose call for events is open on ``today`` (the city's date)."""
        today = today or local_today()
        return self.filter(call_open_from__lte=today, call_open_until__gte=today)


class Programme(PublicContent):
    """A named series of events (Lifelong Learning Week 2024, Reading Month April 2024)."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=90, unique=True, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(
        _("description"), blank=True, max_length=5000, validators=[MaxLengthValidator(5000)]
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    # The call for events: while it is open, anyone may propose an event for the programme.
    call_open_from = models.DateField(_("call for events opens"), null=True, blank=True)
    call_open_until = models.DateField(_("call for events closes"), null=True, blank=True)
    call_text = models.TextField(
        _("call for events"),
        blank=True,
        max_length=3000,
        validators=[MaxLengthValidator(3000)],
        help_text=_("Who may propose an event, and what the programme looks for."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    is_published = models.BooleanField(_("published"), default=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    PUBLICITY_FIELDS = ("is_published",)

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name

    def shows_publicly(self):
        return self.is_published

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name_vi or self.name, fallback="programme")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:programme", args=[self.slug])

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day cannot be before the first day.")
        opens, closes = self.call_open_from, self.call_open_until
        if (opens is None) != (closes is None):
            errors["call_open_until"] = _("Give both dates of the call for events, or neither.")
        elif opens and closes < opens:
            errors["call_open_until"] = _("The call cannot close before it opens.")
        if errors:
            raise ValidationError(errors)

    def call_is_open(self, today=None):
        """Whether the call for events takes proposals on ``today`` (the city's date)."""
        today = today or local_today()
        if not (self.call_open_from and self.call_open_until):
            return False
        return self.call_open_from <= today <= self.call_open_until

    def is_managed_by(self, user):
        # A programme is the city's: content staff change it (by model permission), not
        # the officials of one ward.
        return False


class EventQuerySet(PlacedContentQuerySet):
    def upcoming(self, now=None):
        """Events not yet over at ``now`` (today's first, then by start)."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        """Events over before ``now``, the latest first."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def in_month(self, year, month):
        """Events on any day of a month of the city's calendar, by start."""
        first = local_midnight(datetime.date(year, month, 1))
        following = local_midnight(datetime.date(year + month // 12, month % 12 + 1, 1))
        return self.filter(starts_at__lt=following, ends_at__gte=first).order_by("starts_at", "pk")

    def managed_by(self, user):
        """The events of the wards or communes ``user`` serves, and of the clubs they run."""
        from apps.culture.models import Club

        if not (user and user.is_authenticated):
            return self.none()
        clubs = Club.objects.managed_by(user).values("pk")
        return self.filter(Q(area_id__in=assigned_area_ids(user)) | Q(club_id__in=clubs))

    def for_cards(self):
        """What a list of events shows: the place, its ward or commune, and the programme."""
        return self.select_related("area__parent", "space__area__parent", "programme")


class Event(PublicContent):
    """One learning event: when, where, what, for whom, and how to take part."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=90, unique=True, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(
        _("description"), blank=True, max_length=5000, validators=[MaxLengthValidator(5000)]
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), db_index=True)
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Only the dates count; the times are ignored.")
    )
    # The venue: a learning space when it is one, otherwise a named place in an area.
    space = models.ForeignKey(
        "spaces.LearningSpace",
        verbose_name=_("learning space"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    place_name = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("When it is not in a learning space: “Tây Bắc Square”, “Bangkok, Thailand”."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    area = models.ForeignKey(
        "core.Area",
        verbose_name=_("ward, commune or village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Taken from the learning space when there is one; empty outside the city."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    is_external = models.BooleanField(
        _("outside the city"),
        default=False,
        help_text=_("An event elsewhere that the city takes part in (a conference abroad)."),
    )
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    audience = models.CharField(
        _("for whom"), max_length=200, blank=True, help_text=_("E.g. “Families with children”.")
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_note = models.CharField(
        _("how to take part"),
        max_length=300,
        blank=True,
        help_text=_("Registration, price or anything to bring."),
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    club = models.ForeignKey(
        "culture.Club",
        verbose_name=_("club"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    contest = models.ForeignKey(
        "contests.Contest",
        verbose_name=_("contest"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    is_cancelled = models.BooleanField(
        _("cancelled"), default=False, help_text=_("A cancelled event stays listed, marked.")
    )
    cancellation_note = models.CharField(_("why it is cancelled"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    is_published = models.BooleanField(_("published"), default=True, db_index=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    PUBLICITY_FIELDS = ("is_published",)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["is_published", "ends_at", "starts_at"]),
            models.Index(fields=["is_published", "starts_at"]),
        ]

    def __str__(self):
        return self.title

    def shows_publicly(self):
        return self.is_published

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self, self.title_vi or self.title, fallback="event", reserved=RESERVED_SLUGS
            )
        if self.space_id:
            self.area_id = self.space.area_id
        if self.all_day and self.starts_at and self.ends_at:
            self.starts_at, self.ends_at = self._whole_days()
        self.search_text = event_search_text(self)
        super().save(*args, **kwargs)

    def _whole_days(self):
        # An all-day event runs from the first day's midnight to the last second of its last
        # day in the city, so "upcoming" keeps it all of its last day.
        first = local_now(self.starts_at).date()
        last = max(local_now(self.ends_at).date(), first)
        return local_midnight(first), local_midnight(last + datetime.timedelta(days=1)) - (
            datetime.timedelta(seconds=1)
        )

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.slug])

    def get_ics_url(self):
        return reverse("events:ics", args=[self.slug])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self._ends_too_early():
            errors["ends_at"] = _("The end must be after the start.")
        if not self.space_id and not (self.place_name_vi or self.place_name):
            errors["place_name"] = _("Choose a learning space or name the place.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both the latitude and the longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    def _ends_too_early(self):
        # An all-day event may end the day it starts; a timed one must last a moment.
        if self.all_day:
            return local_now(self.ends_at).date() < local_now(self.starts_at).date()
        return self.ends_at <= self.starts_at

    # --- when -------------------------------------------------------------------------------

    @property
    def local_start(self):
        return local_now(self.starts_at)

    @property
    def local_end(self):
        return local_now(self.ends_at)

    @property
    def start_date(self):
        return self.local_start.date()

    @property
    def end_date(self):
        return self.local_end.date()

    @property
    def is_multi_day(self):
        return self.end_date != self.start_date

    def is_over(self, now=None):
        return self.ends_at < (now or timezone.now())

    # --- where ------------------------------------------------------------------------------

    @property
    def coordinates(self):
        """(latitude, longitude) of the event's place or of its learning space, or None."""
        if self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        if self.space_id and self.space.has_location:
            return self.space.latitude, self.space.longitude
        return None

    def osm_url(self):
        coordinates = self.coordinates
        if not coordinates:
            return ""
        lat, lon = coordinates
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"

    def link_text(self):
        """ "Title (date)": how another page links to the event, in the page's language."""
        from django.utils import formats

        from ..display import plain

        day = formats.date_format(self.start_date, "SHORT_DATE_FORMAT")
        return f"{plain(self, 'title')} ({day})"

    # --- who --------------------------------------------------------------------------------

    def is_managed_by(self, user):
        """True for officials of the event's ward or commune and of its club."""
        if not (user and user.is_authenticated):
            return False
        if self.area_id and self.area_id in assigned_area_ids(user):
            return True
        return bool(self.club_id and self.club.is_managed_by(user))
