"""The service worker, the web app manifest and what pages give them (apps.core.offline)."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from apps.core import offline

pytestmark = pytest.mark.django_db


def _config(response):
    first_line = response.content.decode().split("\n", 1)[0]
    assert first_line.startswith("self.SW_CONFIG = ")
    return json.loads(first_line.removeprefix("self.SW_CONFIG = ").removesuffix(";"))


def test_the_worker_is_served_from_the_root_so_it_looks_after_every_page(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    # Browsers then ask for a new version at each visit, without a download when unchanged.
    assert response["Cache-Control"] == "no-cache"
    assert client.get("/sw.js", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_worker_keeps_the_home_page_the_spaces_and_the_css_from_the_first_visit(client):
    config = _config(client.get("/sw.js"))
    assert config["startPages"] == {"vi": ["/vi/", "/vi/spaces/"], "en": ["/en/", "/en/spaces/"]}
    assert "/static/css/site.css" in config["precache"]
    assert config["stylesheet"] == "/static/css/site.css"


def test_the_worker_never_keeps_the_workspace_sign_in_or_the_admin(client):
    private = _config(client.get("/sw.js"))["private"]
    for path in ("/vi/workspace/", "/en/workspace/", "/vi/accounts/", "/en/accounts/", "/admin/"):
        assert path in private


@pytest.mark.parametrize(
    ("lang", "title"), [("vi", "Bạn đang ngoại tuyến"), ("en", "You are offline")]
)
def test_the_worker_speaks_each_language(client, lang, title):
    texts = _config(client.get("/sw.js"))["texts"][lang]
    assert texts["title"] == title
    assert all(texts.values())


def test_cache_names_carry_a_version_and_old_ones_go_when_a_new_worker_takes_over(client):
    config = _config(client.get("/sw.js"))
    assert re.fullmatch(r"[0-9a-f]{12}", config["version"])
    source = client.get("/sw.js").content.decode()
    assert 'PREFIX + "static-" + CONFIG.version' in source
    assert "caches.delete(name)" in source


def test_a_changed_static_file_makes_a_new_worker(monkeypatch, tmp_path):
    before = offline._fingerprint(("css/site.css",))
    changed = tmp_path / "site.css"
    changed.write_text("body { color: red }")
    monkeypatch.setattr(finders, "find", lambda name: str(changed))
    assert offline._fingerprint(("css/site.css",)) != before


def test_the_worker_refuses_a_post(client):
    assert client.post("/sw.js").status_code == 405


@pytest.mark.parametrize(
    ("lang", "name"), [("vi", "Thành phố học tập Sơn La"), ("en", "Son La Learning City")]
)
def test_the_manifest_names_the_portal_in_the_page_language(client, lang, name):
    response = client.get("/manifest.webmanifest", {"lang": lang})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["name"] == name
    assert manifest["lang"] == lang
    assert manifest["start_url"] == f"/{lang}/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"


def test_the_manifest_icons_exist_at_the_sizes_it_says(client):
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    purposes = set()
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        width, height = Image.open(path).size
        assert f"{width}x{height}" == icon["sizes"]
        purposes.add(icon["purpose"])
    assert purposes == {"any", "maskable"}


@pytest.mark.parametrize(
    "query", [{"lang": "fr"}, {"lang": "x" * 5000}, {"lang": "<script>"}, {"x": "1"}]
)
def test_a_manifest_asked_in_an_unknown_language_is_the_vietnamese_one_never_kept(client, query):
    response = client.get("/manifest.webmanifest", query)
    assert response.status_code == 200
    assert json.loads(response.content)["lang"] == "vi"
    assert response.get("X-Page-Cache") is None  # answered, never stored for that query


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Bạn đang ngoại tuyến — trang này được lưu ngày"),
        ("en", "You are offline — this page was saved on"),
    ],
)
def test_every_page_carries_the_hidden_offline_notice_the_manifest_and_the_worker(
    client, lang, text
):
    html = client.get(f"/{lang}/spaces/").content.decode()
    assert f'<link rel="manifest" href="/manifest.webmanifest?lang={lang}">' in html
    assert 'src="/static/js/offline.js" data-worker="/sw.js" defer' in html
    notice = re.search(r"<div [^>]*data-offline-banner hidden>(.*?)</div>", html, re.S).group(1)
    assert text in notice
    assert "<time data-offline-saved></time>" in notice  # the worker writes the date there


def test_signed_in_pages_are_marked_never_to_be_kept_and_public_ones_not(client, official):
    assert 'data-offline="never"' not in client.get("/vi/spaces/").content.decode()
    client.force_login(official)
    for path in ("/vi/", "/vi/spaces/", "/en/about/"):
        assert '<html lang="' in client.get(path).content.decode()
        assert 'data-offline="never"' in client.get(path).content.decode(), path


def test_pages_with_a_sign_in_form_say_they_must_not_be_kept(client):
    response = client.get("/vi/accounts/login/")
    assert "no-store" in response["Cache-Control"]


def _directive(policy, name):
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return None


@pytest.mark.parametrize("path", ["/vi/", "/sw.js", "/manifest.webmanifest"])
def test_the_security_policy_lets_our_worker_and_manifest_load_and_nothing_else(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    default = _directive(policy, "default-src")
    worker = _directive(policy, "worker-src") or _directive(policy, "script-src") or default
    manifest = _directive(policy, "manifest-src") or default
    assert worker == ["'self'"]
    assert manifest == ["'self'"]


def test_a_page_with_a_message_for_this_visitor_is_never_kept(rf):
    from django.contrib import messages
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.template.loader import render_to_string

    request = rf.get("/en/about/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    assert 'data-offline="never"' not in render_to_string("base.html", request=request)
    messages.success(request, "Your request was sent.")
    html = render_to_string("base.html", request=request)
    assert 'data-offline="never"' in html
    assert "Your request was sent." in html  # still shown, once
