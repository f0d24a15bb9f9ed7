import pytest

from apps.culture.models import Club

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        (
            "vi",
            ["Câu lạc bộ văn hóa Thái bản Co Phương", "Thứ Ba và Thứ Sáu, 19:30–21:00", "Tham gia"],
        ),
        (
            "en",
            ["Thai Cultural Club, Co Phuong village", "Tuesday and Friday, 19:30–21:00", "Join"],
        ),
    ],
)
def test_the_list_shows_each_club_with_its_schedule_in_both_languages(client, club, lang, texts):
    response = client.get(f"/{lang}/clubs/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in texts[:2]:
        assert text in html
    assert f'href="/{lang}/clubs/{club.slug}/"' in html


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        (
            "vi",
            [
                "Thời gian và địa điểm sinh hoạt",
                "Thứ Ba và Thứ Sáu",
                "Nhà Tri thức bản Co Phương",
                "42",
            ],
        ),
        ("en", ["When and where it meets", "Tuesday and Friday", "House of Wisdom", "42"]),
    ],
)
def test_the_detail_shows_schedule_place_and_join_link(client, make_club, space, lang, texts):
    club = make_club(space=space)
    response = client.get(f"/{lang}/clubs/{club.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in texts:
        assert text in html
    assert f'href="/{lang}/spaces/{space.slug}/"' in html
    assert f'href="/{lang}/clubs/{club.slug}/join/"' in html
    assert f'hreflang="{"en" if lang == "vi" else "vi"}"' in html


def test_the_filters_find_a_script_club_in_a_ward(client, make_club, commune, other_commune):
    make_club("CLB xòe Tô Hiệu", area=other_commune, name_en="To Hieu Xoe club")
    make_club("CLB múa", teaches_script=False, name_en="Dance only club")
    wanted = make_club("CLB chữ Thái Co Phương", name_en="Co Phuong script club")
    html = client.get("/en/clubs/", {"area": commune.slug, "focus": "script"}).content.decode()
    assert "Co Phuong script club" in html
    assert "Dance only club" not in html
    assert "To Hieu Xoe club" not in html
    assert f'href="/en/clubs/{wanted.slug}/"' in html


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_unknown_filters_are_reported_and_every_club_shown(client, club, lang):
    response = client.get(f"/{lang}/clubs/", {"area": "nowhere", "focus": "<b>x</b>"})
    html = response.content.decode()
    assert response.status_code == 200
    assert club.name_en in html or club.name_vi in html
    assert "<b>x</b>" not in html
    notice = {
        "en": "There is no such focus: showing every club.",
        "vi": "Không có lĩnh vực này: đang hiển thị tất cả câu lạc bộ.",
    }[lang]
    assert notice in html


def test_an_unknown_club_is_a_404_in_the_visitors_language(client):
    response = client.get("/vi/clubs/khong-co/")
    assert response.status_code == 404
    assert 'lang="vi"' in response.content.decode()
    assert client.get("/en/clubs/khong-co/join/").status_code == 404


def test_an_unpublished_club_is_not_shown(client, make_club):
    hidden = make_club("CLB ẩn", is_published=False)
    assert client.get(f"/en/clubs/{hidden.slug}/").status_code == 404
    assert "CLB ẩn" not in client.get("/vi/clubs/").content.decode()
    assert client.get(f"/en/clubs/{hidden.slug}/join/").status_code == 404


def test_html_typed_into_a_club_is_shown_escaped(client, make_club):
    club = make_club("<script>alert(1)</script>", description_vi="<b>đậm</b>")
    html = client.get(f"/vi/clubs/{club.slug}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;đậm&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("vi", ["Múa xòe và chữ Thái", "Nhôm khăn (tung khăn)", "Ý nghĩa:", "Niềm vui."]),
        ("en", ["Xòe dance and the Thai script", "Nhôm khăn (tossing the scarves)", "Joy."]),
    ],
)
def test_heritage_lists_the_dances_with_their_clubs_in_both_languages(
    client, dance, club, lang, texts
):
    html = client.get(f"/{lang}/heritage/").content.decode()
    for text in texts:
        assert text in html
    assert f'href="/{lang}/clubs/{club.slug}/"' in html
    # Tai Viet text is marked with its language, so the Tai Viet font and speech apply.
    assert '<span class="tai" lang="blt">ꪹꪎꪷꪙꪨꪱ</span>' in html


def test_a_dance_name_in_tai_viet_is_marked_blt(client, dance):
    dance.name_tai = "ꪹꪎꪷ"
    dance.save()
    assert '<span class="tai" lang="blt">ꪹꪎꪷ</span>' in client.get("/en/heritage/").content.decode()


def test_a_missing_english_description_falls_back_visibly(client, make_club):
    club = make_club("CLB chỉ có tiếng Việt", name_en="", description_en="")
    html = client.get(f"/en/clubs/{club.slug}/").content.decode()
    assert 'lang="vi" class="fallback">CLB chỉ có tiếng Việt' in html
    assert "not yet translated into English" in html


def test_the_home_page_and_sitemap_name_the_clubs(client, club):
    assert "/vi/clubs/" in client.get("/vi/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/en/clubs/{club.slug}/" in sitemap
    assert "/vi/heritage/" in sitemap


def test_demo_loads_thirty_five_clubs_and_seven_dances_idempotently(db):
    from io import StringIO

    from django.core.management import call_command

    from apps.culture.models import Dance

    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert Club.objects.count() == 35
    assert Club.objects.filter(is_demo=True).count() == 35
    assert Dance.objects.filter(kind="ancient").count() == 6
    assert Dance.objects.filter(kind="unity").count() == 1
    assert Club.objects.with_focus("script").filter(area__parent__slug="chieng-den").exists()


def test_the_list_is_in_vietnamese_alphabetical_order(client, make_club):
    for name in ("CLB Đen", "CLB Ẻn", "CLB Dê", "CLB Ba"):
        make_club(name, name_en="")
    html = client.get("/vi/clubs/").content.decode()
    found = [html.index(f">{name}<") for name in ("CLB Ba", "CLB Dê", "CLB Đen", "CLB Ẻn")]
    assert found == sorted(found)


def test_a_search_puts_the_closest_name_first(client, make_club):
    make_club("Câu lạc bộ xòe bản Mòn", name_en="")
    make_club("Xòe", name_en="")
    html = client.get("/vi/clubs/", {"q": "xoe"}).content.decode()
    assert html.index(">Xòe<") < html.index(">Câu lạc bộ xòe bản Mòn<")


def test_an_unpublished_space_is_not_linked(client, make_club, space):
    space.is_published = False
    space.save()
    club = make_club(space=space)
    assert f"/spaces/{space.slug}/" not in client.get(f"/en/clubs/{club.slug}/").content.decode()
