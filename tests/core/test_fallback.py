from django.template import Context, Template
from django.utils import translation

from apps.core.models import KeyFigure


def render(obj, field, language, **kwargs):
    extra = " ".join(f"{k}={v}" for k, v in kwargs.items())
    template = Template("{% load portal %}{% tfield obj '" + field + "' " + extra + " %}")
    with translation.override(language):
        return template.render(Context({"obj": obj}))


def test_english_page_shows_english_text_unmarked(db):
    figure = KeyFigure(label_vi="Dân số", label_en="Residents", value=1)
    assert render(figure, "label", "en") == "Residents"


def test_missing_english_falls_back_to_vietnamese_and_says_so(db):
    figure = KeyFigure(label_vi="Dân số", label_en="", value=1)
    html = render(figure, "label", "en")
    assert '<span lang="vi" class="fallback">Dân số' in html
    assert "not yet translated into English" in html


def test_fallback_text_is_escaped(db):
    figure = KeyFigure(label_vi="<script>alert(1)</script>", label_en="", value=1)
    html = render(figure, "label", "en")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_paragraphs_are_kept_and_escaped(db):
    figure = KeyFigure(label_vi="Một <b>\n\nHai", label_en="", value=1)
    html = render(figure, "label", "vi", linebreaks=True)
    assert html == "<p>Một &lt;b&gt;</p><p>Hai</p>"


def test_nothing_in_any_language_renders_empty(db):
    assert render(KeyFigure(value=1), "source", "en") == ""
