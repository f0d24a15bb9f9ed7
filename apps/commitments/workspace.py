"""The officials' pages: record figures for their commitments, approve or reject others'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.core.permissions import changeable

from . import services
from .cards import commitment_card
from .forms import MeasurementForm
from .models import (
    Commitment,
    Measurement,
)


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
    return render(request, "commitments/workspace/record.html", context, status=200)


@require_POST
@login_required
def review(request, pk, decision):
    measurement = get_object_or_404(Measurement.objects.select_related("commitment"), pk=pk)
    if not services.can_review(request.user, measurement):
        raise PermissionDenied(_("You may not review this measurement."))
    params = {"value": measurement.display_value(), "title": measurement.commitment.title}
    try:
        if decision == "approve":
            services.approve_measurement(measurement, request.user)
            text = _("Approved %(value)s for “%(title)s”: it is now public.")
        else:
            services.reject_measurement(measurement, request.user)
            text = _("Rejected %(value)s for “%(title)s”.")
    except PermissionDenied as refusal:  # another official reviewed it a moment before
        messages.error(request, str(refusal))
    else:
        messages.success(request, text % params)
    return redirect("commitments:workspace_list")
