from urllib.parse import parse_qsl, quote, urlencode

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from apps.core import pagecache
from apps.core.display import number, tfield
from apps.core.localmemo import LocalStore

register = template.Library()

# The header and the footer of the pages this process rendered lately (frame_include).
FRAME_BYTES = 4 * 1024 * 1024
FRAME_SECONDS = 300
_frames = LocalStore(FRAME_BYTES)


@register.simple_tag(takes_context=True)
def frame_include(context, template_name):
    """``{% include template_name %}`` for a part of every page's frame (the header, the
    footer), kept by this process for each address, language and signed-in person.

    Rendering the frame's links (language switch, navigation) cost more than many a page's
    memoised main part. A template included this way may read only the request's address,
    its language, ``user.is_authenticated``, settings and code: never a form, a message, a
    CSRF token or anything else personal. The content version is part of the key, so it may
    show public content as well.
    """
    request = context.get("request")
    user = context.get("user")
    parts = (
        template_name,
        translation.get_language(),
        request.META.get("HTTP_HOST", "") if request else "",
        request.get_full_path() if request else "",
        # Each signed-in person their own (the header may come to name them one day).
        user.pk if user and user.is_authenticated else None,
        pagecache.current_version(),
    )
    html = _frames.get(parts)
    if html is None:
        with context.push():
            html = context.template.engine.get_template(template_name).render(context)
        _frames.set(parts, html, FRAME_SECONDS)
    return html


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
