"""Numbers typed in either language: one parser for every decimal the portal reads."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.core.numbers import parse_decimal


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("83", Decimal(83)),
        ("83%", Decimal(83)),
        ("83 %", Decimal(83)),
        ("  83,5 % ", Decimal("83.5")),
        ("83,5", Decimal("83.5")),
        ("83.5", Decimal("83.5")),
        ("\u00a083,5\u202f%", Decimal("83.5")),
        (",5", Decimal("0.5")),
        ("0", Decimal(0)),
        ("-2,25", Decimal("-2.25")),
    ],
)
def test_a_percentage_is_read_with_either_separator_and_a_trailing_percent_sign(typed, value):
    assert parse_decimal(typed, percent=True) == value


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_nothing_typed_is_no_number(typed):
    assert parse_decimal(typed, percent=True) is None


@pytest.mark.parametrize("typed", ["8,3,5", "1.234,5", "1,234.5", "1.000.000", "83,,5"])
def test_two_separators_are_refused_rather_than_guessed(typed):
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        parse_decimal(typed, percent=True)
    assert refused.value.code == "separators"
    with translation.override("en"):
        assert "at most one decimal separator" in refused.value.messages[0]


@pytest.mark.parametrize(
    "typed", ["abc", "83%%", "% 83", "8 3", "1e5", "NaN", "Infinity", "٨٣", "83,5a", "+", "."]
)
def test_anything_else_asks_for_a_number_in_the_visitors_language(typed):
    for language, text in (("en", "Enter a number."), ("vi", "Nhập")):
        with pytest.raises(ValidationError) as refused, translation.override(language):
            parse_decimal(typed, percent=True)
        with translation.override(language):
            assert text in refused.value.messages[0]


def test_a_percent_sign_is_refused_where_no_percentage_is_expected():
    with pytest.raises(ValidationError) as refused:
        parse_decimal("83%")
    assert refused.value.code == "percent"


@pytest.mark.parametrize("typed", ["1.000", "1,5", "12,0"])
def test_a_whole_number_takes_no_separator_so_a_thousand_is_never_read_as_one(typed):
    with pytest.raises(ValidationError) as refused:
        parse_decimal(typed, whole=True)
    assert refused.value.code == "whole"
    assert parse_decimal("1000", whole=True) == Decimal(1000)


def test_an_absurdly_long_number_is_refused_without_work():
    with pytest.raises(ValidationError):
        parse_decimal("9" * 5000, percent=True)
