"""The workspace's first page: what a signed-in person sees, in few queries."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_officials_workspace_names_their_areas_and_roles_in_few_queries(
    client, official, village, django_assert_max_num_queries
):
    client.force_login(official)
    client.get("/en/workspace/")
    with django_assert_max_num_queries(10):
        response = client.get("/en/workspace/")
    html = response.content.decode()
    assert "Your roles: official" in html
    assert "<p>Your wards and communes: Chieng Den Commune</p>" in html  # not its village


def test_a_person_with_nothing_assigned_is_told_so(client, make_user):
    client.force_login(make_user("newcomer"))
    html = client.get("/en/workspace/").content.decode()
    assert "Your wards and communes" not in html
    assert "Nothing is assigned to you yet" in html
