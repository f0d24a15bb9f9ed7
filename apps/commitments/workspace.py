"""The officials' pages: record figures for their commitments, approve or reject others'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from apps.core.forms import refused_status
from apps.core.paginate import paginate_in_one_query
from apps.core.permissions import changeable

from . import services
from .cards import commitment_card
from .forms import MeasurementForm, RejectionForm
from .models import (
    Commitment,
    Measurement,
)

FIGURES_PER_PAGE = 10


@never_cache
@login_required
def commitment_list(request):
    commitments = list(
        changeable(request.user, Commitment.objects.all()).with_series().order_by("order", "pk")
    )
    waiting = (
        Measurement.objects.pending()
        .filter(commitment__in=[c.pk for c in commitments])
        .select_related("commitment", "recorded_by")
        .order_by("recorded_at")
    )
    context = {
        "cards": [commitment_card(c) for c in commitments],
        "to_review": [m for m in waiting if m.recorded_by_id != request.user.pk],
        "own_pending": [m for m in waiting if m.recorded_by_id == request.user.pk],
        # Every figure this person recorded, with its state and a rejection's reason.
        **paginate_in_one_query(
            Measurement.objects.recorded_by_user(request.user),
            FIGURES_PER_PAGE,
            request.GET.get("page"),
        ),
    }
    return render(request, "commitments/workspace/list.html", context)


@never_cache
@login_required
def record(request, slug):
    commitment = get_object_or_404(Commitment, slug=slug)
    if not services.can_record(request.user, commitment):
        raise PermissionDenied(_("You are not assigned to this commitment."))
    if request.method == "POST":
        form = MeasurementForm(request.POST, request.FILES, commitment=commitment)
        if form.is_valid():
            data = form.cleaned_data
            try:
                measurement = services.record_measurement(
                    commitment,
                    request.user,
                    value=data["value"],
                    valid_on=data["valid_on"],
                    note_vi=data["note_vi"],
                    note_en=data["note_en"],
                    evidence=data["evidence"],
                    corrects=form.corrected,
                    correction_reason=data["correction_reason"],
                )
            except ValidationError as error:
                # The model's rules name its own fields (corrects, …) the form may not have.
                for name, problems in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                params = {
                    "value": measurement.display_value(),
                    "date": date_format(measurement.valid_on, use_l10n=True),
                }
                if measurement.is_pending:
                    text = _(
                        "Recorded %(value)s for %(date)s. It will be published once a "
                        "second official approves it."
                    )
                else:
                    text = _("Recorded %(value)s for %(date)s. It is now public.")
                messages.success(request, text % params)
                return redirect("commitments:workspace_list")
    else:
        form = MeasurementForm(commitment=commitment)
    recent = commitment.measurements.select_related("recorded_by").order_by(
        "-valid_on", "-recorded_at"
    )[:6]
    context = {
        "commitment": commitment,
        "form": form,
        "recent": recent,
        "correction_open": bool(form.duplicate or form["is_correction"].value()),
    }
    status = refused_status(form)
    return render(request, "commitments/workspace/record.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def review(request, pk, decision):
    """Approve (a page showing what is approved, then "Confirm approval") or reject (a
    form asking the reason) a figure waiting for a second official."""
    measurement = get_object_or_404(
        Measurement.objects.select_related("commitment", "recorded_by"), pk=pk
    )
    if not services.can_review(request.user, measurement):
        if not measurement.is_pending and services.can_record(request.user, measurement.commitment):
            messages.error(request, _("This measurement has already been reviewed."))
            return redirect("commitments:workspace_list")
        raise PermissionDenied(_("You may not review this measurement."))
    form = None
    if decision == "reject":
        form = RejectionForm(request.POST) if request.method == "POST" else RejectionForm()
    if request.method == "POST" and (form is None or form.is_valid()):
        return _decide(request, measurement, form)
    context = {"m": measurement, "decision": decision, "form": form}
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "commitments/workspace/review.html", context, status=status)


def _decide(request, measurement, form):
    params = {"value": measurement.display_value(), "title": measurement.commitment.title}
    try:
        if form is None:
            services.approve_measurement(measurement, request.user)
            text = _("Approved %(value)s for “%(title)s”: it is now public.")
        else:
            services.reject_measurement(
                measurement, request.user, reason=form.cleaned_data["reason"]
            )
            text = _(
                "Rejected %(value)s for “%(title)s”. The official who recorded it is told why."
            )
    except PermissionDenied as refusal:  # another official reviewed it a moment before
        messages.error(request, str(refusal))
    else:
        messages.success(request, text % params)
    return redirect("commitments:workspace_list")
