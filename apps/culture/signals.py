from django.db.models.signals import post_save
from django.dispatch import receiver

from apps.core.models import Area

from .models import Club
from .search import club_search_text


@receiver(post_save, sender=Area)
def refresh_search_text(sender, instance, raw=False, **kwargs):
    """Keep the clubs findable by the new name when an area is renamed."""
    if raw:
        return
    clubs = Club.objects.filter(area__in=[instance.pk, *instance.children.all()])
    for club in clubs.select_related("area__parent", "space"):
        text = club_search_text(club)
        if text != club.search_text:
            Club.objects.filter(pk=club.pk).update(search_text=text)
