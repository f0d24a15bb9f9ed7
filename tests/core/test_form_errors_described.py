"""A field refused by a form points at its error message (WCAG 3.3.1): a screen reader reads the
message when the field gets the focus, not only the field's help text."""

from html.parser import HTMLParser
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db

SPACE = "nha-tri-thuc-ban-co-phuong-chieng-den"


class Fields(HTMLParser):
    """The invalid fields (name → ids they are described by) and the ids of error messages."""

    def __init__(self):
        super().__init__()
        self.invalid = {}
        self.errors = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("aria-invalid") == "true":
            self.invalid[attrs.get("name")] = set((attrs.get("aria-describedby") or "").split())
        if "error" in (attrs.get("class") or "").split() and attrs.get("id"):
            self.errors.add(attrs["id"])


@pytest.fixture
def official(db):
    call_command("load_demo", stdout=StringIO())
    return get_user_model().objects.get(username="official.chiengden")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    ("path", "data", "signed_in"),
    [
        pytest.param("/accounts/login/", {"username": "x"}, False, id="login"),
        pytest.param("/accounts/password_reset/", {"email": "x"}, False, id="password-reset"),
        pytest.param("/workspace/reports/", {"reporting_date": "x"}, True, id="report-request"),
        pytest.param(
            "/workspace/commitments/truong-hoc-so/record/",
            {"value": "x", "note_vi": ""},
            True,
            id="measurement",
        ),
        pytest.param(f"/workspace/spaces/{SPACE}/", {"contact_email": "x"}, True, id="space-edit"),
    ],
)
def test_every_invalid_field_is_described_by_its_error(
    client, official, lang, path, data, signed_in
):
    if signed_in:
        client.force_login(official)
    response = client.post(f"/{lang}{path}", data)
    assert response.status_code == 400
    page = Fields()
    page.feed(response.content.decode())
    assert page.invalid, "no field was refused"
    undescribed = {name: sorted(ids) for name, ids in page.invalid.items() if not ids & page.errors}
    assert not undescribed, f"invalid fields not described by their error: {undescribed}"
