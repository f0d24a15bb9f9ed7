"""The officials' pages: the events of their areas and clubs (new, edit, photos) and the
proposals sent to a programme's call for events (read, accept, ask for changes, decline)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.core.paginate import paginate_in_one_query
from apps.core.permissions import can_change, changeable
from apps.core.photos import delete_photo, photos_page

from .forms_proposals import DecisionForm
from .forms_workspace import EventForm, EventPhotoForm
from .models import Event, EventPhoto, EventProposal
from .proposals import (
    AlreadyDecided,
    accept,
    ask_for_changes,
    can_review,
    decline,
    may_create_events,
    proposals_for,
)

PER_PAGE = 50


def _event_to_change(request, slug):
    event = get_object_or_404(Event.objects.select_related("area__parent", "club"), slug=slug)
    if not can_change(request.user, event):
        raise PermissionDenied
    return event


@never_cache
@login_required
def event_list(request):
    """The events the official may change, upcoming first, and the proposals waiting."""
    now = timezone.now()
    events = changeable(request.user, Event.objects.all()).select_related(
        "area__parent", "programme", "club"
    )
    upcoming = list(events.upcoming(now)[:PER_PAGE])
    past = paginate_in_one_query(events.past(now), PER_PAGE, request.GET.get("page"))
    context = {
        "upcoming": upcoming,
        "past": past,
        "waiting": proposals_for(request.user).waiting().count(),
        "can_create": may_create_events(request.user),
    }
    return render(request, "events/workspace/list.html", context)


def _save_event(request, form, created):
    form.instance._actor = request.user
    event = form.save()
    if created:
        messages.success(request, _("The event is saved."))
    else:
        messages.success(request, _("The changes to this event are saved."))
    return redirect("events:workspace_edit", slug=event.slug)


@never_cache
@login_required
def event_new(request):
    if not may_create_events(request.user):
        raise PermissionDenied
    form = EventForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        instance=Event(is_published=False),
    )
    if request.method == "POST":
        if form.is_valid():
            return _save_event(request, form, created=True)
        status = 400
    else:
        status = 200
    return render(request, "events/workspace/edit.html", {"form": form}, status=status)


@never_cache
@login_required
def event_edit(request, slug):
    event = _event_to_change(request, slug)
    form = EventForm(
        request.POST if request.method == "POST" else None, user=request.user, instance=event
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            return _save_event(request, form, created=False)
        status = 400
    proposal = EventProposal.objects.filter(event=event).first()
    context = {"event": event, "form": form, "proposal": proposal}
    return render(request, "events/workspace/edit.html", context, status=status)


@never_cache
@login_required
def photos(request, slug):
    event = _event_to_change(request, slug)
    return photos_page(
        request,
        event,
        owner_field="event",
        form_class=EventPhotoForm,
        template="events/workspace/photos.html",
        done=reverse("events:workspace_photos", args=[event.slug]),
    )


@never_cache
@login_required
@require_POST
def photo_delete(request, slug, pk):
    event = _event_to_change(request, slug)
    done = reverse("events:workspace_photos", args=[event.slug])
    return delete_photo(request, event, pk, owner_field="event", model=EventPhoto, done=done)


# Proposals --------------------------------------------------------------------------------


@never_cache
@login_required
def proposal_list(request):
    proposals = proposals_for(request.user).for_review()
    waiting = list(proposals.filter(status__in=[EventProposal.Status.PENDING]))
    decided = paginate_in_one_query(
        proposals.exclude(status=EventProposal.Status.PENDING), PER_PAGE, request.GET.get("page")
    )
    context = {"waiting": waiting, "decided": decided}
    return render(request, "events/workspace/proposals.html", context)


def _proposal_to_review(request, pk):
    if pk > 2**62:
        raise Http404
    proposal = get_object_or_404(EventProposal.objects.for_review(), pk=pk)
    if not can_review(request.user, proposal):
        raise PermissionDenied
    return proposal


def _proposal_page(request, proposal, form=None, status=200):
    context = {"proposal": proposal, "form": form or DecisionForm()}
    return render(request, "events/workspace/proposal.html", context, status=status)


@never_cache
@login_required
def proposal_detail(request, pk):
    return _proposal_page(request, _proposal_to_review(request, pk))


# Each decision: whether it needs a message, and the service that takes it.
DECISIONS = {
    "accept": (False, accept),
    "changes": (True, ask_for_changes),
    "decline": (True, decline),
}


@never_cache
@login_required
@require_POST
def proposal_decide(request, pk, decision):
    """One decision on a proposal; a missing message is a 400 with the page shown again."""
    if decision not in DECISIONS:
        raise Http404
    proposal = _proposal_to_review(request, pk)
    required, service = DECISIONS[decision]
    form = DecisionForm(request.POST, required=required)
    if not form.is_valid():
        return _proposal_page(request, proposal, form, status=400)
    try:
        result = service(request.user, proposal, form.cleaned_data["reason"])
    except AlreadyDecided:
        messages.error(request, _("This proposal was already decided."))
        return redirect("events:workspace_proposal", pk=proposal.pk)
    except ValidationError as error:
        form.add_error("reason", error)
        return _proposal_page(request, proposal, form, status=400)
    if decision == "accept":
        messages.success(
            request,
            _(
                "The proposal is accepted and its proposer told. Complete the event in both "
                "languages, then publish it."
            ),
        )
        return redirect("events:workspace_edit", slug=result.slug)
    if decision == "changes":
        messages.success(request, _("The proposer is asked for changes."))
    else:
        messages.success(request, _("The proposal is declined and its proposer told."))
    return redirect("events:workspace_proposals")
