"""A stored file rewritten in place: under the same name, at once, or not at all."""

import os
import stat

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from apps.core.storage import overwrite


@pytest.fixture
def storage(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    storage.save("evidence/a.jpg", ContentFile(b"old"))
    os.chmod(storage.path("evidence/a.jpg"), 0o640)
    return storage


def test_the_new_content_takes_the_same_name_and_permissions(storage):
    overwrite(storage, "evidence/a.jpg", b"new")
    with storage.open("evidence/a.jpg") as file:
        assert file.read() == b"new"
    assert stat.S_IMODE(os.stat(storage.path("evidence/a.jpg")).st_mode) == 0o640
    assert storage.listdir("evidence") == ([], ["a.jpg"])


def test_an_interrupted_overwrite_leaves_the_old_file_and_nothing_else(storage, monkeypatch):
    def power_cut(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError, match="disk full"):
        overwrite(storage, "evidence/a.jpg", b"new")
    with storage.open("evidence/a.jpg") as file:
        assert file.read() == b"old"
    assert storage.listdir("evidence") == ([], ["a.jpg"])
