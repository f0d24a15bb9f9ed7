"""Every bad input of the issue gets a clear answer in the visitor's language, loses nothing
typed (but the file) and stores nothing."""

import http.client
import io
import threading

import pytest
from django.test import Client
from PIL import Image

from apps.contests.models import Entry

from .conftest import PDF, entry_data, jpeg_bytes, upload, wav_bytes

pytestmark = pytest.mark.django_db


def send(client, contest, data, language="en"):
    return client.post(f"/{language}/contests/{contest.slug}/submit/", data)


def refused(response, *, status=400):
    """The page of a refused form: its status, its HTML; nothing was stored."""
    assert response.status_code == status, response.content[:500]
    assert Entry.objects.count() == 0
    html = response.content.decode()
    # Everything typed is still there.
    for typed in ("Bản em sau cơn bão", "Lò Thị Xuân", "0912 345 678", "xuan@example.org"):
        assert typed in html
    assert "Trường THCS Chiềng Đen" in html
    assert "Lò Văn Pọm" in html
    return html


def test_a_pdf_renamed_png_is_refused_as_not_a_picture(client, contest, categories, commune):
    data = entry_data(categories["painting"], commune)
    data["work"] = upload("tranh.png", PDF, "image/png")
    html = refused(send(client, contest, data))
    assert "The category “Paintings” takes a picture" in html
    assert "this file is a PDF document" in html


def test_the_message_is_in_vietnamese_on_the_vietnamese_form(client, contest, categories, commune):
    data = entry_data(categories["painting"], commune)
    data["work"] = upload("tranh.png", PDF, "image/png")
    html = refused(send(client, contest, data, language="vi"))
    assert "Tranh vẽ" in html
    assert "The category" not in html


def test_a_truncated_picture_is_refused_as_damaged(client, contest, categories, commune):
    data = entry_data(categories["painting"], commune)
    data["work"] = upload("tranh.jpg", jpeg_bytes((800, 600))[:3000], "image/jpeg")
    html = refused(send(client, contest, data))
    assert "damaged or incomplete" in html


def test_a_picture_of_20000_by_20000_pixels_is_refused(client, contest, categories, commune):
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")
    data = entry_data(categories["painting"], commune)
    data["work"] = upload("huge.png", buffer.getvalue(), "image/png")
    html = refused(send(client, contest, data))
    assert "too large" in html or "far more than a real photo holds" in html


def test_an_executable_renamed_mp3_is_refused(client, contest, categories, commune):
    program = (
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"This program cannot be run in DOS mode"
    )
    data = entry_data(categories["song"], commune)
    data["work"] = upload("bai-hat.mp3", program * 20, "audio/mpeg")
    html = refused(send(client, contest, data))
    assert "whatever its name says" in html


def test_noise_with_an_mp3_tag_is_refused_by_mutagen(client, contest, categories, commune):
    data = entry_data(categories["song"], commune)
    data["work"] = upload("bai-hat.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 500)
    html = refused(send(client, contest, data))
    assert "not a recording we can play" in html


def test_a_picture_sent_to_the_songs_category_names_the_category(
    client, contest, categories, commune
):
    data = entry_data(categories["song"], commune)
    data["work"] = upload("bai-hat.jpg", jpeg_bytes())
    html = refused(send(client, contest, data))
    assert "The category “Songs” takes an audio file" in html
    assert "this file is a picture" in html


def test_a_song_sent_to_the_paintings_category_is_refused(client, contest, categories, commune):
    data = entry_data(categories["painting"], commune)
    data["work"] = upload("tranh.wav", wav_bytes())
    assert "this file is an audio file" in refused(send(client, contest, data))


def test_a_typed_text_in_the_paintings_category_is_refused(client, contest, categories, commune):
    data = entry_data(categories["painting"], commune, text="Một bài thơ")
    html = refused(send(client, contest, data))
    assert "not a typed text" in html
    assert "Một bài thơ" in html


def test_a_file_over_the_categorys_limit_is_refused_without_storing_it(
    client, contest, categories, commune, settings
):
    data = entry_data(categories["poem"], commune)  # 2 MB for poems
    data["work"] = upload("tho.pdf", PDF + b"%" * (3 * 1024 * 1024) + b"\n%%EOF\n")
    html = refused(send(client, contest, data))
    assert "this category takes files up to 2.0" in html


def test_a_file_over_every_categorys_limit_is_refused_early_with_a_413(
    client, contest, categories, commune
):
    data = entry_data(categories["song"], commune)  # the largest limit: 10 MB
    data["work"] = upload("bai-hat.wav", b"RIFF" + b"\x00" * (11 * 1024 * 1024))
    html = refused(send(client, contest, data), status=413)
    assert "This file is too large" in html
    assert "Nothing was stored" in html


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.jpg", "..\\..\\windows\\tranh.jpg", "Tranh của em 🎨.jpg", "\x00.jpg"],
)
def test_folder_and_non_ascii_file_names_never_reach_the_storage(
    client, contest, categories, commune, name
):
    data = entry_data(categories["painting"], commune)
    data["work"] = upload(name, jpeg_bytes())
    assert send(client, contest, data).status_code == 302
    entry = Entry.objects.get()
    assert entry.file.name.startswith("contests/entries/")
    assert entry.file.name.count("/") == 2
    assert entry.file.name.isascii()
    assert ".." not in entry.file.name
    assert "/" not in entry.file_name
    assert "\\" not in entry.file_name
    assert "\x00" not in entry.file_name


def test_a_title_of_10000_characters_is_refused_with_the_limit(
    client, contest, categories, commune
):
    data = entry_data(categories["poem"], commune, text="Thơ", title="A" * 10_000)
    response = send(client, contest, data)
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()
    assert Entry.objects.count() == 0


def test_a_huge_description_and_poem_are_refused(client, contest, categories, commune):
    data = entry_data(categories["poem"], commune, text="ơ" * 30_000, description="x" * 5000)
    html = send(client, contest, data).content.decode()
    assert "at most 1000 characters" in html
    assert Entry.objects.count() == 0


def test_malformed_choices_are_refused_clearly(client, contest, categories, commune):
    data = entry_data(categories["poem"], commune, text="Thơ", age_group="<b>")
    data["category"] = "not-a-number"
    data["area"] = "99999"
    response = send(client, contest, data)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert Entry.objects.count() == 0


def test_a_post_without_a_csrf_token_is_refused(contest, categories, commune):
    client = Client(enforce_csrf_checks=True)
    response = send(client, contest, entry_data(categories["poem"], commune, text="Thơ"))
    assert response.status_code == 403
    assert Entry.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_200_mb_upload_gets_a_clear_page_not_a_broken_connection(live_server, tmp_path):
    """The body is streamed as a browser would send it; the server reads past the limit
    without storing anything and answers with the form and its message."""
    from apps.core.models import Area

    from .conftest import make_open_contest

    contest = make_open_contest(slug="song-xanh")
    category = contest.categories.get(kind="song")
    area = Area.objects.create(name="Xã Chiềng Đen", name_vi="Xã Chiềng Đen", kind="commune")
    client = Client()
    page = client.get(f"/en/contests/{contest.slug}/submit/")
    csrf = page.cookies["csrftoken"].value
    fields = {**entry_data(category, area), "csrfmiddlewaretoken": csrf}
    boundary = "----portal-test-boundary"
    head = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ).encode()
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="work"; filename="big.mp3"\r\n'
        "Content-Type: audio/mpeg\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = 200 * 1024 * 1024
    chunk = b"\xff\xfb" * 32768

    def body():
        yield head
        for _ in range(size // len(chunk)):
            yield chunk
        yield tail

    host, port = live_server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=120)
    length = len(head) + size + len(tail)
    connection.putrequest("POST", f"/en/contests/{contest.slug}/submit/")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(length))
    connection.putheader("Cookie", f"csrftoken={csrf}")
    connection.putheader("Referer", live_server.url)
    connection.endheaders()
    for part in body():
        connection.send(part)
    response = connection.getresponse()
    html = response.read().decode()
    connection.close()
    assert response.status == 413
    assert "This file is too large (about 200.0" in html
    assert "Lò Thị Xuân" in html
    assert "xuan@example.org" in html
    assert Entry.objects.count() == 0
    assert threading.active_count() < 50
