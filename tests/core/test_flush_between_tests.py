"""The flush that ends a transactional test waits for the live server and survives a lost lock:
otherwise a test's rows stay and every later test on the process fails on them."""

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import OperationalError

from tests import conftest


def answering_a_request(seconds, events):
    """A thread that stands for a live-server thread answering a slow request."""
    started = threading.Event()

    def answer():
        request_started.send(sender=None, environ={})
        started.set()
        time.sleep(seconds)
        events.append("request finished")
        request_finished.send(sender=None)

    thread = threading.Thread(target=answer)
    thread.start()
    started.wait(5)
    return thread


@pytest.mark.django_db(transaction=True)
def test_the_flush_waits_for_a_request_the_live_server_is_still_answering():
    get_user_model().objects.create_user("left-behind")
    events = []
    thread = answering_a_request(0.5, events)
    call_command("flush", interactive=False, verbosity=0)
    events.append("flushed")
    thread.join()
    assert events == ["request finished", "flushed"]
    assert not get_user_model().objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_flush_that_loses_a_deadlock_is_tried_again(monkeypatch):
    get_user_model().objects.create_user("left-behind")
    attempts = []
    execute = conftest.execute_sql_flush

    def deadlocked_once(operations, sql_list):
        attempts.append(len(sql_list))
        if len(attempts) == 1:
            raise OperationalError("deadlock detected")
        return execute(operations, sql_list)

    monkeypatch.setattr(conftest, "execute_sql_flush", deadlocked_once)
    call_command("flush", interactive=False, verbosity=0)
    assert len(attempts) == 2
    assert not get_user_model().objects.exists()


def test_a_flush_that_keeps_losing_gives_up_and_says_so(monkeypatch):
    def deadlocked(operations, sql_list):
        raise OperationalError("deadlock detected")

    monkeypatch.setattr(conftest, "execute_sql_flush", deadlocked)
    monkeypatch.setattr(conftest.time, "sleep", lambda seconds: None)
    with pytest.raises(OperationalError):
        conftest.flush_when_idle(None, ["TRUNCATE"])


def test_a_thread_that_died_mid_request_does_not_hold_the_flush():
    thread = threading.Thread(target=lambda: request_started.send(sender=None, environ={}))
    thread.start()
    thread.join()
    assert conftest.live_requests.wait_until_idle(timeout=1)
