"""A space's texts have a length limit the model holds (the form, the admin, a script alike)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from .test_workspace import edit_data, stored

pytestmark = pytest.mark.django_db

LIMITS = {"description": 3000, "activities": 2000}


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Ensure this value has at most 3000 characters (it has 3001)."),
        ("vi", "Giá trị này chỉ có tối đa 3000 kí tự (hiện có 3001)"),
    ],
)
def test_an_over_long_description_is_refused_and_what_was_typed_kept(
    client, official, space, language, message
):
    with translation.override("vi"):  # values() reads translated texts in the active language
        before = stored(space)
    client.force_login(official)
    data = edit_data(space, description_vi="Nhà Tri thức " + "x" * 2988)
    assert len(data["description_vi"]) == 3001
    response = client.post(f"/{language}/workspace/spaces/{space.slug}/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    for typed in ("New description", "Đọc sách\nMúa xòe", "0212 111 222", 'value="900"'):
        assert typed in html
    with translation.override("vi"):
        assert stored(space) == before


def test_a_text_at_the_limit_as_the_browser_counts_it_is_accepted(client, official, space):
    # The browser counts each line break as one character but sends it as two (CR LF).
    lines = ["x" * 98] * 31
    typed = "\n".join(lines)[:3000]
    assert len(typed) == 3000
    client.force_login(official)
    data = edit_data(space, description_vi=typed.replace("\n", "\r\n"))
    assert client.post(f"/en/workspace/spaces/{space.slug}/", data).status_code == 302
    space.refresh_from_db()
    assert space.description_vi == typed


@pytest.mark.parametrize(("language", "limit"), [("en", "3,000"), ("vi", "3.000")])
def test_the_form_says_how_long_a_text_may_be(client, official, space, language, limit):
    client.force_login(official)
    html = client.get(f"/{language}/workspace/spaces/{space.slug}/").content.decode()
    assert html.count('maxlength="3000"') == 2
    assert html.count('maxlength="2000"') == 2
    note = "At most {} characters." if language == "en" else "Tối đa {} ký tự."
    assert note.format(limit) in html


@pytest.mark.parametrize("name", ["description", "activities"])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_model_refuses_a_text_over_its_limit_in_each_language(space, name, language):
    field = f"{name}_{language}"
    setattr(space, field, "x" * LIMITS[name])
    space.full_clean()
    setattr(space, field, "x" * (LIMITS[name] + 1))
    with pytest.raises(ValidationError) as refused:
        space.full_clean()
    assert field in refused.value.message_dict
