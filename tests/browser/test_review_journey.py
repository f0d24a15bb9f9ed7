"""A figure is recorded, looked at before approval, rejected with a reason, and the person who
recorded it reads the reason on their workspace page and in their mailbox (phones, 360 px)."""

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from apps.commitments.models import Commitment, KeyFeature, Measurement, Unit
from apps.core.models import Profile
from apps.core.permissions import OFFICIALS, ensure_roles

from .conftest import PHONE, assert_fits_width
from .test_accessibility import AXE, axe_violations, describe

PASSWORD = "sonla-official-2024"
SHOTS = Path("/tmp/shots/h2")


@pytest.fixture
def officials(transactional_db, django_user_model):
    people = []
    for username, first, last in (
        ("recorder", "Cầm Văn", "Định"),
        ("reviewer", "Quàng Thị", "Mai"),
    ):
        user = django_user_model.objects.create_user(
            username,
            password=PASSWORD,
            email=f"{username}@example.org",
            first_name=first,
            last_name=last,
        )
        user.groups.add(ensure_roles()[OFFICIALS])
        Profile.objects.create(user=user)
        people.append(user)
    commitment = Commitment.objects.create(
        title="100% đơn vị giáo dục chuyển đổi số",
        title_vi="100% đơn vị giáo dục chuyển đổi số",
        title_en="100% of educational units on digital platforms",
        slug="truong-hoc-so",
        key_feature=KeyFeature.TECHNOLOGIES,
        unit=Unit.PERCENT,
        baseline_value=Decimal(40),
        baseline_year=2020,
        target_value=Decimal(100),
        target_year=2030,
        requires_approval=True,
    )
    commitment.officials.set(people)
    return people


def sign_in(context, base, username):
    page = context.new_page()
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/en/workspace/")
    return page


def shoot(screenshot, page, name):
    """A screenshot (kept under /tmp/shots/h2/ too), and no serious WCAG 2.1 AA violation."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(screenshot(page, name), SHOTS / f"{name}.png")
    if AXE.exists():
        violations = axe_violations(page)
        assert not violations, f"{name} breaks WCAG 2.1 A/AA:\n{describe(violations)}"


@pytest.mark.django_db(transaction=True)
def test_a_rejected_figure_reaches_its_recorder_with_the_reason(
    browser, live_server, officials, screenshot, settings
):
    base = live_server.url
    settings.SITE_URL = base
    # Both sign in from English pages: the portal writes to them in English from then on.
    reviewer_context = browser.new_context(viewport=PHONE, bypass_csp=True)
    review = sign_in(reviewer_context, base, "reviewer")
    recorder_context = browser.new_context(viewport=PHONE, bypass_csp=True)
    phone = sign_in(recorder_context, base, "recorder")
    phone.goto(f"{base}/en/workspace/commitments/truong-hoc-so/record/")
    phone.get_by_label("Value").fill("83,5 %")  # as typed on a Vietnamese keyboard
    phone.get_by_label("Date the figure is valid for").fill(timezone.localdate().isoformat())
    phone.get_by_label("Note (Vietnamese)").fill("Số liệu quý III của Phòng Giáo dục")
    phone.get_by_role("button", name="Save the figure").click()
    phone.wait_for_url(f"{base}/en/workspace/commitments/")
    assert "It will be published once a second official approves it." in phone.inner_text(
        ".messages"
    )
    assert Measurement.objects.get().value == Decimal("83.5")
    # The reviewer is told, with a link to the workspace.
    [waiting] = mail.outbox
    assert waiting.to == ["reviewer@example.org"]
    assert "Cầm Văn Định recorded 83.5%" in waiting.body
    assert f"{base}/en/workspace/commitments/" in waiting.body

    review.goto(f"{base}/en/workspace/commitments/")
    item = review.locator(".review-list li", has_text="83.5%")
    item.get_by_role("link", name="Approve").click()
    main = review.inner_text("main")
    for text in ("83.5%", "Số liệu quý III của Phòng Giáo dục", "No evidence attached."):
        assert text in main
    assert review.get_by_role("button", name="Confirm approval").is_visible()
    assert_fits_width(review)
    shoot(screenshot, review, "review-approve-confirmation-360")

    # On second thoughts: cancel, and reject it instead, first without a reason.
    review.get_by_role("link", name="Cancel").click()
    review.locator(".review-list li", has_text="83.5%").get_by_role("link", name="Reject").click()
    review.get_by_role("button", name="Reject the figure").click()
    assert "Say why the figure is rejected" in review.inner_text("main")
    assert Measurement.objects.get().is_pending
    review.get_by_label("Reason for the rejection").fill(
        "This is the figure for the second quarter; please record the third."
    )
    assert_fits_width(review)
    shoot(screenshot, review, "review-reject-form-360")
    review.get_by_role("button", name="Reject the figure").click()
    review.wait_for_url(f"{base}/en/workspace/commitments/")
    assert "The official who recorded it is told why." in review.inner_text(".messages")
    reviewer_context.close()

    # The recorder sees the state and the reason on the workspace page …
    phone.goto(f"{base}/en/workspace/commitments/")
    mine = phone.locator(".my-figures li", has_text="83.5%")
    assert "Rejected" in mine.inner_text()
    assert "Reason: This is the figure for the second quarter" in mine.inner_text()
    assert_fits_width(phone)
    mine.scroll_into_view_if_needed()
    shoot(screenshot, phone, "review-recorder-sees-reason-360")
    recorder_context.close()
    # … and in the mailbox.
    rejected = mail.outbox[-1]
    assert rejected.to == ["recorder@example.org"]
    assert rejected.subject.startswith("Your figure was rejected")
    assert "Reason: This is the figure for the second quarter" in rejected.body
