"""The search text now holds the kind's and the facilities' names in both languages (and the
words residents use for them, "thư viện", "wifi"): rebuild it for the spaces saved before."""

import types

from django.db import migrations


def rebuild_search_text(apps, schema_editor):
    # A one-off refresh with today's wording: the historical model lacks the methods the text
    # is built from, so the current ones are lent to it (they only read its fields).
    from apps.spaces.models import LearningSpace as Current
    from apps.spaces.search import search_text

    Space = apps.get_model("spaces", "LearningSpace")
    for space in Space.objects.select_related("area__parent").iterator(chunk_size=500):
        space.facilities = types.MethodType(Current.facilities, space)
        space.get_kind_display = lambda kind=space.kind: Current.Kind(kind).label
        text = search_text(space)
        if text != space.search_text:
            Space.objects.filter(pk=space.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("spaces", "0004_text_limits")]

    operations = [migrations.RunPython(rebuild_search_text, migrations.RunPython.noop)]
