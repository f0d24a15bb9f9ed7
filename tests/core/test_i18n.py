import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_root_redirects_to_vietnamese_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/vi/"


def test_root_follows_accept_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == "/en/"


def test_root_prefers_the_remembered_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response["Location"] == "/en/"


@pytest.mark.parametrize(
    ("header", "home"),
    [
        ("", "/vi/"),
        ("xx-!!;q=abc", "/vi/"),
        ("en;q=0.5," * 500, "/en/"),  # cut at a comma within 500 characters: still English
        ("vi;q=2,en;q=-1", "/vi/"),
        ("\u00e9\u00e9", "/vi/"),
        ("*", "/vi/"),
    ],
    ids=["empty", "garbage", "over-long", "bad-q", "non-ascii", "star"],
)
def test_malformed_accept_language_still_redirects(client, header, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == home


@pytest.mark.parametrize(
    ("lang", "text"), [("vi", "Thành phố học tập Sơn La"), ("en", "Son La Learning City")]
)
def test_home_is_served_in_each_language_with_alternates(client, lang, text):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert text in html
    assert 'hreflang="vi" href="http://testserver/vi/"' in html
    assert 'hreflang="en" href="http://testserver/en/"' in html
    assert 'hreflang="x-default" href="http://testserver/vi/"' in html


def test_language_switch_links_to_the_same_page_in_the_other_language(client):
    html = client.get("/vi/accounts/login/").content.decode()
    assert 'href="/lang/en/?next=/en/accounts/login/"' in html
    assert ">English</a>" in html
    html = client.get("/en/accounts/login/").content.decode()
    assert ">Tiếng Việt</a>" in html


def test_switch_remembers_the_language_and_redirects(client):
    response = client.get("/lang/en/?next=/en/accounts/login/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""]
)
def test_switch_never_redirects_off_the_site(client, target):
    response = client.get("/lang/en/", {"next": target})
    assert response["Location"] == "/en/"


def test_switch_to_an_unknown_language_uses_vietnamese(client):
    response = client.get("/lang/fr/?next=/vi/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"


@pytest.mark.parametrize(
    ("path", "lang", "text"),
    [
        ("/fr/", "vi", "Không tìm thấy trang"),
        ("/en/no-such-page/", "en", "Page not found"),
        ("/vi/khong-co/", "vi", "Không tìm thấy trang"),
        ("/en/" + "a" * 5000 + "/", "en", "Page not found"),
        ("/en/chiềng-đen/ꪹꪎꪷ/", "en", "Page not found"),
    ],
)
def test_unknown_pages_get_a_404_in_the_visitors_language(client, path, lang, text):
    response = client.get(path)
    assert response.status_code == 404
    assert text in response.content.decode()
    assert f'<html lang="{lang}">' in response.content.decode()


def test_admin_and_healthz_have_no_language_prefix(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/admin/login/").status_code == 200
