"""A resident on a phone reads the commitments compressed and downloads the open data."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from apps.commitments.models import Commitment, KeyFeature, Measurement, Unit
from tests.browser.conftest import PHONE, assert_fits_width

SHOTS = Path("/tmp/shots/h5")


@pytest.fixture
def houses(transactional_db, django_user_model):
    official = django_user_model.objects.create_user("official")
    commitment = Commitment.objects.create(
        title="Nhà Tri thức ở mọi bản",
        title_vi="Nhà Tri thức ở mọi bản",
        title_en="A House of Wisdom in every village",
        key_feature=KeyFeature.TECHNOLOGIES,
        unit=Unit.PERCENT,
        baseline_value=Decimal(40),
        baseline_year=2020,
        target_value=Decimal(100),
        target_year=2030,
    )
    Measurement.objects.create(
        commitment=commitment,
        value=Decimal(60),
        valid_on=timezone.localdate(),
        recorded_by=official,
        status=Measurement.State.APPROVED,
        approved_at=timezone.now(),
        note_vi="Đã có ở bản Co Phương, Chiềng Đen",
    )
    return commitment


@pytest.mark.django_db(transaction=True)
def test_a_resident_on_a_phone_gets_compressed_pages_and_downloads_the_open_data(
    page, live_server, houses, screenshot
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    base = live_server.url
    first = page.goto(f"{base}/vi/commitments/")
    assert first.status == 200
    assert first.header_value("content-encoding") == "br"
    assert "Accept-Encoding" in first.header_value("vary")
    # Coming back, the browser asks whether its copy is current: the answer is a 304, no body
    # (Chromium reports it as its cached 200).
    etag = first.header_value("etag")
    again = page.goto(f"{base}/vi/commitments/")
    assert again.request.header_value("if-none-match") == etag
    assert again.header_value("content-length") == "0"
    check = page.request.get(f"{base}/vi/commitments/", headers={"If-None-Match": etag})
    assert check.status == 304
    assert "Nhà Tri thức ở mọi bản" in page.inner_text("main")
    assert_fits_width(page)
    page.screenshot(path=str(SHOTS / "commitments-phone-vi.png"), full_page=True)

    with page.expect_download() as download:
        page.locator(".data-links").get_by_role("link", name="CSV").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads Vietnamese letters as UTF-8
    assert "Đã có ở bản Co Phương, Chiềng Đen" in data.decode("utf-8-sig")
    assert download.value.suggested_filename == "son-la-commitments.csv"

    feed = page.goto(f"{base}/en/commitments/data.json")
    assert feed.status == 200
    assert feed.header_value("content-encoding") in {"br", "gzip"}
    assert feed.header_value("etag").startswith('W/"')
    assert "A House of Wisdom in every village" in page.inner_text("body")
    page.screenshot(path=str(SHOTS / "data-json-phone-en.png"), full_page=False)
    screenshot(page, "open-data-json-phone")
