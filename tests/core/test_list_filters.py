"""One filter form for the public lists (apps.core.forms.ListFilterForm): the search and the
area read alike by spaces and clubs, a bad value reported in the visitor's language."""

import pytest
from django import forms
from django.http import QueryDict
from django.utils import translation

from apps.core.forms import MAX_QUERY_LENGTH, ListFilterForm, asked_areas

pytestmark = pytest.mark.django_db


class ColourForm(ListFilterForm):
    colour = forms.ChoiceField(required=False, choices=[("", "Any"), ("red", "Red")])
    refusals = {"colour": "There is no such colour: showing every colour."}


def read(query):
    return ColourForm.read(QueryDict(query))


def test_valid_filters_are_given_by_name_with_the_area_by_its_slug(commune):
    form, filters = read(f"q=nha+tri+thuc&area={commune.slug}&colour=red")
    assert filters == {"q": "nha tri thuc", "area": commune.slug, "colour": "red"}
    assert form.cleaned_data["area"] == commune
    assert form.notices() == []


@pytest.mark.parametrize(
    ("lang", "unknown_area"),
    [
        ("en", "There is no ward, commune or village with that name: showing every area."),
        ("vi", "Không có phường, xã hoặc bản nào với tên này: hiển thị tất cả địa bàn."),
    ],
)
def test_an_unknown_area_and_a_refused_choice_are_reported_and_ignored(lang, unknown_area):
    with translation.override(lang):
        form, filters = read("area=nowhere&colour=blue")
        assert filters == {"q": "", "area": "", "colour": ""}
        assert form.notices() == [unknown_area, "There is no such colour: showing every colour."]


def test_a_too_long_search_is_cut_and_said_so():
    form, filters = read("q=" + "a" * 500)
    assert filters["q"] == "a" * MAX_QUERY_LENGTH
    with translation.override("en"):
        assert form.notices() == [
            "Your search was very long: only its first 100 characters were used."
        ]


@pytest.mark.parametrize("slug", ["", "x" * 81, "chiềng-đen", "a'b", "../x", "a b"])
def test_a_malformed_area_is_not_looked_up(slug, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert asked_areas(slug) == []


def test_the_area_asked_for_is_found_without_a_query_once_kept(commune, django_assert_num_queries):
    assert asked_areas(commune.slug) == [commune]
    with django_assert_num_queries(0):
        assert asked_areas(commune.slug) == [commune]
        assert asked_areas("nowhere") == []


def test_a_retired_area_is_no_longer_found(commune):
    assert asked_areas(commune.slug) == [commune]
    commune.is_active = False
    commune.save()
    assert asked_areas(commune.slug) == []
