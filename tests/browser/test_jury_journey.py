"""A juror scores an entry blind on a 360 px phone, the chair awards it a prize and announces
the winners, and the public winners page shows the work, without a word of its author's
contact details."""

import shutil
from pathlib import Path

import pytest

from apps.contests.models import Kind, Prize, Score, Status, WinningWork
from apps.core.models import Area, Profile
from apps.core.permissions import JURORS, ensure_roles
from tests.contests.jury_setup import EMAIL, SCHOOL, make_contest, make_entry, sit
from tests.contests.jury_setup import PHONE as AUTHOR_PHONE

from .conftest import PHONE, assert_fits_width
from .test_accessibility import AXE, axe_violations, describe

PASSWORD = "sonla-juror-2024"
SHOTS = Path("/tmp/shots/h10")


@pytest.fixture
def judged(transactional_db, django_user_model):
    commune = Area.objects.create(
        name="Xã Chiềng Đen", name_vi="Xã Chiềng Đen", name_en="Chieng Den Commune", kind="commune"
    )
    contest = make_contest()
    painting = make_entry(contest, Kind.PAINTING, commune, title="Rừng xanh sau bão")
    other = make_entry(
        contest, Kind.PAINTING, commune, title="Mùa gặt trên bản", author_name="Cầm Văn Khiêm"
    )
    people = {}
    for username, chair in (("juror.one", False), ("juror.chair", True)):
        user = django_user_model.objects.create_user(
            username, password=PASSWORD, email=f"{username}@example.org"
        )
        user.groups.add(ensure_roles()[JURORS])
        Profile.objects.create(user=user)
        sit(contest, user, chair=chair)
        people[username] = user
    return contest, painting, other, people


def sign_in(browser, base, username):
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/en/workspace/")
    return page


def shoot(screenshot, page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(screenshot(page, name), SHOTS / f"{name}.png")
    assert_fits_width(page)
    if AXE.exists():
        violations = axe_violations(page)
        assert not violations, f"{name} breaks WCAG 2.1 A/AA:\n{describe(violations)}"


@pytest.mark.django_db(transaction=True)
def test_a_juror_scores_blind_the_chair_awards_and_the_winners_page_shows_it(
    browser, live_server, judged, screenshot
):
    contest, painting, other, people = judged
    base = live_server.url
    juror = sign_in(browser, base, "juror.one")
    juror.get_by_role("link", name="Contest juries").click()
    juror.get_by_role("link", name="Lifelong Learning Contest 2026").click()
    shoot(screenshot, juror, "jury-entries-en-360")
    juror.get_by_role("link", name=f"{painting.code} · Rừng xanh sau bão").click()
    text = juror.inner_text("main")
    for private in (painting.author_name, AUTHOR_PHONE, EMAIL, SCHOOL):
        assert private not in text
    assert juror.locator("main img").count() == 1
    juror.get_by_label("Creativity (0 to 10)").fill("11")
    juror.get_by_label("Message (0 to 20)").fill("15")
    juror.get_by_role("button", name="Save my scores").click()
    assert "Give a score from 0 to 10" in juror.inner_text("main")
    assert not Score.objects.exists()
    shoot(screenshot, juror, "jury-score-error-en-360")
    juror.get_by_label("Creativity (0 to 10)").fill("8,5")
    juror.get_by_label("Comment on “Creativity” (optional)").fill("Màu sắc tươi, thông điệp rõ.")
    juror.get_by_role("button", name="Save my scores").click()
    assert "are saved" in juror.inner_text(".messages")
    assert Score.objects.filter(entry=painting, juror=people["juror.one"]).count() == 2

    chair = sign_in(browser, base, "juror.chair")
    chair.goto(f"{base}/en/workspace/contests/{contest.slug}/chair/")
    # 100 × (2 × 8.5/10 + 1 × 15/20) / 3
    assert "81.7" in chair.inner_text(f"#entry-{painting.code}")
    chair.locator(f"#entry-{painting.code}").get_by_role("button", name="Shortlist").click()
    row = chair.locator(f"#entry-{painting.code}")
    row.get_by_label("Prize").select_option("first")
    row.get_by_role("button", name="Save the prize").click()
    shoot(screenshot, chair, "jury-chair-en-360")
    painting.refresh_from_db()
    assert (painting.status, painting.prize) == (Status.AWARDED, Prize.FIRST)
    chair.get_by_role("button", name="Announce the winners").click()
    chair.wait_for_url(f"{base}/en/contests/{contest.slug}/winners/")
    assert WinningWork.objects.count() == 1

    for lang in ("vi", "en"):
        chair.goto(f"{base}/{lang}/contests/{contest.slug}/winners/")
        text = chair.inner_text("main")
        assert "Rừng xanh sau bão" in text
        assert "L. T. X." in text
        assert "Mùa gặt trên bản" not in text
        for private in (painting.author_name, AUTHOR_PHONE, EMAIL, SCHOOL, "Cầm Văn Khiêm"):
            assert private not in text
        shoot(screenshot, chair, f"winners-{lang}-360")
    other.refresh_from_db()
    assert other.status == Status.NOT_SELECTED
