"""The call for events: bad input, robots, floods, closed calls and forged posts."""

import datetime

import pytest
from django.test import Client
from django.utils import translation

from apps.core.models import OutgoingMail, RateEvent
from apps.events.models import EventProposal, Programme
from apps.events.proposals import ADDRESS_LIMIT

from .test_proposals import GOOD, TODAY, open_programme, post, programme_in, url

pytestmark = pytest.mark.django_db
__all__ = ["open_programme", "programme_in"]  # fixtures


# Bad input ---------------------------------------------------------------------------------


def _refused(response, status, *fields):
    html = response.content.decode()
    assert response.status_code == status
    for field in fields:
        assert f'name="{field}"' in html
        assert 'aria-invalid="true"' in html
    assert EventProposal.objects.count() == 0
    assert OutgoingMail.objects.count() == 0
    return html


@pytest.mark.parametrize(
    ("lang", "changes", "field", "message"),
    [
        ("vi", {"title": ""}, "title", "Trường này là bắt buộc."),
        ("en", {"description": "   "}, "description", "This field is required."),
        ("en", {"description": "m" * 5000}, "description", "at most 3000 characters"),
        ("en", {"title": "t" * 300}, "title", "at most 200 characters"),
        ("en", {"end_time": "07:00"}, "end_time", "must end after it starts"),
        ("vi", {"end_time": "07:00"}, "end_time", "Sự kiện phải kết thúc sau khi bắt đầu"),
        ("en", {"ends_on": "2020-01-01"}, "ends_on", "cannot be before the first day"),
        ("en", {"end_time": ""}, "end_time", "Give both times"),
        ("en", {"starts_on": "2020-01-01"}, "starts_on", "Choose a day of the programme"),
        ("en", {"starts_on": "2024-13-45"}, "starts_on", "Enter a valid date."),
        ("en", {"start_time": "25:99"}, "start_time", "Enter a valid time."),
        ("en", {"contact_phone": "", "contact_email": ""}, "contact_phone", "Give a phone"),
        ("vi", {"contact_phone": "", "contact_email": ""}, "contact_phone", "Hãy cho biết"),
        ("en", {"contact_phone": "call me"}, "contact_phone", "9 to 12 digits"),
        ("en", {"contact_email": "not-an-email"}, "contact_email", "valid email address"),
        ("en", {"title": "Đọc\u202esách"}, "title", "invisible control characters"),
        ("en", {"category": "party"}, "category", "Select a valid choice"),
        ("en", {"area": "999999"}, "area", "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_typed_is_lost(
    client, programme_in, official, lang, changes, field, message
):
    response = post(client, programme_in, lang, **changes)
    html = _refused(response, 400, field)
    assert message in html
    kept = {**GOOD, **changes}
    for name in ("title", "place", "organiser", "contact_name", "contact_email"):
        if kept[name] and len(kept[name]) < 200 and "\u202e" not in kept[name]:
            assert f'value="{kept[name]}"' in html
    if kept["description"].strip() and len(kept["description"]) < 1000:
        assert kept["description"] in html


def test_html_is_shown_back_escaped_and_stored_as_text(client, programme_in, official):
    response = post(
        client, programme_in, "en", title="<script>alert(1)</script>", contact_phone="x"
    )
    html = _refused(response, 400, "contact_phone")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    post(client, programme_in, "en", title="<b>Bold</b> <script>x</script>")
    proposal = EventProposal.objects.get()
    client.force_login(official)
    page = client.get(f"/en/workspace/events/proposals/{proposal.pk}/").content.decode()
    assert "<b>Bold</b>" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page


def test_a_filled_honeypot_is_refused_and_keeps_the_text(client, programme_in, official):
    response = post(client, programme_in, "en", website="http://spam.example")
    html = _refused(response, 400)
    assert "Leave the field" in html
    assert GOOD["description"] in html


def test_proposals_beyond_the_limit_from_one_address_are_refused_with_429(
    client, programme_in, official
):
    for i in range(ADDRESS_LIMIT):
        response = post(client, programme_in, contact_email=f"p{i}@example.org")
        assert response.status_code == 302
    response = post(client, programme_in, "en", contact_email="last@example.org", title="One more")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many proposals" in html
    assert 'value="One more"' in html
    assert EventProposal.objects.count() == ADDRESS_LIMIT


def test_a_refused_form_does_not_count_against_the_limit(client, programme_in, official):
    post(client, programme_in, title="")
    assert RateEvent.objects.count() == 0


def test_a_closed_call_says_so_and_takes_nothing(client, programme_in, official):
    Programme.objects.filter(pk=programme_in.pk).update(
        call_open_until=TODAY - datetime.timedelta(days=1)
    )
    for lang, words in (("vi", "đã đóng"), ("en", "is closed")):
        page = client.get(url(programme_in, lang))
        assert page.status_code == 200
        assert words in page.content.decode()
        assert 'name="title"' not in page.content.decode()
    response = post(client, programme_in, "en")
    assert response.status_code == 403
    assert "is closed" in response.content.decode()
    assert 'value="Đọc sách cùng con"' in response.content.decode()
    assert EventProposal.objects.count() == 0
    programme_page = client.get(f"/en/programmes/{programme_in.slug}/").content.decode()
    assert "/propose/" not in programme_page


def test_an_unknown_or_unpublished_programme_has_no_form(client, programme_in):
    assert client.get("/en/programmes/nowhere/propose/").status_code == 404
    Programme.objects.filter(pk=programme_in.pk).update(is_published=False)
    assert client.get(url(programme_in, "en")).status_code == 404


def test_a_post_without_csrf_is_refused(programme_in, official):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url(programme_in, "en"), {**GOOD, "area": programme_in._area.pk})
    assert response.status_code == 403
    assert EventProposal.objects.count() == 0


def test_the_form_page_is_never_cached(client, programme_in):
    response = client.get(url(programme_in))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    with translation.override("vi"):
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()
