from urllib.parse import parse_qsl, quote, urlencode

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe

from apps.core.display import number, tfield
from apps.core.siteurl import public_base

register = template.Library()


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """``hreflang`` links to this page in every language, and ``x-default``."""
    request = context.get("request")
    if request is None:
        return ""
    try:
        base = public_base(request)
    except DisallowedHost:  # the 400 page of a forged Host: no link to it
        return ""
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        href = base + translate_url(switch_next(path, code), code)
        links.append(format_html('<link rel="alternate" hreflang="{}" href="{}">', code, href))
    default = base + translate_url(path, settings.LANGUAGE_CODE)
    links.append(format_html('<link rel="alternate" hreflang="x-default" href="{}">', default))
    return mark_safe("\n".join(links))  # noqa: S308 - each part is escaped by format_html


def switch_next(full_path, code):
    """``full_path`` with its ``next`` parameter (the sign-in page's) in language ``code`` too.

    Only a local path is kept (``/vi/workspace/`` becomes ``/en/workspace/``); anything else
    (``//evil.example``, ``https://evil``) is dropped from the link, never passed on.
    """
    path, _sep, query = full_path.partition("?")
    if not query:
        return full_path
    params = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key == "next":
            if not _local_path(value):
                continue
            value = translate_url(value, code)
        params.append((key, value))
    return path + ("?" + urlencode(params, safe="/") if params else "")


def _local_path(target):
    return (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    )


@register.simple_tag(takes_context=True)
def language_links(context):
    """The other languages of this page as (code, name, switch URL), for the language switch."""
    request = context.get("request")
    current = translation.get_language()
    result = []
    for code, name in settings.LANGUAGES:
        if code == current or request is None:
            continue
        target = translate_url(switch_next(request.get_full_path(), code), code)
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
