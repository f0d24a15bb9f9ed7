from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from .models import Story, Tag


@receiver(m2m_changed, sender=Story.tags.through)
def tags_changed(sender, instance, action, reverse=False, **kwargs):
    """A story is found by its tags' names: refresh its search text when they change."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    stories = [instance] if not reverse else list(instance.stories.all())
    for story in stories:
        _refresh(story)


@receiver(post_save, sender=Tag)
def tag_renamed(sender, instance, raw=False, **kwargs):
    """Keep the stories findable by the tag's new name."""
    if raw:
        return
    for story in instance.stories.all():
        _refresh(story)


def _refresh(story):
    text = story.build_search_text()
    if text != story.search_text:
        Story.objects.filter(pk=story.pk).update(search_text=text)
        story.search_text = text
