import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core.models import Area
from apps.core.permissions import OFFICIALS, can_change
from apps.spaces.models import LearningSpace, Photo

from .conftest import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_space(make_space, make_area):
    ward = make_area("Phường Tô Hiệu", Area.Kind.WARD, name_en="To Hieu Ward")
    group = make_area("Tổ 3", Area.Kind.GROUP, ward, "Residential group 3")
    return make_space("Tủ sách nhân ái tổ 3", area=group, kind="humane-library")


def edit_data(space, **changes):
    data = {
        "description_vi": "Mô tả mới",
        "description_en": "New description",
        "activities_vi": "Đọc sách\nMúa xòe",
        "activities_en": "Reading\nXòe dance",
        "contact_phone": "0212 111 222",
        "contact_email": "",
        "book_count": "900",
        "has_internet": "on",
        "hours-TOTAL_FORMS": "1",
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "30",
        "hours-0-weekday": "2",
        "hours-0-opens": "17:00",
        "hours-0-closes": "21:00",
    }
    data.update(changes)
    return data


def test_official_of_the_commune_manages_its_spaces_only(official, space, other_space):
    assert space.is_managed_by(official)
    assert not other_space.is_managed_by(official)
    assert can_change(official, space)
    assert not can_change(official, other_space)
    assert list(LearningSpace.objects.managed_by(official)) == [space]


def test_an_official_named_on_the_space_manages_it(make_user, other_space):
    keeper = make_user("keeper", OFFICIALS)
    other_space.officials.add(keeper)
    assert other_space.is_managed_by(keeper)
    assert list(LearningSpace.objects.managed_by(keeper)) == [other_space]


def test_workspace_lists_the_officials_spaces(client, official, space, other_space):
    client.force_login(official)
    home = client.get("/en/workspace/").content.decode()
    assert "/en/workspace/spaces/" in home
    html = client.get("/en/workspace/spaces/").content.decode()
    assert space.slug in html
    assert other_space.slug not in html


def test_official_edits_hours_and_texts(client, official, make_space):
    space = make_space("Nhà Tri thức bản Đen")
    client.force_login(official)
    assert client.get(f"/vi/workspace/spaces/{space.slug}/").status_code == 200
    response = client.post(f"/vi/workspace/spaces/{space.slug}/", edit_data(space))
    assert response.status_code == 302
    space.refresh_from_db()
    assert space.description_en == "New description"
    assert space.book_count == 900
    assert [(h.weekday, f"{h.opens:%H:%M}") for h in space.hours.all()] == [(2, "17:00")]
    # Delete it again through the same form.
    hour = space.hours.get()
    data = edit_data(
        space,
        **{
            "hours-INITIAL_FORMS": "1",
            "hours-0-id": str(hour.pk),
            "hours-0-space": str(space.pk),
            "hours-0-DELETE": "on",
        },
    )
    assert client.post(f"/vi/workspace/spaces/{space.slug}/", data).status_code == 302
    assert not space.hours.exists()


def test_closing_before_opening_is_refused_and_typing_kept(client, official, space):
    client.force_login(official)
    data = edit_data(space, **{"hours-0-opens": "21:00", "hours-0-closes": "17:00"})
    response = client.post(f"/en/workspace/spaces/{space.slug}/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "The closing time must be after the opening time." in html
    assert "New description" in html
    space.refresh_from_db()
    assert space.description_en == "The village's reading place."


def stored(space):
    """The space's row and its hours as the database holds them."""
    return (
        LearningSpace.objects.values().get(pk=space.pk),
        list(space.hours.values("weekday", "opens", "closes")),
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_official_cannot_touch_another_areas_space(client, official, other_space, method):
    before = stored(other_space)
    client.force_login(official)
    url = f"/en/workspace/spaces/{other_space.slug}/"
    response = getattr(client, method)(url, edit_data(other_space) if method == "post" else None)
    assert response.status_code == 403
    assert client.get(f"{url}photos/").status_code == 403
    assert stored(other_space) == before


def test_official_cannot_delete_a_photo_of_another_areas_space(
    client, official, staff_user, other_space, settings, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    upload = SimpleUploadedFile("p.jpg", image_bytes(), content_type="image/jpeg")
    data = {"upload": upload, "alt_vi": "Tủ sách", "alt_en": "The bookcase", "order": 0}
    assert client.post(f"/en/workspace/spaces/{other_space.slug}/photos/", data).status_code == 302
    photo = Photo.objects.get()
    before = Photo.objects.values().get()
    files = [
        Path(settings.MEDIA_ROOT, item[key])
        for item in photo.renditions
        for key in ("webp", "jpeg")
    ]
    assert files
    assert all(file.exists() for file in files)

    client.force_login(official)  # an official of another commune
    with django_capture_on_commit_callbacks(execute=True):  # the files go once deleted
        response = client.post(f"/en/workspace/spaces/{other_space.slug}/photos/{photo.pk}/delete/")
    assert response.status_code == 403
    assert Photo.objects.values().get() == before
    assert all(file.exists() for file in files)
    assert 'alt="The bookcase"' in client.get(f"/en/spaces/{other_space.slug}/").content.decode()


def test_visitors_are_sent_to_sign_in(client, space):
    response = client.get(f"/en/workspace/spaces/{space.slug}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_staff_change_every_space(client, staff_user, other_space):
    client.force_login(staff_user)
    assert client.get(f"/en/workspace/spaces/{other_space.slug}/").status_code == 200
    assert client.get(f"/admin/spaces/learningspace/{other_space.pk}/change/").status_code == 200


def test_official_uploads_a_photo(client, official, space):
    client.force_login(official)
    photo = SimpleUploadedFile("p.jpg", image_bytes(size=(1600, 1200)), content_type="image/jpeg")
    data = {"upload": photo, "alt_vi": "Trẻ em đọc sách", "alt_en": "Children reading", "order": 0}
    response = client.post(f"/en/workspace/spaces/{space.slug}/photos/", data)
    assert response.status_code == 302
    saved = Photo.objects.get()
    assert [i["width"] for i in saved.renditions] == [320, 640, 1280]
    html = client.get(f"/en/spaces/{space.slug}/").content.decode()
    assert 'alt="Children reading"' in html
    assert 'loading="lazy"' in html
    assert 'type="image/webp"' in html
    assert 'width="1280" height="960"' in html
    response = client.post(f"/en/workspace/spaces/{space.slug}/photos/{saved.pk}/delete/")
    assert response.status_code == 302
    assert not Photo.objects.exists()


def test_a_bad_photo_gets_a_message_and_keeps_the_alt_text(client, official, space):
    client.force_login(official)
    pdf = SimpleUploadedFile("p.jpg", b"%PDF-1.4 not a picture" * 50, content_type="image/jpeg")
    data = {"upload": pdf, "alt_vi": "Trẻ em đọc sách", "alt_en": "Children reading", "order": 0}
    response = client.post(f"/en/workspace/spaces/{space.slug}/photos/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "not a picture we can read" in html
    assert 'value="Children reading"' in html
    assert not Photo.objects.exists()


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This picture claims 7000 × 7000 pixels in a file of only 46.5\xa0KB"),
        ("vi", "Ảnh này khai báo 7000 × 7000 điểm ảnh trong một tệp chỉ 46,5\xa0KB"),
    ],
)
def test_a_decompression_bomb_is_refused_as_a_photo(
    client, official, space, settings, language, message
):
    # 49 million pixels in 47 KB: 5.8 s and 210 MB to decode before this check.
    buffer = io.BytesIO()
    Image.new("L", (7000, 7000)).save(buffer, "PNG")
    client.force_login(official)
    bomb = SimpleUploadedFile("p.png", buffer.getvalue(), content_type="image/png")
    data = {"upload": bomb, "alt_vi": "Trẻ em đọc sách", "alt_en": "Children reading", "order": 3}
    response = client.post(f"/{language}/workspace/spaces/{space.slug}/photos/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'value="Trẻ em đọc sách"' in html
    assert 'value="Children reading"' in html
    assert 'name="order" value="3"' in html
    assert not Photo.objects.exists()
    assert not media_files(settings)


def test_alt_text_is_required_in_both_languages(client, official, space):
    client.force_login(official)
    photo = SimpleUploadedFile("p.jpg", image_bytes(), content_type="image/jpeg")
    data = {"upload": photo, "alt_vi": "Trẻ em đọc sách", "alt_en": "", "order": 0}
    response = client.post(f"/en/workspace/spaces/{space.slug}/photos/", data)
    assert response.status_code == 400
    assert not Photo.objects.exists()


def test_staff_upload_photos_in_the_admin(client, staff_user, space):
    client.force_login(staff_user)
    url = f"/admin/spaces/learningspace/{space.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert b"photos-0-upload" in page.content
    assert b'name="hours-0-weekday"' in page.content
    # The space's rows and one blank.
    hours_total = f'name="hours-TOTAL_FORMS" value="{space.hours.count() + 1}"'
    assert hours_total.encode() in page.content
