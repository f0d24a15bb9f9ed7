"""A pupil on a 360 px phone sends a painting to the open contest: a fake picture first (a
clear message, everything typed still there), then the real one; they get a reference code and
look up its status with their phone number."""

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from apps.contests.models import Entry
from apps.core.models import Area
from tests.contests.conftest import PDF, make_open_contest

from .conftest import PHONE, assert_fits_width

SHOTS = Path("/tmp/shots/h4")


@pytest.fixture
def shot(screenshot):
    def take(page, name):
        path = screenshot(page, name)
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SHOTS / path.name)
        return path

    return take


def painting_file(tmp_path):
    path = tmp_path / "tranh-cua-em.jpg"
    image = Image.new("RGB", (640, 480), (46, 125, 50))
    for x in range(0, 640, 40):
        image.paste((245, 124, 0), (x, 300, x + 20, 480))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.django_db(transaction=True)
def test_a_pupil_sends_a_painting_gets_a_code_and_looks_up_its_status(
    page, live_server, shot, tmp_path
):
    contest = make_open_contest()
    Area.objects.create(name="Xã Chiềng Đen", name_vi="Xã Chiềng Đen", kind="commune")
    Area.objects.create(name="Phường Tô Hiệu", name_vi="Phường Tô Hiệu", kind="ward")
    base = live_server.url
    page.set_viewport_size(PHONE)

    page.goto(f"{base}/vi/contests/")
    assert_fits_width(page)
    shot(page, "contests-list-vi-360")
    page.get_by_role("link", name="Học tập suốt đời – Sống xanh").first.click()
    assert page.url == f"{base}/vi/contests/{contest.slug}/"
    assert_fits_width(page)
    shot(page, "contest-detail-vi-360")
    page.get_by_role("link", name="Gửi tác phẩm").first.click()
    assert page.url == f"{base}/vi/contests/{contest.slug}/submit/"

    page.get_by_label("Tranh vẽ", exact=False).check()
    page.locator("#entry-form [name=title]").fill("Bản em sau cơn bão")
    page.locator("#entry-form [name=description]").fill("Tranh sáp màu về bản em.")
    page.locator("#entry-form [name=author_name]").fill("Lò Thị Xuân")
    page.locator("#entry-form [name=area]").select_option(label="Xã Chiềng Đen")
    page.locator("#entry-form [name=age_group][value=teen]").check()
    page.locator("#entry-form [name=school]").fill("Trường THCS Chiềng Đen")
    page.locator("#entry-form [name=guardian_name]").fill("Lò Văn Pọm")
    page.locator("#entry-form [name=contact_phone]").fill("0912 345 678")
    page.locator("#entry-form [name=consent_to_publish]").check()
    fake = tmp_path / "tranh.jpg"
    fake.write_bytes(PDF)  # a PDF under a picture's name
    page.locator("#entry-form [name=work]").set_input_files(str(fake))
    page.get_by_role("button", name="Gửi tác phẩm").click()

    error = page.locator("#id_work_error")
    assert "Tranh vẽ" in error.inner_text()
    assert "PDF" in error.inner_text()
    assert page.locator(".form-errors").count() == 1
    assert page.locator("#entry-form [name=title]").input_value() == "Bản em sau cơn bão"
    assert page.locator("#entry-form [name=author_name]").input_value() == "Lò Thị Xuân"
    assert page.locator("#entry-form [name=contact_phone]").input_value() == "0912 345 678"
    assert page.locator("#entry-form [name=guardian_name]").input_value() == "Lò Văn Pọm"
    assert page.locator("#entry-form [name=area] option:checked").inner_text() == "Xã Chiềng Đen"
    assert page.locator("#entry-form [name=category]:checked").count() == 1
    assert page.locator("#entry-form [name=consent_to_publish]").is_checked()
    assert Entry.objects.count() == 0
    assert_fits_width(page)
    shot(page, "contest-submit-error-vi-360")

    page.locator("#entry-form [name=work]").set_input_files(str(painting_file(tmp_path)))
    page.get_by_role("button", name="Gửi tác phẩm").click()
    page.wait_for_url(f"{base}/vi/contests/{contest.slug}/receipt/**")
    code = page.locator("#reference-code").inner_text()
    entry = Entry.objects.get()
    assert code == entry.code
    assert entry.file_kind == "image"
    assert "0912" not in page.content()
    assert_fits_width(page)
    shot(page, "contest-receipt-vi-360")

    page.get_by_role("link", name="Tra cứu tình trạng bài dự thi").click()
    page.locator("[name=code]").fill(code.lower())
    page.locator("[name=contact]").fill("0912345678")
    page.get_by_role("button", name="Tra cứu").click()
    assert page.locator("#entry-status").inner_text() == "Đã nhận"
    assert_fits_width(page)
    shot(page, "contest-status-vi-360")
