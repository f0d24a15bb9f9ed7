"""A visitor on a phone reads a commitment's chart and figures, in Vietnamese and in English."""

import io
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from apps.commitments import demo

from .conftest import PHONE, assert_fits_width

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots/h1"))  # where the team looks at them


@pytest.fixture
def pledges(transactional_db):
    for name in (demo.CHIENG_DEN, demo.TO_HIEU):
        get_user_model().objects.create_user(name, password="x")
    demo.load(io.StringIO())


def shoot(page, name, screenshot):
    path = screenshot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / path.name).write_bytes(path.read_bytes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("language", "first_row", "axis_note", "sentence"),
    [
        (
            "vi",
            ["31/12/2021", "32,4%", "31,7%", "40,9%"],
            "Trục giá trị bắt đầu từ 31%, không bắt đầu từ 0.",
            "đạt 100% mức phấn đấu so với năm gốc",
        ),
        (
            "en",
            ["31 Dec 2021", "32.4%", "31.7%", "40.9%"],
            "The value axis starts at 31%, not at 0.",
            "100% of the way from the baseline to the target",
        ),
    ],
)
def test_a_visitor_reads_a_level_to_keep_on_a_phone(
    page, live_server, pledges, screenshot, language, first_row, axis_note, sentence
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/{language}/commitments/ngan-sach-giao-duc/")
    assert sentence in page.inner_text(".summary-sentence")
    assert axis_note in page.inner_text("figcaption")
    rows = page.locator("table tbody tr")
    assert rows.nth(1).locator("td").all_inner_texts() == first_row

    chart = page.locator("svg.chart")
    chart.scroll_into_view_if_needed()
    labels = chart.locator("text")
    # Every label of the chart is at least 12 px tall on the phone, none leaves the chart.
    box = chart.bounding_box()
    sizes = page.evaluate(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize) * "
        "e.ownerSVGElement.getScreenCTM().a)",
        labels.element_handles(),
    )
    assert min(sizes) >= 12, sizes
    for index in range(labels.count()):
        label = labels.nth(index).bounding_box()
        assert label["x"] >= box["x"] - 0.5
        assert label["x"] + label["width"] <= box["x"] + box["width"] + 0.5
    texts = labels.all_text_contents()
    assert ("33,7%" if language == "vi" else "33.7%") in texts  # the target, labelled
    assert len([t for t in texts if t.endswith("%")]) >= 4  # a few value ticks besides it
    assert_fits_width(page)
    shoot(page, f"commitment-keep-{language}-360", screenshot)
