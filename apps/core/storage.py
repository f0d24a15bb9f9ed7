"""Where files that must not be public are kept (evidence, unpublished reports)."""

import os
import tempfile
from pathlib import Path

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(LazyObject):
    """The "private" storage of settings.STORAGES, looked up when first used.

    It lives outside MEDIA_ROOT, so nothing in it is served at /media/: views send its files
    after checking who may see them. A FileField keeps the storage it was given when the model
    is defined; this stand-in follows STORAGES if the settings change (as they do per test),
    like Django's default_storage.
    """

    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


def get_private_storage():
    """For FileField(storage=…): a callable, so migrations do not freeze a path."""
    return private_storage


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty


def overwrite(storage, name, content):
    """Replace the stored file ``name`` with ``content`` (bytes), keeping its name.

    Django's storages never overwrite (``save`` picks another name). The new content is
    written beside the old file and moved over it in one step, so a reader meets the old file
    or the new one, never a missing or half-written file. File-system storages only.
    """
    path = Path(storage.path(name))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".overwrite-")
    try:
        with os.fdopen(handle, "wb") as new:
            new.write(content)
            new.flush()
            os.fsync(new.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
