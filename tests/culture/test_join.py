import pytest
from django.core import mail
from django.test import Client

from apps.core.models import OutgoingMail, RateEvent
from apps.culture.models import JoinRequest
from apps.culture.services import ADDRESS_LIMIT

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Cầm Thị Ngọc",
    "phone": "0912 345 678",
    "email": "",
    "message": "Em muốn học chữ Thái.",
}


def join_url(club, lang="vi"):
    return f"/{lang}/clubs/{club.slug}/join/"


def post(client, club, lang="vi", **changes):
    return client.post(join_url(club, lang), {**GOOD, **changes})


def test_a_join_request_is_stored_and_the_person_sees_a_confirmation(client, club, official):
    response = post(client, club)
    assert response.status_code == 302
    assert response["Location"] == f"/vi/clubs/{club.slug}/join/sent/"
    join = JoinRequest.objects.get()
    assert (join.club, join.name, join.phone, join.handled) == (
        club,
        "Cầm Thị Ngọc",
        GOOD["phone"],
        False,
    )
    assert join.language == "vi"
    page = client.get(response["Location"]).content.decode()
    assert "Yêu cầu của bạn đã được gửi" in page
    assert club.name_vi in page


def test_the_confirmation_reads_in_english_too(client, club, official):
    response = post(client, club, "en")
    page = client.get(response["Location"]).content.decode()
    assert "Your request is sent" in page


def test_the_clubs_officials_are_emailed_after_the_request_is_saved(
    client, club, official, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client, club)
    # Written in the same transaction as the request, sent only once it is committed.
    row = OutgoingMail.objects.get()
    assert row.recipient == official.email
    assert row.sent_at is None
    assert mail.outbox == []
    assert "Cầm Thị Ngọc" in row.body
    assert f"/clubs/{club.slug}/requests/" in row.body
    assert GOOD["phone"] not in row.body  # the contact stays behind the sign-in
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [[official.email]]
    row.refresh_from_db()
    assert row.sent_at is not None


def test_named_officials_are_told_instead_of_the_whole_commune(
    client, club, official, make_user, django_capture_on_commit_callbacks
):
    named = make_user("named", "officials")
    club.officials.add(named)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, club)
    assert [message.to for message in mail.outbox] == [[named.email]]


def _refused(response, status, *fields):
    """Refused with ``status``, each field in ``fields`` marked, and what was typed kept."""
    html = response.content.decode()
    assert response.status_code == status
    for field in fields:
        assert f'name="{field}"' in html
        assert 'aria-invalid="true"' in html
    assert JoinRequest.objects.count() == 0
    assert OutgoingMail.objects.count() == 0
    return html


@pytest.mark.parametrize(
    ("lang", "changes", "field", "message"),
    [
        ("vi", {"message": ""}, "message", "Trường này là bắt buộc."),
        ("en", {"message": "   "}, "message", "This field is required."),
        ("en", {"message": "m" * 5000}, "message", "at most 1000 characters"),
        ("vi", {"phone": "abc"}, "phone", "Nhập số điện thoại từ 9 đến 12 chữ số"),
        ("en", {"phone": "12"}, "phone", "Enter a phone number of 9 to 12 digits"),
        ("en", {"phone": "", "email": "not-an-email"}, "email", "Enter a valid email address."),
        (
            "vi",
            {"phone": "", "email": ""},
            "phone",
            "Hãy cho biết số điện thoại hoặc địa chỉ thư điện tử",
        ),
        ("en", {"name": ""}, "name", "This field is required."),
        ("en", {"name": "n" * 101}, "name", "at most 100 characters"),
        ("en", {"name": "Ngọc\u202e"}, "name", "invisible control characters"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_typed_is_lost(
    client, club, official, lang, changes, field, message
):
    response = post(client, club, lang, **changes)
    html = _refused(response, 400, field)
    assert message in html
    kept = {**GOOD, **changes}
    for name in ("name", "phone", "email"):
        if kept[name] and len(kept[name]) < 200 and "\u202e" not in kept[name]:
            assert f'value="{kept[name]}"' in html
    if kept["message"].strip():
        assert kept["message"] in html


def test_html_in_the_form_is_shown_back_escaped(client, club, official):
    response = post(client, club, "en", name="<script>alert(1)</script>", phone="x<b>")
    html = _refused(response, 400, "phone")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_html_in_a_stored_request_is_escaped_for_the_official(client, club, official):
    post(client, club, name="<b>Ngọc</b>", message="<script>alert(1)</script>")
    client.force_login(official)
    html = client.get(f"/vi/workspace/clubs/{club.slug}/requests/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;b&gt;Ngọc&lt;/b&gt;" in html


def test_a_filled_honeypot_is_refused_and_keeps_the_message(client, club, official):
    response = post(client, club, "en", website="http://spam.example")
    html = _refused(response, 400)
    assert "Leave the field" in html
    assert GOOD["message"] in html


def test_requests_beyond_the_limit_from_one_address_are_refused_with_429(client, club, official):
    for i in range(ADDRESS_LIMIT):
        assert post(client, club, phone=f"0912 345 {600 + i}").status_code == 302
    response = post(client, club, "en", phone="0912 345 699", message="One more time")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many join requests" in html
    assert "One more time" in html
    assert 'value="0912 345 699"' in html
    assert JoinRequest.objects.count() == ADDRESS_LIMIT


def test_the_same_contact_cannot_flood_one_club(client, club, official):
    assert post(client, club).status_code == 302
    assert post(client, club).status_code == 302
    response = post(client, club)
    assert response.status_code == 429
    assert "Quá nhiều yêu cầu" in response.content.decode()
    assert JoinRequest.objects.count() == 2


def test_a_refused_form_does_not_count_against_the_limit(client, club, official):
    post(client, club, message="")
    assert RateEvent.objects.count() == 0


def test_a_post_without_csrf_is_refused(club, official):
    client = Client(enforce_csrf_checks=True)
    response = client.post(join_url(club, "en"), GOOD)
    assert response.status_code == 403
    assert JoinRequest.objects.count() == 0


def test_the_join_page_is_never_cached_for_others(client, club):
    response = client.get(join_url(club))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_the_service_refuses_a_request_to_an_unpublished_club(make_club):
    from django.core.exceptions import PermissionDenied

    from apps.culture.services import request_to_join

    hidden = make_club("CLB ẩn", is_published=False)
    with pytest.raises(PermissionDenied):
        request_to_join(hidden, GOOD, "127.0.0.1")
    assert JoinRequest.objects.count() == 0
