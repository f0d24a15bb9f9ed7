"""Tests that kill the mutations `make mutate` found surviving (scripts/mutations.toml)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from apps.commitments import services
from apps.commitments.evidence import evidence_extension
from apps.commitments.models import Measurement


def test_record_measurement_itself_refuses_an_official_not_assigned(commitment, outsider):
    with pytest.raises(PermissionDenied):
        services.record_measurement(
            commitment, outsider, value=Decimal(50), valid_on=datetime.date(2024, 12, 31)
        )
    assert not Measurement.objects.exists()


def test_an_import_row_for_a_commitment_not_assigned_is_a_row_error(commitment, outsider):
    csv = io.BytesIO(b"commitment,valid_on,value\ntruong-hoc-so,2024-12-31,50\n")
    result = services.import_measurements(csv, outsider)
    assert [number for number, _message in result.errors] == [2]
    assert len(result.errors) == 1
    assert not result.created
    assert not Measurement.objects.exists()


def test_a_bmp_is_not_evidence(db):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "BMP")
    with pytest.raises(ValidationError) as caught:
        evidence_extension(ContentFile(buffer.getvalue(), name="photo.jpg"))
    assert caught.value.code == "not_evidence"
