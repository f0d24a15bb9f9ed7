"""Numbers as people type them, in Vietnamese or English: ``83,5``, ``83.5``, ``83 %``.

One parser for every decimal typed into the portal (forms and CSV imports alike). The rules:

- spaces around the number are ignored, and a trailing ``%`` when a percentage is expected;
- the decimal separator is a comma or a point, whatever the page's language (a Vietnamese
  keyboard gives a comma, a phone's number pad often a point);
- a number with two separators (``8,3,5``, ``1.234,5``, ``1,234.5``, ``1.000.000``) is refused
  rather than guessed: ``1.234`` is one point two three four in English and one thousand two
  hundred and thirty-four in Vietnamese, so thousands separators are never read;
- a whole number (a count, an amount in VND) takes no separator at all, so ``1.000`` cannot
  be stored as one when a thousand was meant.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
# Spaces a phone or a copy from a spreadsheet may add: no-break and narrow no-break spaces too.
_SPACES = " \t\n\r\u00a0\u202f\u2009"

MESSAGES = {
    "invalid": _("Enter a number."),
    "separators": _(
        "Write the number with at most one decimal separator (a comma or a point) and no "
        "thousands separators, such as 1234,5."
    ),
    "whole": _("Enter a whole number, without separators, such as 1500."),
    "percent": _("Only a percentage may end with %."),
}


def parse_decimal(text, *, percent=False, whole=False):
    """The ``Decimal`` that ``text`` stands for, or a ``ValidationError`` saying what to type.

    ``percent``: a trailing ``%`` is accepted (and dropped). ``whole``: no decimal separator.
    Returns None for empty text.
    """
    text = str(text if text is not None else "").strip(_SPACES)
    if not text:
        return None
    if text.endswith("%"):
        if not percent:
            raise ValidationError(MESSAGES["percent"], code="percent")
        text = text[:-1].rstrip(_SPACES)
    if len(text) > 40:
        raise ValidationError(MESSAGES["invalid"], code="invalid")
    separators = text.count(",") + text.count(".")
    if separators > 1 and re.fullmatch(r"[+-]?[0-9.,]+", text):
        raise ValidationError(MESSAGES["separators"], code="separators")
    if not _NUMBER.fullmatch(text):
        raise ValidationError(MESSAGES["invalid"], code="invalid")
    if whole and separators:
        raise ValidationError(MESSAGES["whole"], code="whole")
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise ValidationError(MESSAGES["invalid"], code="invalid") from None
