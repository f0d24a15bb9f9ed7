"""The public copies of awarded works, made when a contest's winners are announced.

An entry is private; what the winners page shows is a copy made at the announcement, only of
awarded works whose authors agreed to publication: the title, the author's name (initials for a
minor), the picture as re-encoded renditions (no metadata), the song as a checked copy in the
public media and the poem's text. Nothing else of the entry (contacts, school, guardian, scores)
is copied.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from apps.core.content import PublicContent, PublicContentQuerySet
from apps.core.images import Picture, delete_renditions

from .contests import Category, Contest
from .entries import PRIZE_ORDER, Entry, Prize


class WinningWorkQuerySet(PublicContentQuerySet):
    def in_gallery_order(self):
        return self.select_related("category").order_by(
            "category__order", "category_id", "prize_order", "prize_rank", "title"
        )


class WinningWork(PublicContent):
    contest = models.ForeignKey(
        Contest, verbose_name=_("contest"), on_delete=models.CASCADE, related_name="winners"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="winners"
    )
    entry = models.OneToOneField(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="winning_work"
    )
    prize = models.CharField(_("prize"), max_length=12, choices=Prize.choices)
    prize_order = models.PositiveSmallIntegerField(default=9, editable=False)
    prize_rank = models.PositiveSmallIntegerField(_("rank among the prizes"), null=True, blank=True)
    # The author's own words, shown as they wrote them (never machine-translated).
    title = models.CharField(_("title of the work"), max_length=200)
    language = models.CharField(_("language of the work"), max_length=5, default="vi")
    author = models.CharField(_("author as shown"), max_length=120)
    area_name_vi = models.CharField(max_length=120, blank=True)
    area_name_en = models.CharField(max_length=120, blank=True)
    text = models.TextField(_("text of the work"), blank=True)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    renditions = models.JSONField(editable=False, default=list)
    audio = models.FileField(_("audio"), upload_to="contests/winners/audio/", blank=True)
    audio_type = models.CharField(max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WinningWorkQuerySet.as_manager()

    class Meta:
        ordering = ["contest", "category__order", "prize_order", "prize_rank", "pk"]
        verbose_name = _("winning work")
        verbose_name_plural = _("winning works")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.prize_order = PRIZE_ORDER.get(self.prize, 9)
        super().save(*args, **kwargs)

    def picture(self):
        return Picture(self.renditions, self.title, self.width, self.height)

    def delete_files(self):
        """Remove the public copies stored for this work (picture renditions, song)."""
        delete_renditions(self.renditions)
        if self.audio:
            self.audio.storage.delete(self.audio.name)


def _delete_public_files(sender, instance, **kwargs):
    transaction.on_commit(instance.delete_files)


models.signals.post_delete.connect(_delete_public_files, sender=WinningWork)
