"""The proposals in the admin: read and deleted there (spam), decided in the workspace, whose
services create the event and e-mail the proposer."""

from django.contrib import admin

from .models import EventProposal


@admin.register(EventProposal)
class EventProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "area", "status", "created_at", "reviewer")
    list_filter = ("status", "programme", "language")
    search_fields = ("title", "organiser", "contact_name", "contact_email")
    list_select_related = ("programme", "area", "reviewer")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in EventProposal._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Viewing only: a decision goes through the workspace (event created, proposer told).
        return False
