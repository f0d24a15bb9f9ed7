from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .apps import PortalAppConfig


@receiver(post_migrate)
def create_roles(sender, **kwargs):
    if isinstance(sender, PortalAppConfig):
        from .permissions import ensure_roles

        ensure_roles()


@receiver(user_logged_in)
def remember_language(sender, request, user, **kwargs):
    """E-mails to a person are written in the language of the page they last signed in from."""
    from django.conf import settings

    from .models import Profile

    language = getattr(request, "LANGUAGE_CODE", None)
    if language in dict(settings.LANGUAGES):
        Profile.objects.filter(user=user).exclude(language=language).update(language=language)
