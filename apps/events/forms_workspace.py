"""The officials' event form (both languages side by side) and the event photo form."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core import forms as core_forms
from apps.core.forms import TextBoxField, show_length_limits
from apps.core.models import Area
from apps.core.permissions import assigned_area_ids, can_change
from apps.core.text import vi_sort_key
from apps.culture.models import Club
from apps.spaces.models import LearningSpace

from .models import Event, EventPhoto, Programme

BILINGUAL = ("title", "summary", "description", "place_name", "organiser", "audience")
LANGUAGE_NAMES = {"vi": _("Vietnamese"), "en": _("English")}
DATETIME = "%Y-%m-%dT%H:%M"


def _labels():
    base = {
        "title": _("Title"),
        "summary": _("Summary"),
        "description": _("Description"),
        "place_name": _("Place (when not in a learning space)"),
        "organiser": _("Organiser"),
        "audience": _("For whom"),
        "registration_note": _("How to take part"),
        "cancellation_note": _("Why it is cancelled"),
    }
    labels = {}
    for field, label in base.items():
        labels[f"{field}_vi"] = _("%(field)s (Vietnamese)") % {"field": label}
        labels[f"{field}_en"] = _("%(field)s (English)") % {"field": label}
    return labels


class EventForm(forms.ModelForm):
    """What an official may set on an event of their area or club.

    The area, learning space and club offered are those ``user`` looks after (all of them for
    content staff); the form refuses an event its author could not change afterwards.
    """

    registration_url = forms.URLField(
        label=_("Registration link"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Event
        fields = [
            "title_vi",
            "title_en",
            "summary_vi",
            "summary_en",
            "description_vi",
            "description_en",
            "category",
            "starts_at",
            "ends_at",
            "all_day",
            "space",
            "area",
            "place_name_vi",
            "place_name_en",
            "address",
            "organiser_vi",
            "organiser_en",
            "audience_vi",
            "audience_en",
            "is_free",
            "registration_url",
            "registration_note_vi",
            "registration_note_en",
            "programme",
            "club",
            "is_cancelled",
            "cancellation_note_vi",
            "cancellation_note_en",
            "is_published",
        ]
        widgets = {
            "description_vi": forms.Textarea(attrs={"rows": 6, "lang": "vi"}),
            "description_en": forms.Textarea(attrs={"rows": 6, "lang": "en"}),
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME),
        }
        field_classes = {"description_vi": TextBoxField, "description_en": TextBoxField}

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        for name, label in _labels().items():
            if name in self.fields:
                self.fields[name].label = label
        for name in self.fields:
            if name.endswith("_vi") or name.endswith("_en"):
                self.fields[name].widget.attrs.setdefault("lang", name[-2:])
        self.fields["title_vi"].required = True
        self._limit_choices()
        show_length_limits(self)

    def _limit_choices(self):
        user = self.user
        current = self.instance
        # What the event already has stays selectable (a club's event in another area).
        areas = Q(pk=current.area_id)
        spaces = Q(pk=current.space_id)
        clubs = Q(pk=current.club_id)
        if user.has_perm("events.change_event"):
            areas = spaces = clubs = Q()
        else:
            ids = assigned_area_ids(user)
            areas |= Q(pk__in=ids)
            spaces |= Q(area_id__in=ids)
            clubs |= Q(pk__in=Club.objects.managed_by(user).values("pk"))
        area_rows = Area.objects.filter(areas, is_active=True) | Area.objects.filter(
            pk=current.area_id
        )
        self._choices("area", area_rows.select_related("parent"), self._area_label)
        self._choices("space", LearningSpace.objects.filter(spaces), lambda s: s.name)
        self._choices("club", Club.objects.filter(clubs), lambda c: c.name)
        programmes = Programme.objects.filter(Q(is_published=True) | Q(pk=current.programme_id))
        self._choices("programme", programmes, lambda p: p.name)

    @staticmethod
    def _area_label(area):
        return area.name if area.is_unit else f"{area.parent.name} › {area.name}"

    def _choices(self, name, queryset, label):
        field = self.fields[name]
        field.queryset = queryset
        rows = sorted(field.queryset, key=lambda obj: vi_sort_key(label(obj)))
        field.choices = [("", "---------"), *((obj.pk, label(obj)) for obj in rows)]

    def clean(self):
        data = super().clean()
        if not self.errors and not can_change(self.user, self._as_saved(data)):
            self.add_error(
                None,
                _(
                    "Choose an area, a learning space or a club you look after: you could not "
                    "change this event afterwards."
                ),
            )
        return data

    def _as_saved(self, data):
        event = self.instance
        event.area = data.get("area")
        event.club = data.get("club")
        space = data.get("space")
        if space:
            event.area_id = space.area_id
        return event


class EventPhotoForm(core_forms.PhotoForm):
    """A new photo of an event: the file is checked by its content before anything is stored."""

    class Meta(core_forms.PhotoForm.Meta):
        model = EventPhoto
