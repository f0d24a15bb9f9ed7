"""Keep events findable by the new name when their area, space, programme or club is renamed."""

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver

from apps.core.models import Area
from apps.culture.models import Club
from apps.spaces.models import LearningSpace

from .models import Event, Programme
from .search import event_search_text


def _refresh(events):
    for event in events.select_related("area__parent", "space", "programme", "club"):
        text = event_search_text(event)
        if text != event.search_text:
            Event.objects.filter(pk=event.pk).update(search_text=text)


@receiver(post_save, sender=Area)
def area_renamed(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh(Event.objects.filter(Q(area=instance) | Q(area__parent=instance)))


@receiver(post_save, sender=LearningSpace)
def space_renamed(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh(Event.objects.filter(space=instance))


@receiver(post_save, sender=Programme)
def programme_renamed(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh(Event.objects.filter(programme=instance))


@receiver(post_save, sender=Club)
def club_renamed(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh(Event.objects.filter(club=instance))
