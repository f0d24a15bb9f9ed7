"""The outbox through a real Celery worker on Redis (runs with REDIS_URL and PostgreSQL)."""

import time

import pytest

from apps.core.models import OutgoingMail
from apps.core.tasks import send_outgoing_mail, sweep_outgoing_mail


def wait_for(check, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.worker
def test_a_real_worker_sends_a_row_once_even_when_the_task_is_sent_twice(worker):
    row = OutgoingMail.objects.create(
        recipient="official@example.org", language="en", subject="Test", body="Hello\n"
    )
    send_outgoing_mail.delay(row.pk)
    send_outgoing_mail.delay(row.pk)
    assert wait_for(lambda: OutgoingMail.objects.get(pk=row.pk).sent_at is not None)
    assert sweep_outgoing_mail.delay().get(timeout=30) == 0
    row.refresh_from_db()
    assert row.attempts == 1
