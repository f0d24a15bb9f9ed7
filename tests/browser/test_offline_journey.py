"""A resident in a village without signal: the learning spaces they opened are still there,
with a notice saying they are offline and when the page was saved; a signed-in page is never
kept; and the first visit stays inside the page-weight budget, all from this site."""

import gzip
import io
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core.images import check_image, save_renditions
from apps.core.models import Area
from apps.spaces.models import LearningSpace, Photo

from .conftest import PHONE, assert_fits_width

PAGES_CACHE = "slc-pages-1"
PICTURES_CACHE = "slc-pictures-1"
BUDGET = 60 * 1024


@pytest.fixture
def spaces(transactional_db):
    commune = Area.objects.create(name="Chiềng Đen", name_vi="Chiềng Đen", kind=Area.Kind.COMMUNE)
    village = Area.objects.create(
        name="Bản Co Phương", name_vi="Bản Co Phương", kind=Area.Kind.VILLAGE, parent=commune
    )
    for name, name_en in (
        ("Nhà Tri thức bản Co Phương", "House of Wisdom, Co Phuong village"),
        ("Tủ sách nhân ái bản Noong Đúc", "Humane library, Noong Duc village"),
    ):
        LearningSpace.objects.create(
            kind=LearningSpace.Kind.HOUSE_OF_WISDOM,
            name=name,
            name_vi=name,
            name_en=name_en,
            area=village,
        )


def is_kept(page, address):
    return page.evaluate(
        """async ([name, address]) => {
            const cache = await caches.open(name);
            return Boolean(await cache.match(address, { ignoreVary: true }));
        }""",
        [PAGES_CACHE, address],
    )


def wait_until_kept(page, address):
    for _attempt in range(100):
        if is_kept(page, address):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{address} was not kept for offline use")


def wait_for_worker(page):
    """Until the worker looks after the page (polled here: the pages' CSP refuses eval)."""
    for _attempt in range(100):
        if page.evaluate("() => Boolean(navigator.serviceWorker.controller)"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("no service worker took the page over")


@pytest.mark.django_db(transaction=True)
def test_the_spaces_opened_online_are_still_there_offline_with_a_notice(
    page, live_server, spaces, screenshot
):
    base = live_server.url
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/vi/spaces/")
    wait_for_worker(page)
    # The first visit keeps the language's start pages: this list and the home page.
    wait_until_kept(page, f"{base}/vi/spaces/")
    wait_until_kept(page, f"{base}/vi/")

    page.context.set_offline(True)
    page.reload()
    notice = page.locator("[data-offline-banner]")
    assert notice.is_visible()
    assert "Bạn đang ngoại tuyến — trang này được lưu ngày" in notice.inner_text()
    saved_at = page.locator("time[data-offline-saved]").get_attribute("datetime")
    assert saved_at.startswith("20")
    assert page.locator("time[data-offline-saved]").inner_text().strip()
    assert page.get_by_role("link", name="Nhà Tri thức bản Co Phương").is_visible()
    # The site's look comes from the copy too: the page is styled, not bare HTML.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.offline-notice')).borderLeftStyle")
        == "solid"
    )
    assert_fits_width(page)
    screenshot(page, "offline-spaces-phone")

    # The home page was kept at the first visit although it was never opened.
    page.goto(f"{base}/vi/")
    assert page.locator("[data-offline-banner]").is_visible()

    # A page never opened: said plainly, with the pages that were kept.
    page.goto(f"{base}/vi/clubs/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bạn đang ngoại tuyến"
    assert page.get_by_role("link", name="Điểm học tập · Thành phố học tập Sơn La").is_visible()
    screenshot(page, "offline-not-saved-phone")

    # Back online: the network's page again, without the notice.
    page.context.set_offline(False)
    page.goto(f"{base}/vi/spaces/")
    assert not page.locator("[data-offline-banner]").is_visible()
    assert errors == []


def pictures_kept(page):
    return page.evaluate(
        """async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)""",
        PICTURES_CACHE,
    )


@pytest.mark.django_db(transaction=True)
def test_a_space_opened_online_shows_its_photo_offline(page, live_server, spaces, screenshot):
    space = LearningSpace.objects.get(name_vi="Nhà Tri thức bản Co Phương")
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "green").save(buffer, "PNG")
    upload = SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")
    photo = Photo(space=space, alt_vi="Nhà Tri thức", alt_en="The House of Wisdom")
    photo.set_renditions(save_renditions(check_image(upload), Photo.upload_prefix()))
    photo.save()
    address = f"{live_server.url}{space.get_absolute_url()}"
    page.set_viewport_size(PHONE)
    page.goto(address)
    wait_for_worker(page)
    page.reload()  # now through the worker, which keeps what the page shows
    image = page.locator(".space-photos img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    wait_until_kept(page, address.split("#")[0])
    for _attempt in range(100):
        kept = pictures_kept(page)
        if kept:
            break
        page.wait_for_timeout(100)
    assert kept
    assert all("/media/spaces/" in url for url in kept)

    page.context.set_offline(True)
    page.reload()
    assert page.locator("[data-offline-banner]").is_visible()
    image = page.locator(".space-photos img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete", arg=image.element_handle())
    assert image.evaluate("img => img.naturalWidth") > 0  # the photo, not its text alternative
    screenshot(page, "offline-space-photo-phone")
    page.context.set_offline(False)


@pytest.mark.django_db(transaction=True)
def test_the_english_notice_and_a_signed_in_page_never_kept(page, live_server, spaces, make_user):
    base = live_server.url
    make_user("official", role="officials")
    page.goto(f"{base}/en/about/")
    wait_for_worker(page)
    page.goto(f"{base}/en/about/")  # now through the worker, which keeps it
    wait_until_kept(page, f"{base}/en/about/")
    page.context.set_offline(True)
    page.reload()
    assert (
        "You are offline — this page was saved on"
        in page.locator("[data-offline-banner]").inner_text()
    )
    page.context.set_offline(False)

    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Username").fill("official")
    page.get_by_label("Password").fill("pass-word-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/en/workspace/")
    page.goto(f"{base}/en/clubs/")  # a public page, seen signed in
    page.wait_for_timeout(500)
    assert not is_kept(page, f"{base}/en/clubs/")
    assert not is_kept(page, f"{base}/en/workspace/")
    assert not is_kept(page, f"{base}/en/accounts/login/")


@pytest.mark.django_db(transaction=True)
def test_a_first_visit_to_the_spaces_weighs_under_60_kb_all_from_this_site(
    page, live_server, spaces
):
    """What Chromium fetches: HTML, CSS and JS (the worker included), compressed as sent; the
    test server sends static files plain, so those count gzipped (WhiteNoise sends them so)."""
    base = live_server.url
    fetched = []
    # The context sees the worker's own requests too (its script, the pages it keeps).
    page.context.on("requestfinished", lambda request: fetched.append(request))
    page.set_extra_http_headers({"Accept-Encoding": "br, gzip"})
    page.goto(f"{base}/vi/spaces/")
    wait_for_worker(page)
    page.wait_for_load_state("networkidle")
    weights = []
    for request in fetched:
        assert urlsplit(request.url).netloc == urlsplit(base).netloc, request.url
        response = request.response()
        if request.resource_type in ("image", "media", "font"):
            continue  # not in the budget
        kind = response.headers.get("content-type", "")
        if not kind.startswith(
            ("text/html", "text/css", "text/javascript", "application/javascript")
        ):
            continue
        sent = request.sizes()["responseBodySize"]
        if response.headers.get("content-encoding") and sent > 0:
            size = sent
        else:
            # Chromium does not size the worker's own downloads; a copy from the HTTP cache
            # has no body and cost nothing.
            body = response.body()
            size = len(gzip.compress(body, compresslevel=9)) if body else 0
        weights.append((urlsplit(request.url).path, request.resource_type, size))
    total = sum(size for _path, _kind, size in weights)
    paths = {path for path, _kind, _size in weights}
    assert {"/vi/spaces/", "/sw.js", "/static/css/site.css"} <= paths
    # The home page the worker keeps in the background is counted as well.
    assert "/vi/" in paths
    print(total, weights)
    assert total < BUDGET, weights
