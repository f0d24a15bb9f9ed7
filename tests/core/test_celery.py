"""Background tasks: eager by default, and through a real worker on Redis when REDIS_URL is set."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from apps.core.tasks import clear_expired_sessions
from learningcity.celery import app


def make_sessions():
    now = timezone.now()
    Session.objects.create(session_key="old", session_data="x", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="new", session_data="x", expire_date=now + timedelta(days=1))


@pytest.mark.django_db
def test_clearing_sessions_runs_in_process_without_a_broker():
    make_sessions()
    assert clear_expired_sessions.delay().get() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new"]


def test_reliable_task_defaults():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_time_limit
    assert app.conf.task_soft_time_limit
    assert "clear-expired-sessions" in app.conf.beat_schedule


@pytest.mark.worker
def test_a_real_worker_runs_the_task_on_redis(worker):
    make_sessions()
    result = clear_expired_sessions.delay()
    assert result.get(timeout=30) == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new"]
