import pytest

from apps.commitments.models import KeyFeature, Measurement, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledges(make_commitment, measure, official):
    budget = make_commitment(
        "Dành 33,7% ngân sách cho giáo dục",
        title_en="33.7% of the budget to education",
        key_feature=KeyFeature.RESOURCES,
        direction="keep",
        baseline_value="31.5",
        target_value="33.7",
    )
    measure(budget, "34.0", "2025-12-31", official)
    digital = make_commitment("Trường học số", title_en="Digital schools")
    measure(digital, 60, "2023-12-31", official)
    measure(digital, 75, "2025-12-31", official)
    lineages = make_commitment(
        "Dòng họ học tập",
        title_en="Learning lineages",
        key_feature=KeyFeature.EMPOWERMENT,
        unit=Unit.COUNT,
        baseline_value=5,
        target_value=13,
    )
    measure(lineages, 6, "2025-12-31", official)
    return budget, digital, lineages


def test_dashboard_groups_commitments_by_framework_part_in_english(client, pledges):
    response = client.get("/en/commitments/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fundamental conditions" in html
    assert "Major building blocks" in html
    assert "33.7% of the budget to education" in html
    assert "<strong>75%</strong> against a target of 100% by 2030" in html
    assert "58.3% of the way from the baseline to the target" in html
    assert "On track" in html
    assert "Achieved" in html
    assert "Off track" in html
    assert html.count('<svg class="sparkline"') == 3
    assert html.index("Wider benefits") < html.index("Major building blocks")


def test_dashboard_speaks_vietnamese(client, pledges):
    html = client.get("/vi/commitments/").content.decode()
    assert "Dành 33,7% ngân sách cho giáo dục" in html
    assert "<strong>75%</strong>" in html
    assert "Đúng tiến độ" in html
    assert 'lang="vi"' in html


def test_status_filter_shows_only_that_status(client, pledges):
    html = client.get("/en/commitments/?status=achieved").content.decode()
    assert "33.7% of the budget to education" in html
    assert "Digital schools" not in html


def test_area_filter_takes_a_framework_part_or_a_key_feature(client, pledges):
    html = client.get("/en/commitments/?area=building-blocks").content.decode()
    assert "Digital schools" in html
    assert "Learning lineages" not in html
    html = client.get("/en/commitments/?area=resources").content.decode()
    assert "33.7% of the budget" in html
    assert "Digital schools" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("status=bogus", "<p>“bogus” is not a status we know; all statuses are shown.</p>"),
        (
            "area=<script>x</script>",
            "<p>“&lt;script&gt;x&lt;/script&gt;” is not a part of the framework we know;"
            " all parts are shown.</p>",
        ),
        # The value is quoted back as it came (a NUL here), so only the sentence is compared.
        ("status=%00", "” is not a status we know; all statuses are shown.</p>"),
    ],
    ids=["status", "area", "nul"],
)
def test_a_bad_filter_gets_a_clear_message_not_an_error(client, pledges, query, message):
    response = client.get(f"/en/commitments/?{query}")
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "<script>x" not in html
    assert "Digital schools" in html


def test_unpublished_commitments_and_pending_figures_stay_private(
    client, make_commitment, measure, official
):
    hidden = make_commitment("Bí mật", title_en="Hidden pledge", published=False)
    measure(hidden, 70, "2025-12-31", official)
    shown = make_commitment("Công khai", title_en="Public pledge")
    measure(shown, 90, "2025-12-31", official, status=Measurement.State.PENDING)
    html = client.get("/en/commitments/").content.decode()
    assert "Hidden pledge" not in html
    assert "No figure yet" in html
    assert client.get(f"/en/commitments/{hidden.slug}/").status_code == 404


def test_home_page_shows_the_latest_progress(client, pledges):
    html = client.get("/en/").content.decode()
    assert "Latest progress on our commitments" in html
    assert "Digital schools" in html


def test_navigation_links_the_dashboard(client, pledges):
    html = client.get("/en/").content.decode()
    assert 'href="/en/commitments/"' in html


def test_a_new_figure_shows_at_once_on_the_cached_dashboard(
    client, pledges, measure, official, django_capture_on_commit_callbacks
):
    _budget, digital, _lineages = pledges
    client.get("/en/commitments/")
    assert client.get("/en/commitments/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        measure(digital, 80, "2026-01-31", official)
    html = client.get("/en/commitments/").content.decode()
    assert "<strong>80%</strong>" in html
