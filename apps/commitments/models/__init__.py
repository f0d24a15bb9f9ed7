"""The city's pledges as measurable targets, and the dated measurements that follow them.

Only the measured values are stored. The latest value, the progress toward the target and the
status are derived from them each time, so they can never disagree with the series.
"""

from apps.core.history import AppendOnlyError

from .choices import (
    AREA_OF_FEATURE,
    AT_RISK_MARGIN,
    FEATURES_BY_AREA,
    Direction,
    FrameworkArea,
    KeyFeature,
    Status,
    Unit,
)
from .commitment import Commitment, CommitmentQuerySet
from .measurement import Change, Measurement, MeasurementQuerySet, evidence_path, evidence_storage

__all__ = [
    "AREA_OF_FEATURE",
    "AT_RISK_MARGIN",
    "FEATURES_BY_AREA",
    "AppendOnlyError",
    "Change",
    "Commitment",
    "CommitmentQuerySet",
    "Direction",
    "FrameworkArea",
    "KeyFeature",
    "Measurement",
    "MeasurementQuerySet",
    "Status",
    "Unit",
    "evidence_path",
    "evidence_storage",
]
