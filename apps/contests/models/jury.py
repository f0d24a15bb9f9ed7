"""The jury of a contest and its scores: private records, never public content.

A juror sees only the contests they sit on, and the entries without their authors' names or
contacts; the chair of a contest (one per contest) also sees every juror's scores gathered into
weighted averages, shortlists and awards. Scores never reach a public page and never flush one.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .contests import Contest, Criterion
from .entries import Entry


class JurorQuerySet(models.QuerySet):
    def seats_of(self, user):
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(user=user)


class Juror(models.Model):
    """A person on the jury of a contest; ``is_chair`` for the one who chairs it."""

    contest = models.ForeignKey(
        Contest, verbose_name=_("contest"), on_delete=models.CASCADE, related_name="jurors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("juror"),
        on_delete=models.CASCADE,
        related_name="jury_seats",
    )
    is_chair = models.BooleanField(_("chairs the jury"), default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    objects = JurorQuerySet.as_manager()

    class Meta:
        ordering = ["contest", "-is_chair", "pk"]
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        constraints = [
            models.UniqueConstraint(fields=["contest", "user"], name="contests_juror_once"),
            models.UniqueConstraint(
                fields=["contest"],
                condition=models.Q(is_chair=True),
                name="contests_one_chair",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.contest})"


class Score(models.Model):
    """One juror's score of one entry against one criterion, with an optional comment."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="scores"
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("juror"),
        on_delete=models.CASCADE,
        related_name="contest_scores",
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    # Checked against the criterion's scale by the service (jury.record_scores) and the form.
    value = models.DecimalField(
        _("score"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0)]
    )
    comment = models.TextField(
        _("comment"), blank=True, max_length=1000, validators=[MaxLengthValidator(1000)]
    )
    scored_at = models.DateTimeField(_("scored"), auto_now=True)

    class Meta:
        ordering = ["entry", "juror", "criterion__order", "criterion"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "juror", "criterion"], name="contests_score_once"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="contests_score_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.entry.code} · {self.criterion} · {self.value}"
