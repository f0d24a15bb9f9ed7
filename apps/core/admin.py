from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .accounts import address_throttled
from .forms import AdminSignInForm
from .models import Area, KeyFigure, OutgoingMail, Profile

# The admin's sign-in has the portal's checks: the user name's length, the per-address pause.
admin.site.login_form = AdminSignInForm
admin.site.login = address_throttled(admin.site.login)

admin.site.site_header = _("Son La Learning City — content")
admin.site.site_title = _("Son La Learning City")
if settings.DEMO_MODE:
    admin.site.site_header = _("Son La Learning City — DEMO DATA (made-up villages, people, hours)")


@admin.register(Area)
class AreaAdmin(TranslationAdmin):
    list_display = ("name", "kind", "parent", "slug", "is_active", "order")
    list_filter = ("kind", "is_active", "parent")
    search_fields = ("name_vi", "name_en", "slug")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)


@admin.register(KeyFigure)
class KeyFigureAdmin(TranslationAdmin):
    list_display = ("label", "value", "unit", "order")


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    filter_horizontal = ("areas",)


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = (ProfileInline,)


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The outbox, to look at: what was sent, what waits and why (apps.core.mail)."""

    list_display = ("created", "recipient", "subject", "language", "sent_at", "attempts")
    list_filter = ("language", ("sent_at", admin.EmptyFieldListFilter))
    search_fields = ("recipient", "subject")
    readonly_fields = [field.name for field in OutgoingMail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
