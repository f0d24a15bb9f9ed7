"""The security review's smaller holes, each closed and kept closed."""

import logging
import time

import pytest
from django.contrib.sessions.models import Session
from django.core import mail

from apps.core.models import KeyFigure, RateEvent
from apps.core.throttle import forget_old

pytestmark = pytest.mark.django_db


def sign_in(client, username, password="wrong-password", address="203.0.113.7", lang="en"):
    return client.post(
        f"/{lang}/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


# Sign-in ----------------------------------------------------------------------------------------


def test_the_admin_sign_in_refuses_an_over_long_user_name_without_an_error(client):
    from axes.models import AccessAttempt

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "u" * 256, "password": "x"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["__all__"]
    assert not AccessAttempt.objects.filter(username__startswith="uuu").exists()


def test_spraying_passwords_across_user_names_pauses_the_address(client, make_user, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    victim = make_user("victim")
    for number in range(8):  # two tries on each of four names: no name reaches its own limit
        assert sign_in(client, f"name{number % 4}").status_code == 400
    response = sign_in(client, victim.username, "pass-word-123")
    assert response.status_code == 429
    assert "paused for your network" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not paused, and the victim's right password works from it.
    assert sign_in(client, victim.username, "pass-word-123", "198.51.100.1").status_code == 302


def test_the_network_pause_is_said_in_vietnamese_too(client, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 1
    sign_in(client, "someone", lang="vi")
    response = sign_in(client, "someone-else", lang="vi")
    assert response.status_code == 429
    assert "tạm dừng do nhập sai mật khẩu nhiều lần" in response.content.decode()


def test_the_admin_sign_in_is_paused_for_a_spraying_address_too(client, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 2
    for name in ("a", "b"):
        sign_in(client, name)
    response = client.post(
        "/admin/login/", {"username": "c", "password": "x"}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 429


# Password reset ---------------------------------------------------------------------------------


def reset(client, email, address="203.0.113.7"):
    return client.post("/en/accounts/password_reset/", {"email": email}, REMOTE_ADDR=address)


def test_password_resets_are_limited_per_address_with_a_clear_answer(client, official, settings):
    settings.PASSWORD_RESET_ADDRESS_LIMIT = 3
    settings.PASSWORD_RESET_ACCOUNT_LIMIT = 10
    for _ in range(3):
        assert reset(client, "official@example.org").status_code == 302
    refused = reset(client, "official@example.org")
    assert refused.status_code == 429
    assert "Too many password resets" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_password_resets_are_limited_per_account_without_saying_so(client, official, settings):
    settings.PASSWORD_RESET_ADDRESS_LIMIT = 100
    settings.PASSWORD_RESET_ACCOUNT_LIMIT = 2
    answers = [reset(client, "official@example.org", f"198.51.100.{n}") for n in range(5)]
    assert [a.status_code for a in answers] == [302] * 5
    assert {a["Location"] for a in answers} == {"/en/accounts/password_reset/done/"}
    assert len(mail.outbox) == 2
    # An address with no account gets the same answer.
    assert reset(client, "nobody@example.org", "192.0.2.1")["Location"] == answers[0]["Location"]


def test_rate_events_do_not_store_the_email_address(client, official):
    reset(client, "official@example.org")
    keys = list(RateEvent.objects.values_list("key", flat=True))
    assert "official@example.org" not in keys
    assert len(keys) == 2  # one for the address, one for the (hashed) account


def test_old_rate_events_are_forgotten(client, official):
    reset(client, "official@example.org")
    RateEvent.objects.update(at="2020-01-01T00:00:00Z")
    assert forget_old() == 2


# Headers ----------------------------------------------------------------------------------------


def test_pages_refuse_powerful_features_and_cross_origin_embedding(client):
    response = client.get("/en/")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_static_files_are_not_offered_to_every_origin(client, settings):
    from whitenoise.middleware import WhiteNoiseMiddleware

    assert settings.WHITENOISE_ALLOW_ALL_ORIGINS is False
    assert WhiteNoiseMiddleware(lambda r: None).allow_all_origins is False


# Logs -------------------------------------------------------------------------------------------


def test_a_rejected_host_is_one_warning_line_not_an_error_with_a_traceback(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/en/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    records = [r for r in caplog.records if r.name.startswith("django.security")]
    assert len(records) == 1
    assert records[0].levelno == logging.WARNING
    assert records[0].exc_info is None


def test_too_many_fields_is_a_warning_too(client, caplog, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    with caplog.at_level(logging.INFO):
        response = client.post("/en/accounts/login/", {f"f{n}": "x" for n in range(20)})
    assert response.status_code == 400
    records = [r for r in caplog.records if r.name.startswith("django.security")]
    assert [r.levelno for r in records] == [logging.WARNING]
    assert records[0].exc_info is None


# Sessions ---------------------------------------------------------------------------------------


def test_an_idle_official_is_signed_out(client, official, settings):
    settings.SESSION_IDLE_SECONDS = 3600
    client.force_login(official)
    assert client.get("/en/workspace/").status_code == 200
    session = client.session
    session["last_seen"] = int(time.time()) - 3601
    session.save()
    response = client.get("/en/workspace/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/workspace/")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "signed out after a long time without activity" in page


def test_an_active_official_stays_signed_in(client, official, settings):
    settings.SESSION_IDLE_SECONDS = 3600
    client.force_login(official)
    session = client.session
    session["last_seen"] = int(time.time()) - 3500
    session.save()
    assert client.get("/en/workspace/").status_code == 200
    assert client.session["last_seen"] >= int(time.time()) - 5  # renewed
    assert Session.objects.count() == 1


# Text -------------------------------------------------------------------------------------------


def test_bidirectional_controls_never_reach_public_text(db):
    figure = KeyFigure.objects.create(label_vi="Dân\u202esố\u2066", value=1)
    assert KeyFigure.objects.get(pk=figure.pk).label_vi == "Dânsố"
    KeyFigure.objects.bulk_create([KeyFigure(label_vi="\u202aHộ\u2069", value=2)])
    assert KeyFigure.objects.filter(label_vi="Hộ").exists()


def test_a_nul_in_a_dashboard_filter_is_not_shown_back(client):
    response = client.get("/en/commitments/", {"status": "bo\x00gus"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "\x00" not in html
    assert "“bogus” is not a status we know" in html


# Proxies -----------------------------------------------------------------------------------------


def test_a_miscounted_proxy_chain_is_logged_once_and_the_connection_address_used(
    rf, settings, caplog, monkeypatch
):
    from apps.core import clientip

    monkeypatch.setattr(clientip, "_warned_at", None)
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    with caplog.at_level(logging.WARNING, logger="apps.core.clientip"):
        assert clientip.client_ip(request) == "10.0.0.2"
        assert clientip.client_ip(request) == "10.0.0.2"
    assert len(caplog.records) == 1
    assert "TRUSTED_PROXY_COUNT is 2" in caplog.records[0].getMessage()


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),  # nginx alone: the visitor
        (1, "192.0.2.99, 203.0.113.7", "203.0.113.7"),  # a forged entry on the left
        (2, "192.0.2.99, 203.0.113.7, 10.0.0.5", "203.0.113.7"),  # a terminator appending too
        (2, "203.0.113.7, 10.0.0.5", "203.0.113.7"),
    ],
)
def test_both_hop_counts_find_the_visitor(rf, settings, count, forwarded, expected):
    from apps.core.clientip import client_ip

    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_deploy_check_warns_when_behind_a_proxy_no_proxy_is_counted(settings):
    from apps.core.checks import proxy_count

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_COUNT = 0
    assert [w.id for w in proxy_count(None)] == ["learningcity.W001"]
    settings.TRUSTED_PROXY_COUNT = 1
    assert proxy_count(None) == []


def test_deploy_check_warns_when_no_site_url_gives_mails_and_reports_their_links(settings):
    from apps.core.checks import site_url

    settings.SITE_URL = ""
    assert [w.id for w in site_url(None)] == ["learningcity.W002"]
    settings.SITE_URL = "https://hoctap.sonla.gov.vn"
    assert site_url(None) == []
