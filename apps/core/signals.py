from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from . import pagecache
from .apps import PortalAppConfig


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def invalidate_pages(sender, **kwargs):
    # Only the portal's own content (and its many-to-many tables) shows on public pages.
    if sender.__module__.startswith("apps."):
        pagecache.invalidate()


@receiver(post_migrate)
def create_roles(sender, **kwargs):
    if isinstance(sender, PortalAppConfig):
        from .permissions import ensure_roles

        ensure_roles()
