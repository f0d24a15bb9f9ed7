"""The jury's forms: one juror's score sheet of an entry, and the chair's decision on one."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.numbers import parse_decimal

from .jury import AWARDS, check_score
from .models import Prize

COMMENT_LIMIT = 1000


class ScoreField(forms.CharField):
    """A score as a juror types it (``8``, ``8,5`` or ``8.5``), checked against its scale."""

    def __init__(self, criterion, **kwargs):
        self.criterion = criterion
        super().__init__(max_length=8, required=False, strip=True, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "size": 5})

    def clean(self, value):
        value = super().clean(value)
        number = parse_decimal(value)
        if number is None:
            return None
        return check_score(self.criterion, number)


class ScoreSheetForm(forms.Form):
    """A score and an optional comment for each criterion of the contest.

    A score left empty is not given (or is withdrawn); the others must be on their scale.
    """

    def __init__(self, criteria, *args, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scores = scores or {}
        for criterion in self.criteria:
            given = scores.get(criterion.pk)
            name = f"score_{criterion.pk}"
            self.fields[name] = ScoreField(
                criterion,
                label=_("%(name)s (0 to %(scale)s)")
                % {"name": criterion.name, "scale": criterion.scale},
                initial=str(given.value).replace(".0", "") if given else "",
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(name)s” (optional)") % {"name": criterion.name},
                required=False,
                max_length=COMMENT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=given.comment if given else "",
            )

    def rows(self):
        """(criterion, score field, comment field) for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def values(self):
        """What ``jury.record_scores`` takes: criterion -> (score or None, comment)."""
        data = self.cleaned_data
        return {
            c: (data.get(f"score_{c.pk}"), data.get(f"comment_{c.pk}", "")) for c in self.criteria
        }


class DecisionForm(forms.Form):
    """The chair's decision on one entry: shortlist it, take it off, or give or take back a
    prize (with its rank among the prizes of that level, if any)."""

    SHORTLIST = "shortlist"
    UNLIST = "unlist"
    AWARD = "award"
    ACTIONS = (
        (SHORTLIST, _("Shortlist")),
        (UNLIST, _("Take off the shortlist")),
        (AWARD, _("Give the prize")),
    )

    action = forms.ChoiceField(choices=ACTIONS)
    prize = forms.ChoiceField(
        label=_("Prize"),
        choices=[(Prize.NONE, _("No prize")), *((p.value, p.label) for p in AWARDS)],
        required=False,
    )
    rank = forms.IntegerField(label=_("Rank"), min_value=1, max_value=99, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") != self.AWARD:
            return data
        if data.get("prize") not in {Prize.NONE, *AWARDS}:
            raise ValidationError(_("Choose one of the prizes."))
        return data
