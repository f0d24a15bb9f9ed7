"""What a list shows of one commitment: the public dashboard, the home page, the workspace."""

from django.utils.translation import gettext as _

from . import charts
from .models import KeyFeature, Status


def commitment_card(commitment, sparkline=True):
    """What a list shows of one commitment, each derived figure computed once."""
    series = commitment.counted_series()
    latest = series[-1] if series else None
    status = commitment.status()
    if not sparkline:
        label = ""
    elif latest:
        label = _("Trend from %(first)s to %(last)s; target %(target)s") % {
            "first": commitment.format_value(commitment.baseline_value),
            "last": commitment.format_value(latest.value),
            "target": commitment.format_value(commitment.target_value),
        }
    else:
        label = _("No figure yet")
    return {
        "commitment": commitment,
        "latest": latest,
        "progress": commitment.progress(),
        "status": status,
        "status_label": Status(status).label,
        "feature_label": KeyFeature(commitment.key_feature).label,
        "sparkline": charts.sparkline(commitment, series, label) if sparkline else "",
    }
