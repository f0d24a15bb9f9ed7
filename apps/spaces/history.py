"""Keep a record of every change to a learning space, its opening hours and its photos.

The tracking itself is core's (``apps.core.history``); this module says what a space's
history holds. The workspace and the admin name who made a change (``instance._actor``).
"""

from apps.core.history import track

from .models import Change, LearningSpace, OpeningHours, Photo


def _space_of(instance):
    return instance if isinstance(instance, LearningSpace) else instance.space


# search_text follows from the names and the area; updated_at changes on every save.
track(
    LearningSpace,
    Change,
    owner_field="space",
    owner=_space_of,
    ignore=("search_text", "updated_at"),
)
track(OpeningHours, Change, owner_field="space", owner=_space_of)
track(Photo, Change, owner_field="space", owner=_space_of)
