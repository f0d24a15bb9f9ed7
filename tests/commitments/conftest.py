import datetime
import importlib
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.utils import timezone
from PIL import ExifTags, Image

from apps.commitments.models import Commitment, KeyFeature, Measurement, Unit
from apps.core.permissions import OFFICIALS


@pytest.fixture
def make_commitment(db):
    def make(title="Trường học số", **fields):
        values = {
            "title": title,
            "title_vi": title,
            "title_en": fields.pop("title_en", "Digital schools"),
            "key_feature": KeyFeature.TECHNOLOGIES,
            "unit": Unit.PERCENT,
            "baseline_value": Decimal(40),
            "baseline_year": 2020,
            "target_value": Decimal(100),
            "target_year": 2030,
            **fields,
        }
        officials = values.pop("officials", [])
        commitment = Commitment.objects.create(**values)
        commitment.officials.set(officials)
        return commitment

    return make


@pytest.fixture
def commitment(make_commitment, official):
    return make_commitment(officials=[official])


@pytest.fixture
def second_official(make_user):
    return make_user("second", OFFICIALS)


@pytest.fixture
def outsider(make_user):
    return make_user("outsider", OFFICIALS)


@pytest.fixture
def measure(db):
    """Store a measurement directly (approved unless told otherwise)."""

    def make(commitment, value, day, by, status=Measurement.State.APPROVED, **extra):
        return Measurement.objects.create(
            commitment=commitment,
            value=Decimal(str(value)),
            valid_on=day if isinstance(day, datetime.date) else datetime.date.fromisoformat(day),
            recorded_by=by,
            status=status,
            approved_at=timezone.now() if status == Measurement.State.APPROVED else None,
            **extra,
        )

    return make


GUARDS = importlib.import_module("apps.commitments.migrations.0004_measurement_guards")


@pytest.fixture
def without_measurement_guards(db):
    """The database as before migration 0004, by that migration's own reverse: no triggers on
    the measurements. Only for a test in a transaction (``db``): its rollback puts them back."""
    with connection.cursor() as cursor:
        editor = SimpleNamespace(connection=connection, execute=cursor.execute)
        GUARDS.drop_guards(None, editor)


# Pictures with what a phone writes into them ------------------------------------------------

OWNER, CAMERA = "Nguyen Van A", "PhoneMaker"


def gps_exif(orientation=None):
    """What a phone writes into a photo: where it was taken, the camera and its owner."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CAMERA
    exif[ExifTags.Base.Artist] = OWNER
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (21.0, 19.0, 32.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (103.0, 54.0, 50.0)
    return exif


def two_colours(size=(400, 200)):
    """Red on the left half, blue on the right: which way up it is shows."""
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    return image


def picture(fmt, image=None, **save):
    buffer = io.BytesIO()
    (image or two_colours()).save(buffer, fmt, **save)
    return buffer.getvalue()


def assert_only_pixels(data):
    image = Image.open(io.BytesIO(data))
    assert not image.getexif()
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert not {"exif", "xmp", "comment", "icc_profile", "Author"} & set(image.info)
    for secret in (OWNER.encode(), CAMERA.encode(), b"Exif"):
        assert secret not in data
    return image
