from django import template

register = template.Library()


@register.simple_tag
def measure(commitment, value):
    """``value`` in the commitment's unit, written for the page's language."""
    return commitment.format_value(value)


@register.simple_tag
def progress(commitment, value):
    """A progress (0–100) written as every output writes it: 87,7% / 87.7%."""
    return commitment.format_progress(value)
