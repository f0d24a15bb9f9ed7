"""The dashboard stays light however many commitments there are: parts, then pages."""

import datetime
import gzip
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.commitments.models import Commitment, KeyFeature, Measurement

pytestmark = pytest.mark.django_db

# Three features per part of the framework, in FEATURES_BY_AREA's order.
BENEFITS = [KeyFeature.EMPOWERMENT, KeyFeature.PROSPERITY, KeyFeature.SUSTAINABILITY]
BUILDING_BLOCKS = [KeyFeature.EDUCATION_SYSTEM, KeyFeature.FAMILIES, KeyFeature.TECHNOLOGIES]
CONDITIONS = [KeyFeature.POLITICAL_WILL, KeyFeature.GOVERNANCE, KeyFeature.RESOURCES]


def add_commitments(user, count, features, start=0, achieved=False):
    """``count`` commitments spread over ``features``, each with a short approved series."""
    made = Commitment.objects.bulk_create(
        Commitment(
            title=f"Cam kết {n:04d}",
            title_vi=f"Cam kết {n:04d}",
            title_en=f"Pledge {n:04d}",
            slug=f"pledge-{n:04d}",
            key_feature=features[n % len(features)],
            unit="percent",
            baseline_value=10,
            baseline_year=2020,
            target_value=90,
            target_year=2030,
            order=n,
        )
        for n in range(start, start + count)
    )
    now = timezone.now()
    Measurement.objects.bulk_create(
        Measurement(
            commitment=c,
            valid_on=datetime.date(2021 + step, 12, 31),
            value=Decimal(95 if achieved else 20 + step * 10),
            recorded_by=user,
            recorded_at=now,
            status="approved",
            approved_at=now,
        )
        for c in made
        for step in range(3)
    )
    return made


@pytest.fixture
def many(official):
    """30 commitments in the building blocks, 5 among the wider benefits, 1 condition."""
    add_commitments(official, 30, BUILDING_BLOCKS)
    add_commitments(official, 5, BENEFITS, start=100)
    add_commitments(official, 1, CONDITIONS, start=200, achieved=True)


def cards(html):
    return html.count('class="commitment-card"')


def test_a_few_commitments_are_all_shown_on_one_page(client, official):
    add_commitments(official, 24, BUILDING_BLOCKS + BENEFITS)
    html = client.get("/en/commitments/").content.decode()
    assert "24 commitments shown." in html
    assert cards(html) == 24
    assert "All 12 commitments of" not in html


def test_past_one_page_each_part_shows_its_first_eight_and_links_to_all_in_english(client, many):
    html = client.get("/en/commitments/").content.decode()
    assert "14 of 36 commitments shown." in html
    assert cards(html) == 8 + 5 + 1
    assert "Major building blocks <span" in html
    assert "(30)" in html
    assert "Pledge 0007" in html
    assert "Pledge 0008" not in html
    assert (
        '<a href="?area=building-blocks">All 30 commitments of “Major building blocks”</a>' in html
    )
    # The parts shown whole get no link.
    assert "All 5 commitments" not in html
    assert "?area=wider-benefits" not in html


def test_past_one_page_each_part_shows_its_first_eight_in_vietnamese(client, many):
    html = client.get("/vi/commitments/").content.decode()
    assert "Đang hiển thị 14 trên tổng số 36 cam kết." in html
    assert cards(html) == 14
    assert "Cam kết 0007" in html
    assert "Cam kết 0008" not in html
    assert "Xem tất cả 30 cam kết thuộc “Các trụ cột chính”" in html


def test_a_part_is_listed_page_by_page_in_both_languages(client, many):
    html = client.get("/en/commitments/?area=building-blocks").content.decode()
    assert "24 of 30 commitments shown." in html
    assert cards(html) == 24
    assert "Pledge 0023" in html
    assert "Pledge 0024" not in html
    assert "Page 1 of 2" in html
    assert 'href="?area=building-blocks&amp;page=2"' in html
    assert 'href="/en/commitments/">See every part of the framework</a>' in html
    second = client.get("/en/commitments/?area=building-blocks&page=2").content.decode()
    assert "6 of 30 commitments shown." in second
    assert cards(second) == 6
    assert "Pledge 0029" in second
    assert "Pledge 0023" not in second
    vi = client.get("/vi/commitments/?area=building-blocks&page=2").content.decode()
    assert "Trang 2 / 2" in vi
    assert "Cam kết 0029" in vi
    assert "Xem tất cả các phần của khung" in vi


def test_a_key_feature_is_a_page_of_its_own(client, many):
    html = client.get("/en/commitments/?area=families-communities").content.decode()
    assert "10 commitments shown." in html
    assert "Revitalised learning in families and communities" in html
    assert "Page 1 of" not in html


def test_the_status_filter_is_kept_by_the_links_to_a_part_and_its_pages(client, official, many):
    html = client.get("/en/commitments/?status=achieved").content.decode()
    assert "1 commitment shown." in html
    assert "Pledge 0200" in html
    on_track = client.get("/en/commitments/?status=on-track").content.decode()
    assert 'href="?status=on-track&amp;area=building-blocks"' in on_track
    part = client.get("/en/commitments/?status=on-track&area=building-blocks").content.decode()
    assert 'href="?status=on-track&amp;area=building-blocks&amp;page=2"' in part
    assert 'href="/en/commitments/?status=on-track">See every part' in part


@pytest.mark.parametrize(
    ("page", "first"),
    [("abc", "Pledge 0000"), ("0", "Pledge 0024"), ("-3", "Pledge 0024"), ("99999", "Pledge 0024")],
    ids=["word", "zero", "negative", "past-the-end"],
)
def test_a_page_that_does_not_exist_lands_on_a_real_one_and_is_never_kept(
    client, many, page, first
):
    url = f"/en/commitments/?area=building-blocks&page={page}"
    response = client.get(url)
    assert response.status_code == 200
    assert first in response.content.decode()
    # Answered, but a page of an invalid query is never stored for everyone.
    assert "X-Page-Cache" not in client.get(url)


def test_a_real_page_is_kept_in_the_page_cache(client, many):
    url = "/en/commitments/?area=building-blocks&page=2"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_the_overview_has_no_pages_and_answers_a_page_with_the_overview(client, many):
    response = client.get("/en/commitments/?page=2")
    assert response.status_code == 200
    assert cards(response.content.decode()) == 14
    assert "X-Page-Cache" not in client.get("/en/commitments/?page=2")


def test_a_bad_part_with_a_page_gets_its_message_and_the_overview(client, many):
    response = client.get("/vi/commitments/?area=nowhere&page=2")
    html = response.content.decode()
    assert response.status_code == 400
    assert "“nowhere” không phải là một phần của khung hợp lệ" in html
    assert cards(html) == 14


@pytest.mark.parametrize(
    "url", ["/en/commitments/", "/en/commitments/?area=building-blocks&page=2"]
)
def test_the_queries_stay_the_same_as_the_commitments_grow(client, settings, official, url):
    settings.PAGE_CACHE_SECONDS = 0
    add_commitments(official, 40, BUILDING_BLOCKS + CONDITIONS)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_commitments(official, 400, BUILDING_BLOCKS + CONDITIONS, start=1000)  # a new version
    with CaptureQueriesContext(connection) as lots:
        assert client.get(url).status_code == 200
    assert len(lots) == len(few) <= 6


def test_no_page_of_the_dashboard_weighs_more_than_60_kb_compressed(client, official):
    add_commitments(official, 600, list(KeyFeature))
    for url in ["/vi/commitments/", "/vi/commitments/?area=building-blocks&page=3"]:
        response = client.get(url)
        assert response.status_code == 200
        assert cards(response.content.decode()) == 24
        assert len(gzip.compress(response.content)) < 60 * 1024


def test_a_part_without_a_match_says_so_in_both_languages(client, many):
    html = client.get("/en/commitments/?status=achieved&area=building-blocks").content.decode()
    assert "No commitment matches this choice." in html
    assert "Major building blocks <span" not in html
    vi = client.get("/vi/commitments/?status=achieved&area=building-blocks").content.decode()
    assert "Không có cam kết nào phù hợp lựa chọn này." in vi


@pytest.mark.parametrize(
    "value",
    ["<script>alert(1)</script>", "\x00", "1e9", "9" * 5_000, "२", "¹", "٣", "1.5", " 2"],
    ids=[
        "script",
        "nul",
        "exponent",
        "huge",
        "devanagari-2",
        "superscript-1",
        "arabic-3",
        "decimal",
        "space",
    ],
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_hostile_page_value_gets_a_real_page_never_an_error(client, many, lang, value):
    for query in ({"area": "building-blocks", "page": value}, {"page": value}):
        response = client.get(f"/{lang}/commitments/", query)
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()
        assert cards(response.content.decode()) in (24, 6, 14)
