"""An entry's file goes only to staff and the jury of its contest, never as a page."""

import pytest

from apps.contests.models import Kind

from .jury_setup import AUTHOR, make_contest, make_entry, png_bytes, sit

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest():
    return make_contest()


@pytest.fixture
def painting(contest, village):
    return make_entry(contest, Kind.PAINTING, village)


def _url(entry):
    return f"/en/workspace/contests/{entry.contest.slug}/entries/{entry.code}/file/"


def _body(response):
    return b"".join(response.streaming_content)


def test_staff_get_the_file_with_safe_headers(client, staff_user, painting):
    client.force_login(staff_user)
    response = client.get(_url(painting))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert f'filename="{painting.code}.png"' in response["Content-Disposition"]
    assert _body(response) == png_bytes()


def test_a_juror_of_the_contest_and_its_chair_get_the_file(client, juror, make_user, painting):
    sit(painting.contest, juror)
    chair = make_user("chair", "jurors")
    sit(painting.contest, chair, chair=True)
    for user in (juror, chair):
        client.force_login(user)
        assert client.get(_url(painting)).status_code == 200


def test_a_song_is_sent_as_audio(client, staff_user, contest, village):
    song = make_entry(contest, Kind.SONG, village)
    client.force_login(staff_user)
    response = client.get(_url(song))
    assert response["Content-Type"] == "audio/wav"
    assert response["Content-Security-Policy"].startswith("sandbox")
    body = _body(response)
    assert body.startswith(b"RIFF")
    assert AUTHOR.encode() not in body  # the artist tag would tell the juror who sang it
    with song.file.open("rb") as stored:
        assert AUTHOR.encode() in stored.read()  # the entry itself is kept as it came


def test_a_juror_of_another_contest_gets_nothing(client, juror, painting):
    sit(make_contest(slug="thi-khac"), juror)
    client.force_login(juror)
    response = client.get(_url(painting))
    assert response.status_code == 404
    assert png_bytes() not in response.content


def test_an_official_gets_nothing(client, official, painting):
    client.force_login(official)
    assert client.get(_url(painting)).status_code == 404


def test_a_visitor_is_sent_to_sign_in(client, painting):
    response = client.get(_url(painting))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_unknown_code_or_a_hostile_one_is_a_404(client, staff_user, painting):
    client.force_login(staff_user)
    base = f"/en/workspace/contests/{painting.contest.slug}/entries/"
    for code in ("SL26-ZZZZZ", "..%2F..%2Fsecret", "%3Cscript%3E", "x" * 500):
        assert client.get(f"{base}{code}/file/").status_code == 404


def test_an_entry_without_a_file_is_a_404(client, staff_user, contest, village):
    poem = make_entry(contest, Kind.POEM, village)
    client.force_login(staff_user)
    assert client.get(_url(poem)).status_code == 404


def test_the_file_is_never_in_the_public_media(painting, settings):
    from pathlib import Path

    assert not any(Path(settings.MEDIA_ROOT).rglob("*.png"))
