"""The admin of the jury (who sits on which contest, who chairs it) and of the public copies
of winning works. Scores have no admin page: they are read by the chair in the workspace."""

from django.contrib import admin
from django.contrib.auth import get_user_model

from apps.core.permissions import JURORS

from .models import Juror, WinningWork


@admin.register(Juror)
class JurorAdmin(admin.ModelAdmin):
    list_display = ("user", "contest", "is_chair")
    list_filter = ("contest", "is_chair")
    search_fields = ("user__username", "user__first_name", "user__last_name")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # Only people in the jurors group sit on a jury.
            kwargs["queryset"] = get_user_model().objects.filter(
                groups__name=JURORS, is_active=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(WinningWork)
class WinningWorkAdmin(admin.ModelAdmin):
    """Read-only copies; staff may delete one (an author who withdraws their consent)."""

    list_display = ("title", "author", "category", "prize", "contest")
    list_filter = ("contest", "prize")
    readonly_fields = ("contest", "category", "entry", "prize", "prize_rank", "author", "audio")
    fields = ("contest", "category", "entry", "prize", "prize_rank", "title", "author", "text")

    def has_add_permission(self, request):
        return False
