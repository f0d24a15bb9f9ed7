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


@register(Tags.urls, deploy=True)
def site_url(app_configs, **kwargs):
    """Pages take their address from the request, but an e-mail, a PDF report or an open-data
    file built by a worker has no request: without SITE_URL their links would point at a
    development address."""
    if not settings.SITE_URL:
        return [
            Warning(
                "SITE_URL is not set: links in e-mails, PDF reports and open data would point "
                "at http://127.0.0.1:8000.",
                hint="Set SITE_URL to the portal's public address (https://…).",
                id="learningcity.W002",
            )
        ]
    return []
