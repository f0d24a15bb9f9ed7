"""The photos of spaces and clubs share one model (apps.core.photos.PagePhoto): where their
files go, and that the files go with them once the deletion is committed."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation
from PIL import Image

from apps.core.images import check_image, save_renditions
from apps.culture.models import Club, ClubPhoto
from apps.spaces.models import LearningSpace, Photo

pytestmark = pytest.mark.django_db


def stored_photo(model, **owner):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "green").save(buffer, "PNG")
    photo = model(alt_vi="Ảnh", alt_en="A photo", **owner)
    upload = SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")
    photo.set_renditions(save_renditions(check_image(upload), model.upload_prefix()))
    photo.save()
    return photo


@pytest.fixture
def owners(village):
    space = LearningSpace.objects.create(name="Nhà Tri thức", name_vi="Nhà Tri thức", area=village)
    club = Club.objects.create(name="CLB Xòe", name_vi="CLB Xòe", area=village)
    return {Photo: {"space": space}, ClubPhoto: {"club": club}}


@pytest.mark.parametrize(("model", "folder"), [(Photo, "spaces/"), (ClubPhoto, "clubs/")])
def test_each_apps_photos_are_stored_in_its_own_folder(owners, model, folder):
    photo = stored_photo(model, **owners[model])
    assert photo.width == 400
    assert photo.height == 300
    assert all(item["jpeg"].startswith(folder) for item in photo.renditions)
    with translation.override("en"):
        assert photo.picture().alt == "A photo"


@pytest.mark.parametrize("model", [Photo, ClubPhoto])
def test_a_deleted_photos_files_go_once_the_deletion_is_committed(
    owners, model, django_capture_on_commit_callbacks
):
    photo = stored_photo(model, **owners[model])
    files = [item["webp"] for item in photo.renditions]
    assert all(default_storage.exists(name) for name in files)
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert not any(default_storage.exists(name) for name in files)


@pytest.mark.parametrize("model", [Photo, ClubPhoto])
def test_a_deletion_rolled_back_keeps_the_files(owners, model, django_capture_on_commit_callbacks):
    photo = stored_photo(model, **owners[model])
    files = [item["webp"] for item in photo.renditions]
    pk = photo.pk

    def delete_then_fail():
        with transaction.atomic():
            photo.delete()
            raise RuntimeError

    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        pytest.raises(RuntimeError),
    ):
        delete_then_fail()
    assert model.objects.filter(pk=pk).exists()
    assert all(default_storage.exists(name) for name in files)
    assert callbacks == []
