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


def _pdf_naming(author, locked=False):
    """A PDF as a word processor writes it: the author in the document information, in the
    XMP metadata and on a comment."""
    import io

    import pypdf
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pageCompression=0)
    page.setAuthor(author)
    page.setTitle(f"Sáng kiến của {author}")
    page.drawString(72, 720, "Vuon rau truong hoc")
    page.save()
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(buffer.getvalue())))
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{author}</dc:creator>'
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    stream = pypdf.generic.StreamObject()
    stream.set_data(xmp.encode())
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)
    note = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Text"),
            NameObject("/Rect"): pypdf.generic.ArrayObject(
                [pypdf.generic.FloatObject(v) for v in (72, 600, 92, 620)]
            ),
            NameObject("/T"): TextStringObject(author),
            NameObject("/Contents"): TextStringObject("Xem lại đoạn 2"),
        }
    )
    field = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/Rect"): pypdf.generic.ArrayObject(
                [pypdf.generic.FloatObject(v) for v in (72, 500, 272, 520)]
            ),
            NameObject("/T"): TextStringObject("so_dien_thoai"),  # a form field's name
        }
    )
    writer.pages[0][NameObject("/Annots")] = pypdf.generic.ArrayObject(
        [writer._add_object(note), writer._add_object(field)]
    )
    # The source document an office suite embeds, and a picture's own XMP.
    writer.add_attachment("ban-goc.odt", f"<meta:initial-creator>{author}".encode())
    picture = pypdf.generic.StreamObject()
    picture.set_data(b"\x00\x00\x00")
    picture.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): pypdf.generic.NumberObject(1),
            NameObject("/Height"): pypdf.generic.NumberObject(1),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): pypdf.generic.NumberObject(8),
            NameObject("/Metadata"): writer._add_object(stream_of(xmp.replace("dc:", "pdf:"))),
        }
    )
    resources = writer.pages[0]["/Resources"].get_object()
    resources[NameObject("/XObject")] = DictionaryObject(
        {NameObject("/Im9"): writer._add_object(picture)}
    )
    if locked:
        writer.encrypt(user_password="", owner_password="chi-chu-so-huu", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stream_of(text):
    import pypdf

    stream = pypdf.generic.StreamObject()
    stream.set_data(text.encode())
    return stream


def _initiative(contest, village, data):
    from django.core.files.base import ContentFile

    from apps.contests.models import Category

    Category.objects.create(
        contest=contest,
        kind=Kind.INITIATIVE,
        name_vi="Sáng kiến",
        name_en="Initiatives",
        order=3,
        accepts_pdf=True,
    )
    initiative = make_entry(contest, Kind.INITIATIVE, village)
    initiative.file.save("work.pdf", ContentFile(data), save=False)
    initiative.file_kind, initiative.file_type = "pdf", "application/pdf"
    initiative.save()
    return initiative


@pytest.mark.parametrize("locked", [False, True], ids=["open", "locked-with-no-password"])
def test_a_pdf_reaches_the_jury_without_the_metadata_that_names_its_author(
    client, juror, contest, village, locked
):
    import io

    import pypdf

    data = _pdf_naming(AUTHOR, locked=locked)
    reader = pypdf.PdfReader(io.BytesIO(data))
    if locked:
        assert reader.is_encrypted
        reader.decrypt("")
    assert reader.metadata.author == AUTHOR
    assert reader.xmp_metadata is not None
    assert reader.attachments
    initiative = _initiative(contest, village, data)
    sit(contest, juror)
    client.force_login(juror)
    response = client.get(_url(initiative))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = _body(response)
    sent = pypdf.PdfReader(io.BytesIO(body))
    assert not sent.metadata or not sent.metadata.author
    assert sent.xmp_metadata is None
    note, field = (annotation.get_object() for annotation in sent.pages[0]["/Annots"])
    assert "/T" not in note
    assert field["/T"] == "so_dien_thoai"  # a form field keeps its name
    assert not sent.attachments
    picture = sent.pages[0]["/Resources"]["/XObject"]["/Im9"].get_object()
    assert "/Metadata" not in picture
    assert not sent.is_encrypted
    assert "Vuon rau truong hoc" in sent.pages[0].extract_text()  # the work itself is whole
    for name in (AUTHOR, "Sáng kiến của"):
        assert name not in str(sent.metadata or {})
    assert AUTHOR.encode("utf-16-be") not in body
    assert AUTHOR.encode() not in body
    with initiative.file.open("rb") as stored:
        assert stored.read() == data  # the entry itself is kept as it came


@pytest.mark.parametrize(
    ("language", "notice"),
    [("en", "could not be prepared for a blind review"), ("vi", "chấm thi ẩn danh")],
)
def test_a_pdf_that_cannot_be_stripped_never_reaches_a_juror_as_it_is(
    client, juror, staff_user, contest, village, caplog, language, notice
):
    data = b"%PDF-1.4\nnot really a pdf: " + AUTHOR.encode() + b"\n%%EOF\n"
    initiative = _initiative(contest, village, data)
    sit(contest, juror)
    client.force_login(juror)
    url = _url(initiative).replace("/en/", f"/{language}/")
    response = client.get(url)
    assert response.status_code == 503
    assert AUTHOR.encode() not in response.content
    assert notice in response.content.decode()
    assert "Could not remove the metadata" in caplog.text
    # Staff see the authors anyway: they get the file as it came, to sort it out.
    client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 200
    assert _body(response) == data
