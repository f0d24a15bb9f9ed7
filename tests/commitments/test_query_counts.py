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


# The home page's budget grows with the apps that have a home section (one or two queries
# each), never with the data: the same limit holds for 50 commitments or 10,000 figures.
@pytest.mark.parametrize(
    ("url", "limit"),
    [
        ("/en/commitments/", 6),
        ("/vi/commitments/data.csv", 6),
        ("/en/commitments/data.json", 6),
        ("/en/", 11),
    ],
)
def test_pages_use_a_constant_number_of_queries(
    client, lots, url, limit, django_assert_max_num_queries
):
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200


def test_dashboard_with_10000_measurements_shows_the_first_of_each_part(client, lots):
    # Past one page (24), each of the three parts shows its first 8 (tests/commitments/
    # test_dashboard_paging.py has the rest).
    html = client.get("/en/commitments/").content.decode()
    assert "24 of 50 commitments shown." in html
    assert html.count('class="commitment-card"') == 24


def test_detail_uses_a_constant_number_of_queries(client, lots, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        assert client.get("/en/commitments/pledge-7/").status_code == 200


def test_workspace_uses_few_queries(client, lots, official, django_assert_max_num_queries):
    for commitment in lots[:20]:
        commitment.officials.add(official)
    client.force_login(official)
    # 11: the official's own figures (a page of them and their count) take one query.
    with django_assert_max_num_queries(11):
        assert client.get("/en/workspace/commitments/").status_code == 200
