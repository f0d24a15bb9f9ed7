"""Hostile query strings and garbage forms, on every public list and every form the demo
accounts can reach, in both languages: never a server error, never unescaped markup, nothing
stored from a refused form.

The demo data is loaded once for the module inside a transaction that is rolled back at the end;
each test runs in its own savepoint on top of it.
"""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone, translation

from apps.commitments.models import Commitment, Measurement
from apps.culture.models import JoinRequest
from apps.reports.models import ProgressReport
from apps.spaces.models import FACILITY_FIELDS, LearningSpace, OpeningHours, Photo

pytestmark = pytest.mark.django_db

LANGS = ["vi", "en"]
SCRIPT = "<script>alert(1)</script>"
OFFICIAL = "official.chiengden"
COMMITMENT = "truong-hoc-so"  # a percentage, assigned to the Chiềng Đen official
SPACE = "nha-tri-thuc-ban-co-phuong-chieng-den"
CLUB = "clb-van-hoa-thai-ban-co-phuong-chieng-den"

HOSTILE = {
    "word": "abc",
    "negative": "-1",
    "huge-number": "99999999999999999999",
    "10k-chars": "ꪹ" + "a" * 9_999,
    "script": SCRIPT,
    "sql": "' OR 1=1 --",
    "nul": "\x00",
    "nul-inside": "co\x00phuong",
    "unicode": "chiềng đen ꪹꪎꪷ",
    "repeated": ["a", "b"],
    "repeated-script": ["house-of-wisdom", SCRIPT],
}

# The query parameters each public page reads (from the views).
PAGES = {
    "commitments": ("/commitments/", ["status", "area"]),
    "spaces": ("/spaces/", ["area", "kind", "facility", "open", "q", "page"]),
    "clubs": ("/clubs/", ["area", "focus", "q", "page"]),
    "events": ("/events/", ["area", "category", "programme", "when", "month", "q", "page"]),
    # A calendar application shows no notice: a filter it cannot use is refused (400).
    "events-calendar": ("/events/calendar.ics", ["area", "category", "programme", "when", "month"]),
    "spaces-map": ("/spaces/map/", ["area", "kind", "facility", "open", "q", "page"]),
    "reports": ("/reports/", ["page"]),
    "search": ("/search/", ["q", "type", "page"]),
    "stories": ("/stories/", ["tag", "page"]),
    "login": ("/accounts/login/", ["next"]),
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, loaded once and rolled back after the module."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def official(demo, db):
    return get_user_model().objects.get(username=OFFICIAL)


# The commitments dashboard refuses a status or part it does not know (400, with a message and
# every commitment shown); the other pages drop a value they cannot use and answer 200.
REFUSES_UNKNOWN_VALUES = {"commitments", "events-calendar"}


def _get_cases():
    for page, (path, params) in PAGES.items():
        status = 400 if page in REFUSES_UNKNOWN_VALUES else 200
        for param in params:
            for name, value in HOSTILE.items():
                for lang in LANGS:
                    yield pytest.param(
                        f"/{lang}{path}", param, value, status, id=f"{page}-{param}-{name}-{lang}"
                    )


@pytest.mark.parametrize(("path", "param", "value", "status"), list(_get_cases()))
def test_hostile_query_values_never_break_a_page(client, demo, path, param, value, status):
    response = client.get(path, {param: value})
    body = response.content.decode()
    assert response.status_code == status
    assert SCRIPT not in body


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "target",
    [SCRIPT, "//evil.example/", "https://evil.example/", "/\\evil.example", "\x00", "a" * 10_000],
    ids=["script", "scheme-relative", "absolute", "backslash", "nul", "10k-chars"],
)
def test_language_switch_never_leaves_the_site(client, demo, lang, target):
    response = client.get(f"/lang/{lang}/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/"


# Forms -----------------------------------------------------------------------------------------


def refused(data, *invalid, alert=False):
    """A garbage case: what is posted, the fields it leaves marked invalid, and whether the
    form's alert box (its errors that belong to no one field) is shown."""
    return data, set(invalid), alert


FORM_ALERT = '<div class="form-errors" role="alert">'


def assert_refused(response, invalid, alert):
    """The form shown again (400, never a redirect to success) with exactly the expected fields
    marked invalid, each with its message, and the alert box exactly when expected."""
    assert response.status_code == 400, response.status_code
    body = response.content.decode()
    assert SCRIPT not in body
    tags = re.findall(r"<(?:input|select|textarea)\b[^>]*>", body)
    marked = {re.search(r'name="([^"]*)"', t).group(1) for t in tags if 'aria-invalid="true"' in t}
    assert marked == invalid
    assert body.count("has-error") == len(invalid)  # the field's box, with its message
    assert (FORM_ALERT in body) == alert


# The sign-in form says "enter a correct username and password" to every refused attempt.
LOGIN_GARBAGE = {
    "missing": refused({}, "username", "password", alert=True),
    "empty": refused({"username": "", "password": ""}, "username", "password", alert=True),
    # A user name is at most 150 characters; a password has no limit.
    "huge": refused({"username": "u" * 100_000, "password": "p" * 100_000}, "username", alert=True),
    "nul": refused(
        {"username": "official\x00chiengden", "password": "sonla-official-2024\x00"},
        "username",
        "password",
        alert=True,
    ),
    "script": refused({"username": SCRIPT, "password": SCRIPT}, alert=True),
    "repeated": refused({"username": [OFFICIAL, "staff"], "password": ["x", "y"]}, alert=True),
    "sql": refused({"username": "' OR 1=1 --", "password": "' OR 1=1 --"}, alert=True),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("data", "invalid", "alert"), LOGIN_GARBAGE.values(), ids=LOGIN_GARBAGE.keys()
)
def test_login_refuses_garbage(client, demo, lang, data, invalid, alert):
    response = client.post(f"/{lang}/accounts/login/", data)
    assert_refused(response, invalid, alert)
    assert "_auth_user_id" not in client.session


RESET_GARBAGE = {
    "missing": refused({}, "email"),
    "not-an-email": refused({"email": "not an email"}, "email"),
    "huge": refused({"email": "a" * 100_000 + "@example.org"}, "email"),
    "nul": refused({"email": "official.chiengden@example.org\x00"}, "email"),
    "script": refused({"email": f"{SCRIPT}@example.org"}, "email"),
    "sql": refused({"email": "' OR 1=1 --"}, "email"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("data", "invalid", "alert"), RESET_GARBAGE.values(), ids=RESET_GARBAGE.keys()
)
def test_password_reset_refuses_garbage(client, demo, lang, data, invalid, alert):
    response = client.post(f"/{lang}/accounts/password_reset/", data)
    assert_refused(response, invalid, alert)
    assert mail.outbox == []


def _report_data(**overrides):
    return {
        "reporting_date": timezone.localdate().isoformat(),
        "language": "en",
        "scope": "all",
        **overrides,
    }


REPORT_GARBAGE = {
    "missing": refused({}, "reporting_date", "language", "scope"),
    "date-word": refused(_report_data(reporting_date="yesterday"), "reporting_date"),
    "date-impossible": refused(_report_data(reporting_date="2024-02-30"), "reporting_date"),
    "date-huge-year": refused(_report_data(reporting_date="99999-01-01"), "reporting_date"),
    "date-future": refused(
        _report_data(
            reporting_date=(timezone.localdate() + datetime.timedelta(days=2)).isoformat()
        ),
        "reporting_date",
    ),
    "date-before-2020": refused(_report_data(reporting_date="1900-01-01"), "reporting_date"),
    "date-10k": refused(_report_data(reporting_date="2" * 10_000), "reporting_date"),
    "language-unknown": refused(_report_data(language="xx"), "language"),
    "scope-script": refused(_report_data(scope=SCRIPT), "scope"),
    "scope-huge": refused(_report_data(scope="s" * 100_000), "scope"),
    "nul": refused(_report_data(scope="all\x00"), "scope"),
}


def test_report_request_control_is_accepted(client, official):
    """The unspoilt form is stored: the garbage tests below fail for their garbage only."""
    client.force_login(official)
    before = ProgressReport.objects.count()
    response = client.post("/en/workspace/reports/", _report_data())
    assert response.status_code == 302
    assert ProgressReport.objects.count() == before + 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("data", "invalid", "alert"), REPORT_GARBAGE.values(), ids=REPORT_GARBAGE.keys()
)
def test_report_request_refuses_garbage(client, official, lang, data, invalid, alert):
    client.force_login(official)
    before = ProgressReport.objects.count()
    response = client.post(f"/{lang}/workspace/reports/", data)
    assert_refused(response, invalid, alert)
    assert ProgressReport.objects.count() == before


def _measurement_data(**overrides):
    today = timezone.localdate().isoformat()
    return {"value": "50", "valid_on": today, "note_vi": "Ghi chú", **overrides}


# The record form heads every refusal with its alert box ("correct the fields marked below").
MEASUREMENT_GARBAGE = {
    "missing": refused({}, "value", "valid_on", "note_vi", alert=True),
    "value-word": refused(_measurement_data(value="abc"), "value", alert=True),
    "value-nan": refused(_measurement_data(value="NaN"), "value", alert=True),
    "value-infinity": refused(_measurement_data(value="Infinity"), "value", alert=True),
    "value-exponent": refused(_measurement_data(value="1e400"), "value", alert=True),
    "value-huge": refused(_measurement_data(value="9" * 10_000), "value", alert=True),
    "value-negative": refused(_measurement_data(value="-1"), "value", alert=True),
    "value-over-100": refused(_measurement_data(value="100.5"), "value", alert=True),
    "value-script": refused(_measurement_data(value=SCRIPT), "value", alert=True),
    "date-impossible": refused(_measurement_data(valid_on="2024-02-30"), "valid_on", alert=True),
    "date-huge-year": refused(_measurement_data(valid_on="99999-12-31"), "valid_on", alert=True),
    "date-10k": refused(_measurement_data(valid_on="2" * 10_000), "valid_on", alert=True),
    "note-huge": refused(_measurement_data(note_vi="n" * 100_000), "note_vi", alert=True),
    "note-nul": refused(_measurement_data(note_vi="ghi\x00chú"), "note_vi", alert=True),
    "note-missing": refused(_measurement_data(note_vi=""), "note_vi", alert=True),
    "correction-of-nothing": refused(
        _measurement_data(valid_on="2021-01-01", is_correction="on", correction_reason=SCRIPT),
        "is_correction",
        alert=True,
    ),
    # Nothing recorded today to correct, and the reason too long.
    "reason-huge": refused(
        _measurement_data(is_correction="on", correction_reason="r" * 100_000),
        "is_correction",
        "correction_reason",
        alert=True,
    ),
    "evidence-renamed": refused(
        _measurement_data(
            evidence=SimpleUploadedFile("proof.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
        ),
        "evidence",
        alert=True,
    ),
}


def test_measurement_control_is_accepted(client, official):
    client.force_login(official)
    before = Measurement.objects.count()
    response = client.post(f"/en/workspace/commitments/{COMMITMENT}/record/", _measurement_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Measurement.objects.count() == before + 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("data", "invalid", "alert"), MEASUREMENT_GARBAGE.values(), ids=MEASUREMENT_GARBAGE.keys()
)
def test_measurement_form_refuses_garbage(client, official, lang, data, invalid, alert):
    client.force_login(official)
    before = Measurement.objects.count()
    for value in data.values():
        if hasattr(value, "seek"):
            value.seek(0)
    response = client.post(f"/{lang}/workspace/commitments/{COMMITMENT}/record/", data)
    assert_refused(response, invalid, alert)
    assert Measurement.objects.count() == before


def _space_snapshot(space):
    # The same language each time: the translated fields read the active one.
    with translation.override("vi"):
        space.refresh_from_db()
        fields = [f.attname for f in LearningSpace._meta.concrete_fields if f.name != "updated_at"]
        hours = list(OpeningHours.objects.filter(space=space).order_by("pk").values_list())
        return {name: getattr(space, name) for name in fields}, hours


def _space_data(space, **overrides):
    """What the edit form posts when nothing is changed."""
    hours = list(OpeningHours.objects.filter(space=space).order_by("weekday", "opens"))
    data = {
        "description_vi": space.description_vi,
        "description_en": space.description_en or "",
        "activities_vi": space.activities_vi,
        "activities_en": space.activities_en or "",
        "contact_phone": space.contact_phone,
        "contact_email": space.contact_email,
        "book_count": str(space.book_count),
        "hours-TOTAL_FORMS": str(len(hours)),
        "hours-INITIAL_FORMS": str(len(hours)),
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "30",
    }
    for name in FACILITY_FIELDS.values():
        if getattr(space, name):
            data[name] = "on"
    for i, h in enumerate(hours):
        data[f"hours-{i}-id"] = str(h.pk)
        data[f"hours-{i}-space"] = str(space.pk)
        data[f"hours-{i}-weekday"] = str(h.weekday)
        data[f"hours-{i}-opens"] = h.opens.strftime("%H:%M")
        data[f"hours-{i}-closes"] = h.closes.strftime("%H:%M")
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# The edit form's alert box shows the hours' formset errors (a missing or tampered management
# form, too many rows) and a refused hidden field ("part of this form was changed").
SPACE_GARBAGE = {
    "missing": refused(lambda s: {}, "book_count", alert=True),
    "no-management-form": refused(
        lambda s: {k: v for k, v in _space_data(s).items() if not k.startswith("hours-")},
        alert=True,
    ),
    "email-garbage": refused(
        lambda s: _space_data(s, contact_email="not an email"), "contact_email"
    ),
    "email-huge": refused(
        lambda s: _space_data(s, contact_email="a" * 100_000 + "@example.org"), "contact_email"
    ),
    "phone-huge": refused(lambda s: _space_data(s, contact_phone="0" * 10_000), "contact_phone"),
    "books-word": refused(lambda s: _space_data(s, book_count="many"), "book_count"),
    "books-negative": refused(lambda s: _space_data(s, book_count="-5"), "book_count"),
    "books-huge": refused(lambda s: _space_data(s, book_count="9" * 30), "book_count"),
    "description-nul": refused(
        lambda s: _space_data(s, description_vi="mô\x00tả"), "description_vi"
    ),
    "hours-total-huge": refused(
        lambda s: _space_data(s, **{"hours-TOTAL_FORMS": "99999999999"}), alert=True
    ),
    "hours-total-word": refused(
        lambda s: _space_data(s, **{"hours-TOTAL_FORMS": "abc"}), alert=True
    ),
    "hours-weekday-9": refused(
        lambda s: _space_data(s, **{"hours-0-weekday": "9"}), "hours-0-weekday"
    ),
    "hours-time-garbage": refused(
        lambda s: _space_data(s, **{"hours-0-opens": "25:99"}), "hours-0-opens"
    ),
    "hours-id-word": refused(lambda s: _space_data(s, **{"hours-0-id": SCRIPT}), alert=True),
    "hours-space-word": refused(lambda s: _space_data(s, **{"hours-0-space": "abc"}), alert=True),
}


def test_space_edit_control_is_accepted(client, official):
    client.force_login(official)
    space = LearningSpace.objects.get(slug=SPACE)
    response = client.post(f"/en/workspace/spaces/{SPACE}/", _space_data(space, book_count="1234"))
    assert response.status_code == 302, response.content.decode()[:3000]
    space.refresh_from_db()
    assert space.book_count == 1234


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("make", "invalid", "alert"), SPACE_GARBAGE.values(), ids=SPACE_GARBAGE.keys()
)
def test_space_edit_refuses_garbage(client, official, lang, make, invalid, alert):
    client.force_login(official)
    space = LearningSpace.objects.get(slug=SPACE)
    before = _space_snapshot(space)
    other_hours = list(OpeningHours.objects.exclude(space=space).order_by("pk").values_list())
    response = client.post(f"/{lang}/workspace/spaces/{SPACE}/", make(space))
    assert_refused(response, invalid, alert)
    assert _space_snapshot(space) == before
    assert list(OpeningHours.objects.exclude(space=space).order_by("pk").values_list()) == (
        other_hours
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [("vi", "Một phần của biểu mẫu đã bị thay đổi"), ("en", "Part of this form was changed")],
)
def test_a_refused_hidden_field_is_explained(client, official, lang, text):
    """A tampered or outdated hidden value is said, not a form shown again without a word."""
    client.force_login(official)
    space = LearningSpace.objects.get(slug=SPACE)
    response = client.post(
        f"/{lang}/workspace/spaces/{SPACE}/", _space_data(space, **{"hours-0-id": "x"})
    )
    assert response.status_code == 400
    assert text in response.content.decode()


def test_space_edit_cannot_reach_the_hours_of_another_space(client, official):
    """A row whose id belongs to another space is dropped (Django's formset) and changes nothing."""
    client.force_login(official)
    space = LearningSpace.objects.get(slug=SPACE)
    other = OpeningHours.objects.exclude(space=space).order_by("pk").first()
    before = _space_snapshot(space)
    other_hours = list(OpeningHours.objects.exclude(space=space).order_by("pk").values_list())
    data = _space_data(space, **{"hours-0-id": str(other.pk), "hours-0-opens": "05:00"})
    response = client.post(f"/en/workspace/spaces/{SPACE}/", data)
    assert response.status_code == 302  # saved, with nothing to save
    assert response["Location"] == f"/en/workspace/spaces/{SPACE}/"
    assert _space_snapshot(space) == before
    assert list(OpeningHours.objects.exclude(space=space).order_by("pk").values_list()) == (
        other_hours
    )


# None of these posts an order, which the form requires.
PHOTO_GARBAGE = {
    "missing": refused({}, "upload", "alt_vi", "alt_en", "order"),
    "text-named-jpg": refused(
        {
            "upload": SimpleUploadedFile("photo.jpg", b"not an image at all", "image/jpeg"),
            "alt_vi": "Ảnh",
            "alt_en": "Photo",
        },
        "upload",
        "order",
    ),
    "no-file": refused(
        {"upload": "photo.jpg", "alt_vi": "Ảnh", "alt_en": "Photo"}, "upload", "order"
    ),
    "order-word": refused(
        {"alt_vi": "Ảnh", "alt_en": "Photo", "order": "first"}, "upload", "order"
    ),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("data", "invalid", "alert"), PHOTO_GARBAGE.values(), ids=PHOTO_GARBAGE.keys()
)
def test_space_photo_form_refuses_garbage(client, official, lang, data, invalid, alert):
    client.force_login(official)
    before = Photo.objects.count()
    for value in data.values():
        if hasattr(value, "seek"):
            value.seek(0)
    response = client.post(f"/{lang}/workspace/spaces/{SPACE}/photos/", data)
    assert_refused(response, invalid, alert)
    assert Photo.objects.count() == before


def test_commitment_of_another_area_is_refused(client, official):
    """An official cannot record for a commitment of another ward, whatever they post."""
    client.force_login(official)
    others = [c for c in Commitment.objects.all() if not c.is_managed_by(official)]
    assert others
    before = Measurement.objects.count()
    response = client.post(
        f"/en/workspace/commitments/{others[0].slug}/record/", _measurement_data()
    )
    assert response.status_code == 403
    assert Measurement.objects.count() == before


BIG = "9" * 30  # beyond any database integer


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", f"/en/reports/{BIG}/pdf/"),
        ("get", "/en/reports/1/exe/"),
        ("get", "/vi/commitments/%00/"),
        ("get", "/vi/spaces/%00/"),
        ("get", "/en/commitments/" + "a" * 5_000 + "/"),
        ("get", f"/en/workspace/reports/{BIG}/"),
        ("post", f"/en/workspace/spaces/{SPACE}/photos/{BIG}/delete/"),
        ("post", f"/en/workspace/commitments/measurements/{BIG}/approve/"),
        ("post", f"/en/workspace/commitments/measurements/{BIG}/reject/"),
        ("get", f"/en/workspace/events/proposals/{BIG}/"),
        ("post", f"/en/workspace/events/proposals/{BIG}/accept/"),
    ],
    ids=[
        "report-huge-pk",
        "report-unknown-kind",
        "commitment-nul-slug",
        "space-nul-slug",
        "commitment-5k-slug",
        "report-status-huge-pk",
        "photo-delete-huge-pk",
        "approve-huge-pk",
        "reject-huge-pk",
        "proposal-huge-pk",
        "proposal-accept-huge-pk",
    ],
)
def test_addresses_with_impossible_keys_are_404(client, official, method, path):
    client.force_login(official)
    assert getattr(client, method)(path).status_code == 404


@pytest.mark.parametrize(
    ("path", "signed_in"),
    [
        ("/en/accounts/login/", False),
        ("/vi/accounts/password_reset/", False),
        ("/en/workspace/reports/", True),
        (f"/vi/workspace/commitments/{COMMITMENT}/record/", True),
        (f"/en/workspace/spaces/{SPACE}/", True),
        (f"/vi/clubs/{CLUB}/join/", False),
        (f"/en/workspace/clubs/{CLUB}/", True),
        ("/vi/programmes/tuan-le-hoc-tap-suot-doi-2026/propose/", False),
    ],
    ids=[
        "login",
        "password-reset",
        "report-request",
        "measurement",
        "space-edit",
        "club-join",
        "club-edit",
        "event-proposal",
    ],
)
def test_every_form_refuses_a_post_without_csrf_token(official, path, signed_in):
    client = Client(enforce_csrf_checks=True)
    if signed_in:
        client.force_login(official)
    counts = (
        Measurement.objects.count(),
        ProgressReport.objects.count(),
        JoinRequest.objects.count(),
    )
    data = {**_measurement_data(**_report_data(email="staff@example.org")), **JOIN_DATA}
    response = client.post(path, data)
    assert response.status_code == 403
    assert (
        Measurement.objects.count(),
        ProgressReport.objects.count(),
        JoinRequest.objects.count(),
    ) == counts
    assert mail.outbox == []


# The join form of a club: a refusal is a 400 (429 beyond the rate limit), with the form shown
# again, its fields kept, nothing stored and nobody e-mailed.
JOIN_DATA = {"name": "Cầm Thị Ngọc", "phone": "0912 345 678", "email": "", "message": "Xin chào"}
JOIN_GARBAGE = {
    "missing": ({}, {"name", "phone", "message"}),
    "message-empty": ({**JOIN_DATA, "message": ""}, {"message"}),
    "message-5000": ({**JOIN_DATA, "message": "m" * 5000}, {"message"}),
    "message-nul": ({**JOIN_DATA, "message": "xin\x00chào"}, {"message"}),
    "phone-word": ({**JOIN_DATA, "phone": "call me"}, {"phone"}),
    "phone-huge": ({**JOIN_DATA, "phone": "0" * 10_000}, {"phone"}),
    "email-garbage": ({**JOIN_DATA, "phone": "", "email": "not an email"}, {"email"}),
    "email-huge": ({**JOIN_DATA, "email": "a" * 100_000 + "@example.org"}, {"email"}),
    "no-contact": ({**JOIN_DATA, "phone": "", "email": ""}, {"phone"}),
    "name-script": ({**JOIN_DATA, "name": SCRIPT, "phone": SCRIPT}, {"phone"}),
    "name-huge": ({**JOIN_DATA, "name": "n" * 100_000}, {"name"}),
    "repeated": ({**JOIN_DATA, "phone": ["x", "y"]}, {"phone"}),
    "honeypot": ({**JOIN_DATA, "website": "http://spam.example"}, set()),
}


def test_join_control_is_accepted(client, demo):
    response = client.post(f"/en/clubs/{CLUB}/join/", JOIN_DATA)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert JoinRequest.objects.filter(name=JOIN_DATA["name"]).exists()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("data", "invalid"), JOIN_GARBAGE.values(), ids=JOIN_GARBAGE.keys())
def test_join_form_refuses_garbage(client, demo, lang, data, invalid):
    before = JoinRequest.objects.count()
    response = client.post(f"/{lang}/clubs/{CLUB}/join/", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert SCRIPT not in body
    tags = re.findall(r"<(?:input|select|textarea)\b[^>]*>", body)
    marked = {re.search(r'name="([^"]*)"', t).group(1) for t in tags if 'aria-invalid="true"' in t}
    assert marked == invalid
    assert FORM_ALERT in body
    assert JoinRequest.objects.count() == before
    assert mail.outbox == []


# The call for events of the demo's next Lifelong Learning Week: a refusal is a 400 with the
# form shown again, what was typed kept, nothing stored and nobody e-mailed.
OPEN_CALL = "tuan-le-hoc-tap-suot-doi-2026"


def _proposal_data(**changes):
    from apps.events.models import Programme

    first_day = Programme.objects.get(slug=OPEN_CALL).starts_on
    data = {
        "title": "Đọc sách cùng con",
        "description": "Cha mẹ và các con cùng đọc truyện.",
        "category": "reading",
        "starts_on": first_day.isoformat(),
        "start_time": "08:00",
        "end_time": "10:00",
        "place": "Nhà văn hóa bản",
        "organiser": "Chi hội phụ nữ",
        "contact_name": "Lò Thị Mai",
        "contact_phone": "0912 345 678",
        "contact_email": "",
    }
    return {**data, **changes}


PROPOSAL_GARBAGE = {
    "missing": (
        lambda: {},
        {"title", "description", "category", "starts_on", "place", "organiser", "contact_name"}
        | {"contact_phone"},
    ),
    "title-empty": (lambda: _proposal_data(title=""), {"title"}),
    "title-huge": (lambda: _proposal_data(title="t" * 100_000), {"title"}),
    "title-script": (lambda: _proposal_data(title=SCRIPT, contact_phone=SCRIPT), {"contact_phone"}),
    "description-5000": (lambda: _proposal_data(description="d" * 5000), {"description"}),
    "description-nul": (lambda: _proposal_data(description="a\x00b"), {"description"}),
    "end-before-start": (lambda: _proposal_data(end_time="07:00"), {"end_time"}),
    "day-outside": (lambda: _proposal_data(starts_on="2020-01-01"), {"starts_on"}),
    "day-garbage": (lambda: _proposal_data(starts_on="2024-13-45"), {"starts_on"}),
    "time-garbage": (lambda: _proposal_data(start_time="25:99"), {"start_time"}),
    "one-time-only": (lambda: _proposal_data(end_time=""), {"end_time"}),
    "phone-word": (lambda: _proposal_data(contact_phone="call me"), {"contact_phone"}),
    "email-huge": (
        lambda: _proposal_data(contact_email="a" * 100_000 + "@example.org"),
        {"contact_email"},
    ),
    "no-contact": (lambda: _proposal_data(contact_phone=""), {"contact_phone"}),
    "category-unknown": (lambda: _proposal_data(category="party"), {"category"}),
    "area-garbage": (lambda: _proposal_data(area="abc"), {"area"}),
    "repeated": (lambda: _proposal_data(contact_phone=["x", "y"]), {"contact_phone"}),
    "honeypot": (lambda: _proposal_data(website="http://spam.example"), set()),
}


def test_proposal_control_is_accepted(client, demo):
    from apps.events.models import EventProposal

    response = client.post(f"/en/programmes/{OPEN_CALL}/propose/", _proposal_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert EventProposal.objects.filter(title="Đọc sách cùng con").exists()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("make", "invalid"), PROPOSAL_GARBAGE.values(), ids=PROPOSAL_GARBAGE.keys()
)
def test_proposal_form_refuses_garbage(client, demo, lang, make, invalid):
    from apps.events.models import EventProposal

    before = EventProposal.objects.count()
    response = client.post(f"/{lang}/programmes/{OPEN_CALL}/propose/", make())
    body = response.content.decode()
    assert response.status_code == 400
    assert SCRIPT not in body
    tags = re.findall(r"<(?:input|select|textarea)\b[^>]*>", body)
    marked = {re.search(r'name="([^"]*)"', t).group(1) for t in tags if 'aria-invalid="true"' in t}
    assert marked == invalid
    assert FORM_ALERT in body
    assert EventProposal.objects.count() == before
    assert mail.outbox == []


# The entry form of the demo's open contest: a refusal is a 400 (413 for a file over the
# limit) with the form shown again, everything typed but the file kept, nothing stored and
# nobody e-mailed. The status look-up: a 400 with its form for a bad code or contact.
OPEN_CONTEST = "hoc-tap-suot-doi-song-xanh-2026"


def _entry_data(**changes):
    from apps.contests.models import Category
    from apps.core.models import Area

    poems = Category.objects.get(contest__slug=OPEN_CONTEST, kind="poem")
    data = {
        "category": str(poems.pk),
        "title": "Mưa qua bản",
        "description": "Một bài thơ",
        "text": "Mưa qua rồi, bản lại xanh.",
        "author_name": "Lò Thị Xuân",
        "age_group": "adult",
        "area": str(Area.objects.units().first().pk),
        "contact_phone": "0912 345 678",
        "contact_email": "",
        "token": "",
    }
    return {**data, **changes}


def _painting(**changes):
    from apps.contests.models import Category

    paintings = Category.objects.get(contest__slug=OPEN_CONTEST, kind="painting")
    return _entry_data(category=str(paintings.pk), text="", **changes)


ENTRY_GARBAGE = {
    "missing": (lambda: {}, {"category", "title", "author_name", "area", "contact_phone"}),
    "title-huge": (lambda: _entry_data(title="t" * 10_000), {"title"}),
    "title-script": (
        lambda: _entry_data(title=SCRIPT, contact_phone=SCRIPT),
        {"contact_phone"},
    ),
    "description-5000": (lambda: _entry_data(description="d" * 5000), {"description"}),
    "text-nul": (lambda: _entry_data(text="a\x00b"), {"text"}),
    "text-huge": (lambda: _entry_data(text="ơ" * 30_000), {"text"}),
    "no-work": (lambda: _entry_data(text=""), {"work"}),
    "category-unknown": (lambda: _entry_data(category=BIG), {"category"}),
    "area-garbage": (lambda: _entry_data(area="abc"), {"area"}),
    "age-garbage": (lambda: _entry_data(age_group=SCRIPT), {"age_group"}),
    "pupil-without-guardian": (lambda: _entry_data(age_group="teen"), {"guardian_name"}),
    "phone-word": (lambda: _entry_data(contact_phone="call me"), {"contact_phone"}),
    "email-huge": (
        lambda: _entry_data(contact_email="a" * 100_000 + "@example.org"),
        {"contact_email"},
    ),
    "no-contact": (lambda: _entry_data(contact_phone=""), {"contact_phone"}),
    "repeated": (lambda: _entry_data(contact_phone=["x", "y"]), {"contact_phone"}),
    "pdf-as-png": (
        lambda: _painting(work=SimpleUploadedFile("a.png", b"%PDF-1.4\n%%EOF\n", "image/png")),
        {"work"},
    ),
    "exe-as-picture": (
        lambda: _painting(work=SimpleUploadedFile("a.jpg", b"MZ" + b"\x00" * 500, "image/jpeg")),
        {"work"},
    ),
    "dots-name": (
        lambda: _painting(work=SimpleUploadedFile("../../x.jpg", b"\xff\xd8\xff" + b"\x00" * 99)),
        {"work"},
    ),
    "honeypot": (lambda: _entry_data(website="http://spam.example"), set()),
}


def test_entry_control_is_accepted(client, demo):
    from apps.contests.models import Entry

    response = client.post(f"/en/contests/{OPEN_CONTEST}/submit/", _entry_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Entry.objects.filter(title="Mưa qua bản").exists()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("make", "invalid"), ENTRY_GARBAGE.values(), ids=ENTRY_GARBAGE.keys())
def test_entry_form_refuses_garbage(client, demo, lang, make, invalid):
    from apps.contests.models import Entry

    before = Entry.objects.count()
    response = client.post(f"/{lang}/contests/{OPEN_CONTEST}/submit/", make())
    body = response.content.decode()
    assert response.status_code == 400
    assert SCRIPT not in body
    tags = re.findall(r"<(?:input|select|textarea)\b[^>]*>", body)
    marked = {re.search(r'name="([^"]*)"', t).group(1) for t in tags if 'aria-invalid="true"' in t}
    assert marked == invalid
    assert FORM_ALERT in body
    assert Entry.objects.count() == before
    assert mail.outbox == []


STATUS_GARBAGE = {
    "missing": ({}, {"code", "contact"}),
    "code-huge": ({"code": "C" * 10_000, "contact": "x@example.org"}, {"code"}),
    "contact-huge": ({"code": "SL24-AAAAA", "contact": "c" * 100_000}, {"contact"}),
    "repeated": ({"code": ["a", "b"], "contact": ""}, {"contact"}),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("data", "invalid"), STATUS_GARBAGE.values(), ids=STATUS_GARBAGE.keys())
def test_status_form_refuses_garbage(client, demo, lang, data, invalid):
    response = client.post(f"/{lang}/contests/status/", data)
    body = response.content.decode()
    assert response.status_code == 400
    tags = re.findall(r"<(?:input|select|textarea)\b[^>]*>", body)
    marked = {re.search(r'name="([^"]*)"', t).group(1) for t in tags if 'aria-invalid="true"' in t}
    assert marked == invalid
    assert FORM_ALERT in body


@pytest.mark.parametrize(
    "path",
    [f"/vi/contests/{OPEN_CONTEST}/submit/", "/en/contests/status/"],
    ids=["entry", "status"],
)
def test_contest_forms_refuse_a_post_without_csrf_token(demo, db, path):
    from apps.contests.models import Entry

    before = Entry.objects.count()
    response = Client(enforce_csrf_checks=True).post(path, _entry_data(code="X", contact="y"))
    assert response.status_code == 403
    assert Entry.objects.count() == before
