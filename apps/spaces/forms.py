from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.core.forms import TextBoxField, show_length_limits
from apps.core.text import drop_controls

from .models import FACILITY_FIELDS, Facility, LearningSpace, OpeningHours, Photo

MAX_QUERY_LENGTH = 100


class SpaceFilterForm(forms.Form):
    """The list's filters, read from the query string; a bad value is reported and ignored."""

    q = forms.CharField(label=_("Search"), required=False, strip=True)
    area = forms.ChoiceField(label=_("Ward, commune or village"), required=False)
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

    def __init__(self, data, areas, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, *args, **kwargs)
        self.areas = {area.slug: area for area in areas}
        self.fields["area"].choices = [("", _("All areas")), *((s, s) for s in self.areas)]
        self.truncated = False

    def clean_q(self):
        value = drop_controls(self.cleaned_data["q"])
        if len(value) > MAX_QUERY_LENGTH:
            self.truncated = True
            value = value[:MAX_QUERY_LENGTH]
        return value.strip()

    def clean_area(self):
        slug = self.cleaned_data["area"]
        return self.areas.get(slug) if slug else None

    def notices(self):
        """Messages about the parts of the query string that could not be used."""
        notices = []
        if self.truncated:
            notices.append(
                _("Your search was very long: only its first %(n)s characters were used.")
                % {"n": MAX_QUERY_LENGTH}
            )
        if "area" in self.errors:
            notices.append(
                _("There is no ward, commune or village with that name: showing every area.")
            )
        if "kind" in self.errors:
            notices.append(_("There is no such kind of learning space: showing every kind."))
        if "facility" in self.errors:
            notices.append(_("There is no such facility: showing every space."))
        if "open" in self.errors:
            notices.append(_("The “open” filter only accepts “now”: showing every space."))
        return notices


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
