"""Open data rebuilt by a real Celery worker on Redis after a change, the previous file served
meanwhile (runs with REDIS_URL and PostgreSQL)."""

import time

import pytest

from apps.commitments.models import Commitment, KeyFeature, Unit
from apps.core import published

URL = "/en/commitments/data.csv"


def body(response):
    return response.getvalue().decode("utf-8-sig")


def wait_for(check, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.worker
def test_a_change_is_published_by_a_real_worker_and_the_previous_file_is_served_meanwhile(
    start_worker, settings, client
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a change sends the rebuild to the worker
    settings.PUBLISH_DEBOUNCE_SECONDS = 3
    commitment = Commitment.objects.create(
        title_vi="Trường học số",
        title_en="Digital schools",
        key_feature=KeyFeature.TECHNOLOGIES,
        unit=Unit.PERCENT,
        baseline_value=40,
        baseline_year=2020,
        target_value=100,
        target_year=2030,
        published=True,
    )
    published.rebuild_stale()
    first = client.get(URL)
    assert first.status_code == 200
    assert "Digital schools" in body(first)
    start_worker()

    commitment.title_en = "Digital schools for every village"
    commitment.save()  # committed at once (transactional_db): the rebuild is sent to the worker

    meanwhile = client.get(URL)
    assert meanwhile.status_code == 200
    assert meanwhile["ETag"] == first["ETag"]
    assert "for every village" not in body(meanwhile)
    assert wait_for(lambda: "for every village" in body(client.get(URL)))
    assert client.get(URL)["ETag"] != first["ETag"]
