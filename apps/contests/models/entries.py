"""Entries sent to contests. Private records: never public content, never in a public list."""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.storage import private_storage

from .contests import Category, Contest, FileKind

# No 0/O, no 1/I: a code read over the phone or copied from paper stays unambiguous.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 5
FILE_EXTENSIONS = {
    "jpg",
    "png",
    "webp",
    "gif",
    "mp3",
    "m4a",
    "ogg",
    "oga",
    "opus",
    "wav",
    "flac",
    "pdf",
}


def entry_storage():
    """Entries' files are private: outside MEDIA_ROOT, sent only by a view that checks
    permission (a callable, so migrations do not freeze a path)."""
    return private_storage


def entry_file_path(instance, filename):
    """A random name that says nothing about the author, the contest or the upload's own name;
    the extension is the one derived from the file's content (anything else becomes .bin)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in FILE_EXTENSIONS:
        extension = "bin"
    return f"contests/entries/{uuid.uuid4().hex}.{extension}"


def new_code(prefix):
    """A short reference code such as ``SL24-7KQ3M`` (about 33 million per prefix)."""
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{prefix.upper()}-{body}" if prefix else body


def normalise_code(text):
    """A code as a person may type it (lower case, spaces, O for 0 …) in its stored form."""
    cleaned = "".join(
        ch for ch in str(text).upper() if ch.isascii() and (ch.isalnum() or ch == "-")
    )
    return cleaned.strip("-")[:20]


class AgeGroup(models.TextChoices):
    CHILD = "child", _("Under 12")
    TEEN = "teen", _("12 to 17")
    ADULT = "adult", _("18 or older")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "review", _("Under review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    AWARDED = "awarded", _("Awarded")
    NOT_SELECTED = "not_selected", _("Not selected")
    DISQUALIFIED = "disqualified", _("Disqualified")


class Prize(models.TextChoices):
    NONE = "", _("No prize")
    FIRST = "first", _("First prize")
    SECOND = "second", _("Second prize")
    THIRD = "third", _("Third prize")
    CONSOLATION = "consolation", _("Consolation prize")


# The order prizes are listed in (a winners page, an export).
PRIZE_ORDER = {Prize.FIRST: 1, Prize.SECOND: 2, Prize.THIRD: 3, Prize.CONSOLATION: 4}


class EntryQuerySet(models.QuerySet):
    def awarded(self):
        return self.filter(status=Status.AWARDED)

    def for_contest(self, contest):
        return self.filter(contest=contest)

    def lookup(self, code, contact):
        """The entry with ``code`` whose e-mail or phone is ``contact``, or None.

        A wrong pair and an unknown code answer alike (None): the look-up says nothing about
        codes that exist.
        """
        code = normalise_code(code)
        contact = (contact or "").strip()
        if not code or not contact:
            return None
        entry = self.filter(code=code).select_related("contest", "category").first()
        if entry is None or not entry.has_contact(contact):
            return None
        return entry


class Entry(models.Model):
    """A work sent to a contest, with its author's contact details. Private.

    Not public content: a new entry never flushes public pages. An awarded work reaches the
    public only through the copy made at the announcement.
    """

    contest = models.ForeignKey(
        Contest, verbose_name=_("contest"), on_delete=models.PROTECT, related_name="entries"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="entries"
    )
    code = models.CharField(_("reference code"), max_length=20, unique=True, editable=False)
    author_name = models.CharField(_("author's name"), max_length=120)
    age_group = models.CharField(_("age group"), max_length=6, choices=AgeGroup.choices, blank=True)
    school = models.CharField(_("school or class"), max_length=160, blank=True)
    area = models.ForeignKey(
        "core.Area",
        verbose_name=_("ward or commune"),
        on_delete=models.PROTECT,
        related_name="contest_entries",
    )
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    title = models.CharField(_("title of the work"), max_length=200)
    description = models.TextField(
        _("short description"), blank=True, max_length=1000, validators=[MaxLengthValidator(1000)]
    )
    text = models.TextField(
        _("text of the work"), blank=True, max_length=20000, validators=[MaxLengthValidator(20000)]
    )
    file = models.FileField(
        _("file"), upload_to=entry_file_path, storage=entry_storage, blank=True, max_length=200
    )
    file_kind = models.CharField(
        _("form of the work"), max_length=6, choices=FileKind.choices, blank=True
    )
    file_type = models.CharField(_("content type"), max_length=60, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)
    file_name = models.CharField(
        _("name of the uploaded file"),
        max_length=120,
        blank=True,
        editable=False,
        help_text=_("Cleaned: never used to store or serve the file."),
    )
    consent_to_publish = models.BooleanField(_("consent to publish if selected"), default=False)
    guardian_name = models.CharField(_("parent's or guardian's name"), max_length=120, blank=True)
    language = models.CharField(_("language"), max_length=5, default="vi")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    disqualification_reason = models.CharField(
        _("reason for disqualification"), max_length=500, blank=True
    )
    prize = models.CharField(_("prize"), max_length=12, choices=Prize.choices, blank=True)
    prize_rank = models.PositiveSmallIntegerField(_("rank among the prizes"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    # The sha256 of the sender's address (never the address): the per-address limit.
    client_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    # One per form shown: a second click, a re-sent POST or a retry finds the first entry.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        indexes = [models.Index(fields=["contest", "status"], name="contests_entry_status")]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def is_minor(self):
        return self.age_group in (AgeGroup.CHILD, AgeGroup.TEEN)

    def has_contact(self, contact):
        """True when ``contact`` is this entry's e-mail (any case) or phone (digits only)."""
        contact = contact.strip()
        if self.contact_email and contact.casefold() == self.contact_email.casefold():
            return True
        digits = "".join(ch for ch in contact if ch.isdigit())
        mine = "".join(ch for ch in self.contact_phone if ch.isdigit())
        return bool(mine) and len(digits) >= 6 and digits == mine

    def public_status(self):
        """The status a participant may read: a disqualified entry reads as not selected
        until staff tell them otherwise."""
        if self.status == Status.DISQUALIFIED:
            return Status.NOT_SELECTED
        return Status(self.status)

    def clean(self):
        errors = {}
        if self.category_id and self.contest_id and self.category.contest_id != self.contest_id:
            errors["category"] = _("This category belongs to another contest.")
        if self.status == Status.DISQUALIFIED and not self.disqualification_reason.strip():
            errors["disqualification_reason"] = _("Say why the entry is disqualified.")
        if errors:
            raise ValidationError(errors)
