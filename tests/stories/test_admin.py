"""Staff write stories in the admin, Vietnamese and English side by side, with a lead image."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.stories.models import Change, Story

pytestmark = pytest.mark.django_db


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), (200, 100, 50)).save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def _form(**extra):
    return {
        "title_vi": "Ngày hội đọc sách",
        "title_en": "Reading day",
        "lead_vi": "Mở đầu.",
        "lead_en": "Lead.",
        "body_vi": "Nội dung.",
        "body_en": "Body.",
        "slug": "",
        "published_on": "2024-04-20",
        "is_published": "on",
        "image_alt_vi": "",
        "image_alt_en": "",
        # The history inline (read-only) still sends its formset's counts.
        "changes-TOTAL_FORMS": "0",
        "changes-INITIAL_FORMS": "0",
        "changes-MIN_NUM_FORMS": "0",
        "changes-MAX_NUM_FORMS": "0",
        **extra,
    }


@pytest.mark.parametrize(
    "path", ["/admin/stories/story/", "/admin/stories/story/add/", "/admin/stories/tag/add/"]
)
def test_staff_open_the_admin_pages(client, staff_user, story, path):
    client.force_login(staff_user)
    assert client.get(path).status_code == 200


def test_both_languages_are_side_by_side(client, staff_user, story):
    client.force_login(staff_user)
    html = client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()

    # Django's admin puts the fields of one row of a fieldset on one line.
    row = html[html.index('name="title_vi"') : html.index('name="lead_vi"')]
    assert 'name="title_en"' in row
    assert "field-title_vi" in html


def test_staff_publish_a_story_with_a_lead_image(client, staff_user):
    client.force_login(staff_user)

    response = client.post(
        "/admin/stories/story/add/", _form(upload=_jpeg(), image_alt_vi="Người đọc sách")
    )

    assert response.status_code == 302
    story = Story.objects.get()
    assert story.slug == "ngay-hoi-doc-sach"
    assert story.image_width == 800
    assert {item["width"] for item in story.image_renditions} == {320, 640, 800}
    html = client.get("/vi/stories/ngay-hoi-doc-sach/").content.decode()
    assert 'alt="Người đọc sách"' in html
    assert 'type="image/webp"' in html


def test_an_image_without_a_description_is_refused_and_nothing_is_saved(client, staff_user):
    client.force_login(staff_user)

    response = client.post("/admin/stories/story/add/", _form(upload=_jpeg()))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["image_alt_vi"] == ["Hãy mô tả ảnh cho người không nhìn thấy."]
    assert not Story.objects.exists()


def test_a_file_that_is_not_a_picture_is_refused(client, staff_user, story):
    client.force_login(staff_user)
    fake = SimpleUploadedFile("photo.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")

    response = client.post(
        f"/admin/stories/story/{story.pk}/change/",
        _form(upload=fake, image_alt_vi="x", title_vi=story.title_vi),
    )

    assert response.status_code == 200
    story.refresh_from_db()
    assert story.image_renditions == []
    assert story.title_vi == "Lễ hội Xòe của các câu lạc bộ văn hóa Thái"


def test_an_official_cannot_open_the_story_admin(client, official, story):
    client.force_login(official)

    assert client.get("/admin/stories/story/").status_code in (302, 403)
    response = client.post(f"/admin/stories/story/{story.pk}/change/", _form())
    assert response.status_code in (302, 403)
    story.refresh_from_db()
    assert story.title_vi == "Lễ hội Xòe của các câu lạc bộ văn hóa Thái"


def test_every_change_in_the_admin_is_kept_with_who_made_it(client, staff_user, story):
    client.force_login(staff_user)

    response = client.post(
        f"/admin/stories/story/{story.pk}/change/", _form(title_vi="Tiêu đề đã sửa")
    )

    assert response.status_code == 302
    change = Change.objects.filter(story=story).latest("pk")
    assert change.user == staff_user
    assert "Tiêu đề đã sửa" in str(change.changes)
    assert client.get(f"/admin/stories/change/{change.pk}/change/").status_code == 200
