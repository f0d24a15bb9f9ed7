import functools

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext

from .apps import portal_apps


def site(request):
    """Navigation and site-wide flags for the base template."""
    return {
        "navigation": _navigation(),
        "demo_mode": settings.DEMO_MODE,
        "site_description": _lazy_site_description(),
    }


@functools.cache
def _navigation():
    # The same for every request of a process (the labels are translated as they are shown).
    return tuple(
        (config.nav_label, config.nav_url_name)
        for config in portal_apps()
        if config.nav_label and config.nav_url_name
    )


def site_description():
    """The site's meta description, naming the sections of the installed portal apps.

    Each app with a navigation link is named by its ``description`` (else its name, as it
    is written: "Thai cultural clubs"), so the description stays true as apps come and go.
    """
    names = [
        str(config.description or config.verbose_name)
        for config in portal_apps()
        if config.nav_label
    ]
    about = gettext("Son La City, member of the UNESCO Global Network of Learning Cities.")
    if not names:
        return about
    return gettext("%(about)s On this site: %(sections)s.") % {
        "about": about,
        "sections": " · ".join(names),
    }


# Made once: lazy() builds a class each time it is called.
_lazy_site_description = lazy(site_description, str)
