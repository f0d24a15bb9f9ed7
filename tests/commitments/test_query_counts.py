"""The dashboard and the open data use the same few queries whatever the amount of data."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.commitments.models import Commitment, KeyFeature, Measurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def lots(official):
    features = list(KeyFeature)
    commitments = Commitment.objects.bulk_create(
        Commitment(
            title=f"Cam kết {n}",
            title_vi=f"Cam kết {n}",
            title_en=f"Pledge {n}",
            slug=f"pledge-{n}",
            key_feature=features[n % 12],
            unit="percent",
            baseline_value=10,
            baseline_year=2020,
            target_value=90,
            target_year=2030,
        )
        for n in range(50)
    )
    now = timezone.now()
    start = datetime.date(2020, 12, 31)
    Measurement.objects.bulk_create(
        Measurement(
            commitment=c,
            valid_on=start + datetime.timedelta(days=9 * step),
            value=Decimal(10 + step // 4),
            recorded_by=official,
            recorded_at=now,
            status="approved",
            approved_at=now,
        )
        for c in commitments
        for step in range(200)
    )
    return commitments


@pytest.mark.parametrize(
    "url", ["/en/commitments/", "/vi/commitments/data.csv", "/en/commitments/data.json", "/en/"]
)
def test_pages_use_a_constant_number_of_queries(client, lots, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200


def test_dashboard_with_10000_measurements_shows_every_commitment(client, lots):
    html = client.get("/en/commitments/").content.decode()
    assert "50 commitments shown." in html
    assert html.count('class="commitment-card"') == 50


def test_detail_uses_a_constant_number_of_queries(client, lots, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        assert client.get("/en/commitments/pledge-7/").status_code == 200


def test_workspace_uses_few_queries(client, lots, official, django_assert_max_num_queries):
    for commitment in lots[:20]:
        commitment.officials.add(official)
    client.force_login(official)
    with django_assert_max_num_queries(10):
        assert client.get("/en/workspace/commitments/").status_code == 200
