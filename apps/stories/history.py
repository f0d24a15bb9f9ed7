"""Keep a record of every change to a story (core's ``history.track``)."""

from apps.core.history import track

from .models import Change, Story

track(
    Story,
    Change,
    owner_field="story",
    owner=lambda story: story,
    ignore=("search_text", "updated_at", "image_renditions", "image_width", "image_height"),
)
