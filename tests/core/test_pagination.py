import pytest

from apps.core.paginate import paginate


@pytest.mark.parametrize(
    "page,expected", [("2", 2), ("abc", 1), ("99999", 5), ("-3", 5), ("", 1), ("9" * 500, 5)]
)
def test_any_page_value_lands_on_a_real_page(rf, page, expected):
    request = rf.get("/vi/spaces/", {"page": page, "q": "chieng den"})
    result = paginate(request, list(range(100)), per_page=20)
    assert result["page_obj"].number == expected
    assert result["page_query"] == "q=chieng+den&"
