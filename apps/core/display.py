"""How model texts and numbers are shown: one rule for pages, memoised parts and templates.

The template library (``{% load portal %}``) registers these; Python code imports them from
here, never from the template library.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

MOST_PLACES = 2


def _field_value(obj, field, language):
    return getattr(obj, f"{field}_{language}", None) or ""


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


def decimals(value, most=MOST_PLACES):
    """How many decimals ``value`` carries once trailing zeros are dropped (at most ``most``)."""
    exponent = _decimal(value).normalize().as_tuple().exponent
    return min(most, max(0, -exponent)) if isinstance(exponent, int) else 0


def number(value, places=None):
    """THE way the portal writes a number, in the page's language: 106.000 / 106,000; 87,7 / 87.7.

    ``places`` decimals (rounded half up, never truncated), or when not given as many as the
    value carries (``Decimal("87.70")`` is 87.7, ``50.0`` is 50), at most two. Pages, charts,
    the PDF report and the data files' text all write their figures through it.
    """
    if value is None or value == "":
        return ""
    value = _decimal(value)
    if places is None:
        places = decimals(value)
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def percent(value, places=None):
    """A percentage written by number(): 33,7% / 33.7%."""
    if value is None or value == "":
        return "—"
    return f"{number(value, places)}%"


def _decimal(value):
    if isinstance(value, Decimal):
        return value
    # str() keeps what a float shows (0.1, not 0.1000000000000000055…).
    return Decimal(str(value))
