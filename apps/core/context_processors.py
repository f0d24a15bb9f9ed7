from django.conf import settings

from .apps import portal_apps


def site(request):
    """Navigation and site-wide flags for the base template."""
    navigation = [
        (config.nav_label, config.nav_url_name)
        for config in portal_apps()
        if config.nav_label and config.nav_url_name
    ]
    return {"navigation": navigation, "demo_mode": settings.DEMO_MODE}
