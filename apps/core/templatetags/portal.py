from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

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


def _field_value(obj, field, language):
    return getattr(obj, f"{field}_{language}", None) or ""


@register.simple_tag
def tfield(obj, field, linebreaks=False):
    """A translated model text in the page's language, marked when it falls back.

    When the English text is missing the Vietnamese one is shown inside ``lang="vi"`` with a
    visible note, so a visitor never meets an empty page nor a silent switch of language.
    """
    language = translation.get_language() or settings.LANGUAGE_CODE
    value = _field_value(obj, field, language)
    shown_language = language
    if not value:
        for fallback, _name in settings.LANGUAGES:
            value = _field_value(obj, field, fallback)
            if value:
                shown_language = fallback
                break
    text = conditional_escape(value)
    if linebreaks:
        paragraphs = [p.strip() for p in normalize_newlines(str(value)).split("\n\n") if p.strip()]
        text = mark_safe(  # noqa: S308 - each paragraph is escaped
            "".join(
                format_html("<p>{}</p>", mark_safe(conditional_escape(p).replace("\n", "<br>")))  # noqa: S308
                for p in paragraphs
            )
        )
    if shown_language == language or not value:
        return text
    note = _("not yet translated into English") if language == "en" else _("not yet translated")
    tag = "div" if linebreaks else "span"
    return format_html(
        '<{} lang="{}" class="fallback">{} <small class="fallback-note">({})</small></{}>',
        tag,
        shown_language,
        text,
        note,
        tag,
    )


@register.filter
def number(value, places=None):
    """A number in the page's language: 106.000 in Vietnamese, 106,000 in English."""
    if value is None or value == "":
        return ""
    if places is None:
        places = 0 if float(value) == int(value) else 1
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def hidden_errors(form):
    """Whether a hidden field of the form was refused (tampered with or out of date)."""
    return any(field.errors for field in form.hidden_fields())
