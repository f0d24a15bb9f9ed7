"""``{% load seo %}``: the head every page shares (canonical, hreflang, previews) and JSON-LD.

The logic lives in ``apps.core.seo``; these tags only hand it the template's context.
"""

from django import template

from apps.core import seo

register = template.Library()


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)  # blocks inside stay overridable by the pages

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        context[self.name] = seo.plain_text(self.nodelist.render(context))
        return ""


@register.tag
def seo_capture(parser, token):
    """``{% seo_capture seo_title %}{% block title %}…{% endblock %}{% endseo_capture %}``:
    keep what a block renders, as plain text, to say it again (``<title>``, ``og:title``)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("seo_capture takes one variable name")
    nodelist = parser.parse(("endseo_capture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    return {
        "seo": seo.head(context),
        "title": context.get("seo_title", ""),
        "description": context.get("seo_description", ""),
    }


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    """The city and its site as JSON-LD (the home page)."""
    request = context.get("request")
    return seo.script(seo.organisation(request)) if request else ""


@register.simple_tag(takes_context=True)
def place_json_ld(context, obj, image="", week=None, kind="Place"):
    """``obj`` as a JSON-LD ``Place`` (a learning space's page)."""
    request = context.get("request")
    return seo.script(seo.place(request, obj, image=image, week=week, kind=kind)) if request else ""
