"""The public pages of stories: the list (by tag, in pages), one story, and the Atom feed."""

from datetime import date, datetime, time

from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from apps.core import published
from apps.core.display import tfield
from apps.core.localtime import local_today
from apps.core.pagecache import accept_query, memo, render_memo
from apps.core.paginate import page_number, paginate
from apps.core.search import shown
from apps.core.siteurl import public_base

from .models import Story, Tag

PER_PAGE = 10
FEED = "stories.atom"
FEED_TYPE = "application/atom+xml; charset=utf-8"
FEED_ITEMS = 30


def _tags():
    """The tags of published stories, by slug (memoised)."""

    def build():
        tags = Tag.objects.filter(stories__in=Story.objects.published()).distinct()
        return {tag.slug: (tag.pk, shown(tag, "name")[0]) for tag in tags}

    return memo("stories:tags", build, local_today().isoformat())


def story_list(request):
    tags = _tags()
    notices = []
    tag = request.GET.get("tag", "")
    if tag and tag not in tags:
        notices.append(_("There is no such tag: showing every story."))
        tag = ""
    today = local_today().isoformat()

    def stories():
        found = Story.objects.published()
        if tag:
            found = found.filter(tags=tags[tag][0])
        return found.latest_first()

    number, page = page_number(
        request, "stories:list", lambda: stories().count(), PER_PAGE, tag, today
    )
    if not notices:
        accept_query(request, tag=tag, page=page)

    def build():
        found = stories().prefetch_related("tags")
        context = paginate(found, PER_PAGE, number, {"tag": tag})
        context.update(
            tags=sorted(tags.items(), key=lambda item: item[1][1]),
            tag=tag,
            tag_name=tags[tag][1] if tag else "",
        )
        return {
            "main": render_to_string("stories/list_main.html", context, request=request),
            "tag_name": context["tag_name"],
        }

    return render_memo(
        request, "stories/list.html", "stories:list", build, tag, number, today, notices=notices
    )


def story_detail(request, slug):
    today = local_today().isoformat()

    def build():
        story = get_object_or_404(Story.objects.published().prefetch_related("tags"), slug=slug)
        links = [
            (_("Commitments"), story.commitments.published()),
            (_("Learning spaces"), story.spaces.published()),
            (_("Events"), story.events.published()),
            (_("Contests"), story.contests.published()),
        ]
        related = [
            {"title": title, "objects": [(obj, _name(obj)) for obj in objects]}
            for title, objects in links
        ]
        context = {
            "story": story,
            "picture": story.picture(),
            "related": [section for section in related if section["objects"]],
        }
        return {
            "title": tfield(story, "title"),
            "description": shown(story, "lead")[0][:300],
            "main": render_to_string("stories/detail_main.html", context, request=request),
        }

    # An unknown slug raises Http404 inside build(): nothing is kept for it.
    return render_memo(request, "stories/detail.html", "stories:detail", build, slug, today)


def _name(obj):
    for field in ("title", "name"):
        if hasattr(obj, f"{field}_vi"):
            return tfield(obj, field)
    return str(obj)


# The UNESCO title ceremony (FACTS.md): a fixed date for a feed with no story yet.
EMPTY_FEED_DATE = date(2024, 3, 19)


def feed(request):
    return published.serve(request, FEED)


def feed_body(stamp=None):
    """The Atom feed of the latest stories in the current language (built in the background
    by ``apps.core.published``; it holds no build time, so ``stamp`` is unused)."""
    base = public_base()
    atom = _StoriesFeed(
        title=_("Son La Learning City: stories"),
        link=base + reverse("stories:list"),
        description=_("Stories of Son La's learning-city work."),
        feed_url=base + reverse("stories:feed"),
        language=get_language(),
        feed_guid="tag:sonla-learning-city,2024:stories",
    )
    for story in Story.objects.published().latest_first().prefetch_related("tags")[:FEED_ITEMS]:
        title = shown(story, "title")[0]
        atom.add_item(
            title=title,
            link=base + story.get_absolute_url(),
            description=shown(story, "lead")[0],
            unique_id=f"tag:sonla-learning-city,2024:story-{story.pk}",
            pubdate=_noon(story.published_on),
            updateddate=story.updated_at,
            categories=[shown(tag, "name")[0] for tag in story.tags.all()],
        )
    return atom.writeString("utf-8")


class _StoriesFeed(Atom1Feed):
    def latest_post_date(self):
        # Django dates a feed without stories "now": each rebuild would differ and be published
        # again for nothing. An empty feed keeps one date instead.
        if not self.items:
            return _noon(EMPTY_FEED_DATE)
        return super().latest_post_date()


def _noon(day):
    return timezone.make_aware(datetime.combine(day, time(12)))
