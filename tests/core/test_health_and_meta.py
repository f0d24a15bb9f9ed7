import pytest
from django.db.utils import OperationalError

from apps.core import views

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_service(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == {"ok": True}
    assert body["cache"] == {"ok": True}
    assert body["broker"]["ok"] is True


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setattr(views, "_database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == {"ok": False, "error": "OperationalError"}


def test_healthz_reports_an_unreachable_broker_without_failing(client, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def broken():
        raise ConnectionError

    monkeypatch.setattr(views, "_broker", broken)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == {"ok": False, "error": "ConnectionError"}


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405


def test_robots_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_sitemap_lists_both_languages_with_alternates(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/vi/</loc>" in xml
    assert "<loc>http://testserver/en/</loc>" in xml
    assert 'hreflang="en"' in xml
    assert 'hreflang="x-default"' in xml


@pytest.mark.parametrize(("lang", "text"), [("vi", "Đã có lỗi"), ("en", "Something went wrong")])
def test_server_error_page_speaks_both_languages(rf, lang, text):
    from django.utils import translation

    with translation.override(lang):
        response = views.server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Đã có lỗi" in html
    assert "Something went wrong" in html


def test_an_exception_in_a_view_gives_the_bilingual_500_page(client, settings):
    settings.ROOT_URLCONF = "tests.core.urls_failing"
    client.raise_request_exception = False
    response = client.get("/en/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_bad_host_gets_400(client):
    response = client.get("/en/", HTTP_HOST="evil.example")
    assert response.status_code == 400
