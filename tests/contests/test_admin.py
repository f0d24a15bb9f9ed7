"""Staff in the admin: contests in both languages side by side, entries with filters, the CSV
export with contact details (staff only, spreadsheet-safe), disqualification with a reason."""

import csv
import io

import pytest

from apps.contests.models import Change, Entry, Status

from .conftest import entry_data, make_open_contest

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def entry(client, contest, categories, commune):
    data = entry_data(
        categories["poem"],
        commune,
        text=HOSTILE,
        title='=HYPERLINK("http://evil.example")',
        author_name=f"Xuân {HOSTILE}",
        description=HOSTILE,
    )
    assert client.post(f"/vi/contests/{contest.slug}/submit/", data).status_code == 302
    client.logout()
    return Entry.objects.get()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/contests/contest/",
        "/admin/contests/contest/add/",
        "/admin/contests/entry/",
        "/admin/contests/entry/?status__exact=received",
        "/admin/contests/change/",
    ],
)
def test_staff_open_the_admin_pages(client, staff_user, entry, path):
    client.force_login(staff_user)
    assert client.get(path).status_code == 200


def test_the_contest_admin_shows_both_languages_side_by_side(client, staff_user, contest):
    client.force_login(staff_user)
    html = client.get(f"/admin/contests/contest/{contest.pk}/change/").content.decode()
    for name in ("title_vi", "title_en", "rules_vi", "rules_en", "categories-0-name_en"):
        assert f'name="{name}"' in html


def test_the_entries_list_filters_by_contest_category_and_status(client, staff_user, entry):
    make_open_contest(slug="other")  # a filter shows when there is a choice
    client.force_login(staff_user)
    html = client.get("/admin/contests/entry/").content.decode()
    for filter_name in ("contest__id__exact", "category__id__exact", "status__exact"):
        assert filter_name in html
    assert entry.code in html
    assert (
        entry.code
        not in client.get("/admin/contests/entry/?status__exact=awarded").content.decode()
    )


def test_html_in_an_entry_is_escaped_in_the_admin(client, staff_user, entry):
    client.force_login(staff_user)
    for url in ("/admin/contests/entry/", f"/admin/contests/entry/{entry.pk}/change/"):
        html = client.get(url).content.decode()
        assert HOSTILE not in html
    assert "&lt;script&gt;" in html


def test_the_csv_export_has_the_contacts_and_is_spreadsheet_safe(client, staff_user, entry):
    client.force_login(staff_user)
    response = client.post(
        "/admin/contests/entry/",
        {"action": "export_csv", "_selected_action": [entry.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[0][0] == "mã tham chiếu"  # the staff member's language
    assert rows[1][0] == entry.code
    assert "xuan@example.org" in rows[1]
    assert "0912 345 678" in rows[1]
    assert '\'=HYPERLINK("http://evil.example")' in rows[1]


def test_an_official_can_neither_list_nor_export_entries(client, official, entry):
    client.force_login(official)
    assert client.get("/admin/contests/entry/").status_code == 302
    response = client.post(
        "/admin/contests/entry/", {"action": "export_csv", "_selected_action": [entry.pk]}
    )
    assert response.status_code == 302
    assert b"xuan@example.org" not in response.content


def test_staff_disqualify_an_entry_with_a_reason(client, staff_user, entry):
    client.force_login(staff_user)
    ask = client.post(
        "/admin/contests/entry/",
        {"action": "disqualify_selected", "_selected_action": [entry.pk]},
    )
    assert ask.status_code == 200
    assert 'name="reason"' in ask.content.decode()
    entry.refresh_from_db()
    assert entry.status == Status.RECEIVED  # nothing happens before the reason is given
    done = client.post(
        "/admin/contests/entry/",
        {
            "action": "disqualify_selected",
            "_selected_action": [entry.pk],
            "apply": "1",
            "reason": "Tác phẩm sao chép",
        },
    )
    assert done.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.disqualification_reason) == (
        Status.DISQUALIFIED,
        "Tác phẩm sao chép",
    )
    change = Change.objects.filter(object_type="entry").latest("at")
    assert change.user == staff_user
    assert "status" in change.changes
    assert "contact_email" not in str(change.changes)


def test_a_disqualification_without_a_reason_changes_nothing(client, staff_user, entry):
    client.force_login(staff_user)
    response = client.post(
        "/admin/contests/entry/",
        {
            "action": "disqualify_selected",
            "_selected_action": [entry.pk],
            "apply": "1",
            "reason": "",
        },
    )
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.status == Status.RECEIVED


def test_the_receipt_email_escapes_html_in_its_html_part(entry):
    from apps.core.models import OutgoingMail

    row = OutgoingMail.objects.get()
    assert HOSTILE in row.body  # plain text: shown as typed, never run
    assert HOSTILE not in row.html
    assert "&lt;script&gt;" in row.html
