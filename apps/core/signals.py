from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .apps import PortalAppConfig


@receiver(post_migrate)
def create_roles(sender, **kwargs):
    if isinstance(sender, PortalAppConfig):
        from .permissions import ensure_roles

        ensure_roles()
