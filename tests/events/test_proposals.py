"""The call for events: a proposal sent, kept private, reviewed by the area's officials."""

import datetime

import pytest
from django.core import mail
from django.test import Client

from apps.core import pagecache
from apps.core.localtime import local_today
from apps.core.models import OutgoingMail
from apps.events.models import Event, EventProposal, Programme

pytestmark = pytest.mark.django_db

TODAY = local_today()
FIRST_DAY = TODAY + datetime.timedelta(days=40)

GOOD = {
    "title": "Đọc sách cùng con",
    "description": "Cha mẹ và các con cùng đọc truyện cổ tích Thái.",
    "category": "reading",
    "starts_on": FIRST_DAY.isoformat(),
    "start_time": "08:00",
    "end_time": "10:30",
    "ends_on": "",
    "place": "Nhà văn hóa bản Co Phương",
    "organiser": "Chi hội phụ nữ bản Co Phương",
    "contact_name": "Lò Thị Mai",
    "contact_phone": "0912 345 678",
    "contact_email": "mai@example.org",
}


@pytest.fixture
def open_programme(db):
    return Programme.objects.create(
        name="Tuần lễ học tập suốt đời 2026",
        name_vi="Tuần lễ học tập suốt đời 2026",
        name_en="Lifelong Learning Week 2026",
        starts_on=FIRST_DAY,
        ends_on=FIRST_DAY + datetime.timedelta(days=6),
        call_open_from=TODAY - datetime.timedelta(days=10),
        call_open_until=TODAY + datetime.timedelta(days=20),
    )


def url(programme, lang="vi"):
    return f"/{lang}/programmes/{programme.slug}/propose/"


def post(client, programme, lang="vi", **changes):
    return client.post(url(programme, lang), {**GOOD, "area": programme._area.pk, **changes})


@pytest.fixture
def programme_in(open_programme, commune):
    open_programme._area = commune
    return open_programme


@pytest.fixture
def proposal(client, programme_in, official):
    assert post(client, programme_in).status_code == 302
    return EventProposal.objects.get()


def test_a_proposal_is_stored_privately_and_the_proposer_thanked(client, programme_in, official):
    response = post(client, programme_in)
    assert response.status_code == 302
    assert response["Location"] == f"/vi/programmes/{programme_in.slug}/propose/sent/"
    proposal = EventProposal.objects.get()
    assert (proposal.programme, proposal.area, proposal.status) == (
        programme_in,
        programme_in._area,
        EventProposal.Status.PENDING,
    )
    assert proposal.language == "vi"
    assert proposal.local_start.hour == 8
    assert proposal.local_end.minute == 30
    assert not proposal.all_day
    page = client.get(response["Location"]).content.decode()
    assert "Đề xuất của bạn đã được gửi" in page


def test_the_thank_you_page_reads_in_english(client, programme_in, official):
    response = post(client, programme_in, "en")
    page = client.get(response["Location"]).content.decode()
    assert "Your proposal is sent" in page
    assert EventProposal.objects.get().language == "en"


def test_an_event_without_times_lasts_all_day(client, programme_in, official):
    last = (FIRST_DAY + datetime.timedelta(days=2)).isoformat()
    post(client, programme_in, start_time="", end_time="", ends_on=last)
    proposal = EventProposal.objects.get()
    assert proposal.all_day
    assert proposal.local_start.date() == FIRST_DAY
    assert proposal.local_end.date().isoformat() == last


def test_the_areas_officials_are_told_after_the_commit_without_the_contact(
    client, programme_in, official, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client, programme_in)
    row = OutgoingMail.objects.get()
    assert row.recipient == official.email
    assert row.sent_at is None
    assert mail.outbox == []
    assert "Đọc sách cùng con" in row.body
    assert "/workspace/events/proposals/" in row.body
    assert "0912 345 678" not in row.body
    assert "mai@example.org" not in row.body
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [[official.email]]


def test_a_proposal_is_nowhere_public(client, programme_in, proposal, event):
    pages = [
        f"/vi/programmes/{programme_in.slug}/",
        f"/en/programmes/{programme_in.slug}/",
        "/vi/events/",
        "/en/events/",
        "/sitemap.xml",
        "/vi/events/calendar.ics",
        "/en/events/feed.atom",
        "/vi/search/?q=doc+sach+cung+con",
    ]
    for path in pages:
        response = client.get(path)
        body = b"".join(response) if response.streaming else response.content
        text = body.decode()
        assert response.status_code == 200, path
        assert "Đọc sách cùng con" not in text, path
        assert "mai@example.org" not in text, path
        assert "0912 345 678" not in text, path


def test_the_programme_page_links_to_the_open_call(client, programme_in):
    for lang in ("vi", "en"):
        html = client.get(f"/{lang}/programmes/{programme_in.slug}/").content.decode()
        assert f"/{lang}/programmes/{programme_in.slug}/propose/" in html


def test_the_areas_official_accepts_and_the_event_joins_the_programme(
    client, programme_in, proposal, official
):
    client.force_login(official)
    page = client.get(f"/en/workspace/events/proposals/{proposal.pk}/").content.decode()
    assert "mai@example.org" in page
    assert "0912 345 678" in page
    response = client.post(f"/en/workspace/events/proposals/{proposal.pk}/accept/")
    proposal.refresh_from_db()
    event = proposal.event
    assert response.status_code == 302
    assert response["Location"] == f"/en/workspace/events/{event.slug}/"
    assert proposal.status == EventProposal.Status.ACCEPTED
    assert proposal.reviewer == official
    assert (event.programme, event.area, event.is_published) == (programme_in, proposal.area, False)
    assert event.title_vi == "Đọc sách cùng con"
    assert not event.title_en
    assert event.changes.filter(user=official).exists()
    # Editable first: nobody sees it until it is published.
    anonymous = Client()
    assert (
        "Đọc sách cùng con"
        not in anonymous.get(f"/vi/programmes/{programme_in.slug}/").content.decode()
    )
    assert anonymous.get(f"/vi/events/{event.slug}/").status_code == 404
    Event.objects.filter(pk=event.pk).update(title_en="Reading with our children")
    event.refresh_from_db()
    event.is_published = True
    event.save()
    html = anonymous.get(f"/en/programmes/{programme_in.slug}/").content.decode()
    assert "Reading with our children" in html
    assert "mai@example.org" not in html


def test_an_official_of_another_area_can_neither_read_nor_decide(
    client, programme_in, proposal, make_user, other_ward
):
    other = make_user("other", "officials", areas=[other_ward])
    client.force_login(other)
    response = client.get(f"/en/workspace/events/proposals/{proposal.pk}/")
    assert response.status_code == 403
    assert "mai@example.org" not in response.content.decode()
    for decision in ("accept", "changes", "decline"):
        response = client.post(
            f"/en/workspace/events/proposals/{proposal.pk}/{decision}/", {"reason": "Không"}
        )
        assert response.status_code == 403
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reviewer, proposal.event) == ("pending", None, None)
    assert not Event.objects.exists()
    html = client.get("/en/workspace/events/proposals/").content.decode()
    assert "Đọc sách cùng con" not in html


def test_staff_review_every_proposal(client, programme_in, proposal, staff_user):
    client.force_login(staff_user)
    response = client.post(
        f"/vi/workspace/events/proposals/{proposal.pk}/decline/", {"reason": "Trùng lịch."}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reason) == ("declined", "Trùng lịch.")


def test_a_decline_without_a_reason_is_refused_and_nothing_changes(
    client, programme_in, proposal, official
):
    client.force_login(official)
    for decision in ("decline", "changes"):
        response = client.post(
            f"/en/workspace/events/proposals/{proposal.pk}/{decision}/", {"reason": "   "}
        )
        assert response.status_code == 400
        assert "Say why" in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reviewer) == ("pending", None)


def test_an_unknown_decision_is_a_404(client, programme_in, proposal, official):
    client.force_login(official)
    response = client.post(f"/en/workspace/events/proposals/{proposal.pk}/publish/")
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == "pending"


def test_a_decided_proposal_is_not_decided_twice(client, programme_in, proposal, official):
    client.force_login(official)
    client.post(f"/en/workspace/events/proposals/{proposal.pk}/accept/")
    response = client.post(
        f"/en/workspace/events/proposals/{proposal.pk}/decline/", {"reason": "Oops"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert Event.objects.filter(programme=programme_in).count() == 1


@pytest.mark.parametrize(
    ("lang", "decision", "words"),
    [
        ("vi", "accept", "được chấp nhận"),
        ("en", "accept", "is accepted"),
        ("vi", "changes", "Cần sửa"),
        ("en", "changes", "ask for some changes"),
        ("vi", "decline", "Rất tiếc"),
        ("en", "decline", "We are sorry"),
    ],
)
def test_each_decision_is_mailed_in_the_proposers_language(
    client, programme_in, official, lang, decision, words, django_capture_on_commit_callbacks
):
    # The official reads the workspace in the other language: the mail follows the proposer.
    post(client, programme_in, lang, title="Hát dân ca Thái" if lang == "vi" else "Thai songs")
    proposal = EventProposal.objects.get()
    client.force_login(official)
    mail.outbox.clear()
    other = "en" if lang == "vi" else "vi"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/{other}/workspace/events/proposals/{proposal.pk}/{decision}/",
            {"reason": "Xin ghi rõ giờ kết thúc / Please say when it ends."},
        )
    sent = [m for m in mail.outbox if m.to == ["mai@example.org"]]
    assert len(sent) == 1
    message = sent[0]
    assert words in message.subject + message.body
    assert message.extra_headers["Content-Language"] == lang
    if decision != "accept":
        assert "Please say when it ends." in message.body
    if decision == "changes":
        assert f"/{lang}/programmes/{programme_in.slug}/propose/" in message.body


def test_a_proposer_without_an_email_gets_no_mail(
    client, programme_in, official, django_capture_on_commit_callbacks
):
    post(client, programme_in, contact_email="")
    proposal = EventProposal.objects.get()
    client.force_login(official)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/workspace/events/proposals/{proposal.pk}/accept/")
    assert mail.outbox == []


def test_an_english_proposal_becomes_an_english_event_marked_in_vietnamese(
    client, programme_in, official
):
    post(client, programme_in, "en", title="Thai songs for children")
    proposal = EventProposal.objects.get()
    client.force_login(official)
    client.post(f"/vi/workspace/events/proposals/{proposal.pk}/accept/")
    event = Event.objects.get(proposal=proposal)
    assert event.title_en == "Thai songs for children"
    assert not event.title_vi
    assert event.description_en == GOOD["description"]
    event.is_published = True
    event.save()
    html = Client().get(f"/vi/events/{event.slug}/").content.decode()
    assert "Thai songs for children" in html
    assert "chưa được dịch" in html


def test_the_form_takes_few_queries(client, programme_in, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert client.get(url(programme_in, "en")).status_code == 200


def test_proposals_and_their_unpublished_events_never_make_public_pages_stale(
    client, programme_in, official, django_capture_on_commit_callbacks
):
    version = pagecache.current_version()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, programme_in)
        proposal = EventProposal.objects.get()
        client.force_login(official)
        client.post(f"/en/workspace/events/proposals/{proposal.pk}/accept/")
    assert Event.objects.filter(proposal=proposal, is_published=False).exists()
    assert pagecache.current_version() == version
