"""Tests that kill the mutations `make mutate` found surviving (scripts/mutations.toml)."""

import io

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core import pagecache
from apps.core.images import check_image


def test_the_health_check_is_never_served_from_the_page_cache(client, db):
    client.get("/healthz")
    assert client.get("/healthz").get("X-Page-Cache") != "hit"


def test_a_change_during_a_request_is_seen_by_its_later_memos(db):
    with pagecache.request_scope():
        assert pagecache.memo("probe", lambda: "before") == "before"
        pagecache.bump()
        assert pagecache.memo("probe", lambda: "after") == "after"


def test_a_missing_version_is_never_one_used_before(db):
    cache.delete(pagecache.VERSION_KEY)
    first = pagecache.current_version()
    cache.delete(pagecache.VERSION_KEY)
    assert pagecache.current_version() != first


def test_a_bmp_photo_is_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "BMP")
    with pytest.raises(ValidationError) as caught:
        check_image(SimpleUploadedFile("photo.jpg", buffer.getvalue()))
    assert caught.value.code == "not_an_image"
