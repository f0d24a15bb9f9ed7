"""The public pages keep their content in memos: a change must show at once, in each language.

The whole-page cache is off here so that what is tested is the memo inside each view.
"""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.commitments import services
from apps.core import pagecache

pytestmark = pytest.mark.django_db

PAGES = ["/en/commitments/", "/en/commitments/truong-hoc-so/", "/en/commitments/data.csv"]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def digital(make_commitment, measure, official, second_official):
    commitment = make_commitment("Trường học số", officials=[official, second_official])
    measure(commitment, 60, "2023-12-31", official)
    return commitment


def warm(client, paths=PAGES):
    for path in paths:
        assert client.get(path).status_code == 200


def csv_values(client, path="/en/commitments/data.csv"):
    rows = csv.DictReader(io.StringIO(client.get(path).getvalue().decode("utf-8-sig")))
    return [row["value"] for row in rows if row["commitment_slug"] == "truong-hoc-so"]


def record(commitment, user, value, day="2025-12-31"):
    return services.record_measurement(
        commitment, user, value=Decimal(value), valid_on=datetime.date.fromisoformat(day)
    )


def test_a_memoised_page_needs_no_query_on_the_second_visit(
    client, digital, django_assert_num_queries
):
    warm(client, [*PAGES, "/en/commitments/data.json"])
    with django_assert_num_queries(0):
        client.get("/en/commitments/")
        client.get("/en/commitments/data.csv")
        client.get("/en/commitments/data.json")
        client.get("/en/commitments/truong-hoc-so/")  # the officials' names kept with it


def test_a_recorded_figure_shows_at_once(
    client, digital, official, django_capture_on_commit_callbacks
):
    warm(client)
    with django_capture_on_commit_callbacks(execute=True):
        record(digital, official, 75)
    assert "<strong>75%</strong>" in client.get("/en/commitments/").content.decode()
    detail = client.get("/en/commitments/truong-hoc-so/").content.decode()
    assert "On 31 December 2025 the figure was 75%" in detail
    assert csv_values(client) == ["60.00", "75.00"]


def test_an_approved_figure_shows_at_once_and_a_pending_one_does_not(
    client, digital, official, second_official, django_capture_on_commit_callbacks
):
    digital.requires_approval = True
    digital.save()
    warm(client)
    with django_capture_on_commit_callbacks(execute=True):
        pending = record(digital, official, 80)
    assert "<strong>80%</strong>" not in client.get("/en/commitments/").content.decode()
    assert csv_values(client) == ["60.00"]
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_measurement(pending, second_official)
    assert "<strong>80%</strong>" in client.get("/en/commitments/").content.decode()
    detail = client.get("/en/commitments/truong-hoc-so/").content.decode()
    assert "the figure was 80%" in detail
    assert csv_values(client) == ["60.00", "80.00"]


def test_an_edited_commitment_shows_at_once_in_each_language(
    client, digital, django_capture_on_commit_callbacks
):
    warm(client, [*PAGES, "/vi/commitments/", "/vi/commitments/truong-hoc-so/"])
    with django_capture_on_commit_callbacks(execute=True):
        digital.title_en = "Schools online"
        digital.title_vi = "Trường học trực tuyến"
        digital.target_value = Decimal(90)
        digital.save()
    dashboard = client.get("/en/commitments/").content.decode()
    assert "Schools online" in dashboard
    assert "against a target of 90% by 2030" in dashboard
    assert "<title>Schools online" in client.get("/en/commitments/truong-hoc-so/").content.decode()
    assert "Trường học trực tuyến" in client.get("/vi/commitments/").content.decode()
    vi_detail = client.get("/vi/commitments/truong-hoc-so/").content.decode()
    assert "<title>Trường học trực tuyến" in vi_detail
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/en/commitments/data.csv").getvalue().decode("utf-8-sig"))
        )
    )
    assert rows[0]["commitment_title_en"] == "Schools online"
    assert rows[0]["target_value"] == "90.00"


def test_each_language_gets_its_own_content(client, digital):
    vi = client.get("/vi/commitments/").content.decode()
    en = client.get("/en/commitments/").content.decode()
    assert "Đúng tiến độ" in vi
    assert 'href="/vi/commitments/truong-hoc-so/"' in vi
    assert "On track" in en
    assert 'href="/en/commitments/truong-hoc-so/"' in en
    assert "Đúng tiến độ" not in en
    client.get("/vi/commitments/truong-hoc-so/")
    assert "status: on track" in client.get("/en/commitments/truong-hoc-so/").content.decode()
    client.get("/vi/commitments/data.json")
    payload = json.loads(client.get("/en/commitments/data.json").getvalue())
    assert payload["commitments"][0]["url"].endswith("/en/commitments/truong-hoc-so/")


def test_filters_are_part_of_the_key_and_a_bad_one_still_gets_its_message(client, digital):
    assert "1 commitment shown." in client.get("/en/commitments/").content.decode()
    html = client.get("/en/commitments/?status=achieved").content.decode()
    assert "0 commitments shown." in html
    response = client.get("/en/commitments/?status=bogus")
    assert response.status_code == 400
    assert "all statuses are shown" in response.content.decode()
    assert "1 commitment shown." in response.content.decode()
    assert "all statuses are shown" not in client.get("/en/commitments/").content.decode()


def test_a_status_follows_the_date_even_without_a_content_change(client, digital, monkeypatch):
    assert "On track" in client.get("/en/commitments/").content.decode()
    assert csv_values(client)
    later = datetime.date(2031, 1, 1)  # after the target year, the target not met
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    assert "Off track" in client.get("/en/commitments/").content.decode()
    assert "status: off track" in client.get("/en/commitments/truong-hoc-so/").content.decode()
    rows = csv.DictReader(
        io.StringIO(client.get("/en/commitments/data.csv").getvalue().decode("utf-8-sig"))
    )
    assert {row["status"] for row in rows} == {"off-track"}


def test_a_renamed_official_shows_at_once(client, digital, official):
    warm(client)
    official.first_name, official.last_name = "Lò Thị", "Mai"
    official.save()  # not portal content: the official's name renews the version
    assert "Lò Thị Mai" in client.get("/en/commitments/truong-hoc-so/").content.decode()
    official.last_name = "Hoa"
    official.save(update_fields=["last_name"])
    assert "Lò Thị Hoa" in client.get("/en/commitments/truong-hoc-so/").content.decode()


def test_a_deleted_official_is_no_longer_named(client, digital, second_official):
    second_official.first_name, second_official.last_name = "Lò Thị", "Mai"
    second_official.save()
    assert "Lò Thị Mai" in client.get("/en/commitments/truong-hoc-so/").content.decode()
    second_official.delete()
    assert "Lò Thị Mai" not in client.get("/en/commitments/truong-hoc-so/").content.decode()


def test_a_sign_in_or_a_stranger_renamed_flushes_no_page(client, digital, official, make_user):
    warm(client)
    version = pagecache.current_version()
    client.force_login(official)  # saves last_login alone
    client.logout()
    stranger = make_user("stranger")
    stranger.first_name = "Someone"
    stranger.save()
    assert pagecache.current_version() == version


def test_generated_at_is_when_the_file_was_built_and_stays_until_the_content_changes(
    client, digital, monkeypatch
):
    # The files are built once per change (apps.core.published), not per response.
    built = json.loads(client.get("/en/commitments/data.json?a=1").getvalue())
    moment = timezone.now() + datetime.timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    again = json.loads(client.get("/en/commitments/data.json?b=2").getvalue())
    assert again["generated_at"] == built["generated_at"] != moment.isoformat(timespec="seconds")
    assert again["source"] == "/en/commitments/data.json"  # no SITE_URL: site-relative
    digital.target_value = Decimal(95)
    digital.save()
    rows = csv.DictReader(
        io.StringIO(client.get("/en/commitments/data.csv").getvalue().decode("utf-8-sig"))
    )
    assert {row["generated_at"] for row in rows} == {moment.isoformat(timespec="seconds")}
