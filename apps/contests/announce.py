"""Announcing a contest's winners: the entries' final statuses and the public copies.

The announcement is the only door from the private entries to the public: each awarded work
whose author agreed to publication gets a ``WinningWork``, a copy holding only what the winners
page shows. A picture is copied as re-encoded renditions (``apps.core.images``: no EXIF, GPS or
other metadata), a song after its content is checked again and its tags removed, a poem as its
text. Entries not awarded become "not selected" and stay private.
"""

import io
import logging
import uuid

import mutagen
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core import images
from apps.core.history import tracked_update
from apps.core.localtime import local_today

from . import works
from .jury import can_chair
from .models import Contest, Entry, FileKind, Kind, Phase, Status, WinningWork

logger = logging.getLogger(__name__)

WINNERS_PREFIX = "contests/winners"
STILL_RUNNING = (Status.RECEIVED, Status.UNDER_REVIEW, Status.SHORTLISTED)


def initials(name):
    """A minor's name as the public reads it: ``Lò Thị Xuân`` -> ``L. T. X.``"""
    return " ".join(f"{word[0].upper()}." for word in str(name).split() if word[:1].isalpha())


def shown_author(entry):
    return initials(entry.author_name) if entry.is_minor else " ".join(entry.author_name.split())


def _read(entry):
    with entry.file.open("rb") as handle:
        return handle.read()


def _picture(entry, work):
    data = _read(entry)
    image = images.check_image(File(io.BytesIO(data), name="work"), max_bytes=len(data) + 1)
    renditions = images.save_renditions(image, WINNERS_PREFIX)
    work.width, work.height, work.renditions = renditions.width, renditions.height, renditions.items


def untagged(data):
    """The audio file ``data`` without its tags (ID3, Vorbis comments, MP4 atoms: an artist's,
    a school's or a phone's name), or as it is when it has none."""
    buffer = io.BytesIO(data)
    audio = mutagen.File(buffer)
    if audio is None or audio.tags is None:
        return data
    buffer.seek(0)
    audio.delete(buffer)
    return buffer.getvalue()


def _song(entry, work):
    """The song checked by its content again (the stored file may predate today's checks),
    then copied without its tags (an artist's or a school's name in an ID3 tag)."""
    data = _read(entry)
    checked = works.examine(File(io.BytesIO(data), name="work"), entry.category)
    if checked.kind != FileKind.AUDIO:
        raise ValidationError("not audio")
    name = f"{uuid.uuid4().hex}.{checked.extension}"  # under WinningWork.audio's upload_to
    work.audio.save(name, ContentFile(untagged(checked.data)), save=False)
    work.audio_type = checked.content_type


def public_copy(entry):
    """A new (unsaved) ``WinningWork`` for the awarded ``entry``: what the public may read.

    A file that fails its check is left out of the copy (the title and author still show) and
    logged for staff: a damaged file never blocks the announcement.
    """
    area = entry.area.unit if entry.area_id else None
    work = WinningWork(
        contest=entry.contest,
        category=entry.category,
        entry=entry,
        prize=entry.prize,
        prize_rank=entry.prize_rank,
        title=" ".join(entry.title.split()),
        language=entry.language or "vi",
        author=shown_author(entry),
        area_name_vi=getattr(area, "name_vi", "") or getattr(area, "name", "") or "",
        area_name_en=getattr(area, "name_en", "") or "",
    )
    if entry.category.kind == Kind.POEM and entry.text:
        work.text = entry.text.strip()
    if entry.file and entry.file_kind in (FileKind.IMAGE, FileKind.AUDIO):
        copy = _picture if entry.file_kind == FileKind.IMAGE else _song
        try:
            copy(entry, work)
        except (ValidationError, OSError, mutagen.MutagenError):
            logger.warning("The file of entry %s could not be published", entry.code)
    return work


def publish_winners(contest, made=None):
    """Make the public copies of the contest's awarded works that have none yet (those whose
    authors consented). Safe to run twice. Returns how many were made; each copy is also
    appended to ``made`` as soon as its files are stored, for the caller to remove them if
    its transaction fails."""
    made = [] if made is None else made
    awarded = (
        Entry.objects.filter(contest=contest, status=Status.AWARDED, consent_to_publish=True)
        .exclude(winning_work__isnull=False)
        .select_related("contest", "category", "area__parent")
    )
    count = 0
    for entry in awarded:
        work = public_copy(entry)
        made.append(work)
        work.save()
        count += 1
    return count


def announce(user, contest):
    """Announce ``contest``'s winners: awarded works published (with consent), every other
    entry still in the running marked not selected, the contest moved to its last phase.

    Only its jury's chair or content staff, and only while it is judged. All of it or none:
    when anything fails, the rows roll back and the public copies already written to the
    storage are removed with them.
    """
    made = []
    try:
        return _announce(user, contest, made)
    except BaseException:
        for work in made:
            work.delete_files()
        raise


@transaction.atomic
def _announce(user, contest, made):
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    if not can_chair(user, contest):
        raise PermissionDenied(_("Only the chair of the jury may announce the winners."))
    if contest.phase != Phase.JUDGING:
        raise PermissionDenied(_("Only a contest being judged can have its winners announced."))
    if not Entry.objects.filter(contest=contest, status=Status.AWARDED).exists():
        raise ValidationError(_("Award at least one prize before announcing the winners."))
    tracked_update(
        Entry.objects.filter(contest=contest, status__in=STILL_RUNNING).select_related("contest"),
        actor=user,
        status=Status.NOT_SELECTED,
        prize="",
        prize_rank=None,
    )
    count = publish_winners(contest, made)
    contest.phase = Phase.ANNOUNCED
    contest.announced_on = local_today()
    contest._actor = user
    contest.save()
    return count
