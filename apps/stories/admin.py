"""Staff write stories here, the Vietnamese and English texts side by side."""

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.core.history_admin import ChangeHistoryAdmin, ChangeHistoryInline, TrackedAdminMixin
from apps.core.images import check_image, delete_renditions, save_renditions
from apps.core.localtime import local_today

from .models import Change, Story, Tag

TEXT_PAIRS = (("title_vi", "title_en"), ("lead_vi", "lead_en"), ("body_vi", "body_en"))


class StoryAdminForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("lead image"),
        required=False,
        help_text=_("A JPEG, PNG or WebP photo; stored without its metadata (GPS included)."),
    )

    class Meta:
        model = Story
        fields = [
            *(name for pair in TEXT_PAIRS for name in pair),
            "slug",
            "published_on",
            "is_published",
            "is_demo",
            "tags",
            "image_alt_vi",
            "image_alt_en",
            "commitments",
            "spaces",
            "events",
            "contests",
        ]
        widgets = {
            "lead_vi": forms.Textarea(attrs={"rows": 3, "cols": 50}),
            "lead_en": forms.Textarea(attrs={"rows": 3, "cols": 50}),
            "body_vi": forms.Textarea(attrs={"rows": 18, "cols": 50}),
            "body_en": forms.Textarea(attrs={"rows": 18, "cols": 50}),
            "title_vi": forms.TextInput(attrs={"size": 50}),
            "title_en": forms.TextInput(attrs={"size": 50}),
        }

    checked_image = None

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        self.checked_image = check_image(upload) if upload else None
        return upload

    def clean(self):
        cleaned = super().clean()
        has_image = self.checked_image is not None or bool(self.instance.image_renditions)
        if has_image and not (cleaned.get("image_alt_vi") or "").strip():
            self.add_error("image_alt_vi", _("Describe the image for people who cannot see it."))
        return cleaned

    def save(self, commit=True):
        story = super().save(commit=False)
        if self.checked_image is not None:
            old = list(story.image_renditions or [])
            prefix = f"stories/{local_today():%Y/%m}"
            story.set_image(save_renditions(self.checked_image, prefix))
            # The previous copies go once the new ones are saved for good.
            transaction.on_commit(lambda: delete_renditions(old))
        if commit:
            story.save()
            self.save_m2m()
        return story


class ChangeInline(ChangeHistoryInline):
    model = Change


@admin.register(Story)
class StoryAdmin(TrackedAdminMixin, admin.ModelAdmin):
    form = StoryAdminForm
    list_display = ("title", "published_on", "is_published", "is_demo", "updated_at")
    list_filter = ("is_published", "is_demo", "tags")
    search_fields = ("title_vi", "title_en", "slug", "search_text")
    date_hierarchy = "published_on"
    filter_horizontal = ("tags", "commitments", "spaces", "events", "contests")
    readonly_fields = ("updated_at",)
    inlines = (ChangeInline,)
    fieldsets = (
        (
            _("Vietnamese and English, side by side"),
            {"fields": TEXT_PAIRS, "classes": ("story-languages",)},
        ),
        (None, {"fields": ("slug", "published_on", "is_published", "is_demo", "tags")}),
        (_("Lead image"), {"fields": ("upload", ("image_alt_vi", "image_alt_en"))}),
        (
            _("What the story is about"),
            {"fields": ("commitments", "spaces", "events", "contests")},
        ),
        (None, {"fields": ("updated_at",)}),
    )

    def get_changeform_initial_data(self, request):
        return {"published_on": local_today(), **super().get_changeform_initial_data(request)}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name_vi", "name_en", "slug")
    search_fields = ("name_vi", "name_en", "slug")
    fields = (("name_vi", "name_en"), "slug")


@admin.register(Change)
class ChangeAdmin(ChangeHistoryAdmin):
    owner_field = "story"
