import datetime

import pytest
from django.utils import timezone

from apps.reports import services
from apps.reports.models import ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(commitments, django_capture_on_commit_callbacks):
    def build(language="en", published=True):
        with django_capture_on_commit_callbacks(execute=True):
            report = services.request_report(
                reporting_date=datetime.date(2024, 12, 31),
                language=language,
                scope="all",
                published=published,
            )
        report.refresh_from_db()
        return report

    return build


@pytest.mark.parametrize(("lang", "text"), [("vi", "Báo cáo tiến độ"), ("en", "Progress reports")])
def test_public_list_shows_published_reports_in_both_languages(client, built, lang, text):
    public = built("en")
    hidden = built("vi", published=False)
    html = client.get(f"/{lang}/reports/").content.decode()
    assert text in html
    assert f"/{lang}/reports/{public.pk}/pdf/" in html
    assert f"/reports/{hidden.pk}/" not in html


def test_list_is_empty_and_says_so(client, db):
    assert "No report has been published yet" in client.get("/en/reports/").content.decode()


def test_list_survives_a_bad_page_number(client, built):
    built("en")
    for page in ("abc", "99999", "-1", "1" * 300):
        assert client.get("/en/reports/", {"page": page}).status_code == 200


def test_pdf_download_has_the_right_headers(client, built):
    report = built("en")
    response = client.get(f"/en/reports/{report.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="son-la-progress-2024-12-31-en.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    # Downloaded and sandboxed, like every stored file the portal sends.
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"].startswith("sandbox;")


def test_the_admin_links_a_reports_files_through_the_download_view(client, built, staff_user):
    report = built("en")
    client.force_login(staff_user)
    html = client.get(f"/admin/reports/progressreport/{report.pk}/change/").content.decode()
    assert f'href="/vi/reports/{report.pk}/pdf/"' in html  # the admin speaks Vietnamese here
    assert "/media/reports/" not in html


def test_data_downloads_are_attachments(client, built):
    report = built("en")
    response = client.get(f"/en/reports/{report.pk}/csv/")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    response = client.get(f"/en/reports/{report.pk}/xlsx/")
    assert "spreadsheetml" in response["Content-Type"]


@pytest.mark.parametrize("kind", ["exe", "..", "PDF", "x" * 300])
def test_unknown_download_kinds_are_404(client, built, kind):
    report = built("en")
    assert client.get(f"/en/reports/{report.pk}/{kind}/").status_code == 404


def test_unpublished_report_is_hidden_from_the_public_but_not_from_officials(
    client, built, official
):
    report = built("en", published=False)
    assert client.get(f"/en/reports/{report.pk}/pdf/").status_code == 404
    client.force_login(official)
    response = client.get(f"/en/reports/{report.pk}/pdf/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_workspace_needs_sign_in(client):
    response = client.get("/en/workspace/reports/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_a_juror_may_not_ask_for_reports(client, juror):
    client.force_login(juror)
    assert client.get("/en/workspace/reports/").status_code == 403
    data = {"reporting_date": "2024-12-31", "language": "en", "scope": "all"}
    assert client.post("/en/workspace/reports/", data).status_code == 403
    assert not ProgressReport.objects.exists()


def test_workspace_home_lists_reports_for_officials_only(client, official, juror):
    client.force_login(official)
    assert "/en/workspace/reports/" in client.get("/en/workspace/").content.decode()
    client.force_login(juror)
    assert "/en/workspace/reports/" not in client.get("/en/workspace/").content.decode()


def test_official_asks_for_a_report_and_follows_it(
    client, official, commitments, django_capture_on_commit_callbacks
):
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/workspace/reports/",
            {"reporting_date": "2024-12-31", "language": "en", "scope": "all"},
        )
    report = ProgressReport.objects.get()
    assert response["Location"] == f"/en/workspace/reports/{report.pk}/"
    assert report.requested_by == official
    page = client.get(response["Location"]).content.decode()
    assert "Ready" in page
    assert f"/en/reports/{report.pk}/pdf/" in page
    assert 'http-equiv="refresh"' not in page


def test_a_queued_report_page_refreshes_itself(client, official):
    report = ProgressReport.objects.create(reporting_date=datetime.date(2024, 1, 1), language="vi")
    client.force_login(official)
    page = client.get(f"/vi/workspace/reports/{report.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "Đang chờ" in page


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"reporting_date": "", "language": "en", "scope": "all"}, "This field is required."),
        ({"reporting_date": "31/31/2024", "language": "en", "scope": "all"}, "Enter a valid date."),
        ({"reporting_date": "2999-01-01", "language": "en", "scope": "all"}, "in the future"),
        ({"reporting_date": "1999-01-01", "language": "en", "scope": "all"}, "1 January 2020"),
        (
            {"reporting_date": "2024-12-31", "language": "fr", "scope": "all"},
            "Select a valid choice",
        ),
        (
            {"reporting_date": "2024-12-31", "language": "en", "scope": "<script>"},
            "Select a valid choice",
        ),
    ],
)
def test_bad_requests_are_explained_and_keep_what_was_typed(client, official, data, field_error):
    client.force_login(official)
    response = client.post("/en/workspace/reports/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error in html
    assert "<script>" not in html.split("<main")[1]
    assert ProgressReport.objects.count() == 0


def test_bad_request_in_vietnamese(client, official):
    client.force_login(official)
    html = client.post(
        "/vi/workspace/reports/", {"reporting_date": "2999-01-01", "language": "en", "scope": "all"}
    ).content.decode()
    assert "tương lai" in html


def test_only_staff_may_publish(client, built, official, staff_user):
    report = built("en", published=False)
    client.force_login(official)
    assert (
        client.post(f"/en/workspace/reports/{report.pk}/publish/", {"published": "1"}).status_code
        == 403
    )
    report.refresh_from_db()
    assert not report.published
    client.force_login(staff_user)
    client.post(f"/en/workspace/reports/{report.pk}/publish/", {"published": "1"})
    report.refresh_from_db()
    assert report.published


def test_a_missing_report_is_404(client, official):
    client.force_login(official)
    assert client.get("/en/workspace/reports/999/").status_code == 404
    assert client.get("/en/reports/999/pdf/").status_code == 404


def test_list_query_count_is_constant(client, db, django_assert_max_num_queries):
    for day in range(40):
        ProgressReport.objects.create(
            reporting_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=day),
            language="en",
            status=ProgressReport.Status.DONE,
            published=True,
            finished_at=timezone.now(),
        )
    with django_assert_max_num_queries(6):
        client.get("/en/reports/")


def test_publishing_shows_the_report_at_once_even_without_the_page_cache(
    client, built, staff_user, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    report = built("en", published=False)
    assert f"/reports/{report.pk}/pdf/" not in client.get("/en/reports/").content.decode()
    client.force_login(staff_user)
    client.post(f"/en/workspace/reports/{report.pk}/publish/", {"published": "1"})
    client.logout()
    assert f"/reports/{report.pk}/pdf/" in client.get("/en/reports/").content.decode()
