"""Tests that kill the mutations `make mutate` found surviving (scripts/mutations.toml)."""

from apps.core.permissions import can_change, changeable
from apps.spaces.models import LearningSpace


def test_a_deactivated_official_may_change_nothing_of_their_commune(official, space):
    assert can_change(official, space)
    official.is_active = False
    official.save()
    assert not can_change(official, space)
    assert not changeable(official, LearningSpace.objects.all()).exists()
