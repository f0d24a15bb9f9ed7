from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from apps.core import pagecache
from apps.core.models import Area
from apps.core.permissions import (
    CONTENT_STAFF,
    OFFICIALS,
    assigned_area_ids,
    can_change,
    changeable,
    ensure_roles,
    has_role,
)

pytestmark = pytest.mark.django_db


class Managed(SimpleNamespace):
    """An object of another app: an official manages it when assigned to its area."""

    _meta = Area._meta

    def is_managed_by(self, user):
        return self.area_id in assigned_area_ids(user)


def test_roles_exist_and_content_staff_may_change_areas():
    groups = ensure_roles()
    assert set(groups) == {"content_staff", "officials", "jurors"}
    assert groups[CONTENT_STAFF].permissions.filter(codename="change_area").exists()
    assert not groups[OFFICIALS].permissions.exists()


def test_staff_may_change_any_area(staff_user, village):
    assert can_change(staff_user, village)
    assert changeable(staff_user, Area.objects.all()).count() == 2


def test_official_may_change_what_lies_in_their_area(official, commune, village, make_area):
    other = make_area("Hua La")
    assert can_change(official, Managed(area_id=village.pk))
    assert can_change(official, Managed(area_id=commune.pk))
    assert not can_change(official, Managed(area_id=other.pk))


def test_official_may_not_change_areas_themselves(official, village):
    assert not can_change(official, village)
    assert changeable(official, Area.objects.all()).count() == 0


def test_anonymous_and_inactive_users_may_change_nothing(make_user, village):
    assert not can_change(AnonymousUser(), village)
    inactive = make_user("gone", CONTENT_STAFF, is_active=False)
    assert not can_change(inactive, village)


def test_has_role(official, juror):
    assert has_role(official, OFFICIALS)
    assert not has_role(juror, OFFICIALS)


def test_a_persons_own_and_group_permissions_are_read_in_one_query(
    make_user, staff_user, django_assert_num_queries
):
    official = make_user("direct", OFFICIALS)
    official.user_permissions.add(Permission.objects.get(codename="view_area"))
    with django_assert_num_queries(1):
        assert official.has_perm("core.view_area")
        assert not official.has_perm("core.change_area")
    with django_assert_num_queries(1):
        assert staff_user.has_perm("core.change_area")  # from the content staff group
        assert staff_user.has_perm("spaces.change_learningspace")


def test_a_superuser_holds_every_permission_and_an_inactive_person_none(make_user):
    boss = make_user("boss", is_superuser=True)
    assert boss.has_perm("core.change_area")
    gone = make_user("gone", CONTENT_STAFF, is_active=False)
    assert not gone.has_perm("core.change_area")
    assert gone.get_all_permissions() == set()


def test_the_areas_and_roles_of_a_request_are_read_once(
    official, village, django_assert_num_queries
):
    with pagecache.request_scope():
        assigned_area_ids(official)
        has_role(official, OFFICIALS)
        with django_assert_num_queries(0):
            assert set(assigned_area_ids(official)) == {village.pk, village.parent_id}
            assert has_role(official, OFFICIALS)
            assert not has_role(official, CONTENT_STAFF)
    with django_assert_num_queries(1):  # the next request reads them again
        assigned_area_ids(official)
