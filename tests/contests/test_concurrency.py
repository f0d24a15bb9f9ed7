"""Fifty people sending a 1 MB painting at the same moment: every entry lands, each once."""

import threading
import uuid

import pytest
from django.db import connection, connections
from django.test import Client

from apps.contests.models import Entry
from apps.core.models import Area

from .conftest import entry_data, make_open_contest, noisy_jpeg, upload

PEOPLE = 50
DOUBLE_CLICKS = 10


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_submissions_with_1_mb_pictures_each_land_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need a PostgreSQL DATABASE_URL")
    contest = make_open_contest(slug="dong-thoi")
    category = contest.categories.get(kind="painting")
    area = Area.objects.create(name="Xã Chiềng Đen", name_vi="Xã Chiềng Đen", kind="commune")
    picture = noisy_jpeg(1024 * 1024)
    assert 900_000 < len(picture) < 2_000_000
    tokens = [str(uuid.uuid4()) for _ in range(PEOPLE)]
    # The first ones click twice: both requests race with the same form's token.
    jobs = [(i, tokens[i]) for i in range(PEOPLE)] + [(i, tokens[i]) for i in range(DOUBLE_CLICKS)]
    start = threading.Barrier(len(jobs))
    answers = []
    failures = []

    def person(number, token):
        try:
            data = entry_data(category, area, title=f"Tranh số {number}", token=token)
            data["work"] = upload(f"tranh-{number}.jpg", picture, "image/jpeg")
            client = Client(REMOTE_ADDR=f"10.0.{number // 200}.{number % 200 + 1}")
            start.wait(timeout=60)
            response = client.post(f"/vi/contests/{contest.slug}/submit/", data)
            answers.append((number, response.status_code, response.get("Location")))
        except Exception as error:  # reported below with the number of the person
            failures.append((number, repr(error)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=person, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert failures == []
    assert sorted(status for _n, status, _l in answers) == [302] * len(jobs)
    entries = list(Entry.objects.filter(contest=contest))
    assert len(entries) == PEOPLE
    assert sorted(e.title for e in entries) == sorted(f"Tranh số {i}" for i in range(PEOPLE))
    assert len({e.code for e in entries}) == PEOPLE
    assert len({e.file.name for e in entries}) == PEOPLE
    for entry in entries:
        assert entry.file.storage.exists(entry.file.name)
    # Each double click was sent to the one receipt of its entry.
    receipts = {}
    for number, _status, location in answers:
        receipts.setdefault(number, set()).add(location)
    assert all(len(locations) == 1 for locations in receipts.values())
    # No file of a losing double click was left behind.
    stored = entries[0].file.storage.listdir("contests/entries")[1]
    assert len(stored) == PEOPLE
