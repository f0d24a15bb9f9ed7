"""A resident on a phone, without JavaScript, browses a dashboard of many commitments by part."""

import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from tests.commitments.test_dashboard_paging import BENEFITS, BUILDING_BLOCKS, add_commitments

from .conftest import PHONE, assert_fits_width

SHOTS = Path("/tmp/shots/h6")


@pytest.fixture
def many(transactional_db):
    user = get_user_model().objects.create_user("recorder")
    add_commitments(user, 30, BUILDING_BLOCKS)
    add_commitments(user, 5, BENEFITS, start=100)


def keep(path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


@pytest.mark.django_db(transaction=True)
def test_a_resident_goes_from_a_part_to_its_second_page_and_filters_without_javascript(
    browser, live_server, many, screenshot
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    base = live_server.url
    page.goto(f"{base}/vi/commitments/")
    assert page.locator(".commitment-card").count() == 8 + 5
    assert "Đang hiển thị 13 trên tổng số 35 cam kết." in page.inner_text("main")
    assert_fits_width(page)
    keep(screenshot(page, "dashboard-parts-vi-360"))

    page.get_by_role("link", name="Xem tất cả 30 cam kết thuộc “Các trụ cột chính”").click()
    assert page.url == f"{base}/vi/commitments/?area=building-blocks"
    assert page.locator(".commitment-card").count() == 24
    page.get_by_role("link", name="Trang sau").click()
    assert page.url.endswith("?area=building-blocks&page=2")
    assert page.locator(".commitment-card").count() == 6
    assert "Trang 2 / 2" in page.inner_text("main")
    assert_fits_width(page)
    keep(screenshot(page, "dashboard-part-page-2-vi-360"))

    # The filters are a plain form: they work with JavaScript off.
    page.get_by_label("Tình trạng").select_option("achieved")
    page.get_by_role("button", name="Hiển thị").click()
    assert "status=achieved" in page.url
    assert page.locator(".commitment-card").count() == 0
    assert "Không có cam kết nào phù hợp lựa chọn này." in page.inner_text("main")

    page.goto(f"{base}/en/commitments/?area=building-blocks&page=2")
    assert "6 of 30 commitments shown." in page.inner_text("main")
    assert "Page 2 of 2" in page.inner_text("main")
    assert_fits_width(page)
    keep(screenshot(page, "dashboard-part-page-2-en-360"))
    context.close()
