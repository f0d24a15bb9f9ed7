"""The officials' pages: the spaces of their ward or commune, their hours, texts and photos."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.core.forms import refused_status
from apps.core.permissions import can_change, changeable
from apps.core.photos import delete_photo, photos_page
from apps.core.text import vi_sort_key

from .forms import OpeningHoursFormSet, PhotoForm, SpaceEditForm
from .models import LearningSpace, Photo


def _space_to_change(request, slug):
    space = get_object_or_404(LearningSpace.objects.select_related("area__parent"), slug=slug)
    if not can_change(request.user, space):
        raise PermissionDenied
    return space


@never_cache
@login_required
def space_list(request):
    spaces = sorted(
        changeable(request.user, LearningSpace.objects.all()).select_related("area__parent"),
        key=lambda space: (
            space.area.unit.order,
            vi_sort_key(space.area.unit.name),
            vi_sort_key(space.name),
        ),
    )
    return render(request, "spaces/workspace/list.html", {"spaces": spaces})


@never_cache
@login_required
def space_edit(request, slug):
    space = _space_to_change(request, slug)
    if request.method == "POST":
        form = SpaceEditForm(request.POST, instance=space)
        hours = OpeningHoursFormSet(request.POST, instance=space, prefix="hours")
        if form.is_valid() and hours.is_valid():
            # The history names who made each change (apps/spaces/history.py).
            form.instance._actor = request.user
            with transaction.atomic():
                form.save()
                for hour in hours.save(commit=False):
                    hour._actor = request.user
                    hour.save()
                for hour in hours.deleted_objects:
                    hour._actor = request.user
                    hour.delete()
            messages.success(request, _("The changes to this space are saved."))
            return redirect("spaces:workspace_edit", slug=space.slug)
    else:
        form = SpaceEditForm(instance=space)
        hours = OpeningHoursFormSet(instance=space, prefix="hours")
    context = {"space": space, "form": form, "hours": hours}
    status = refused_status(form, hours)
    return render(request, "spaces/workspace/edit.html", context, status=status)


@never_cache
@login_required
def photos(request, slug):
    space = _space_to_change(request, slug)
    return photos_page(
        request,
        space,
        owner_field="space",
        form_class=PhotoForm,
        template="spaces/workspace/photos.html",
        done=reverse("spaces:workspace_photos", args=[space.slug]),
    )


@never_cache
@login_required
@require_POST
def photo_delete(request, slug, pk):
    space = _space_to_change(request, slug)
    done = reverse("spaces:workspace_photos", args=[space.slug])
    return delete_photo(request, space, pk, owner_field="space", model=Photo, done=done)
