"""Evidence files, sent from the private storage after checking who may see them."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from apps.core.files import send_file
from apps.core.permissions import can_change

from .evidence import EVIDENCE_TYPES
from .models import Measurement


def evidence(request, slug, pk):
    """A measurement's evidence file, from the private storage.

    Everyone may see the evidence of a figure in the public series of a published commitment;
    the evidence of any other figure (pending, rejected, superseded, or of an unpublished
    commitment) only those who may change the commitment, who review it. Anyone else gets
    the same 404 as for a measurement that does not exist.
    """
    measurement = get_object_or_404(
        Measurement.objects.select_related("commitment"), pk=pk, commitment__slug=slug
    )
    if not measurement.evidence:
        raise Http404
    public = Measurement.objects.public().filter(pk=measurement.pk).exists()
    if not public and not can_change(request.user, measurement.commitment):
        raise Http404
    extension = measurement.evidence.name.rsplit(".", 1)[-1].lower()
    content_type = EVIDENCE_TYPES.get(extension)
    return send_file(
        measurement.evidence,
        content_type=content_type or "application/octet-stream",
        attachment=content_type is None,
        filename=f"{slug}-{measurement.valid_on:%Y-%m-%d}.{extension if content_type else 'bin'}",
        public=public,
    )
