"""The outbox: an e-mail is saved with its change, sent after the commit, never lost."""

import datetime
import smtplib

import pytest
from django.contrib.auth.signals import user_logged_in
from django.core import mail as django_mail
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone
from kombu.exceptions import OperationalError

from apps.core import mail, tasks
from apps.core.models import OutgoingMail, Profile

pytestmark = pytest.mark.django_db

# A template of the portal's own, so these tests do not depend on any app's messages.
NAME = "measurement_waiting"


@pytest.fixture
def person(make_user):
    user = make_user("recipient", first_name="Lò Thị", last_name="Hoa")
    return user


@pytest.fixture
def message_context(commitment_figure):
    return {"measurement": commitment_figure}


@pytest.fixture
def commitment_figure(make_user):
    """A pending figure, the context the measurement messages need (no e-mail sent for it)."""
    from decimal import Decimal

    from apps.commitments.models import Commitment, Measurement

    recorder = make_user("recorder")
    commitment = Commitment.objects.create(
        title="Trường học số",
        title_vi="Trường học số",
        title_en="Digital schools",
        unit="percent",
        baseline_value=Decimal(40),
        baseline_year=2020,
        target_value=Decimal(100),
        target_year=2030,
    )
    return Measurement.objects.create(
        commitment=commitment,
        value=Decimal("83.5"),
        valid_on=datetime.date(2025, 6, 30),
        recorded_by=recorder,
        status=Measurement.State.PENDING,
    )


def age(row, minutes):
    OutgoingMail.objects.filter(pk=row.pk).update(
        created=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_the_mail_is_saved_at_once_but_sent_only_when_the_transaction_commits(
    person, message_context, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        row = mail.queue_to_user(person, NAME, message_context)
        assert OutgoingMail.objects.filter(pk=row.pk, sent_at__isnull=True).exists()
        assert django_mail.outbox == []
    assert len(callbacks) == 1
    assert len(django_mail.outbox) == 1
    assert django_mail.outbox[0].to == ["recipient@example.org"]
    row.refresh_from_db()
    assert row.sent_at is not None
    assert row.attempts == 1


def test_a_rolled_back_change_leaves_neither_row_nor_mail(
    person, message_context, django_capture_on_commit_callbacks
):
    def change_that_fails():
        with transaction.atomic():
            mail.queue_to_user(person, NAME, message_context)
            raise RuntimeError("the change failed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        change_that_fails()
    assert callbacks == []
    assert not OutgoingMail.objects.exists()
    assert django_mail.outbox == []


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("vi", ["Kính gửi Lò Thị Hoa", "83,5%", "/vi/workspace/commitments/"]),
        ("en", ["Hello Lò Thị Hoa", "83.5%", "/en/workspace/commitments/"]),
    ],
)
def test_the_mail_is_written_in_the_recipients_language_with_an_absolute_link(
    person, message_context, settings, language, words, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://hoctap.sonla.example/"
    Profile.objects.filter(user=person).update(language=language)
    person.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        row = mail.queue_to_user(person, NAME, message_context)
    sent = django_mail.outbox[0]
    assert row.language == language
    assert sent.extra_headers["Content-Language"] == language
    for word in words:
        assert word in sent.body
    assert "https://hoctap.sonla.example/" + words[2].lstrip("/") in sent.body
    title = "Trường học số" if language == "vi" else "Digital schools"
    assert title in sent.subject
    assert "\n" not in sent.subject


def test_someone_without_a_profile_or_an_address_is_handled(make_user, message_context):
    from django.contrib.auth import get_user_model

    bare = get_user_model().objects.create_user("bare", email="bare@example.org")
    assert mail.language_of(bare) == "vi"
    silent = make_user("silent")
    silent.email = ""
    assert mail.queue_to_user(silent, NAME, message_context) is None


def test_typed_text_is_not_html_escaped_in_a_plain_text_mail(person, commitment_figure):
    commitment_figure.commitment.title_en = "Schools & <libraries>"
    Profile.objects.filter(user=person).update(language="en")
    person.refresh_from_db()
    row = mail.queue_to_user(person, NAME, {"measurement": commitment_figure})
    assert "Schools & <libraries>" in row.body
    assert "&amp;" not in row.body + row.subject


def test_a_broker_outage_leaves_the_row_unsent_and_the_sweep_sends_it_later(
    person, message_context, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(tasks.send_outgoing_mail, "apply_async", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            row = mail.queue_to_user(person, NAME, message_context)
        assert "broker unavailable" in caplog.text
        assert mail.sweep() == 0  # still down, and too recent anyway
    row.refresh_from_db()
    assert (row.sent_at, row.attempts, django_mail.outbox) == (None, 0, [])

    assert mail.sweep() == 0  # the broker is back, but the row is under a minute old
    age(row, 2)
    assert tasks.sweep_outgoing_mail.delay().get() == 1
    row.refresh_from_db()
    assert row.sent_at is not None
    assert len(django_mail.outbox) == 1
    assert mail.sweep() == 0  # sent once, never again


def test_a_task_run_twice_sends_once(person, message_context):
    row = mail.queue_to_user(person, NAME, message_context)
    assert tasks.send_outgoing_mail.delay(row.pk).get() is True
    assert tasks.send_outgoing_mail.delay(row.pk).get() is False
    assert len(django_mail.outbox) == 1
    row.refresh_from_db()
    assert row.attempts == 1


def test_a_row_claimed_by_another_worker_is_left_to_it(person, message_context):
    row = mail.queue_to_user(person, NAME, message_context)
    # Another worker claimed it a moment ago (the conditional UPDATE of deliver()).
    OutgoingMail.objects.filter(pk=row.pk).update(
        locked_until=timezone.now() + mail.SENDING_TIME, attempts=1
    )
    assert mail.deliver(row.pk) is False
    age(row, 5)
    assert mail.sweep() == 0
    assert django_mail.outbox == []
    # That worker died: once its claim runs out, the sweep sends the row.
    OutgoingMail.objects.filter(pk=row.pk).update(locked_until=timezone.now())
    assert mail.sweep() == 1
    assert len(django_mail.outbox) == 1


def test_a_failing_mail_server_is_recorded_and_tried_again_later(
    person, message_context, monkeypatch
):
    row = mail.queue_to_user(person, NAME, message_context)

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
        assert mail.deliver(row.pk) is False
    row.refresh_from_db()
    assert row.sent_at is None
    assert row.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert row.locked_until > timezone.now()  # it waits before the next attempt
    age(row, 5)
    assert mail.sweep() == 0
    OutgoingMail.objects.filter(pk=row.pk).update(locked_until=timezone.now())
    assert mail.sweep() == 1
    assert len(django_mail.outbox) == 1


def test_after_the_last_attempt_a_row_is_left_for_a_person_to_look_at(person, message_context):
    row = mail.queue_to_user(person, NAME, message_context)
    OutgoingMail.objects.filter(pk=row.pk).update(attempts=mail.MAX_ATTEMPTS)
    age(row, 5)
    assert mail.sweep() == 0
    assert mail.deliver(row.pk) is False
    assert django_mail.outbox == []


def test_signing_in_from_an_english_page_makes_the_mails_english(person):
    request = RequestFactory().get("/en/accounts/login/")
    request.LANGUAGE_CODE = "en"
    user_logged_in.send(sender=type(person), request=request, user=person)
    assert Profile.objects.get(user=person).language == "en"
    request.LANGUAGE_CODE = "xx"  # not a language of the portal: nothing changes
    user_logged_in.send(sender=type(person), request=request, user=person)
    assert Profile.objects.get(user=person).language == "en"


def test_the_sweep_runs_every_minute_on_celery_beat():
    from learningcity.celery import app

    schedule = app.conf.beat_schedule["sweep-outgoing-mail"]
    assert schedule["task"] == "apps.core.tasks.sweep_outgoing_mail"
    assert schedule["schedule"] <= 60
