"""A failed report says why in at most 2,000 characters (the model holds the limit)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.reports.models import ProgressReport

pytestmark = pytest.mark.django_db


def test_the_reason_of_a_failure_is_at_most_2000_characters():
    report = ProgressReport(reporting_date=datetime.date(2024, 1, 1), language="vi")
    report.failure_reason = "x" * 2000
    report.full_clean()
    report.failure_reason = "x" * 2001
    with pytest.raises(ValidationError) as refused:
        report.full_clean()
    assert list(refused.value.message_dict) == ["failure_reason"]
