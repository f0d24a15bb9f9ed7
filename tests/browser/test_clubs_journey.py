"""A resident on a 360 px phone finds a club teaching the Thai script in their commune, reads
when it meets and asks to join; the club's official signs in and sees the request; a visitor
reads the seven Xòe dances in both languages."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from apps.culture.models import JoinRequest

from .conftest import PHONE, assert_fits_width

CLUB = "clb-van-hoa-thai-ban-co-phuong-chieng-den"
SHOTS = Path("/tmp/shots/h7")


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def shot(screenshot):
    """The screenshot fixture's file, copied where the people reviewing the journey look."""

    def take(page, name):
        path = screenshot(page, name)
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SHOTS / path.name)
        return path

    return take


@pytest.mark.django_db(transaction=True)
def test_resident_finds_a_thai_script_club_joins_and_the_official_sees_it(
    page, live_server, demo, shot
):
    base = live_server.url
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/vi/clubs/")
    assert_fits_width(page)
    shot(page, "clubs-list-vi-360")

    page.get_by_label("Phường, xã hoặc bản").select_option("chieng-den")
    page.get_by_label("Lĩnh vực hoạt động của câu lạc bộ").select_option("script")
    page.get_by_role("button", name="Xem câu lạc bộ").click()
    assert "area=chieng-den" in page.url
    assert "focus=script" in page.url
    cards = page.locator(".space-card")
    assert cards.count() >= 1
    for text in cards.all_inner_texts():
        assert "Xã Chiềng Đen" in text
        assert "Tiếng và chữ Thái" in text
    assert_fits_width(page)
    shot(page, "clubs-filtered-vi-360")

    page.locator(f'a[href="/vi/clubs/{CLUB}/"]').click()
    assert page.url == f"{base}/vi/clubs/{CLUB}/"
    when = page.locator("#when-title + p").inner_text()
    assert "Thứ" in when
    assert "–" in when
    assert page.get_by_role("link", name="Nhà Tri thức bản Co Phương").count() == 1
    assert_fits_width(page)
    shot(page, "club-detail-vi-360")

    page.get_by_role("link", name="Tham gia câu lạc bộ").first.click()
    assert page.url == f"{base}/vi/clubs/{CLUB}/join/"
    assert when in page.content()  # the schedule is repeated above the form
    # A mistake first: the message is kept, the missing contact is asked for.
    page.get_by_label("Họ và tên").fill("Cầm Thị Ngọc")
    page.get_by_label("Lời nhắn của bạn").fill("Em muốn học chữ Thái và múa xòe.")
    page.get_by_role("button", name="Gửi yêu cầu").click()
    assert page.locator(".form-errors").count() == 1
    assert page.get_by_label("Lời nhắn của bạn").input_value() == "Em muốn học chữ Thái và múa xòe."
    assert_fits_width(page)
    shot(page, "club-join-refused-vi-360")
    page.get_by_label("Điện thoại").fill("0912 345 678")
    page.get_by_role("button", name="Gửi yêu cầu").click()
    assert page.url == f"{base}/vi/clubs/{CLUB}/join/sent/"
    assert page.locator("h1").inner_text() == "Yêu cầu của bạn đã được gửi"
    assert_fits_width(page)
    shot(page, "club-join-sent-vi-360")
    assert JoinRequest.objects.filter(club__slug=CLUB, name="Cầm Thị Ngọc").count() == 1
    assert [message.to for message in mail.outbox] == [["official.chiengden@example.org"]]

    # The club's official signs in and finds the request with the contact.
    page.context.clear_cookies()
    page.goto(f"{base}/vi/accounts/login/")
    page.locator("#id_username").fill("official.chiengden")
    page.locator("#id_password").fill("sonla-official-2024")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/vi/workspace/")
    assert "1 yêu cầu tham gia đang chờ trả lời." in page.content()
    page.get_by_role("link", name="Câu lạc bộ văn hóa Thái").first.click()
    page.locator(f'a[href="/vi/workspace/clubs/{CLUB}/requests/"]').click()
    card = page.locator(".space-card").first
    assert "Cầm Thị Ngọc" in card.inner_text()
    assert "0912 345 678" in card.inner_text()
    assert_fits_width(page)
    shot(page, "club-requests-official-vi-360")
    page.get_by_role("button", name="Đánh dấu đã trả lời").click()
    assert page.get_by_role("button", name="Đánh dấu chưa trả lời").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("lang", "title", "unity"),
    [
        ("vi", "Múa xòe và chữ Thái", "Xòe đoàn kết"),
        ("en", "Xòe dance and the Thai script", "The Unity dance"),
    ],
)
def test_the_heritage_page_lists_the_seven_dances(
    page, live_server, demo, shot, lang, title, unity
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/{lang}/heritage/")
    assert page.locator("h1").inner_text() == title
    assert page.locator(".dances > li").count() == 7
    assert unity in page.content()
    tai = page.locator('[lang="blt"]').first
    assert tai.inner_text() == "ꪹꪎꪷꪙꪨꪱ"
    assert "Tai Viet" in tai.evaluate("e => getComputedStyle(e).fontFamily")
    # The font is the portal's own, and the glyphs really are drawn with it.
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Tai Viet\"', 'ꪹꪎꪷ')")
    assert_fits_width(page)
    shot(page, f"heritage-{lang}-360")
