"""Deployment checks (``manage.py check --deploy``) for settings Django cannot judge."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def proxy_count(app_configs, **kwargs):
    """Behind a proxy (HTTPS read from X-Forwarded-Proto) with no proxy counted, every visitor
    would look like the proxy to the sign-in throttle: one person could lock everyone out."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and settings.TRUSTED_PROXY_COUNT == 0:
        return [
            Warning(
                "HTTPS is read from a proxy's header but TRUSTED_PROXY_COUNT is 0.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies that append to "
                "X-Forwarded-For (1 behind the compose file's nginx).",
                id="learningcity.W001",
            )
        ]
    return []
