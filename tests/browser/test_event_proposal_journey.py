"""On a 360 px phone: a resident proposes an event to the open call of the next Lifelong Learning
Week (a mistake first, nothing typed lost); the proposal is nowhere public; the Chiềng Đen
official signs in, accepts it, completes it in English and publishes it; it is in the programme."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from apps.events.demo import OPEN_CALL_SLUG
from apps.events.models import EventProposal, Programme

from .conftest import PHONE, assert_fits_width

OFFICIAL = "official.chiengden"
PASSWORD = "sonla-official-2024"
TITLE = "Đọc truyện tranh cùng ông bà"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_resident_proposes_an_event_and_the_official_accepts_it(
    page, live_server, demo, screenshot
):
    base = live_server.url
    programme = Programme.objects.get(slug=OPEN_CALL_SLUG)
    day = programme.starts_on + datetime.timedelta(days=2)
    page.set_viewport_size(PHONE)

    page.goto(f"{base}/en/programmes/{OPEN_CALL_SLUG}/")
    page.get_by_role("link", name="Propose an event").click()
    assert page.url == f"{base}/en/programmes/{OPEN_CALL_SLUG}/propose/"
    assert_fits_width(page)
    page.get_by_label("Name of the event").fill(TITLE)
    page.get_by_label("What happens, for whom").fill("Grandparents read comics with children.")
    page.get_by_label("Kind of event").select_option("reading")
    page.get_by_label("Day", exact=True).fill(day.isoformat())
    page.get_by_label("From", exact=True).fill("15:00")
    page.get_by_label("To", exact=True).fill("14:00")  # a mistake: it ends before it starts
    page.get_by_label("Place", exact=True).fill("Cultural house of Co Phương village")
    page.get_by_label("Ward or commune").select_option(label="Chieng Den Commune")
    page.get_by_label("Organiser").fill("Co Phương Elders' Association")
    page.get_by_label("Your name").fill("Lò Văn Pản")
    page.get_by_label("E-mail").fill("pan@example.org")
    page.get_by_role("button", name="Send my proposal").click()
    assert page.locator(".form-errors").count() == 1
    assert "must end after it starts" in page.locator("#id_end_time_error").inner_text()
    assert page.get_by_label("Name of the event").input_value() == TITLE
    assert_fits_width(page)
    screenshot(page, "event-proposal-mistake-en-360")
    page.get_by_label("To", exact=True).fill("17:00")
    page.get_by_role("button", name="Send my proposal").click()
    assert page.url.endswith(f"/en/programmes/{OPEN_CALL_SLUG}/propose/sent/")
    assert page.get_by_role("heading", name="Your proposal is sent").count() == 1
    screenshot(page, "event-proposal-sent-en-360")

    # Nowhere public until an official accepts it.
    for path in (f"/en/programmes/{OPEN_CALL_SLUG}/", "/en/events/", "/vi/events/"):
        page.goto(f"{base}{path}")
        assert TITLE not in page.content()
    proposal = EventProposal.objects.get(title=TITLE)
    assert proposal.language == "en"

    page.goto(f"{base}/en/accounts/login/")
    page.locator("#id_username").fill(OFFICIAL)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/en/workspace/")
    page.get_by_role("link", name="Event proposals").click()
    page.get_by_role("link", name=TITLE).click()
    assert "pan@example.org" in page.content()
    assert_fits_width(page)
    screenshot(page, "event-proposal-review-en-360")
    page.get_by_role("button", name="Accept").click()
    assert "/en/workspace/events/" in page.url
    page.get_by_label("Title (Vietnamese)").fill(TITLE)
    page.get_by_label("Title (English)").fill("Reading comics with our grandparents")
    page.locator("#id_is_published").check()
    page.get_by_role("button", name="Save").click()
    assert page.locator(".messages, [role=status]").first.is_visible()
    assert_fits_width(page)
    screenshot(page, "event-proposal-accepted-edit-en-360")

    page.goto(f"{base}/en/programmes/{OPEN_CALL_SLUG}/")
    assert page.get_by_text("Reading comics with our grandparents").count() >= 1
    page.goto(f"{base}/vi/programmes/{OPEN_CALL_SLUG}/")
    assert page.get_by_text(TITLE).count() >= 1
    assert_fits_width(page)
    screenshot(page, "event-proposal-in-programme-vi-360")
