"""The chair reads the gathered scores, shortlists, awards prizes and announces the winners."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from apps.contests import announce, jury
from apps.contests.models import Kind, Phase, Prize, Status, WinningWork

from .jury_setup import make_contest, make_entry, sit

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest():
    return make_contest()


@pytest.fixture
def chair_user(make_user, contest):
    user = make_user("chair", "jurors")
    sit(contest, user, chair=True)
    return user


@pytest.fixture
def seated(contest, juror):
    sit(contest, juror)
    return juror


@pytest.fixture
def painting(contest, village):
    return make_entry(contest, Kind.PAINTING, village)


def _score(user, entry, creativity, message):
    first, second = entry.contest.criteria.order_by("order")
    jury.record_scores(
        user, entry, {first: (Decimal(creativity), ""), second: (Decimal(message), "")}
    )


def test_a_jurors_total_weighs_each_criterion_on_its_scale(contest):
    first, second = contest.criteria.order_by("order")
    # 100 × (2 × 8/10 + 1 × 15/20) / 3
    assert jury.juror_total([first, second], {first.pk: 8, second.pk: 15}) == Decimal("78.3")


def test_the_average_and_the_spread_gather_every_complete_score_sheet(
    chair_user, seated, painting, make_user, contest
):
    _score(seated, painting, 8, 15)  # 78.3
    _score(chair_user, painting, 6, 10)  # 100 × (2 × 0.6 + 0.5) / 3 = 56.7
    third = make_user("third", "jurors")
    sit(contest, third)
    first = contest.criteria.order_by("order").first()
    jury.record_scores(third, painting, {first: (Decimal(10), "")})  # incomplete: not counted
    result = jury.results(contest)[painting.pk]
    assert result.average == Decimal("67.5")
    assert result.spread == Decimal("21.6")
    assert result.partial == 1


@pytest.mark.parametrize(
    ("lang", "average", "spread"), [("vi", "67,5", "21,6"), ("en", "67.5", "21.6")]
)
def test_the_chair_sees_averages_and_spread(
    client, chair_user, seated, painting, lang, average, spread
):
    _score(seated, painting, 8, 15)
    _score(chair_user, painting, 6, 10)
    client.force_login(chair_user)
    html = client.get(f"/{lang}/workspace/contests/{painting.contest.slug}/chair/").content.decode()
    assert average in html
    assert spread in html
    assert painting.code in html
    assert painting.author_name not in html
    assert painting.contact_email not in html


def test_a_juror_who_does_not_chair_cannot_see_the_gathered_scores(client, seated, painting):
    client.force_login(seated)
    assert client.get(f"/en/workspace/contests/{painting.contest.slug}/chair/").status_code == 403


def test_the_chair_shortlists_and_awards(client, chair_user, painting):
    client.force_login(chair_user)
    base = f"/en/workspace/contests/{painting.contest.slug}/chair/{painting.code}/"
    assert client.post(base, {"action": "shortlist"}).status_code == 302
    painting.refresh_from_db()
    assert painting.status == Status.SHORTLISTED
    assert client.post(base, {"action": "award", "prize": "first", "rank": "1"}).status_code == 302
    painting.refresh_from_db()
    assert (painting.status, painting.prize, painting.prize_rank) == (
        Status.AWARDED,
        Prize.FIRST,
        1,
    )
    client.post(base, {"action": "award", "prize": ""})
    painting.refresh_from_db()
    assert (painting.status, painting.prize) == (Status.SHORTLISTED, Prize.NONE)


def test_a_juror_who_does_not_chair_cannot_award(client, seated, painting):
    client.force_login(seated)
    url = f"/en/workspace/contests/{painting.contest.slug}/chair/{painting.code}/"
    response = client.post(url, {"action": "award", "prize": "first"})
    assert response.status_code == 403
    painting.refresh_from_db()
    assert (painting.status, painting.prize) == (Status.RECEIVED, Prize.NONE)


def test_an_unknown_prize_is_refused_and_nothing_changes(client, chair_user, painting):
    client.force_login(chair_user)
    url = f"/en/workspace/contests/{painting.contest.slug}/chair/{painting.code}/"
    response = client.post(url, {"action": "award", "prize": "<script>"})
    assert response.status_code == 302
    painting.refresh_from_db()
    assert (painting.status, painting.prize) == (Status.RECEIVED, Prize.NONE)


def test_nothing_is_awarded_after_the_judging(client, chair_user, painting):
    contest = painting.contest
    contest.phase = Phase.ANNOUNCED
    contest.save()
    client.force_login(chair_user)
    url = f"/en/workspace/contests/{contest.slug}/chair/{painting.code}/"
    assert client.post(url, {"action": "award", "prize": "first"}).status_code == 403
    painting.refresh_from_db()
    assert painting.prize == Prize.NONE


def test_the_announcement_publishes_the_awarded_and_closes_the_rest(
    client, chair_user, contest, village
):
    winner = make_entry(contest, Kind.PAINTING, village, title="Rừng xanh")
    other = make_entry(contest, Kind.PAINTING, village, title="Bài không đạt")
    jury.award(chair_user, winner, Prize.FIRST, 1)
    client.force_login(chair_user)
    response = client.post(f"/en/workspace/contests/{contest.slug}/announce/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/contests/{contest.slug}/winners/")
    contest.refresh_from_db()
    other.refresh_from_db()
    assert contest.phase == Phase.ANNOUNCED
    assert other.status == Status.NOT_SELECTED
    assert list(WinningWork.objects.values_list("title", flat=True)) == ["Rừng xanh"]


def test_a_juror_who_does_not_chair_cannot_announce(client, seated, chair_user, painting):
    jury.award(chair_user, painting, Prize.FIRST)
    client.force_login(seated)
    response = client.post(f"/en/workspace/contests/{painting.contest.slug}/announce/")
    assert response.status_code == 403
    painting.contest.refresh_from_db()
    assert painting.contest.phase == Phase.JUDGING
    assert not WinningWork.objects.exists()
    with pytest.raises(PermissionDenied):
        announce.announce(seated, painting.contest)


def test_no_announcement_without_a_prize(client, chair_user, painting):
    client.force_login(chair_user)
    response = client.post(f"/en/workspace/contests/{painting.contest.slug}/announce/")
    assert response.status_code == 302
    painting.contest.refresh_from_db()
    painting.refresh_from_db()
    assert painting.contest.phase == Phase.JUDGING
    assert painting.status == Status.RECEIVED


def test_the_chairs_page_takes_a_few_queries_however_many_scores(
    client, chair_user, seated, contest, village, django_assert_max_num_queries
):
    for number in range(40):
        entry = make_entry(contest, Kind.POEM, village, title=f"Bài thơ {number}")
        _score(seated, entry, 7, 12)
        _score(chair_user, entry, 5, 18)
    client.force_login(chair_user)
    with django_assert_max_num_queries(15):
        response = client.get(f"/en/workspace/contests/{contest.slug}/chair/")
    assert response.status_code == 200
    assert response.content.decode().count('class="space-card"') == 40


def test_after_the_announcement_the_chair_still_reads_every_ranking(
    client, chair_user, contest, village
):
    winner = make_entry(contest, Kind.PAINTING, village, title="Rừng xanh")
    other = make_entry(contest, Kind.PAINTING, village, title="Bài không đạt")
    jury.award(chair_user, winner, Prize.FIRST, 1)
    announce.announce(chair_user, contest)
    client.force_login(chair_user)
    html = client.get(f"/en/workspace/contests/{contest.slug}/chair/").content.decode()
    assert other.code in html
    assert "Not selected" in html
    assert "Announce the winners" not in html


def test_staff_assign_jurors_in_the_admin(client, staff_user, juror, make_user, contest):
    make_user("resident")  # not in the jurors group: not offered
    client.force_login(staff_user)
    html = client.get("/admin/contests/juror/add/").content.decode()
    assert ">juror<" in html
    assert ">resident<" not in html
    response = client.post(
        "/admin/contests/juror/add/", {"contest": contest.pk, "user": juror.pk, "is_chair": "on"}
    )
    assert response.status_code == 302
    assert jury.can_chair(juror, contest)
    assert client.get("/admin/contests/winningwork/").status_code == 200


def test_each_entry_the_announcement_closes_has_its_change_in_the_history(
    chair_user, seated, contest, village
):
    from apps.contests.models import Change

    winner = make_entry(contest, Kind.PAINTING, village, title="Rừng xanh")
    scored = make_entry(contest, Kind.PAINTING, village, title="Bài đã chấm")
    untouched = make_entry(contest, Kind.PAINTING, village, title="Bài chưa chấm")
    _score(seated, scored, 7, 12)
    changed = Change.objects.filter(object_type="entry", action="changed")
    row = changed.get(object_id=scored.pk)
    assert row.user == seated
    assert row.changes == {"status": [Status.RECEIVED, Status.UNDER_REVIEW]}
    jury.award(chair_user, winner, Prize.FIRST, 1)
    announce.announce(chair_user, contest)
    for entry, before in ((scored, Status.UNDER_REVIEW), (untouched, Status.RECEIVED)):
        row = changed.filter(object_id=entry.pk).first()
        assert row.user == chair_user
        assert row.contest == contest
        assert row.object_repr == str(entry)
        assert row.changes == {"status": [before, Status.NOT_SELECTED]}
        entry.refresh_from_db()
        assert entry.status == Status.NOT_SELECTED
    # The award itself is recorded once, as before; no contact detail reaches the history.
    assert changed.filter(object_id=winner.pk).count() == 1
    assert not Change.objects.filter(changes__has_key="contact_email").exists()
