"""Workflows of the commitments app: recording, approving and importing measurements."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import mail
from apps.core.numbers import parse_decimal
from apps.core.permissions import can_change

from .evidence import CleanEvidence, clean_evidence
from .models import Commitment, Measurement, Unit


def can_record(user, commitment):
    """An assigned official, or staff holding the permission to change commitments."""
    return can_change(user, commitment)


def can_review(user, measurement):
    """Whether ``user`` may approve or reject ``measurement``: a second official, never the
    person who recorded it."""
    return (
        measurement.is_pending
        and user.pk != measurement.recorded_by_id
        and can_change(user, measurement.commitment)
    )


def number_reading(commitment):
    """How a value typed for ``commitment`` is read (``apps.core.numbers.parse_decimal``): a
    trailing % for a percentage, no decimal separator for a count, an amount or yes/no."""
    unit = getattr(commitment, "unit", None)
    return {
        "percent": unit == Unit.PERCENT,
        "whole": unit in (Unit.COUNT, Unit.VND, Unit.YES_NO),
    }


def approvers(measurement):
    """Who is told that ``measurement`` waits for approval: the other officials assigned to
    its commitment or, when it has none, the people holding the permission to change
    commitments (content staff, superusers). Never the person who recorded it."""
    commitment = measurement.commitment
    officials = commitment.officials.filter(is_active=True).exclude(pk=measurement.recorded_by_id)
    people = list(officials.select_related("profile").order_by("pk"))
    if not people:
        staff = get_user_model().objects.with_perm(
            "commitments.change_commitment", backend="apps.core.backends.PortalModelBackend"
        )
        people = list(
            staff.filter(is_active=True)
            .exclude(pk=measurement.recorded_by_id)
            .select_related("profile")
            .order_by("pk")
        )
    return [person for person in people if can_change(person, commitment)]


def active_measurement_on(commitment, valid_on):
    """The measurement that stands for ``valid_on`` (approved and not corrected, or pending)."""
    return Measurement.objects.active_on(commitment, valid_on)


@transaction.atomic
def record_measurement(
    commitment,
    user,
    *,
    value,
    valid_on,
    note_vi="",
    note_en="",
    evidence=None,
    corrects=None,
    correction_reason="",
):
    """Record a new measurement for ``commitment`` on behalf of ``user`` and return it.

    It is approved at once, unless the commitment asks for a second official's approval: then
    it waits, out of the public series, until someone else approves it. The evidence file is
    checked by content (a picture re-encoded without its metadata, unless ``clean_evidence()``
    did it already, as the admin's form does) and kept in the private storage under a random
    name with the extension that matches what it is (the evidence view decides who may see it).
    """
    if not can_record(user, commitment):
        raise PermissionDenied(_("You are not assigned to this commitment."))
    if evidence and not isinstance(evidence, CleanEvidence):
        try:
            evidence = clean_evidence(evidence)
        except ValidationError as error:
            raise ValidationError({"evidence": error.messages}) from None
    now = timezone.now()
    measurement = Measurement(
        commitment=commitment,
        value=value,
        valid_on=valid_on,
        note_vi=note_vi,
        note_en=note_en,
        evidence=evidence or "",
        recorded_by=user,
        recorded_at=now,
        corrects=corrects,
        correction_reason=correction_reason if corrects else "",
    )
    if commitment.requires_approval:
        measurement.status = Measurement.State.PENDING
    else:
        measurement.status = Measurement.State.APPROVED
        measurement.approved_at = now
    measurement.full_clean(exclude=["evidence"])
    measurement._actor = user
    measurement.save()
    if measurement.is_pending:
        for person in approvers(measurement):
            mail.queue_to_user(person, "measurement_waiting", {"measurement": measurement})
    return measurement


def _review(measurement, user, status, reason=""):
    """Approve or reject ``measurement`` once: the row is locked and read again, so of two
    officials reviewing it at the same moment the second gets a clear refusal. The person who
    recorded it is told by e-mail, in the same transaction."""
    reason = (reason or "").strip()
    limit = Measurement.REJECTION_REASON_LENGTH
    if len(reason) > limit:
        raise ValidationError(
            {"rejection_reason": _("At most %(limit)s characters.") % {"limit": limit}}
        )
    with transaction.atomic():
        current = (
            Measurement.objects.select_for_update(of=("self",))
            .select_related("commitment")
            .get(pk=measurement.pk)
        )
        if not current.is_pending:
            raise PermissionDenied(_("This measurement has already been reviewed."))
        if user.pk == current.recorded_by_id:
            raise PermissionDenied(
                _(
                    "A measurement must be approved by someone other than the person who "
                    "recorded it."
                )
            )
        if not can_change(user, current.commitment):
            raise PermissionDenied(_("You are not assigned to this commitment."))
        if (
            status == Measurement.State.APPROVED
            and current.corrects_id
            and Measurement.objects.approved()
            .filter(corrects_id=current.corrects_id)
            .exclude(pk=current.pk)
            .exists()
        ):
            raise PermissionDenied(
                _("This figure has already been corrected; correct the correction instead.")
            )
        current.status = status
        fields = ["status"]
        if status == Measurement.State.APPROVED:
            current.approved_by = user
            current.approved_at = timezone.now()
            fields += ["approved_by", "approved_at"]
        elif reason:
            current.rejection_reason = reason
            fields.append("rejection_reason")
        current._actor = user
        current.save(update_fields=fields)
        approved = status == Measurement.State.APPROVED
        template = "measurement_approved" if approved else "measurement_rejected"
        mail.queue_to_user(
            current.recorded_by, template, {"measurement": current, "reviewer": user}
        )
    for name in fields:
        setattr(measurement, name, getattr(current, name))
    return current


@transaction.atomic
def approve_measurement(measurement, user):
    """Approve a pending measurement: it joins the public series and moves the progress."""
    return _review(measurement, user, Measurement.State.APPROVED)


@transaction.atomic
def reject_measurement(measurement, user, reason):
    """Reject a pending measurement: it stays in the history but never counts. ``reason`` is
    required: it is kept with the review and sent to the recorder."""
    if not (reason or "").strip():
        raise ValidationError(
            {
                "rejection_reason": _(
                    "Say why the figure is rejected: the official who recorded it needs to know."
                )
            }
        )
    return _review(measurement, user, Measurement.State.REJECTED, reason)


# Bulk import ---------------------------------------------------------------------------------

IMPORT_COLUMNS = ("commitment", "valid_on", "value", "note_vi", "note_en")


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (row number, message)


def _parse_row(row, commitments):
    errors = []
    commitment = commitments.get((row.get("commitment") or "").strip())
    if commitment is None:
        errors.append(_("unknown commitment “%(slug)s”") % {"slug": row.get("commitment", "")})
    raw_date = (row.get("valid_on") or "").strip()
    try:
        valid_on = datetime.date.fromisoformat(raw_date)
    except ValueError:
        valid_on = None
        errors.append(_("valid_on “%(value)s” is not a date (YYYY-MM-DD)") % {"value": raw_date})
    raw_value = (row.get("value") or "").strip()
    try:  # the workspace form's own reading of numbers (83,5 / 83.5 / 83%)
        value = parse_decimal(raw_value, **number_reading(commitment))
    except ValidationError:
        value = None
    if value is None:
        errors.append(_("value “%(value)s” is not a number") % {"value": raw_value})
    for name in ("note_vi", "note_en"):
        try:  # the model's own limits, so a long note is a row error, not a failed import
            Measurement._meta.get_field(name).run_validators((row.get(name) or "").strip())
        except ValidationError as error:
            errors.extend(f"{name}: {message}" for message in error.messages)
    if commitment is not None:
        for check, item in (
            (commitment.validate_value, value),
            (commitment.validate_date, valid_on),
        ):
            try:
                check(item)
            except ValidationError as error:
                errors.extend(error.messages)
    return commitment, valid_on, value, errors


def import_measurements(file, user):
    """Import measurements from a CSV file (columns: IMPORT_COLUMNS), all or nothing.

    Every row is checked as the workspace form checks a measurement; when any row is wrong
    nothing is imported and the result lists each wrong row (numbered as in a spreadsheet,
    the header being row 1) with the reasons.
    """
    result = ImportResult()
    try:
        text = file.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append((1, _("the file is not UTF-8 text")))
        return result
    reader = csv.DictReader(io.StringIO(text))
    missing = [name for name in IMPORT_COLUMNS[:3] if name not in (reader.fieldnames or [])]
    if missing:
        result.errors.append(
            (1, _("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
        )
        return result
    commitments = {c.slug: c for c in Commitment.objects.all()}
    rows, seen = [], {}
    for number, row in enumerate(reader, start=2):
        commitment, valid_on, value, errors = _parse_row(row, commitments)
        if commitment is not None and valid_on is not None:
            key = (commitment.pk, valid_on)
            if key in seen:
                errors.append(_("the same commitment and date as row %(row)s") % {"row": seen[key]})
            elif active_measurement_on(commitment, valid_on):
                errors.append(_("a measurement for this date is already recorded"))
            seen.setdefault(key, number)
        if commitment is not None and not can_record(user, commitment):
            errors.append(_("you may not record for this commitment"))
        if errors:
            result.errors.append((number, "; ".join(str(e) for e in errors)))
        rows.append((commitment, valid_on, value, row))
    if not rows and not result.errors:
        result.errors.append((2, _("the file has no rows")))
    if result.errors:
        return result
    with transaction.atomic():
        for commitment, valid_on, value, row in rows:
            result.created.append(
                record_measurement(
                    commitment,
                    user,
                    value=value,
                    valid_on=valid_on,
                    note_vi=(row.get("note_vi") or "").strip(),
                    note_en=(row.get("note_en") or "").strip(),
                )
            )
    return result
