import pytest

from apps.core.models import Area
from apps.spaces.models import LearningSpace

pytestmark = pytest.mark.django_db


@pytest.fixture
def co_phuong(make_space):
    return make_space(name_en="House of Wisdom, Co Phuong village")


@pytest.fixture
def elsewhere(make_space, make_area):
    ward = make_area("Phường Tô Hiệu", Area.Kind.WARD, name_en="To Hieu Ward")
    group = make_area("Tổ 3", Area.Kind.GROUP, ward, "Residential group 3")
    return make_space(name="Tủ sách nhân ái tổ 3", area=group, kind="humane-library")


@pytest.mark.parametrize(
    "query",
    ["nha tri thuc chieng den", "NHÀ TRI THỨC", "chiềng đen", "Co Phuong", "house of wisdom"],
)
def test_search_ignores_diacritics_and_case_on_both_sides(co_phuong, elsewhere, query):
    assert list(LearningSpace.objects.search(query)) == [co_phuong]


def test_every_word_of_the_query_must_match(co_phuong, elsewhere):
    assert not LearningSpace.objects.search("nha tri thuc to hieu").exists()
    assert list(LearningSpace.objects.search("tu sach to hieu")) == [elsewhere]


def test_words_match_at_their_start_only(co_phuong):
    # "den" (Chiềng Đen) must not be found inside "residential" or "garden".
    assert LearningSpace.objects.search("den").exists()
    assert not LearningSpace.objects.search("iden").exists()
    assert LearningSpace.objects.search("phuo").exists()  # a word still being typed


def test_den_finds_chieng_den_and_not_the_den_inside_residential(client, make_space, make_area):
    ward = make_area("Phường Tô Hiệu", Area.Kind.WARD, name_en="To Hieu Ward")
    group = make_area("Tổ 1", Area.Kind.GROUP, ward, "Residential group 1")
    make_space(
        "Tủ sách tổ 1", area=group, kind="humane-library", address="Residential group 1, To Hieu"
    )
    chieng_den = make_space("Thư viện Chiềng Đen", name_en="Chieng Den library")
    assert list(LearningSpace.objects.search("den")) == [chieng_den]
    html = client.get("/en/spaces/", {"q": "den"}).content.decode()
    assert "Chieng Den library" in html
    assert "Tủ sách tổ 1" not in html


def test_search_text_follows_a_renamed_area(co_phuong, commune):
    commune.name_vi, commune.name_en = "Xã Chiềng Mới", "Chieng Moi Commune"
    commune.save()
    assert LearningSpace.objects.search("chieng moi").exists()
    assert not LearningSpace.objects.search("chieng den").exists()


def test_list_page_finds_the_space_typed_without_diacritics(client, co_phuong, elsewhere):
    response = client.get("/vi/spaces/", {"q": "nha tri thuc chieng den"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nhà Tri thức bản Co Phương" in html
    assert "Tủ sách nhân ái tổ 3" not in html
    assert 'value="nha tri thuc chieng den"' in html


def test_sql_and_html_in_the_query_are_text(client, co_phuong):
    query = "'; DROP TABLE spaces_learningspace; -- <script>alert(1)</script>"
    response = client.get("/en/spaces/", {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "No learning space matches" in html
    assert LearningSpace.objects.count() == 1


def test_percent_and_underscore_are_not_wildcards(client, co_phuong):
    assert not LearningSpace.objects.search("%").exists()
    assert not LearningSpace.objects.search("_").exists()


def test_postgresql_indexes_the_search_text_with_trigrams():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the trigram index exists on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'spaces_learningspace_search_trgm'"
        )
        [(definition,)] = cursor.fetchall()
    assert "gin_trgm_ops" in definition
