"""The status look-up: a code and its contact give the status and nothing else."""

import pytest
from django.test import Client

from apps.contests.models import Entry, Status

from .conftest import entry_data

pytestmark = pytest.mark.django_db

URL = "/en/contests/status/"


@pytest.fixture
def entry(client, contest, categories, commune):
    data = entry_data(categories["poem"], commune, text="Thơ", title="Mưa <b>qua</b>")
    client.post(f"/vi/contests/{contest.slug}/submit/", data)
    return Entry.objects.get()


def ask(client, code, contact, **extra):
    return client.post(URL, {"code": code, "contact": contact}, **extra)


def answer(response):
    """The part of the page that answers, without the form (which shows what was typed)."""
    html = response.content.decode()
    return html.split("</h1>", 1)[1].split("<form", 1)[0]


def test_the_page_is_a_form_in_both_languages(client):
    assert "Status of an entry" in client.get(URL).content.decode()
    assert client.get("/vi/contests/status/").status_code == 200


def test_the_code_and_the_email_give_the_status(client, entry):
    response = ask(client, entry.code, "XUAN@example.org")
    assert response.status_code == 200
    assert "Received" in answer(response)


def test_the_code_and_the_phone_in_another_shape_give_the_status(client, entry):
    code = entry.code.lower().replace("-", " - ")
    assert "Received" in answer(ask(client, code, "0912.345.678"))


def test_the_answer_holds_the_status_and_nothing_else(client, entry):
    text = answer(ask(client, entry.code, "xuan@example.org"))
    for private in ("Lò Thị Xuân", "0912 345 678", "Chiềng Đen", "Mưa", "Thơ"):
        assert private not in text


def test_a_wrong_pair_reads_exactly_like_an_unknown_code(client, entry):
    wrong_contact = answer(ask(client, entry.code, "someone@example.org"))
    unknown_code = answer(ask(client, "SL26-ZZZZZ", "xuan@example.org"))
    assert wrong_contact == unknown_code
    assert "We found no entry" in wrong_contact


def test_a_short_run_of_digits_never_matches_a_phone(client, entry):
    assert "We found no entry" in answer(ask(client, entry.code, "678"))


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (Status.UNDER_REVIEW, "Under review"),
        (Status.SHORTLISTED, "Shortlisted"),
        (Status.AWARDED, "Awarded"),
        (Status.NOT_SELECTED, "Not selected"),
        (Status.DISQUALIFIED, "Not selected"),
    ],
)
def test_each_status_reads_as_a_participant_should_read_it(client, entry, status, shown):
    Entry.objects.filter(pk=entry.pk).update(status=status, disqualification_reason="copied")
    text = answer(ask(client, entry.code, "xuan@example.org"))
    assert shown in text
    assert "copied" not in text


def test_the_look_up_is_throttled_per_address(client, entry, monkeypatch):
    monkeypatch.setattr("apps.contests.services.LOOKUP_LIMIT", 3)
    for _ in range(3):
        ask(client, "SL26-AAAAA", "x@example.org")
    response = ask(client, entry.code, "xuan@example.org")
    assert response.status_code == 429
    assert "Too many look-ups" in response.content.decode()
    assert "Received" not in answer(response)
    assert ask(client, entry.code, "xuan@example.org", REMOTE_ADDR="10.9.9.9").status_code == 200


@pytest.mark.parametrize(
    "values",
    [
        {"code": "", "contact": ""},
        {"code": "A" * 5000, "contact": "x"},
        {"code": "<script>alert(1)</script>", "contact": "<img src=x onerror=alert(1)>"},
        {"code": "SL26-\x00", "contact": "\u202e"},
        {},
    ],
)
def test_bad_input_gets_a_clear_answer_never_an_error(client, entry, values):
    response = client.post(URL, values)
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html


def test_the_look_up_needs_the_csrf_token(entry):
    response = ask(Client(enforce_csrf_checks=True), entry.code, "xuan@example.org")
    assert response.status_code == 403


def test_the_page_is_never_cached(client, entry):
    response = ask(client, entry.code, "xuan@example.org")
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
