import pytest

from apps.core.text import fold, slugify_vi


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nhà Tri thức bản Co Phương (Chiềng Đen)", "nha tri thuc ban co phuong (chieng den)"),
        ("NHÀ TRI THỨC", "nha tri thuc"),
        ("chiềng đen", "chieng den"),
        ("Đường  Điện Biên", "duong dien bien"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_strips_diacritics_case_and_extra_spaces(text, folded):
    assert fold(text) == folded


def test_slug_turns_d_with_stroke_into_d():
    assert slugify_vi("Chiềng Đen") == "chieng-den"
    assert slugify_vi("Xã Chiềng Đen") == "xa-chieng-den"


def test_slug_of_tai_viet_script_is_empty_not_an_error():
    assert slugify_vi("ꪹꪎꪷꪙꪨꪱ") == ""


def test_slug_is_bounded():
    assert len(slugify_vi("Bản " * 100)) <= 80
