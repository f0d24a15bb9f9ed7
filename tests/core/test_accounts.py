import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "text"), [("vi", "Đăng nhập"), ("en", "Sign in")])
def test_login_page_in_both_languages(client, lang, text):
    response = client.get(f"/{lang}/accounts/login/")
    assert response.status_code == 200
    assert text in response.content.decode()


def test_official_signs_in_and_lands_in_the_workspace(client, official):
    response = client.post(
        "/en/accounts/login/", {"username": "official", "password": "pass-word-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/workspace/"
    page = client.get("/en/workspace/").content.decode()
    assert "Signed in as official" in page
    assert "<p>Your wards and communes: Chieng Den Commune</p>" in page


def test_wrong_password_keeps_the_user_name_and_says_why(client, official):
    response = client.post("/en/accounts/login/", {"username": "official", "password": "nope"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="official"' in html
    assert "enter a correct username and password" in html


def test_repeated_failures_are_throttled(client, official):
    for _attempt in range(5):
        client.post("/en/accounts/login/", {"username": "official", "password": "nope"})
    response = client.post(
        "/en/accounts/login/", {"username": "official", "password": "pass-word-123"}
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_workspace_needs_sign_in(client):
    response = client.get("/vi/workspace/")
    assert response.status_code == 302
    assert response["Location"] == "/vi/accounts/login/?next=/vi/workspace/"


def test_workspace_is_never_cached_for_anyone(client, official):
    client.force_login(official)
    response = client.get("/vi/workspace/")
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_sign_out_needs_post_and_returns_home(client, official):
    client.force_login(official)
    assert client.get("/en/accounts/logout/").status_code == 405
    response = client.post("/en/accounts/logout/")
    assert response["Location"] == "/en/"
    assert client.get("/en/workspace/").status_code == 302


def test_password_reset_sends_a_working_link(client, official):
    response = client.post("/en/accounts/password_reset/", {"email": "official@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/en/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert "Choose a new password" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Son-La-new-pass-77", "new_password2": "Son-La-new-pass-77"}
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.check_password("Son-La-new-pass-77")


def test_a_refused_new_password_from_the_reset_link_is_a_400_that_keeps_the_link(client, official):
    client.post("/en/accounts/password_reset/", {"email": "official@example.org"})
    link = re.search(r"https?://[^/]+(/en/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "short", "new_password2": "other"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    response = client.post(
        form_url, {"new_password1": "Son-La-new-pass-77", "new_password2": "Son-La-new-pass-77"}
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.check_password("Son-La-new-pass-77")


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "Your old password was entered incorrectly"), ("vi", "Mật khẩu cũ không chính xác")],
)
def test_a_refused_password_change_is_a_400_in_the_visitors_language(
    client, official, lang, message
):
    client.force_login(official)
    data = {
        "old_password": "wrong",
        "new_password1": "Son-La-new-pass-77",
        "new_password2": "Son-La-new-pass-77",
    }
    response = client.post(f"/{lang}/accounts/password_change/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    official.refresh_from_db()
    assert official.check_password("pass-word-123")


def test_password_reset_in_vietnamese_sends_vietnamese_mail(client, official):
    client.post("/vi/accounts/password_reset/", {"email": "official@example.org"})
    assert "mật khẩu" in mail.outbox[0].subject


def test_password_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post("/en/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_login_without_csrf_token_is_refused_in_the_visitors_language(official):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/en/accounts/login/", {"username": "official", "password": "pass-word-123"}
    )
    assert response.status_code == 403
    assert "Form expired" in response.content.decode()
    assert "_auth_user_id" not in strict.session


def fail_sign_in(client, address, forwarded):
    return client.post(
        "/en/accounts/login/",
        {"username": "official", "password": "nope"},
        REMOTE_ADDR=address,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_a_proxy_throttling_is_per_visitor_not_per_proxy(client, official, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _attempt in range(5):
        fail_sign_in(client, "10.0.0.2", "203.0.113.7")
    assert fail_sign_in(client, "10.0.0.2", "203.0.113.7").status_code == 429
    # Another resident behind the same proxy may still sign in.
    response = client.post(
        "/en/accounts/login/",
        {"username": "official", "password": "pass-word-123"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert response.status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_throttle(client, official, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(5):
        # The proxy appends the real address after whatever the attacker wrote.
        fail_sign_in(client, "10.0.0.2", f"192.0.2.{attempt}, 203.0.113.7")
    assert fail_sign_in(client, "10.0.0.2", "192.0.2.99, 203.0.113.7").status_code == 429


def test_without_a_proxy_the_forwarded_header_is_ignored(rf, settings):
    from apps.core.clientip import client_ip

    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert client_ip(request) == "203.0.113.7"


def test_an_over_long_user_name_is_refused_before_any_sign_in_attempt(client, official):
    from axes.models import AccessAttempt

    response = client.post("/en/accounts/login/", {"username": "u" * 5000, "password": "x"})
    assert response.status_code == 400
    assert "enter a correct username and password" in response.content.decode()
    assert not AccessAttempt.objects.filter(username__startswith="uuu").exists()
