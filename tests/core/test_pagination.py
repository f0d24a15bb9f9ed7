import pytest

from apps.core.paginate import page_number, paginate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("page", "expected", "accepted"),
    [
        ("2", 2, "2"),
        ("abc", 1, None),
        ("99999", 5, None),
        ("-3", 5, None),
        ("", 1, None),
        ("9" * 500, 5, None),
        ("٣", 1, None),  # an Arabic-Indic digit is not a page number here
    ],
)
def test_any_page_value_lands_on_a_real_page_and_only_a_real_one_is_accepted(
    rf, page, expected, accepted
):
    request = rf.get("/vi/spaces/", {"page": page, "q": "chieng den"})
    number, value = page_number(request, "test", lambda: 100, 20, "chieng den")
    assert (number, value) == (expected, accepted)
    result = paginate(list(range(100)), 20, number, {"q": "chieng den", "kind": ""})
    assert result["page_obj"].number == expected
    assert result["page_query"] == "q=chieng+den&"


def test_page_links_carry_only_the_validated_filters():
    result = paginate(list(range(100)), 20, 1, {})
    assert result["page_query"] == ""
