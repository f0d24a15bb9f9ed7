from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from apps.core.display import number, tfield

register = template.Library()


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """``hreflang`` links to this page in every language, and ``x-default``."""
    request = context.get("request")
    if request is None:
        return ""
    base = settings.SITE_URL.rstrip("/")
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        href = base + translate_url(path, code)
        links.append(format_html('<link rel="alternate" hreflang="{}" href="{}">', code, href))
    default = base + translate_url(path, settings.LANGUAGE_CODE)
    links.append(format_html('<link rel="alternate" hreflang="x-default" href="{}">', default))
    return mark_safe("\n".join(links))  # noqa: S308 - each part is escaped by format_html


@register.simple_tag(takes_context=True)
def language_links(context):
    """The other languages of this page as (code, name, switch URL), for the language switch."""
    request = context.get("request")
    current = translation.get_language()
    result = []
    for code, name in settings.LANGUAGES:
        if code == current or request is None:
            continue
        target = translate_url(request.get_full_path(), code)
        url = reverse("switch_language", args=[code]) + "?next=" + quote(target, safe="/")
        with translation.override(code):
            result.append({"code": code, "name": translation.gettext(str(name)), "url": url})
    return result


register.simple_tag(tfield, name="tfield")
register.filter("number", number)


@register.filter
def hidden_errors(form):
    """Whether a hidden field of the form was refused (tampered with or out of date)."""
    return any(field.errors for field in form.hidden_fields())
