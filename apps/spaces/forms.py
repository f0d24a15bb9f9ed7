from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.core.forms import TextBoxField, show_length_limits

from .models import FACILITY_FIELDS, Facility, LearningSpace, OpeningHours, Photo


class SpaceFilterForm(core_forms.ListFilterForm):
    """The list's, the map's and the map feed's filters, read from the query string."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *LearningSpace.Kind.choices],
    )
    facility = forms.ChoiceField(
        label=_("Facility"), required=False, choices=[("", _("Any facility")), *Facility.choices]
    )
    open = forms.ChoiceField(
        label=_("Open"), required=False, choices=[("", _("Any time")), ("now", _("Open now"))]
    )

    refusals = {
        "kind": _("There is no such kind of learning space: showing every kind."),
        "facility": _("There is no such facility: showing every space."),
        "open": _("The “open” filter only accepts “now”: showing every space."),
    }


class SpaceEditForm(forms.ModelForm):
    """What an official may change about a space of their area."""

    class Meta:
        model = LearningSpace
        fields = [
            "description_vi",
            "description_en",
            "activities_vi",
            "activities_en",
            "contact_phone",
            "contact_email",
            "book_count",
            *FACILITY_FIELDS.values(),
        ]
        widgets = {
            "description_vi": forms.Textarea(attrs={"rows": 5, "lang": "vi"}),
            "description_en": forms.Textarea(attrs={"rows": 5, "lang": "en"}),
            "activities_vi": forms.Textarea(attrs={"rows": 4, "lang": "vi"}),
            "activities_en": forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        }
        field_classes = dict.fromkeys(
            ["description_vi", "description_en", "activities_vi", "activities_en"], TextBoxField
        )
        labels = {
            "description_vi": _("Description (Vietnamese)"),
            "description_en": _("Description (English)"),
            "activities_vi": _("Regular activities (Vietnamese), one per line"),
            "activities_en": _("Regular activities (English), one per line"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_length_limits(self)


class OpeningHoursForm(forms.ModelForm):
    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes"]
        widgets = {
            "opens": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


OpeningHoursFormSet = inlineformset_factory(
    LearningSpace,
    OpeningHours,
    form=OpeningHoursForm,
    extra=2,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


class PhotoForm(core_forms.PhotoForm):
    """A new photo: the file is checked by its content before anything is stored."""

    class Meta(core_forms.PhotoForm.Meta):
        model = Photo
