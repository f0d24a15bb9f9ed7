"""The public pages of a programme's call for events: the proposal form and its thank-you page.

Kept apart from the programme's page, which stays the same for everyone (and cached); this
page carries a form with its CSRF token, so it is never cached.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from apps.core.clientip import client_ip
from apps.core.pagecache import render_memo

from .forms_proposals import ProposalForm
from .models import EventProposal, Programme
from .proposals import (
    CallClosed,
    NotWaitingForChanges,
    TooManyProposals,
    proposal_for_revision,
    propose,
    resubmit,
)

TOO_MANY = gettext_lazy(
    "Too many proposals were sent from your network or with these contact details. Your "
    "proposal is kept below: send it again in an hour."
)


def _programme(slug):
    return get_object_or_404(Programme.objects.published(), slug=slug)


@never_cache
def proposal_form(request, slug):
    """The form while the call is open; a clear message when it is not (a POST then is a 403,
    with what was typed kept). A mistake is a 400 and a flood a 429, nothing typed lost."""
    programme = _programme(slug)
    is_open = programme.call_is_open()
    status = 200
    refusal = None
    form = ProposalForm(
        request.POST if request.method == "POST" else None,
        programme=programme,
        instance=EventProposal(),
    )
    if request.method == "POST":
        if not is_open:
            refusal = _("The call for events of this programme is closed: nothing was sent.")
            status = 403
        elif form.is_robot():
            refusal = _("Leave the field “Leave this field empty” empty, then send again.")
            status = 400
        elif not form.is_valid():
            status = 400
        else:
            try:
                propose(programme, form.instance, client_ip(request))
            except CallClosed:
                refusal = _("The call for events of this programme is closed: nothing was sent.")
                status = 403
            except TooManyProposals:
                refusal = TOO_MANY
                status = 429
            else:
                return redirect("events:proposal_sent", slug=programme.slug)
    context = {"programme": programme, "form": form, "refusal": refusal, "is_open": is_open}
    return render(request, "events/proposal_form.html", context, status=status)


@never_cache
def proposal_revise(request, slug, token):
    """The proposer's own link (in the e-mail asking for changes): the proposal as they sent
    it, to change and send again, once. A forged or expired link is a 404."""
    proposal = proposal_for_revision(token)
    if proposal is None or proposal.programme.slug != slug or not proposal.programme.is_published:
        raise Http404
    programme = proposal.programme
    waiting = proposal.status == EventProposal.Status.CHANGES
    data = request.POST if request.method == "POST" else None
    form = ProposalForm(data, programme=programme, instance=proposal)
    status = 200
    refusal = None
    if request.method == "POST":
        if not waiting:
            status = 409
        elif form.is_robot():
            refusal = _("Leave the field “Leave this field empty” empty, then send again.")
            status = 400
        elif not form.is_valid():
            status = 400
        else:
            try:
                resubmit(form.instance, client_ip(request))
            except NotWaitingForChanges:
                waiting, status = False, 409
            except TooManyProposals:
                refusal = TOO_MANY
                status = 429
            else:
                return redirect("events:proposal_sent", slug=programme.slug)
    context = {
        "programme": programme,
        "form": form,
        "refusal": refusal,
        "is_open": waiting,
        "revision": proposal,
        "action": request.path,
    }
    return render(request, "events/proposal_form.html", context, status=status)


def proposal_sent(request, slug):
    def build():
        programme = _programme(slug)
        return {
            "title": _("Your proposal is sent"),
            "main": render_to_string(
                "events/proposal_sent_main.html", {"programme": programme}, request=request
            ),
        }

    return render_memo(request, "events/proposal_page.html", "events:proposal-sent", build, slug)
