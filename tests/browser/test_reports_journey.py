import datetime

import pytest
from django.core.management import call_command

from apps.reports import services

from .conftest import PHONE, assert_fits_width


@pytest.fixture
def demo(transactional_db):
    from io import StringIO

    call_command("load_demo", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_official_asks_for_an_english_report_and_opens_it(page, live_server, demo, screenshot):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill("official.chiengden")
    page.get_by_label("Password").fill("sonla-official-2024")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Progress reports").click()
    assert page.locator("h1").inner_text() == "Ask for a progress report"
    page.get_by_label("Report on the situation at").fill("2025-06-30")
    page.get_by_label("Language of the report").select_option("en")
    assert_fits_width(page)
    screenshot(page, "reports-request-en-360")
    page.get_by_role("button", name="Build the report").click()
    status = page.locator(".report-status")
    status.wait_for()
    # In-process tasks finish before the redirect; with a worker the page refreshes itself.
    for _attempt in range(20):
        if status.inner_text() == "Ready":
            break
        page.wait_for_timeout(1000)
        page.reload()
    assert status.inner_text() == "Ready"
    screenshot(page, "reports-status-en-360")
    href = page.get_by_role("link", name="Open the PDF").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")


@pytest.mark.django_db(transaction=True)
def test_visitor_finds_the_monthly_reports(page, live_server, demo, screenshot):
    services.schedule_monthly(today=datetime.date(2025, 11, 1))
    services.sweep()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/en/reports/")
    rows = page.locator("table.reports tbody tr")
    assert rows.count() == 6  # the demo's last two months, and October 2025, in two languages
    october = [row for row in rows.all_inner_texts() if "31 October 2025" in row]
    # Each report's language is named in that language.
    assert sorted(row.split("\t")[1] for row in october) == ["English", "Tiếng Việt"]
    assert_fits_width(page)
    screenshot(page, "reports-list-en-360")
