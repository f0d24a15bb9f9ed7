from io import StringIO

import pytest
from django.core.management import call_command

from apps.commitments.demo import scale
from apps.commitments.models import Commitment, Measurement, Status

pytestmark = pytest.mark.django_db


def test_demo_loads_the_citys_pledges_once(client):
    call_command("load_demo", stdout=StringIO())
    counts = (Commitment.objects.count(), Measurement.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Commitment.objects.count(), Measurement.objects.count()) == counts
    budget = Commitment.objects.get(slug="ngan-sach-giao-duc")
    assert budget.title_en == "33.7% of the city budget invested in education"
    digital = Commitment.objects.get(slug="truong-hoc-so")
    assert digital.requires_approval
    assert {u.username for u in digital.officials.all()} == {
        "official.chiengden",
        "official.tohieu",
    }
    assert digital.measurements.pending().exists()
    statuses = {c.status() for c in Commitment.objects.with_series()}
    assert {Status.ACHIEVED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK} <= statuses


def test_demo_pages_render(client):
    call_command("load_demo", stdout=StringIO())
    assert client.get("/en/commitments/").status_code == 200
    for commitment in Commitment.objects.all():
        assert client.get(f"/en/commitments/{commitment.slug}/").status_code == 200


def test_scale_adds_synthetic_data_for_the_benchmark():
    call_command("load_demo", stdout=StringIO())
    before = Commitment.objects.count()
    scale(2, StringIO())
    assert Commitment.objects.count() == before + 20
    assert Measurement.objects.filter(commitment__slug="bench-00000").count() == 20
    scale(2, StringIO())
    assert Commitment.objects.count() == before + 20
