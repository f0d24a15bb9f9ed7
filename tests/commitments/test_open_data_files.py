"""The open data as published files: built once per change, served with ETags and compressed.

And opened by a real spreadsheet program (Gnumeric's ``ssconvert``, installed by
``make sysdeps-test``): the byte-order mark makes Excel read the CSV as UTF-8 and must not
reach the first cell of any reader.
"""

import csv
import datetime
import gzip
import io
import json
import shutil
import subprocess
import warnings

import brotli
import pytest
from django.utils import translation
from openpyxl import load_workbook

from apps.commitments import opendata
from apps.core import published
from apps.core.tasks import rebuild_published
from apps.reports.data import gather, to_csv
from apps.reports.models import ALL, ProgressReport

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def digital(make_commitment, measure, official):
    commitment = make_commitment(
        "Nhà Tri thức ở mọi bản Chiềng Đen", title_en="A House of Wisdom in every village"
    )
    measure(commitment, 60, "2024-12-31", official, note_vi="Đã xây thêm ở bản Co Phương")
    return commitment


@pytest.fixture
def sent(settings, monkeypatch):
    """A broker holding what is sent until the test plays the worker."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    queue = []
    monkeypatch.setattr(
        rebuild_published, "apply_async", lambda *args, **kwargs: queue.append(kwargs)
    )
    return queue


def rows(response):
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def read_with_a_spreadsheet(data, tmp_path):
    """The cells of a CSV as Gnumeric reads it (converted to XLSX by ssconvert, then read)."""
    assert shutil.which("ssconvert"), "ssconvert missing: make sysdeps-test installs gnumeric"
    source, target = tmp_path / "data.csv", tmp_path / "data.xlsx"
    source.write_bytes(data)
    subprocess.run(
        ["ssconvert", str(source), str(target)], check=True, capture_output=True, timeout=60
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ssconvert's workbook has no default style
        sheet = load_workbook(target).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_csv_starts_with_a_byte_order_mark_and_a_spreadsheet_reads_its_letters(
    client, digital, tmp_path
):
    data = client.get("/vi/commitments/data.csv").getvalue()
    assert data.startswith(BOM)
    assert not data[3:].startswith(BOM)
    cells = read_with_a_spreadsheet(data, tmp_path)
    header = cells[0]
    assert header[0] == "generated_at"  # the mark is not part of the first cell
    title = header.index("commitment_title_vi")
    assert cells[1][title] == "Nhà Tri thức ở mọi bản Chiềng Đen"
    assert cells[1][header.index("note_vi")] == "Đã xây thêm ở bản Co Phương"


def test_the_report_csv_reads_the_same_in_a_spreadsheet(digital, tmp_path):
    report = ProgressReport(reporting_date=datetime.date(2025, 1, 1), language="vi", scope=ALL)
    with translation.override("vi"):
        data = to_csv(gather(report))
    assert data.startswith(BOM)
    cells = read_with_a_spreadsheet(data, tmp_path)
    assert "Nhà Tri thức ở mọi bản Chiềng Đen" in [value for row in cells for value in row]
    assert not str(cells[0][0]).startswith("\ufeff")


def test_a_request_after_a_change_gets_the_previous_file_until_the_new_one_is_ready(
    client, digital, sent, django_capture_on_commit_callbacks
):
    published.rebuild_stale()
    before = client.get("/vi/commitments/data.csv")
    with django_capture_on_commit_callbacks(execute=True):
        digital.title_vi = "Nhà Tri thức ở 100% số bản"
        digital.save()
    assert len(sent) == 1  # sent on commit, to run once the burst is over
    assert sent[0]["countdown"] == 10
    for _ in range(3):
        meanwhile = client.get("/vi/commitments/data.csv")
        assert meanwhile.status_code == 200
        assert meanwhile["ETag"] == before["ETag"]
        assert rows(meanwhile)[0]["commitment_title_vi"] == "Nhà Tri thức ở mọi bản Chiềng Đen"
    rebuild_published()  # the worker's turn
    after = client.get("/vi/commitments/data.csv")
    assert after["ETag"] != before["ETag"]
    assert rows(after)[0]["commitment_title_vi"] == "Nhà Tri thức ở 100% số bản"


def test_before_its_first_build_the_file_is_a_503_in_the_visitors_language(client, digital, sent):
    vi = client.get("/vi/commitments/data.json")
    en = client.get("/en/commitments/data.csv")
    assert (vi.status_code, en.status_code) == (503, 503)
    assert vi["Retry-After"] == en["Retry-After"] == "30"
    assert "Tệp này đang được chuẩn bị" in vi.content.decode()
    assert "This file is being prepared" in en.content.decode()
    assert len(sent) == 1
    rebuild_published()
    assert client.get("/vi/commitments/data.json").status_code == 200


def test_the_files_are_smaller_with_accept_encoding_and_hold_the_same_data(client, digital):
    published.rebuild_stale()
    plain = client.get("/en/commitments/data.json").getvalue()
    gz = client.get("/en/commitments/data.json", headers={"accept-encoding": "gzip"})
    br = client.get("/en/commitments/data.json", headers={"accept-encoding": "gzip, br"})
    assert (gz["Content-Encoding"], br["Content-Encoding"]) == ("gzip", "br")
    gz_body, br_body = gz.getvalue(), br.getvalue()
    # A small file (one commitment, ~1.2 KB) compresses to about half, whatever the database.
    assert len(gz_body) < len(plain) * 0.6
    assert len(br_body) < len(plain) * 0.6
    assert gzip.decompress(gz_body) == brotli.decompress(br_body) == plain
    assert json.loads(plain)["commitments"][0]["title_en"] == "A House of Wisdom in every village"
    assert gz["Content-Type"] == "application/json; charset=utf-8"
    assert gz["Cache-Control"] == "public, max-age=300"


def test_a_client_holding_the_file_gets_a_304(client, digital):
    published.rebuild_stale()
    first = client.get("/en/commitments/data.csv", headers={"accept-encoding": "br"})
    again = client.get(
        "/en/commitments/data.csv",
        headers={"if-none-match": first["ETag"], "accept-encoding": "gzip"},
    )
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_head_and_range_get_the_whole_file_s_headers_and_body(client, digital):
    published.rebuild_stale()
    get = client.get("/en/commitments/data.csv", headers={"accept-encoding": "gzip"})
    head = client.head("/en/commitments/data.csv", headers={"accept-encoding": "gzip"})
    assert head.status_code == 200
    assert head.getvalue() == b""
    for name in ("Content-Encoding", "Content-Length", "ETag", "Content-Disposition"):
        assert head[name] == get[name]
    ranged = client.get("/en/commitments/data.csv", headers={"range": "bytes=0-9"})
    assert ranged.status_code == 200
    assert ranged.getvalue().startswith(BOM + b"generated_at")


def test_each_language_links_to_its_own_pages_and_the_json_names_its_source(client, digital):
    vi = json.loads(client.get("/vi/commitments/data.json").getvalue())
    en = json.loads(client.get("/en/commitments/data.json").getvalue())
    assert vi["commitments"][0]["url"].endswith(
        "/vi/commitments/nha-tri-thuc-o-moi-ban-chieng-den/"
    )
    assert en["commitments"][0]["url"].startswith("/en/commitments/")
    assert (vi["source"], en["source"]) == (
        "/vi/commitments/data.json",
        "/en/commitments/data.json",
    )


def test_links_are_absolute_with_the_site_address(client, digital, settings):
    settings.SITE_URL = "https://hoctap.sonla.gov.vn/"
    data = json.loads(client.get("/en/commitments/data.json").getvalue())
    assert data["source"] == "https://hoctap.sonla.gov.vn/en/commitments/data.json"
    assert data["commitments"][0]["url"].startswith("https://hoctap.sonla.gov.vn/en/")


def test_the_open_data_feeds_are_registered_with_their_names_and_types():
    feeds = {feed.name: feed for feed in published.feeds()}
    assert feeds[opendata.DATA_CSV].content_type == "text/csv; charset=utf-8"
    assert feeds[opendata.DATA_CSV].filename == "son-la-commitments.csv"
    assert feeds[opendata.DATA_JSON].content_type == "application/json; charset=utf-8"
