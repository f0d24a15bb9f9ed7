import io
import random

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core.images import has_metadata
from apps.culture.models import ClubPhoto

pytestmark = pytest.mark.django_db


def photo_file(name="xoe.jpg", gps=False):
    rng = random.Random(3)
    image = Image.frombytes(
        "RGB", (640, 480), bytes(rng.randrange(256) for _ in range(640 * 480 * 3))
    )
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {2: (21.0, 19.0, 30.0)}  # a GPS latitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def post_photo(client, club, upload, lang="en"):
    data = {"upload": upload, "alt_vi": "Tập xòe", "alt_en": "Xòe practice", "order": "0"}
    return client.post(f"/{lang}/workspace/clubs/{club.slug}/photos/", data)


def test_the_official_adds_a_photo_stored_without_its_location(client, official, club):
    client.force_login(official)
    response = post_photo(client, club, photo_file(gps=True))
    assert response.status_code == 302
    photo = ClubPhoto.objects.get()
    for item in photo.renditions:
        with default_storage.open(item["jpeg"]) as stored:
            assert not has_metadata(stored.read())
    html = client.get(f"/en/clubs/{club.slug}/").content.decode()
    assert 'alt="Xòe practice"' in html
    assert 'loading="lazy"' in html


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_renamed_file_is_refused_and_nothing_stored(client, official, club, lang):
    client.force_login(official)
    fake = SimpleUploadedFile("xoe.jpg", b"%PDF-1.4 not a picture" * 50, content_type="image/jpeg")
    response = post_photo(client, club, fake, lang)
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert ClubPhoto.objects.count() == 0


def test_an_official_of_another_commune_cannot_add_a_photo(client, make_user, other_commune, club):
    other = make_user("other", "officials", areas=[other_commune])
    client.force_login(other)
    assert post_photo(client, club, photo_file()).status_code == 403
    assert ClubPhoto.objects.count() == 0


def test_the_official_removes_a_photo(client, official, club, django_capture_on_commit_callbacks):
    client.force_login(official)
    post_photo(client, club, photo_file())
    photo = ClubPhoto.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/workspace/clubs/{club.slug}/photos/{photo.pk}/delete/")
    assert response.status_code == 302
    assert ClubPhoto.objects.count() == 0
    assert club.changes.filter(action="deleted").exists()
