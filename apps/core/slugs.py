"""Unique ASCII slugs for any model (``Chiềng Đen`` -> ``chieng-den``, then ``chieng-den-2``)."""

from .text import slugify_vi


def unique_slug(instance, text, *, fallback, field="slug", reserved=()):
    """A slug for ``instance`` made from ``text`` that no other row of its model uses.

    ``fallback`` is used when ``text`` has no letter or digit to keep; ``reserved`` are words
    the app's own addresses use (``map`` under /spaces/). The slug fits the field's length
    with its number.
    """
    model = type(instance)
    max_length = model._meta.get_field(field).max_length
    base = slugify_vi(text, max_length=max_length) or fallback
    others = model._default_manager.all()
    if instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    slug, number = base, 2
    while slug in reserved or others.filter(**{field: slug}).exists():
        ending = f"-{number}"
        slug = base[: max_length - len(ending)].rstrip("-") + ending
        number += 1
    return slug
