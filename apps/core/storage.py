"""Where files that must not be public are kept (evidence, unpublished reports)."""

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
