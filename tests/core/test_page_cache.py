import pytest
from django.conf import settings

from apps.core.models import KeyFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def figure(db):
    return KeyFigure.objects.create(label_vi="Dân số", label_en="Residents", value=106000)


def test_anonymous_page_is_served_from_the_cache_the_second_time(client, figure):
    first = client.get("/en/")
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/en/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Language"] == "en"


def test_cached_page_still_carries_the_security_headers(client, figure):
    client.get("/en/")
    response = client.get("/en/")
    assert response["X-Page-Cache"] == "hit"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"


def test_a_content_change_shows_at_once(client, figure, django_capture_on_commit_callbacks):
    client.get("/en/")
    with django_capture_on_commit_callbacks(execute=True):
        figure.value = 107500
        figure.save()
    response = client.get("/en/")
    assert response["X-Page-Cache"] == "miss"
    assert "107,500" in response.content.decode()


def test_each_language_is_cached_apart(client, figure):
    client.get("/en/")
    assert client.get("/vi/")["X-Page-Cache"] == "miss"


def test_an_unknown_query_parameter_gets_the_page_but_no_cache_entry(client, figure):
    client.get("/en/")
    response = client.get("/en/?x=1")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in client.get("/en/?x=1")


def test_signed_in_people_always_get_a_fresh_page(client, official, figure):
    client.get("/en/")
    client.force_login(official)
    response = client.get("/en/")
    assert "X-Page-Cache" not in response
    assert "Workspace" in response.content.decode()


def test_pages_with_a_form_token_are_not_cached(client):
    client.get("/en/accounts/login/")
    response = client.get("/en/accounts/login/")
    assert "X-Page-Cache" not in response


def test_errors_are_not_cached(client):
    client.get("/en/nothing-here/")
    assert "X-Page-Cache" not in client.get("/en/nothing-here/")


def test_cache_can_be_switched_off(client, figure):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/")
    assert "X-Page-Cache" not in client.get("/en/")


def test_a_new_deployment_of_static_files_gets_fresh_pages(client, figure, monkeypatch):
    from django.contrib.staticfiles.storage import staticfiles_storage

    client.get("/en/")
    monkeypatch.setattr(staticfiles_storage, "manifest_hash", "new-build", raising=False)
    assert client.get("/en/")["X-Page-Cache"] == "miss"


def test_memo_keeps_a_result_until_the_content_changes(db, django_capture_on_commit_callbacks):
    from django.utils import translation

    from apps.core.pagecache import memo

    calls = []

    def build():
        calls.append(1)
        return f"built {len(calls)}"

    with translation.override("vi"):
        assert memo("block", build, "a") == "built 1"
        assert memo("block", build, "a") == "built 1"
        assert memo("block", build, "b") == "built 2"  # other parts, other result
    with translation.override("en"):
        assert memo("block", build, "a") == "built 3"  # each language its own
    with django_capture_on_commit_callbacks(execute=True):
        KeyFigure.objects.create(label_vi="Mới", value=1)
    with translation.override("vi"):
        assert memo("block", build, "a") == "built 4"


def test_home_sections_follow_a_content_change_for_signed_in_people(
    client, official, figure, django_capture_on_commit_callbacks
):
    client.force_login(official)
    assert "106,000" in client.get("/en/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        figure.value = 120000
        figure.save()
    assert "120,000" in client.get("/en/").content.decode()


def test_a_new_release_gets_fresh_pages(client, figure, settings):
    from apps.core import pagecache

    client.get("/en/")
    settings.RELEASE = "2026-12-01"
    pagecache._code_build.cache_clear()
    try:
        assert client.get("/en/")["X-Page-Cache"] == "miss"
    finally:
        settings.RELEASE = ""
        pagecache._code_build.cache_clear()


def test_the_code_fingerprint_is_read_from_the_files(settings):
    from apps.core import pagecache

    settings.RELEASE = ""
    pagecache._code_build.cache_clear()
    assert len(pagecache._code_build()) == 12
