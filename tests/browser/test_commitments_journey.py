"""A visitor follows the pledges; officials record and approve a figure from a phone."""

import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.core.permissions import OFFICIALS, ensure_roles

from .conftest import PHONE, assert_fits_width

PASSWORD = "sonla-official-2024"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())


def sign_in(page, base, username, password=PASSWORD):
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/en/workspace/")


@pytest.mark.django_db(transaction=True)
def test_visitor_reads_the_pledges_and_officials_move_one(
    page, browser, live_server, demo, screenshot
):
    base = live_server.url
    # A visitor reads the dashboard on a phone.
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/en/commitments/")
    budget = page.locator(".commitment-card", has_text="33.7% of the city budget")
    assert budget.locator(".status").inner_text() == "Achieved"
    assert "against a target of 33.7% by 2030" in budget.inner_text()
    digital = page.locator(".commitment-card", has_text="100% of educational units")
    assert digital.locator(".status").inner_text() == "On track"
    assert "78%" in digital.inner_text()
    assert "62.1% of the way from the baseline to the target" in digital.inner_text()
    assert_fits_width(page)
    screenshot(page, "commitments-dashboard-en-360")

    digital.get_by_role("link").click()
    assert page.url == f"{base}/en/commitments/truong-hoc-so/"
    assert page.locator("svg.chart[role=img]").count() == 1
    assert (
        page.locator("svg.chart > title").text_content()
        == "Progress of “100% of educational units on digital platforms”"
    )
    row = page.locator("table tr", has_text="31 Dec 2025")  # English short dates: j M Y
    assert row.locator("td").all_inner_texts() == ["31 Dec 2025", "78%", "71%", "62.1%"]
    assert "the figure was 78% against a target of 100% by 2030" in page.inner_text("main")
    assert_fits_width(page)
    screenshot(page, "commitments-detail-en-360")

    # The Chiềng Đen official records a figure from a phone.
    official = browser.new_context(viewport=PHONE)
    phone = official.new_page()
    sign_in(phone, base, "official.chiengden")
    phone.get_by_role("link", name="Record progress on commitments").click()
    mine = phone.locator(".commitment-grid > div", has_text="100% of educational units")
    mine.get_by_role("link", name="Record a figure").click()
    today = timezone.localdate()
    phone.get_by_label("Value").fill("85")
    phone.get_by_label("Date the figure is valid for").fill(today.isoformat())
    phone.get_by_label("Note (Vietnamese)").fill("Số liệu tháng 11 của Phòng Giáo dục")
    screenshot(phone, "commitments-record-form-360")
    assert_fits_width(phone)
    phone.get_by_role("button", name="Save the figure").click()
    phone.wait_for_url(f"{base}/en/workspace/commitments/")
    assert "It will be published once a second official approves it." in phone.inner_text(
        ".messages"
    )
    screenshot(phone, "commitments-workspace-after-record-360")
    official.close()

    # Not public yet.
    page.goto(f"{base}/en/commitments/truong-hoc-so/")
    assert "85%" not in page.inner_text("main")

    # The Tô Hiệu official approves it.
    second = browser.new_context(viewport=PHONE)
    phone = second.new_page()
    sign_in(phone, base, "official.tohieu")
    phone.goto(f"{base}/en/workspace/commitments/")
    waiting = phone.locator(".review-list li", has_text="85%")
    assert "recorded by Cầm Văn Định" in waiting.inner_text()
    screenshot(phone, "commitments-approval-360")
    waiting.get_by_role("link", name="Approve").click()  # what is approved, then confirm
    phone.get_by_role("button", name="Confirm approval").click()
    assert "it is now public" in phone.inner_text(".messages")
    second.close()

    # The public page moves at once.
    page.goto(f"{base}/en/commitments/truong-hoc-so/")
    assert "the figure was 85% against a target of 100% by 2030" in page.inner_text("main")
    page.goto(f"{base}/en/commitments/")
    digital = page.locator(".commitment-card", has_text="100% of educational units")
    assert "85%" in digital.inner_text()

    # The open data carries the new figure.
    response = page.request.get(f"{base}/en/commitments/data.csv")
    rows = list(csv.DictReader(io.StringIO(response.text())))
    new = [
        r
        for r in rows
        if r["commitment_slug"] == "truong-hoc-so" and r["valid_on"] == today.isoformat()
    ]
    assert [r["value"] for r in new] == ["85.00"]
    assert new[0]["latest_value"] == "85.00"


@pytest.mark.django_db(transaction=True)
def test_an_unassigned_official_is_refused(page, live_server, demo, django_user_model):
    user = django_user_model.objects.create_user("official.other", password=PASSWORD)
    user.groups.add(ensure_roles()[OFFICIALS])
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "official.other")
    response = page.goto(f"{live_server.url}/en/workspace/commitments/truong-hoc-so/record/")
    assert response.status == 403
    page.goto(f"{live_server.url}/en/workspace/commitments/")
    assert "No commitment is assigned to you yet" in page.inner_text("main")
