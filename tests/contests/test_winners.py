"""The winners page: awarded works after the announcement, nothing private, ever."""

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.contests import announce, jury
from apps.contests.models import AgeGroup, Entry, Kind, Prize, Status, WinningWork
from apps.core.images import has_metadata

from .jury_setup import AUTHOR, EMAIL, GUARDIAN, PHONE, SCHOOL, make_contest, make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest():
    return make_contest()


@pytest.fixture
def announced(contest, village, staff_user):
    """A painting (first prize, a minor), a song (second, an adult), a poem (third), an awarded
    painting whose author did not consent, and a painting not selected."""
    painting = make_entry(contest, Kind.PAINTING, village, title="Rừng xanh sau bão")
    song = make_entry(
        contest,
        Kind.SONG,
        village,
        title="Bài ca bản Thái",
        author_name="Cầm Văn Khiêm",
        age_group=AgeGroup.ADULT,
    )
    poem = make_entry(
        contest, Kind.POEM, village, title="Mưa rừng", text="Mưa rừng qua bản\nEm học bên thềm"
    )
    private = make_entry(
        contest, Kind.PAINTING, village, title="Tranh riêng tư", consent_to_publish=False
    )
    loser = make_entry(contest, Kind.PAINTING, village, title="Tranh không được chọn")
    for entry, prize in (
        (painting, Prize.FIRST),
        (song, Prize.SECOND),
        (poem, Prize.THIRD),
        (private, Prize.CONSOLATION),
    ):
        jury.award(staff_user, entry, prize)
    announce.announce(staff_user, contest)
    return {"painting": painting, "song": song, "poem": poem, "private": private, "loser": loser}


@pytest.mark.parametrize(
    ("lang", "message"), [("vi", "chưa được công bố"), ("en", "not announced yet")]
)
def test_before_the_announcement_the_page_says_so(client, contest, village, lang, message):
    entry = make_entry(contest, Kind.PAINTING, village)
    response = client.get(f"/{lang}/contests/{contest.slug}/winners/")
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert entry.title not in html


def test_a_draft_contest_has_no_winners_page(client, contest):
    contest.is_published = False
    contest.save()
    assert client.get(f"/en/contests/{contest.slug}/winners/").status_code == 404


@pytest.mark.parametrize(("lang", "heading"), [("vi", "Thống kê"), ("en", "Statistics")])
def test_the_winners_page_shows_the_awarded_works(client, contest, announced, lang, heading):
    html = client.get(f"/{lang}/contests/{contest.slug}/winners/").content.decode()
    assert heading in html
    assert "Rừng xanh sau bão" in html
    assert "L. T. X." in html  # a minor: initials only
    assert "Cầm Văn Khiêm" in html  # an adult: the full name
    assert 'loading="lazy"' in html
    assert "srcset=" in html
    assert "<audio" in html
    assert "Em học bên thềm" in html


def test_nothing_private_reaches_the_winners_page_or_the_sitemap(client, contest, announced):
    pages = [
        client.get(f"/{lang}{path}").content.decode()
        for lang in ("vi", "en")
        for path in (
            f"/contests/{contest.slug}/winners/",
            f"/contests/{contest.slug}/",
            "/contests/",
            "/",
        )
    ]
    pages.append(client.get("/sitemap.xml").content.decode())
    for html in pages:
        for private in (
            AUTHOR,
            PHONE,
            EMAIL,
            SCHOOL,
            GUARDIAN,
            "Tranh không được chọn",
            "Tranh riêng tư",
        ):
            assert private not in html
        for entry in announced.values():
            assert entry.code not in html
            assert entry.file.name.rsplit("/", 1)[-1] not in html if entry.file else True


def test_an_awarded_work_without_consent_is_counted_not_shown(client, contest, announced):
    html = client.get(f"/en/contests/{contest.slug}/winners/").content.decode()
    assert "4 works were awarded among 5 entries" in html
    assert "1 awarded work is not shown, at its author's request" in html
    assert not WinningWork.objects.filter(entry=announced["private"]).exists()


def test_the_public_copies_carry_no_metadata(announced):
    painting = WinningWork.objects.get(entry=announced["painting"])
    for item in painting.renditions:
        with default_storage.open(item["jpeg"]) as handle:
            assert not has_metadata(handle.read())
    song = WinningWork.objects.get(entry=announced["song"])
    with song.audio.open("rb") as handle:
        assert AUTHOR.encode() not in handle.read()
    assert song.audio_type == "audio/wav"


def test_not_selected_entries_get_no_public_copy(announced):
    assert announced["loser"].status == Status.RECEIVED  # the object as built
    announced["loser"].refresh_from_db()
    assert announced["loser"].status == Status.NOT_SELECTED
    assert not WinningWork.objects.filter(entry=announced["loser"]).exists()


def test_statistics_count_entries_by_category_and_commune(client, contest, announced, commune):
    html = client.get(f"/en/contests/{contest.slug}/winners/").content.decode()
    assert "Entries by ward or commune" in html
    assert "Chieng Den Commune" in html


def _queries(client, url):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_winners_page_takes_the_same_queries_with_5000_entries(
    client, contest, announced, village
):
    url = f"/en/contests/{contest.slug}/winners/"
    few = _queries(client, url)
    category = contest.categories.get(kind=Kind.PAINTING)
    Entry.objects.bulk_create(
        Entry(
            contest=contest,
            category=category,
            code=f"SL26-X{number:05d}",
            author_name="Demo",
            area=village,
            title=f"Tranh {number}",
            status=Status.NOT_SELECTED,
        )
        for number in range(5000)
    )
    assert _queries(client, url) == few
    assert few <= 12
    assert "5,005 entries" in client.get(url).content.decode()


def test_the_site_search_finds_winning_works_and_nothing_private(client, contest, announced):
    html = client.get("/en/search/?q=rung+xanh+sau+bao").content.decode()
    assert "<mark>Rừng</mark> <mark>xanh</mark>" in html
    assert f"/en/contests/{contest.slug}/winners/#work-" in html
    for private in ("tranh khong duoc chon", "tranh rieng tu", "lo thi xuan"):
        html = client.get(f"/en/search/?q={private.replace(' ', '+')}").content.decode()
        assert "Tranh không được chọn" not in html
        assert "Tranh riêng tư" not in html
        assert AUTHOR not in html


def test_the_sitemap_lists_the_winners_page_once_announced(client, contest, announced):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/vi/contests/{contest.slug}/winners/" in xml
    assert f"/en/contests/{contest.slug}/winners/" in xml


def test_the_sitemap_has_no_winners_page_before_the_announcement(client, contest):
    assert "/winners/" not in client.get("/sitemap.xml").content.decode()


def test_markup_in_a_winning_work_is_escaped(client, contest, village, staff_user):
    entry = make_entry(
        contest,
        Kind.POEM,
        village,
        title="<script>alert(1)</script>",
        author_name="<b>Lò</b> Văn Pọm",
        age_group=AgeGroup.ADULT,
        text="<img src=x onerror=alert(1)>",
    )
    jury.award(staff_user, entry, Prize.FIRST)
    announce.announce(staff_user, contest)
    html = client.get(f"/en/contests/{contest.slug}/winners/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert "<b>Lò</b>" not in html


def test_a_minors_name_becomes_initials():
    assert announce.initials("Lò Thị Xuân") == "L. T. X."
    assert announce.initials("  Đinh   văn  ") == "Đ. V."
    assert announce.initials("<b>Lò</b>") == ""


def test_an_announcement_that_fails_leaves_no_public_copy_on_disk_or_in_the_database(
    contest, village, staff_user, monkeypatch, settings
):
    from pathlib import Path

    from apps.contests.models import Contest, Phase

    painting = make_entry(contest, Kind.PAINTING, village)
    song = make_entry(contest, Kind.SONG, village, age_group=AgeGroup.ADULT)
    loser = make_entry(contest, Kind.PAINTING, village, title="Tranh không được chọn")
    jury.award(staff_user, painting, Prize.FIRST)
    jury.award(staff_user, song, Prize.SECOND)
    winners = Path(settings.MEDIA_ROOT) / announce.WINNERS_PREFIX
    saved = Contest.save

    def fail_when_announced(self, *args, **kwargs):
        if self.phase == Phase.ANNOUNCED:
            # The copies are on disk by now: the last step of the announcement fails.
            assert any(path.is_file() for path in winners.rglob("*"))
            raise RuntimeError("database gone")
        return saved(self, *args, **kwargs)

    monkeypatch.setattr(Contest, "save", fail_when_announced)
    with pytest.raises(RuntimeError):
        announce.announce(staff_user, contest)
    assert not [path for path in winners.rglob("*") if path.is_file()]
    assert not WinningWork.objects.exists()
    contest.refresh_from_db()
    assert contest.phase == Phase.JUDGING
    assert Entry.objects.get(pk=loser.pk).status == Status.RECEIVED

    monkeypatch.setattr(Contest, "save", saved)
    assert announce.announce(staff_user, contest) == 2  # tried again, it goes through
    assert len([path for path in winners.rglob("*") if path.is_file()]) >= 3
