"""The geometry of a commitment's chart, as plain data: the web SVG and the PDF draw from it.

Both outputs place a figure, a tick and a label at the same share of the plot, so they cannot
disagree: x runs from the baseline (31 December of the baseline year) to the target (31
December of the target year, or the latest figure when later), and a year's tick is at its
31 December, where the year-end figures sit; y runs over a "nice" range that shows the
movement, from 0 only when 0 does not squash the series, and is labelled on a few ticks
written by the one number rule (apps.core.display.number).
"""

import datetime
import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.translation import gettext as _

from apps.core.display import decimals, number

from .models import Unit

NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
MOST_VALUE_TICKS = 6
MOST_YEAR_LABELS = 6
# A value tick this close to the target (share of the plot's height) leaves its place to the
# target's label: at the outputs' sizes (13 px on 190 px, 8 pt on 120 pt) they would overlap.
LABEL_GAP = 0.08
# A series closer than this to an edge of the range (share of its span) gets another step.
ROOM = Decimal("0.04")
BILLION = Decimal(10) ** 9


@dataclass(frozen=True)
class Tick:
    share: float  # 0 at the left or bottom of the plot, 1 at the right or top
    label: str


@dataclass(frozen=True)
class Point:
    day: datetime.date
    value: Decimal
    x: float
    y: float
    label: str  # the value as every output writes it


@dataclass(frozen=True)
class Geometry:
    start: datetime.date
    end: datetime.date
    low: Decimal
    high: Decimal
    zero_based: bool
    x_ticks: list  # every year end, labelled or not (label "")
    y_ticks: list
    target: Tick  # the target line, labelled with the target value
    path: tuple  # (start, end) points of the planned path
    points: list  # the baseline, then each measured figure
    axis_note: str  # says when the value axis does not start at 0

    def x(self, day):
        return (day - self.start).days / max(1, (self.end - self.start).days)

    def y(self, value):
        return float((Decimal(value) - self.low) / (self.high - self.low))


def _nice_step(raw, whole):
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at least ``raw`` (a whole number for counts)."""
    if raw <= 0:
        return Decimal(1)
    power = Decimal(10) ** math.floor(math.log10(raw))
    for factor in NICE_STEPS:
        step = factor * power
        if step >= raw and (not whole or step == step.to_integral_value()):
            return step
    return NICE_STEPS[-1] * power


def value_range(commitment, values):
    """``(low, high, step, zero_based)`` of the value axis for ``values``."""
    if commitment.unit == Unit.YES_NO:
        return Decimal(0), Decimal(1), Decimal(1), True
    lowest, highest = min(values), max(values)
    # 0 is shown when the empty band it adds is no wider than the series' own span.
    zero_based = lowest <= 0 or lowest * 2 <= highest
    if zero_based:
        lowest = min(lowest, Decimal(0))
    span = highest - lowest or abs(highest) or Decimal(1)
    whole = commitment.unit in (Unit.COUNT, Unit.VND)
    step = _nice_step(span / (MOST_VALUE_TICKS - 2), whole)
    low = (lowest / step).to_integral_value(ROUND_FLOOR) * step
    high = (highest / step).to_integral_value(ROUND_CEILING) * step
    if high - highest < span * ROOM:
        high += step
    if not zero_based and lowest - low < span * ROOM and low - step >= 0:
        low -= step
    if commitment.unit == Unit.PERCENT and highest <= 100 < high:
        high = Decimal(100)  # no share above all of it
    return low, high, step, zero_based


def tick_label(commitment, value, step):
    """A value-axis label: as many decimals as the step needs; large amounts in billions."""
    if commitment.unit == Unit.YES_NO:
        return commitment.format_value(value)
    if commitment.unit == Unit.VND:
        if step >= BILLION:
            billions = number(value / BILLION, decimals(step / BILLION))
            return _("%(amount)s bn VND") % {"amount": billions}
        return number(value, 0)
    text = number(value, decimals(step))
    return f"{text}%" if commitment.unit == Unit.PERCENT else text


def _year_ticks(start, end):
    years = list(range(start.year, end.year + 1))
    every = next(
        (n for n in (1, 2, 5, 10, 20, 50) if len(years[::n]) <= MOST_YEAR_LABELS), len(years)
    )
    return [
        (datetime.date(year, 12, 31), str(year) if (year - years[0]) % every == 0 else "")
        for year in years
    ]


def geometry(commitment, series):
    """The chart of ``commitment`` with its counted ``series`` (oldest first), as plain data."""
    start = commitment.path_start
    end = max([commitment.path_end, *(m.valid_on for m in series)])
    if end != commitment.path_end:
        end = datetime.date(end.year, 12, 31)
    values = [commitment.baseline_value, commitment.target_value, *(m.value for m in series)]
    low, high, step, zero_based = value_range(commitment, values)
    frame = Geometry(start, end, low, high, zero_based, [], [], None, (), [], "")

    target_y = frame.y(commitment.target_value)
    y_ticks = []
    value = low
    while value <= high:
        share = frame.y(value)
        shown = abs(share - target_y) >= LABEL_GAP
        y_ticks.append(Tick(share, tick_label(commitment, value, step) if shown else ""))
        value += step

    def point(day, value):
        return Point(day, value, frame.x(day), frame.y(value), commitment.format_value(value))

    baseline = point(start, commitment.baseline_value)
    note = ""
    if not zero_based:
        note = _("The value axis starts at %(value)s, not at 0.") % {
            "value": tick_label(commitment, low, step)
        }
    return Geometry(
        start=start,
        end=end,
        low=low,
        high=high,
        zero_based=zero_based,
        x_ticks=[Tick(frame.x(day), label) for day, label in _year_ticks(start, end)],
        y_ticks=y_ticks,
        target=Tick(target_y, commitment.format_value(commitment.target_value)),
        path=(baseline, point(commitment.path_end, commitment.target_value)),
        points=[baseline, *(point(m.valid_on, m.value) for m in series)],
        axis_note=note,
    )
