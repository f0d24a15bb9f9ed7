"""The officials' pages: their clubs' texts, schedule and contact, and the join requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.core.permissions import can_change, changeable
from apps.core.photos import delete_photo, photos_page

from .forms import ClubEditForm, ClubPhotoForm
from .models import Club, ClubPhoto, JoinRequest
from .services import mark_answered, requests_for


def _club_to_change(request, slug):
    club = get_object_or_404(Club.objects.select_related("area__parent"), slug=slug)
    if not can_change(request.user, club):
        raise PermissionDenied
    return club


@never_cache
@login_required
def club_list(request):
    clubs = (
        changeable(request.user, Club.objects.all())
        .select_related("area__parent")
        .order_by("area__parent__order", "area__order", "name")
    )
    waiting = dict(
        JoinRequest.objects.waiting()
        .filter(club__in=clubs)
        .values_list("club")
        .annotate(n=Count("pk"))
    )
    for club in clubs:
        club.waiting = waiting.get(club.pk, 0)
    return render(request, "culture/workspace/list.html", {"clubs": clubs})


@never_cache
@login_required
def club_edit(request, slug):
    club = _club_to_change(request, slug)
    if request.method == "POST":
        form = ClubEditForm(request.POST, instance=club)
        if form.is_valid():
            form.instance._actor = request.user
            form.save()
            messages.success(request, _("The changes to this club are saved."))
            return redirect("culture:workspace_edit", slug=club.slug)
        status = 400
    else:
        form = ClubEditForm(instance=club)
        status = 200
    return render(
        request, "culture/workspace/edit.html", {"club": club, "form": form}, status=status
    )


@never_cache
@login_required
def requests(request, slug):
    club = get_object_or_404(Club.objects.select_related("area__parent"), slug=slug)
    joins = list(requests_for(request.user, club))  # PermissionDenied (403) for others
    return render(request, "culture/workspace/requests.html", {"club": club, "joins": joins})


@never_cache
@login_required
@require_POST
def answered(request, slug, pk):
    club = _club_to_change(request, slug)
    join = get_object_or_404(JoinRequest, pk=pk, club=club)
    mark_answered(request.user, join, answered=request.POST.get("answered") != "no")
    messages.success(request, _("The request is marked."))
    return redirect("culture:workspace_requests", slug=club.slug)


@never_cache
@login_required
def photos(request, slug):
    club = _club_to_change(request, slug)
    return photos_page(
        request,
        club,
        owner_field="club",
        form_class=ClubPhotoForm,
        template="culture/workspace/photos.html",
        done=reverse("culture:workspace_photos", args=[club.slug]),
    )


@never_cache
@login_required
@require_POST
def photo_delete(request, slug, pk):
    club = _club_to_change(request, slug)
    done = reverse("culture:workspace_photos", args=[club.slug])
    return delete_photo(request, club, pk, owner_field="club", model=ClubPhoto, done=done)
