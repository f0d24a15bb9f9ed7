from decimal import Decimal

import pytest

from apps.core.text import spreadsheet_safe


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","y")'],
)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert spreadsheet_safe(text) == f"'{text}"


@pytest.mark.parametrize("value", ["Trường học số", "", " =1", "1-2", "a=b", "'=1", None, 5])
def test_other_values_are_left_alone(value):
    assert spreadsheet_safe(value) == value


def test_numbers_that_are_not_strings_stay_numbers():
    assert spreadsheet_safe(Decimal("-5")) == Decimal("-5")
