"""Jurors score blind: only the contests they sit on, never an author's name or contact."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.contests import jury
from apps.contests.models import Kind, Phase, Score, Status

from .jury_setup import AUTHOR, EMAIL, GUARDIAN, PHONE, SCHOOL, make_contest, make_entry, sit

pytestmark = pytest.mark.django_db

PRIVATE = (AUTHOR, PHONE, EMAIL, SCHOOL, GUARDIAN, "Lò", "0912")


@pytest.fixture
def contest():
    return make_contest()


@pytest.fixture
def painting(contest, village):
    return make_entry(contest, Kind.PAINTING, village)


@pytest.fixture
def seated(contest, juror):
    sit(contest, juror)
    return juror


def _criteria(contest):
    return list(contest.criteria.order_by("order"))


def _post(contest, creativity="8", message="15", comment=""):
    first, second = _criteria(contest)
    return {
        f"score_{first.pk}": creativity,
        f"comment_{first.pk}": comment,
        f"score_{second.pk}": message,
        f"comment_{second.pk}": "",
    }


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_juror_sees_the_entries_without_their_authors(client, seated, painting, lang):
    client.force_login(seated)
    for path in (
        f"/{lang}/workspace/contests/{painting.contest.slug}/",
        f"/{lang}/workspace/contests/{painting.contest.slug}/entries/{painting.code}/",
    ):
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 200
        assert painting.code in html
        assert painting.title in html
        for private in PRIVATE:
            assert private not in html, (path, private)
    heading = {"vi": "Điểm của bạn", "en": "Your scores"}[lang]
    assert heading in html


def test_a_juror_sees_only_the_contests_they_sit_on(client, seated, contest, village):
    other = make_contest(slug="thi-khac", title_en="Another contest")
    client.force_login(seated)
    html = client.get("/en/workspace/contests/").content.decode()
    assert "Lifelong Learning Contest 2026" in html
    assert "/workspace/contests/thi-khac/" not in html
    assert client.get(f"/en/workspace/contests/{other.slug}/").status_code == 403


def test_the_workspace_links_to_the_jury_only_for_jurors(client, seated, make_user, contest):
    client.force_login(seated)
    assert "/en/workspace/contests/" in client.get("/en/workspace/").content.decode()
    client.force_login(make_user("nobody"))
    assert "/en/workspace/contests/" not in client.get("/en/workspace/").content.decode()


def test_a_juror_scores_an_entry_per_criterion(client, seated, painting):
    client.force_login(seated)
    url = f"/en/workspace/contests/{painting.contest.slug}/entries/{painting.code}/"
    response = client.post(url, _post(painting.contest, "8,5", "15", comment="Màu đẹp"))
    assert response.status_code == 302
    scores = {s.criterion.name_en: s for s in Score.objects.filter(entry=painting, juror=seated)}
    assert scores["Creativity"].value == Decimal("8.5")
    assert scores["Creativity"].comment == "Màu đẹp"
    assert scores["Message"].value == Decimal("15")
    painting.refresh_from_db()
    assert painting.status == Status.UNDER_REVIEW


def test_scoring_again_replaces_the_jurors_own_scores(client, seated, painting):
    client.force_login(seated)
    url = f"/en/workspace/contests/{painting.contest.slug}/entries/{painting.code}/"
    client.post(url, _post(painting.contest, "8", "15"))
    client.post(url, _post(painting.contest, "9", ""))
    values = dict(
        Score.objects.filter(entry=painting, juror=seated).values_list(
            "criterion__name_en", "value"
        )
    )
    assert values == {"Creativity": Decimal("9")}


@pytest.mark.parametrize(
    "value", ["11", "-1", "8,55", "abc", "1,2,3", "9" * 2000, "<script>", "8\x00", "NaN", "1e3"]
)
def test_a_score_out_of_scale_is_refused_and_nothing_is_saved(client, seated, painting, value):
    client.force_login(seated)
    url = f"/vi/workspace/contests/{painting.contest.slug}/entries/{painting.code}/"
    response = client.post(url, _post(painting.contest, value, "15"))
    assert response.status_code == 400
    assert not Score.objects.exists()
    painting.refresh_from_db()
    assert painting.status == Status.RECEIVED


def test_the_service_refuses_a_score_out_of_scale(seated, painting):
    first, second = _criteria(painting.contest)
    with pytest.raises(ValidationError):
        jury.record_scores(
            seated, painting, {first: (Decimal("5"), ""), second: (Decimal("21"), "")}
        )
    assert not Score.objects.exists()


def test_a_juror_not_on_the_jury_cannot_score(client, juror, painting):
    client.force_login(juror)
    url = f"/en/workspace/contests/{painting.contest.slug}/entries/{painting.code}/"
    assert client.get(url).status_code == 403
    response = client.post(url, _post(painting.contest))
    assert response.status_code == 403
    assert not Score.objects.exists()
    painting.refresh_from_db()
    assert painting.status == Status.RECEIVED
    with pytest.raises(PermissionDenied):
        jury.record_scores(juror, painting, {_criteria(painting.contest)[0]: (Decimal(5), "")})


def test_staff_who_are_not_jurors_read_but_do_not_score(client, staff_user, painting):
    client.force_login(staff_user)
    url = f"/en/workspace/contests/{painting.contest.slug}/entries/{painting.code}/"
    assert client.get(url).status_code == 200
    assert client.post(url, _post(painting.contest)).status_code == 403
    assert not Score.objects.exists()


def test_no_one_scores_outside_the_judging(client, seated, painting):
    contest = painting.contest
    contest.phase = Phase.OPEN
    contest.save()
    client.force_login(seated)
    url = f"/en/workspace/contests/{contest.slug}/entries/{painting.code}/"
    assert client.post(url, _post(contest)).status_code == 403
    assert not Score.objects.exists()


def test_a_disqualified_entry_is_not_judged(client, seated, painting):
    painting.status = Status.DISQUALIFIED
    painting.disqualification_reason = "Bài sao chép"
    painting.save()
    client.force_login(seated)
    url = f"/en/workspace/contests/{painting.contest.slug}/entries/{painting.code}/"
    assert client.get(url).status_code == 404
    assert client.post(url, _post(painting.contest)).status_code == 404
    assert not Score.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client, painting):
    response = client.get(f"/en/workspace/contests/{painting.contest.slug}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_entries_page_takes_a_few_queries(
    client, seated, contest, village, django_assert_max_num_queries
):
    for number in range(30):
        make_entry(contest, Kind.POEM, village, title=f"Bài thơ {number}")
    client.force_login(seated)
    with django_assert_max_num_queries(15):
        assert client.get(f"/en/workspace/contests/{contest.slug}/").status_code == 200


def test_a_comment_keeps_its_markup_escaped_and_a_huge_one_is_refused(client, seated, painting):
    client.force_login(seated)
    url = f"/en/workspace/contests/{painting.contest.slug}/entries/{painting.code}/"
    response = client.post(url, _post(painting.contest, comment="x" * 1001))
    assert response.status_code == 400
    assert not Score.objects.exists()
    client.post(url, _post(painting.contest, comment="<script>alert(1)</script>"))
    html = client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_garbage_in_the_chairs_form_changes_nothing(client, make_user, painting):
    chair = make_user("chair", "jurors")
    sit(painting.contest, chair, chair=True)
    client.force_login(chair)
    url = f"/en/workspace/contests/{painting.contest.slug}/chair/{painting.code}/"
    for data in ({"action": "<script>"}, {"action": "award", "prize": "first", "rank": "-5"}, {}):
        assert client.post(url, data).status_code == 302
        painting.refresh_from_db()
        assert (painting.status, painting.prize) == (Status.RECEIVED, "")
    assert client.get(url).status_code == 405
