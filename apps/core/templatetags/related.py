"""``{% related_to obj %}``: what other apps link to ``obj`` (``PortalAppConfig.related``).

An app's page shows what other apps say about its object without importing them: the space's
page lists the clubs that meet there.
"""

from django import template

from apps.core.apps import related_sections

register = template.Library()


@register.inclusion_tag("includes/related.html")
def related_to(obj):
    return {"sections": related_sections(obj)}
