"""Demo data of the reports app: the last two monthly reports, in both languages."""

import datetime

from django.utils import timezone

from . import services


def load(stdout):
    first_of_month = timezone.localdate().replace(day=1)
    previous = (first_of_month - datetime.timedelta(days=1)).replace(day=1)
    created = []
    for today in (previous, first_of_month):
        created += services.schedule_monthly(today=today)
    stdout.write(f"Reports: {len(created)} new monthly reports queued (built once committed).")
