"""Evidence files live in a private storage and are served only to those who may see them."""

import importlib
import io
import json
import re
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from apps.commitments import services
from apps.commitments.models import Measurement

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% evidence\n"


def pdf():
    return SimpleUploadedFile("report.pdf", PDF, "application/pdf")


def url(m):
    return f"/en/commitments/{m.commitment.slug}/evidence/{m.pk}/"


@pytest.fixture
def record(official):
    def make(commitment, day="2025-06-30", evidence=None, by=official, **extra):
        return services.record_measurement(
            commitment,
            by,
            value=60,
            valid_on=day,
            note_vi="Số liệu",
            evidence=evidence or pdf(),
            **extra,
        )

    return make


@pytest.fixture
def gated(make_commitment, official, second_official):
    return make_commitment(officials=[official, second_official], requires_approval=True)


def private_root(settings):
    location = Path(storages["private"].location)
    assert location.name == "private"
    assert Path(settings.MEDIA_ROOT).parent == location.parent
    return location


def test_the_file_lands_in_the_private_storage_not_in_media(settings, commitment, record):
    m = record(commitment)
    assert (private_root(settings) / m.evidence.name).read_bytes() == PDF
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]
    client = Client()
    assert client.get(f"/media/{m.evidence.name}").status_code == 404
    assert (
        client.get("/media/commitments/evidence/2025/truong-hoc-so-2025-06-30.pdf").status_code
        == 404
    )


def test_the_evidence_of_a_public_figure_is_served_to_anyone(commitment, record):
    m = record(commitment)
    response = Client().get(url(m))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    # Downloaded, and sandboxed: a polyglot file never runs as a page of the portal.
    assert response["Content-Disposition"] == 'attachment; filename="truong-hoc-so-2025-06-30.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert "private" not in response.get("Cache-Control", "")


def test_a_photo_is_served_as_the_image_it_is(commitment, record):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    m = record(commitment, evidence=SimpleUploadedFile("x.pdf", buffer.getvalue(), "image/png"))
    response = Client().get(url(m))
    assert response["Content-Type"] == "image/png"
    assert 'filename="truong-hoc-so-2025-06-30.png"' in response["Content-Disposition"]


def test_a_pending_figure_is_seen_by_its_officials_only(
    client, gated, record, official, second_official, outsider
):
    m = record(gated)
    assert m.is_pending
    assert Client().get(url(m)).status_code == 404
    for user in (official, second_official):
        client.force_login(user)
        response = client.get(url(m))
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
    client.force_login(outsider)
    assert client.get(url(m)).status_code == 404


def test_the_reviewer_finds_the_link_in_the_workspace(client, gated, record, second_official):
    m = record(gated)
    client.force_login(second_official)
    html = client.get("/en/workspace/commitments/").content.decode()
    assert f'href="{url(m)}"' in html
    assert "/media/" not in html


def test_a_rejected_figure_is_not_public(gated, record, second_official, official, client):
    m = services.reject_measurement(record(gated), second_official, "Sai kỳ báo cáo")
    assert Client().get(url(m)).status_code == 404
    client.force_login(official)
    assert client.get(url(m)).status_code == 200


def test_a_superseded_figure_is_not_public_its_correction_is(commitment, record):
    wrong = record(commitment)
    right = record(commitment, corrects=wrong, correction_reason="typo")
    assert Client().get(url(wrong)).status_code == 404
    assert Client().get(url(right)).status_code == 200


def test_the_figures_of_an_unpublished_commitment_are_not_public(
    make_commitment, official, record, client
):
    draft = make_commitment("Bản nháp", published=False, officials=[official])
    m = record(draft)
    assert Client().get(url(m)).status_code == 404
    client.force_login(official)
    assert client.get(url(m)).status_code == 200


def test_the_slug_must_match_and_a_figure_without_evidence_has_none(
    commitment, make_commitment, record, measure, official
):
    m = record(commitment)
    make_commitment("Khác", title_en="Other")
    assert Client().get(f"/en/commitments/khac/evidence/{m.pk}/").status_code == 404
    bare = measure(commitment, 50, "2024-12-31", official)
    assert Client().get(url(bare)).status_code == 404


def test_open_data_links_only_the_public_evidence(commitment, record):
    wrong = record(commitment)
    right = record(commitment, corrects=wrong, correction_reason="typo")
    data = json.loads(Client().get("/en/commitments/data.json").getvalue())
    links = {m["id"]: m["evidence_url"] for m in data["commitments"][0]["measurements"]}
    # Built in the background, with SITE_URL's address (none here: site-relative links).
    assert links == {wrong.pk: "", right.pk: url(right)}


def test_the_admin_links_the_evidence_view(admin_client, commitment, record):
    m = record(commitment)
    html = admin_client.get(f"/admin/commitments/measurement/{m.pk}/change/").content.decode()
    assert f'href="/vi/commitments/truong-hoc-so/evidence/{m.pk}/"' in html  # the admin speaks vi
    assert "/media/" not in html
    assert Measurement.objects.get(pk=m.pk).evidence.name.startswith("evidence/")


def test_evidence_stored_before_the_private_storage_is_moved_out_of_media(
    settings, commitment, measure, official, without_measurement_guards
):
    # Migration 0003 ran before measurements were guarded by the database (0004).
    from django.apps import apps
    from django.core.files.base import ContentFile

    migration = importlib.import_module("apps.commitments.migrations.0003_move_existing_evidence")
    old = "commitments/evidence/2025/truong-hoc-so-2025-06-30.pdf"
    storages["default"].save(old, ContentFile(PDF))
    m = measure(commitment, 60, "2025-06-30", official, evidence=old)
    gone = measure(commitment, 61, "2025-07-31", official, evidence="commitments/evidence/x.pdf")
    migration.move_evidence(apps, None)
    m.refresh_from_db()
    assert re.fullmatch(r"evidence/[0-9a-f]{32}\.pdf", m.evidence.name)
    assert (private_root(settings) / m.evidence.name).read_bytes() == PDF
    assert not (Path(settings.MEDIA_ROOT) / old).exists()
    assert Client().get(f"/media/{old}").status_code == 404
    assert b"".join(Client().get(url(m)).streaming_content) == PDF
    gone.refresh_from_db()
    assert gone.evidence.name == "commitments/evidence/x.pdf"  # no file to move: left as it was
