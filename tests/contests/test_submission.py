"""Sending a work to an open contest: the entry, its file, its receipt and its e-mail."""

import datetime
import uuid

import pytest
from django.core import mail as django_mail
from django.urls import reverse
from kombu.exceptions import OperationalError

from apps.contests.models import Entry, FileKind, Phase, Status
from apps.core import tasks
from apps.core.models import OutgoingMail

from .conftest import PDF, entry_data, jpeg_bytes, upload, wav_bytes

pytestmark = pytest.mark.django_db


def submit_url(contest, language="vi"):
    return f"/{language}/contests/{contest.slug}/submit/"


def send(client, contest, data, language="vi", **extra):
    return client.post(submit_url(contest, language), data, **extra)


def test_the_form_shows_the_contests_categories_and_a_fresh_token(client, contest):
    response = client.get(submit_url(contest))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tranh vẽ" in html
    assert "Bài hát" in html
    assert "Thơ" in html
    assert 'name="token"' in html
    assert 'name="website"' in html
    english = client.get(submit_url(contest, "en")).content.decode()
    assert "Paintings" in english
    assert "Send your work" in english
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )


def test_a_painting_is_received_with_a_reference_code_and_a_receipt(
    client, contest, categories, commune, django_capture_on_commit_callbacks
):
    data = entry_data(categories["painting"], commune, token=str(uuid.uuid4()))
    data["work"] = upload("tranh.jpg", jpeg_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, contest, data)
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "contests:receipt", args=[contest.slug, entry.submission_token.hex]
    )
    assert entry.code.startswith("SL26-")
    assert len(entry.code) == 10
    assert not set(entry.code[5:]) & set("01OI")
    assert (entry.status, entry.file_kind, entry.file_type) == (
        Status.RECEIVED,
        FileKind.IMAGE,
        "image/jpeg",
    )
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert entry.code in html
    assert "Bản em sau cơn bão" in html
    assert "xuan@example.org" not in html
    assert "0912 345 678" not in html
    assert "no-store" in receipt["Cache-Control"] or "no-cache" in receipt["Cache-Control"]
    assert len(django_mail.outbox) == 1
    message = django_mail.outbox[0]
    assert message.to == ["xuan@example.org"]
    assert entry.code in message.subject
    assert entry.code in message.body


def test_the_receipt_is_in_english_for_an_english_form(client, contest, categories, commune):
    data = entry_data(categories["poem"], commune, text="Mưa qua rồi\nbản lại xanh")
    response = send(client, contest, data, language="en")
    entry = Entry.objects.get()
    receipt = client.get(response["Location"].replace("/vi/", "/en/"))
    assert "Your work is received" in receipt.content.decode()
    assert entry.language == "en"
    assert OutgoingMail.objects.get().subject.startswith("Your entry")


def test_the_receipt_of_an_unknown_token_is_not_found(client, contest):
    assert client.get(f"/vi/contests/{contest.slug}/receipt/{uuid.uuid4().hex}/").status_code == 404
    assert client.get(f"/vi/contests/{contest.slug}/receipt/not-a-token/").status_code == 404


def test_the_file_is_stored_privately_under_a_random_name(
    client, contest, categories, commune, settings
):
    data = entry_data(categories["painting"], commune)
    data["work"] = upload("Tranh của em.jpg", jpeg_bytes())
    send(client, contest, data)
    entry = Entry.objects.get()
    assert entry.file.name.startswith("contests/entries/")
    assert entry.file.name.endswith(".jpg")
    assert "Tranh" not in entry.file.name
    assert entry.file_name == "Tranh của em.jpg"
    path = entry.file.path
    assert str(settings.MEDIA_ROOT) not in path
    with open(path, "rb") as stored:
        assert stored.read(3) == b"\xff\xd8\xff"


def test_a_song_a_pdf_poem_and_a_typed_poem_are_accepted(client, contest, categories, commune):
    song = entry_data(categories["song"], commune, title="Bài ca bản em")
    song["work"] = upload("bai-hat.wav", wav_bytes())
    pdf = entry_data(categories["poem"], commune, title="Thơ PDF")
    pdf["work"] = upload("tho.pdf", PDF)
    typed = entry_data(categories["poem"], commune, title="Thơ gõ", text="Sáng nay em đến\n")
    for data in (song, pdf, typed):
        assert send(client, contest, data).status_code == 302
    kinds = dict(Entry.objects.values_list("title", "file_kind"))
    assert kinds == {"Bài ca bản em": "audio", "Thơ PDF": "pdf", "Thơ gõ": "text"}
    assert Entry.objects.get(title="Thơ gõ").file.name == ""


def test_a_text_file_poem_is_kept_as_text_not_as_a_file(client, contest, categories, commune):
    data = entry_data(categories["poem"], commune)
    data["work"] = upload("tho.txt", "Mưa qua rồi, bản lại xanh.\n".encode())
    assert send(client, contest, data).status_code == 302
    entry = Entry.objects.get()
    assert (entry.file.name, entry.text, entry.file_kind) == (
        "",
        "Mưa qua rồi, bản lại xanh.",
        "text",
    )


def test_a_double_click_makes_one_entry(client, contest, categories, commune):
    token = str(uuid.uuid4())
    data = entry_data(categories["poem"], commune, text="Một bài thơ", token=token)
    first = send(client, contest, data)
    second = send(client, contest, data)
    assert Entry.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert OutgoingMail.objects.count() == 1


def test_each_new_form_makes_its_own_entry(client, contest, categories, commune):
    for _ in range(2):
        data = entry_data(categories["poem"], commune, text="Thơ", token=str(uuid.uuid4()))
        send(client, contest, data)
    assert Entry.objects.count() == 2
    assert len(set(Entry.objects.values_list("code", flat=True))) == 2


def test_a_damaged_token_only_loses_the_double_click_protection(
    client, contest, categories, commune
):
    data = entry_data(categories["poem"], commune, text="Thơ", token="<script>")
    assert send(client, contest, data).status_code == 302
    assert Entry.objects.count() == 1


def test_the_form_is_closed_after_the_closing_time(client, contest, categories, commune):
    contest.closes_at = contest.opens_at + datetime.timedelta(days=1)
    contest.save()
    page = client.get(submit_url(contest))
    assert "takes no more entries" in client.get(submit_url(contest, "en")).content.decode()
    assert 'type="file"' not in page.content.decode()
    data = entry_data(categories["poem"], commune, text="Gửi muộn một phút")
    response = send(client, contest, data)
    assert response.status_code == 403
    html = response.content.decode()
    assert "không nhận thêm" in html or "takes no more entries" in html
    assert "Gửi muộn một phút" in html  # shown back so that nothing typed is lost
    assert Entry.objects.count() == 0


@pytest.mark.parametrize("phase", [Phase.JUDGING, Phase.ANNOUNCED])
def test_the_form_is_closed_outside_the_open_phase(client, contest, categories, commune, phase):
    contest.phase = phase
    contest.save()
    response = send(client, contest, entry_data(categories["poem"], commune, text="Thơ"))
    assert response.status_code == 403
    assert Entry.objects.count() == 0


def test_a_draft_contest_has_no_form(client, contest):
    contest.phase = Phase.DRAFT
    contest.save()
    assert client.get(submit_url(contest)).status_code == 404


def test_a_robot_filling_the_trap_is_refused_with_everything_kept(
    client, contest, categories, commune
):
    data = entry_data(categories["poem"], commune, text="Thơ", website="http://spam.example")
    response = send(client, contest, data)
    assert response.status_code == 400
    assert "Lò Thị Xuân" in response.content.decode()
    assert Entry.objects.count() == 0


def test_the_address_limit_refuses_with_everything_kept(
    client, contest, categories, commune, monkeypatch
):
    monkeypatch.setattr("apps.contests.services.ADDRESS_LIMIT", 2)
    for _ in range(2):
        send(client, contest, entry_data(categories["poem"], commune, text="Thơ"))
    data = entry_data(categories["poem"], commune, text="Bài thơ thứ ba", title="Thứ ba")
    response = send(client, contest, data)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Bài thơ thứ ba" in html
    assert "Thứ ba" in html
    assert Entry.objects.count() == 2
    other = send(client, contest, data, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_a_pupil_needs_a_guardian_and_everyone_a_contact(client, contest, categories, commune):
    data = entry_data(
        categories["poem"],
        commune,
        text="Thơ",
        guardian_name="",
        contact_phone="",
        contact_email="",
    )
    response = send(client, contest, data, language="en")
    html = response.content.decode()
    assert response.status_code == 400
    assert "parent or guardian" in html
    assert "Give a phone number or an e-mail address" in html
    assert Entry.objects.count() == 0


def test_an_adult_needs_no_guardian(client, contest, categories, commune):
    data = entry_data(categories["poem"], commune, text="Thơ", age_group="adult", guardian_name="")
    assert send(client, contest, data).status_code == 302


def test_a_broker_outage_still_saves_the_entry_and_shows_the_receipt(
    client, contest, categories, commune, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_outgoing_mail, "apply_async", broker_down)
    data = entry_data(categories["painting"], commune)
    data["work"] = upload("tranh.jpg", jpeg_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, contest, data)
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert entry.code in client.get(response["Location"]).content.decode()
    row = OutgoingMail.objects.get()
    assert row.sent_at is None
    assert row.recipient == "xuan@example.org"
    assert django_mail.outbox == []


def test_a_failing_mail_server_still_saves_the_entry(
    client, contest, categories, commune, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.contests.test_submission.BrokenBackend"
    data = entry_data(categories["poem"], commune, text="Thơ")
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, contest, data)
    assert response.status_code == 302
    assert Entry.objects.count() == 1
    assert OutgoingMail.objects.get().sent_at is None


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")


def test_a_paintings_gps_position_and_camera_never_reach_the_stored_file(
    client, contest, categories, commune
):
    import io

    from PIL import Image

    from apps.core.images import has_metadata

    exif = Image.Exif()
    exif[0x010F] = "Phone maker"  # camera make
    exif[0x8825] = {1: "N", 2: (21.0, 19.0, 30.0), 3: "E", 4: (103.0, 54.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 60, 30)).save(buffer, "JPEG", exif=exif)
    assert has_metadata(buffer.getvalue())
    data = entry_data(categories["painting"], commune)
    data["work"] = upload("tranh.jpg", buffer.getvalue(), "image/jpeg")
    assert send(client, contest, data).status_code == 302
    with Entry.objects.get().file.open("rb") as stored:
        assert not has_metadata(stored.read())


def test_a_twin_request_gets_the_entry_its_twin_saved_after_its_first_look(
    contest, categories, commune, monkeypatch
):
    """A double click whose second request looked for its token just before the first one
    committed: it must find the entry afterwards, never save a second one under a new token."""
    from apps.contests import services

    data = {
        "category": categories["poem"],
        "author_name": "Lò Thị Xuân",
        "area": commune,
        "title": "Mưa rừng",
        "text": "Mưa rừng qua bản",
        "contact_email": "xuan@example.org",
    }
    token = uuid.uuid4()
    first, created = services.submit_entry(contest, data, None, "10.0.0.1", token)
    assert created
    looked = []
    real = services._by_token

    def before_the_twin_committed(contest, token):
        looked.append(token)
        return None if len(looked) == 1 else real(contest, token)

    monkeypatch.setattr(services, "_by_token", before_the_twin_committed)
    second, created = services.submit_entry(contest, data, None, "10.0.0.1", token)
    assert looked  # the first look saw nothing, as it would in the race
    assert (second, created) == (first, False)
    assert Entry.objects.count() == 1
    assert OutgoingMail.objects.count() == 1
