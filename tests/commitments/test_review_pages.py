"""Approving shows what is approved before it is final; rejecting asks why; the recorder sees
the state of each figure, and the reason, on the workspace page."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.commitments import services
from apps.commitments.models import Measurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def guarded(make_commitment, official, second_official):
    return make_commitment(officials=[official, second_official], requires_approval=True)


@pytest.fixture
def pending(guarded, official):
    pdf = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n% demo\n", "application/pdf")
    return services.record_measurement(
        guarded,
        official,
        value=Decimal("83.5"),
        valid_on=datetime.date(2025, 6, 30),
        note_vi="Số liệu của Phòng Giáo dục",
        note_en="Figure from the education office",
        evidence=pdf,
    )


def url(m, decision, language="en"):
    return f"/{language}/workspace/commitments/measurements/{m.pk}/{decision}/"


def stored(m):
    """Every column as stored (``note`` left out: modeltranslation reads it in the active
    language; ``note_vi`` and ``note_en`` are the columns)."""
    row = Measurement.objects.filter(pk=m.pk).values().get()
    row.pop("note")
    return row


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            [
                "Approve a figure",
                "83.5%",
                "30 June 2025",
                "Figure from the education office",
                "Open the evidence",
                "Confirm approval",
            ],
        ),
        (
            "vi",
            [
                "Phê duyệt số liệu",
                "83,5%",
                "30/6/2025",
                "Số liệu của Phòng Giáo dục",
                "Mở minh chứng",
                "Xác nhận phê duyệt",
            ],
        ),
    ],
)
def test_approving_first_shows_the_value_date_note_and_evidence(
    client, pending, second_official, language, words
):
    client.force_login(second_official)
    before = stored(pending)
    response = client.get(url(pending, "approve", language))
    html = response.content.decode()
    assert response.status_code == 200
    for word in words:
        assert word in html
    assert f"/commitments/{pending.commitment.slug}/evidence/{pending.pk}/" in html
    assert stored(pending) == before  # looking approves nothing


def test_confirming_the_approval_publishes_the_figure(client, pending, second_official):
    client.force_login(second_official)
    response = client.post(url(pending, "approve"), follow=True)
    assert response.redirect_chain == [("/en/workspace/commitments/", 302)]
    assert "Approved 83.5% for “Digital schools”: it is now public." in response.content.decode()
    m = Measurement.objects.get(pk=pending.pk)
    assert (m.status, m.approved_by) == (Measurement.State.APPROVED, second_official)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Reject a figure", "Reason for the rejection", "At most 500 characters."]),
        ("vi", ["Từ chối số liệu", "Lý do từ chối", "Tối đa 500 ký tự."]),
    ],
)
def test_rejecting_asks_for_a_reason_with_its_limit(
    client, pending, second_official, language, words
):
    client.force_login(second_official)
    html = client.get(url(pending, "reject", language)).content.decode()
    for word in words:
        assert word in html
    assert 'maxlength="500"' in html
    assert 'name="reason"' in html


def test_a_rejection_keeps_its_reason(client, pending, second_official):
    client.force_login(second_official)
    response = client.post(
        url(pending, "reject"), {"reason": "  Sai kỳ báo cáo: đây là số quý I.  "}
    )
    assert response.status_code == 302
    m = Measurement.objects.get(pk=pending.pk)
    assert m.status == Measurement.State.REJECTED
    assert m.rejection_reason == "Sai kỳ báo cáo: đây là số quý I."


@pytest.mark.parametrize(
    ("language", "reason", "message"),
    [
        ("en", "", "Say why the figure is rejected: the official who recorded it needs to know."),
        ("en", "   ", "Say why the figure is rejected"),
        ("vi", "", "Hãy nêu lý do từ chối"),
        ("en", "x" * 501, "Ensure this value has at most 500 characters (it has 501)."),
        ("vi", "x" * 501, "500"),
    ],
)
def test_a_rejection_without_a_fitting_reason_is_refused_and_changes_nothing(
    client, pending, second_official, language, reason, message
):
    client.force_login(second_official)
    before = stored(pending)
    response = client.post(url(pending, "reject", language), {"reason": reason})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert stored(pending) == before
    assert Measurement.objects.get(pk=pending.pk).is_pending


def test_the_recorder_can_neither_see_the_confirmation_nor_approve(client, pending, official):
    client.force_login(official)
    before = stored(pending)
    for decision in ("approve", "reject"):
        assert client.get(url(pending, decision)).status_code == 403
        assert client.post(url(pending, decision), {"reason": "tự duyệt"}).status_code == 403
    assert stored(pending) == before


def test_an_unassigned_official_cannot_open_the_pages(client, pending, outsider):
    client.force_login(outsider)
    assert client.get(url(pending, "approve")).status_code == 403
    assert client.get(url(pending, "reject")).status_code == 403


def test_a_figure_reviewed_meanwhile_sends_the_second_official_back_with_a_message(
    client, pending, second_official, staff_user
):
    services.approve_measurement(pending, staff_user)
    before = stored(pending)
    client.force_login(second_official)
    for language, text in (
        ("en", "This measurement has already been reviewed."),
        ("vi", "Số liệu này đã được xem xét."),
    ):
        response = client.post(url(pending, "reject", language), {"reason": "muộn"}, follow=True)
        assert response.redirect_chain == [(f"/{language}/workspace/commitments/", 302)]
        assert text in response.content.decode()
    assert stored(pending) == before


def test_the_list_links_to_the_confirmation_pages_not_to_a_bare_post(
    client, pending, second_official
):
    client.force_login(second_official)
    html = client.get("/en/workspace/commitments/").content.decode()
    assert f'href="{url(pending, "approve")}"' in html
    assert f'href="{url(pending, "reject")}"' in html
    assert f'action="{url(pending, "approve")}"' not in html


# The recorder's own figures on the workspace page -----------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            [
                "Figures you recorded",
                "Waiting for approval",
                "Approved",
                "Rejected",
                "Reason: The figure is for the first quarter.",
            ],
        ),
        (
            "vi",
            [
                "Số liệu bạn đã nhập",
                "Chờ phê duyệt",
                "Đã phê duyệt",
                "Bị từ chối",
                "Lý do: The figure is for the first quarter.",
            ],
        ),
    ],
)
def test_the_recorder_sees_each_figures_state_and_the_reason_of_a_rejection(
    client, guarded, official, second_official, language, words
):
    def record(value, day):
        return services.record_measurement(
            guarded, official, value=Decimal(value), valid_on=day, note_vi="ghi chú"
        )

    services.approve_measurement(record(60, "2025-03-31"), second_official)
    services.reject_measurement(
        record(61, "2025-04-30"), second_official, reason="The figure is for the first quarter."
    )
    record(62, "2025-05-31")
    client.force_login(official)
    html = client.get(f"/{language}/workspace/commitments/").content.decode()
    for word in words:
        assert word in html


def test_the_recorders_figures_are_paged_with_a_constant_number_of_queries(
    client, guarded, official, second_official, measure, django_assert_max_num_queries
):
    def visit(page=""):
        client.force_login(official)
        with django_assert_max_num_queries(11):
            return client.get(f"/en/workspace/commitments/{page}").content.decode()

    measure(guarded, 50, "2024-01-31", official)
    few = visit()
    assert "Figures you recorded" in few
    assert "Page 1 of" not in few
    for day in range(1, 26):
        measure(guarded, 50, datetime.date(2024, 2, day), official)
    many = visit()
    assert "Page 1 of 3" in many
    assert many.count("Recorded on ") == 10
    last = visit("?page=3")
    assert "Page 3 of 3" in last
    assert last.count("Recorded on ") == 6
    assert "Page 3 of 3" in visit("?page=99")  # past the end: the last page
    assert "Page 1 of 3" in visit("?page=x")  # not a number: the first


def test_someone_else_s_figures_are_not_listed_as_mine(client, guarded, official, second_official):
    services.record_measurement(
        guarded, second_official, value=Decimal(70), valid_on="2025-06-30", note_vi="của người khác"
    )
    client.force_login(official)
    html = client.get("/en/workspace/commitments/").content.decode()
    assert "Figures you recorded" not in html


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "data",
    [{}, {"reason": "lý\x00do"}, {"reason": "r" * 100_000}],
    ids=["missing", "nul", "huge"],
)
def test_garbage_in_the_rejection_form_is_refused_without_an_error_page(
    client, pending, second_official, language, data
):
    client.force_login(second_official)
    before = stored(pending)
    response = client.post(url(pending, "reject", language), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="form-errors" role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert stored(pending) == before


def test_a_script_in_the_reason_is_shown_as_text(client, pending, second_official, official):
    client.force_login(second_official)
    client.post(url(pending, "reject"), {"reason": "<script>alert(1)</script>"})
    client.force_login(official)
    html = client.get("/en/workspace/commitments/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
