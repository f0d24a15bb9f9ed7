"""Names sort in Vietnamese alphabetical order: a ă â b c d đ e ê …, tones after the letters."""

import random

import pytest

from apps.core.models import Area
from apps.core.text import vi_sort_key

# The order the issue found wrong (character codes), and what a Vietnamese reader expects.
TRICKY = [
    "Ba",
    "Bà",
    "Bả",
    "Bã",
    "Bá",
    "Bạ",
    "Bác",
    "Bắc",
    "Bân",
    "Bó",
    "Bó Ẩn",
    "Bó Cón",
    "Buổn",
    "Dê",
    "Đen",
    "Én",
    "Ếch",
    "Hài",
    "Huổi Cang",
    "On",
    "Ôn",
    "Ơn",
    "Ung",
    "Ưng",
    "Xa",
]


def shuffled(names, seed=7):
    names = list(names)
    random.Random(seed).shuffle(names)
    return names


def test_letters_with_marks_come_after_their_base_letter():
    assert sorted(
        shuffled(["Ưng", "Ung", "Ơn", "Ôn", "On", "Ếch", "Én", "Đen", "Dê"]), key=vi_sort_key
    ) == [
        "Dê",
        "Đen",
        "Én",
        "Ếch",
        "On",
        "Ôn",
        "Ơn",
        "Ung",
        "Ưng",
    ]


def test_tones_follow_the_standard_order_ngang_huyen_hoi_nga_sac_nang():
    assert sorted(shuffled(["mạ", "má", "mã", "mả", "mà", "ma"]), key=vi_sort_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]


def test_tones_count_only_between_names_with_the_same_letters():
    # "Bạ" has a heavier tone than "Bác" but fewer letters: letters decide first.
    assert sorted(["Bác", "Bạ", "Bắc", "Ba"], key=vi_sort_key) == ["Ba", "Bạ", "Bác", "Bắc"]


def test_the_list_the_issue_found_in_character_code_order_is_in_vietnamese_order():
    assert sorted(shuffled(TRICKY), key=vi_sort_key) == TRICKY
    # What the database gave: "Buổn, Bó, Bó Cón, Bó Ẩn … Huổi Cang, Hài".
    assert sorted(["Buổn", "Bó", "Bó Cón", "Bó Ẩn", "Huổi Cang", "Hài"], key=vi_sort_key) == [
        "Bó",
        "Bó Ẩn",
        "Bó Cón",
        "Buổn",
        "Hài",
        "Huổi Cang",
    ]


def test_numbers_sort_by_value_and_capitals_after_small_letters():
    assert sorted(["Tổ 10", "Tổ 2", "tổ 2", "Tổ 1"], key=vi_sort_key) == [
        "Tổ 1",
        "tổ 2",
        "Tổ 2",
        "Tổ 10",
    ]


def test_decomposed_and_composed_spellings_sort_the_same():
    composed, decomposed = "Chiềng Đen", "Chie\u0302\u0300ng \u0110en"
    assert vi_sort_key(composed) == vi_sort_key(decomposed)


def test_odd_names_do_not_break_the_key():
    names = ["", "ꪹꪎꪷꪙꪨꪱ", "A-Ma", "«Bản»", "   ", "Z", "123"]
    assert sorted(names, key=vi_sort_key)[-1] == "ꪹꪎꪷꪙꪨꪱ"  # other scripts after Latin


@pytest.mark.django_db
def test_areas_come_by_their_order_then_in_vietnamese_order(make_area):
    for name in shuffled(["Bản Buổn", "Bản Bó", "Bản Bó Cón", "Bản Bó Ẩn", "Bản Hài"]):
        area = make_area(name, Area.Kind.VILLAGE)
        area.order = 1
        area.save()
    make_area("Xã Yên", Area.Kind.COMMUNE)  # order 0: first, whatever its name
    names = [area.name for area in Area.objects.all().in_vietnamese_order()]
    assert names == ["Xã Yên", "Bản Bó", "Bản Bó Ẩn", "Bản Bó Cón", "Bản Buổn", "Bản Hài"]


@pytest.mark.django_db
def test_the_key_gives_the_order_of_postgresqls_icu_vietnamese_collation():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("ICU collations exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'vi-x-icu'")
        if not cursor.fetchone():
            pytest.skip("this PostgreSQL has no ICU Vietnamese collation")
        cursor.execute(
            'SELECT n FROM unnest(%s::text[]) AS n ORDER BY n COLLATE "vi-x-icu"',
            [shuffled(TRICKY)],
        )
        database_order = [row[0] for row in cursor.fetchall()]
    assert database_order == TRICKY == sorted(shuffled(TRICKY), key=vi_sort_key)
