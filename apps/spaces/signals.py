from django.db.models.signals import post_save
from django.dispatch import receiver

from apps.core.models import Area

from .models import LearningSpace


@receiver(post_save, sender=Area)
def refresh_search_text(sender, instance, raw=False, **kwargs):
    """Keep the spaces findable by the new name when an area is renamed."""
    if raw:  # loading fixtures: the spaces (if any) are saved on their own
        return
    spaces = LearningSpace.objects.filter(area__in=[instance.pk, *instance.children.all()])
    for space in spaces.select_related("area__parent"):
        text = space.build_search_text()
        if text != space.search_text:
            LearningSpace.objects.filter(pk=space.pk).update(search_text=text)
