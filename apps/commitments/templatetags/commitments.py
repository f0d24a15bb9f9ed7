from django import template

register = template.Library()


@register.simple_tag
def measure(commitment, value):
    """``value`` in the commitment's unit, written for the page's language."""
    return commitment.format_value(value)
