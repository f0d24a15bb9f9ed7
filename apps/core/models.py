from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .content import PublicContent, PublicContentQuerySet
from .slugs import unique_slug
from .text import vi_sort_key


class AreaQuerySet(PublicContentQuerySet):
    def units(self):
        """Wards and communes: the top level of the city's administration."""
        return self.filter(parent__isnull=True)

    def localities(self):
        """Villages (bản) and residential groups (tổ) inside the wards and communes."""
        return self.filter(parent__isnull=False)

    def active(self):
        return self.filter(is_active=True)

    def in_vietnamese_order(self):
        """These areas as a list, by ``order`` then by name in Vietnamese alphabetical order
        (the database's own order puts "Bó Cón" after "Buổn")."""
        return sorted(self, key=lambda area: (area.order, vi_sort_key(area.name)))


class Area(PublicContent):
    """A ward or commune of the city, or a village or residential group inside one.

    Areas are data, not code: Vietnam's 2025 reorganisation merged wards and communes, and staff
    record such changes by editing, merging or retiring areas in the admin.
    """

    class Kind(models.TextChoices):
        WARD = "ward", _("Ward")
        COMMUNE = "commune", _("Commune")
        VILLAGE = "village", _("Village")
        GROUP = "group", _("Residential group")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ward or commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            name = self.name_vi or self.name
            if self.parent_id:
                name = f"{name} {self.parent.slug}"
            self.slug = unique_slug(self, name, fallback="area")
        super().save(*args, **kwargs)

    @property
    def is_unit(self):
        return self.parent_id is None

    @property
    def unit(self):
        """The ward or commune this area belongs to (itself for a ward or commune)."""
        return self if self.parent_id is None else self.parent

    def with_localities(self):
        """Ids of this area and of every area inside it, for filtering by a ward or commune."""
        return [self.pk, *self.children.values_list("pk", flat=True)]


class Profile(models.Model):
    """What the portal knows of a signed-in person beyond Django's user: their work areas."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    office = models.CharField(_("office"), max_length=200, blank=True)
    phone = models.CharField(_("phone (private)"), max_length=40, blank=True)
    areas = models.ManyToManyField(
        Area,
        verbose_name=_("assigned wards and communes"),
        blank=True,
        related_name="officials",
        limit_choices_to={"parent__isnull": True},
        help_text=_("An official may change the content of these areas and the areas inside them."),
    )
    # The language of the portal's e-mails to this person: the language of the page they last
    # signed in from (apps.core.signals), which they or the staff may change here.
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)


class KeyFigure(PublicContent):
    """A key figure of the city shown on the home page (population, size, ethnic groups …)."""

    label = models.CharField(_("label"), max_length=120)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = PublicContentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self):
        return self.label


class RateEvent(models.Model):
    """One counted request (a password reset, a join request) for the portal's rate limits.

    Private: never shown, never public content; kept a day (apps.core.tasks).
    """

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=128)  # an address, or a hash of an e-mail address
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"])]

    def __str__(self):
        return f"{self.scope} {self.key} {self.at:%Y-%m-%d %H:%M}"


class OutgoingMailQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)


class OutgoingMail(models.Model):
    """An e-mail waiting to be sent, or sent: the portal's outbox (apps.core.mail).

    Written in the same transaction as the change it tells of, rendered in the recipient's
    language, sent by a Celery task after the commit and sent again by a sweep when no task
    did. Private: never shown on a public page.
    """

    recipient = models.EmailField(_("recipient"), max_length=254)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # No task takes the row before this moment: one is sending it now, or the last attempt
    # failed and the next one waits (the claim and the back-off are one column).
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["sent_at", "created"])]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"
