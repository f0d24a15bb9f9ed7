"""One chart geometry for the web SVG and the PDF: dates, value range, ticks and labels."""

import datetime
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from apps.commitments import charts
from apps.commitments.geometry import LABEL_GAP, geometry
from apps.commitments.models import Commitment, Direction, Unit
from apps.core.display import number


def pledge(baseline, target, unit=Unit.PERCENT, direction=Direction.RAISE, years=(2020, 2030)):
    return Commitment(
        title="Ngân sách",
        unit=unit,
        direction=direction,
        baseline_value=Decimal(baseline),
        baseline_year=years[0],
        target_value=Decimal(target),
        target_year=years[1],
    )


def year_ends(*pairs):
    return [SimpleNamespace(valid_on=datetime.date(y, 12, 31), value=Decimal(v)) for y, v in pairs]


BUDGET = pledge("31.5", "33.7", direction=Direction.KEEP)
BUDGET_SERIES = year_ends((2021, "32.4"), (2022, "33.1"), (2023, "33.9"), (2025, "34.0"))


def test_a_year_end_figure_sits_on_its_own_years_tick():
    shape = geometry(BUDGET, BUDGET_SERIES)
    ticks = {tick.label: tick.share for tick in shape.x_ticks if tick.label}
    assert shape.start == datetime.date(2020, 12, 31)
    assert shape.end == datetime.date(2030, 12, 31)
    last = shape.points[-1]
    assert last.day == datetime.date(2025, 12, 31)
    # The axis ends with the target year: no "2031" tick, and 2025's figure is on "2025"'s
    # tick — unlabelled here (every second year is labelled) but at the same place.
    assert "2031" not in ticks
    assert last.x == pytest.approx(next(t.share for t in shape.x_ticks if t.share == last.x))
    assert ticks["2020"] == 0
    assert ticks["2030"] == 1
    assert list(ticks) == ["2020", "2022", "2024", "2026", "2028", "2030"]


def test_a_narrow_series_is_not_squashed_against_a_zero_it_does_not_need():
    shape = geometry(BUDGET, BUDGET_SERIES)
    assert not shape.zero_based
    assert Decimal(30) <= shape.low <= Decimal("31.5")
    assert Decimal(34) < shape.high <= Decimal(36)
    heights = [point.y for point in shape.points]
    # The movement fills most of the plot, with room above the highest figure.
    assert max(heights) - min(heights) > 0.5
    assert max(heights) < 0.96
    with translation.override("en"):
        assert geometry(BUDGET, BUDGET_SERIES).axis_note.startswith("The value axis starts at 31")


def test_a_series_far_from_zero_relative_to_its_span_starts_at_zero_and_says_nothing():
    shape = geometry(pledge(42, 100), year_ends((2021, 50), (2025, 78)))
    assert shape.zero_based
    assert shape.low == 0
    assert shape.high == 100
    assert shape.axis_note == ""


def test_value_ticks_are_a_few_round_numbers_written_by_the_one_rule():
    with translation.override("vi"):
        shape = geometry(BUDGET, BUDGET_SERIES)
        labels = [tick.label for tick in shape.y_ticks if tick.label]
        assert 3 <= len(shape.y_ticks) <= 6
        assert all(re.fullmatch(r"\d+%", label) for label in labels), labels
        assert shape.target.label == "33,7%"
    with translation.override("en"):
        assert geometry(BUDGET, BUDGET_SERIES).target.label == "33.7%"


def test_a_tick_next_to_the_target_leaves_its_label_to_the_target():
    shape = geometry(BUDGET, BUDGET_SERIES)
    for tick in shape.y_ticks:
        if abs(tick.share - shape.target.share) < LABEL_GAP:
            assert tick.label == ""


def test_counts_get_whole_ticks():
    shape = geometry(pledge(4, 7, unit=Unit.COUNT), year_ends((2022, 5), (2025, 7)))
    values = [shape.low + (shape.high - shape.low) * Decimal(str(t.share)) for t in shape.y_ticks]
    assert all(value == value.to_integral_value() for value in values)


def test_a_figure_after_the_target_year_stretches_the_axis_to_its_year_end():
    late = pledge(10, 90, years=(2018, 2022))
    shape = geometry(late, year_ends((2021, 50), (2023, 60)))
    assert shape.end == datetime.date(2023, 12, 31)
    assert shape.points[-1].x == 1


def test_the_web_chart_draws_the_geometrys_labels_at_a_readable_size():
    with translation.override("vi"):
        svg = str(charts.chart(BUDGET, BUDGET_SERIES))
        shape = geometry(BUDGET, BUDGET_SERIES)
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    sizes = {int(size) for size in re.findall(r'font-size="(\d+)"', svg)}
    # Shown about 328 px wide on a 360 px phone (1 rem of margin each side): text ≥ 12 px.
    assert min(sizes) * 328 / width >= 12
    for label in [t.label for t in shape.y_ticks + shape.x_ticks if t.label]:
        assert f">{label}</text>" in svg
    assert ">33,7%</text>" in svg


def test_number_rounds_half_up_and_never_truncates():
    with translation.override("en"):
        assert number(Decimal("87.7"), 0) == "88"
        assert number(Decimal("87.65"), 1) == "87.7"
        assert number(Decimal("87.70")) == "87.7"
        assert number(Decimal("50.0")) == "50"
        assert number(1440000) == "1,440,000"
    with translation.override("vi"):
        assert number(Decimal("87.7")) == "87,7"
        assert number(1440000) == "1.440.000"
