"""The one import service: all-or-nothing, set-based, history in the same transaction, locks respected."""

from __future__ import annotations

import pytest

from tongket.figures.models import Figure, FigureHistory, FigureStatus
from tongket.figures.services import FigureRow, import_figures

pytestmark = pytest.mark.django_db


def rows(*items):
    return [
        FigureRow("GRDP_PC", area, period, value, where=f"dòng {i + 2}")
        for i, (area, period, value) in enumerate(items)
    ]


def test_it_creates_figures_with_a_history_row_each(world):
    result = import_figures(
        rows(("HP", "2018", 4000.0), ("HP", "2019", "4200.5")), via="command", source="a.csv"
    )
    assert (result.created, result.updated, result.unchanged, result.applied) == (2, 0, 0, True)
    figure = Figure.objects.get(period="2019")
    assert figure.value == 4200.5 and figure.status == FigureStatus.APPROVED and figure.year == 2019
    history = FigureHistory.objects.get(figure=figure)
    assert (history.action, history.via, history.source, history.new_value) == (
        "create",
        "command",
        "a.csv",
        4200.5,
    )


def test_it_counts_unchanged_figures_and_refuses_to_change_a_locked_one(world):
    result = import_figures(rows(("HP", "2017", 3694.0)), via="command")
    assert result.unchanged == 1 and not result.errors
    result = import_figures(rows(("HP", "2017", 3700.0), ("HP", "2018", 1.0)), via="command")
    assert (
        not result.applied
        and "khóa" in result.errors[0].message
        and result.errors[0].where == "dòng 2"
    )
    assert Figure.objects.count() == 1


def test_a_file_with_one_bad_row_stores_nothing(world):
    good = [("HP", f"{1901 + i // 4}Q{i % 4 + 1}", float(i)) for i in range(999)]
    result = import_figures(rows(*good, ("XX", "2020", 1.0)), via="command")
    assert not result.applied and result.errors[0].where == "dòng 1001"
    assert Figure.objects.count() == 1 and FigureHistory.objects.count() == 0


def test_it_updates_a_draft_and_records_old_and_new_values(world):
    import_figures(
        rows(("HP", "2018", 1.0)), via="file", status=FigureStatus.DRAFT, agency=world.agency_a
    )
    result = import_figures(
        rows(("HP", "2018", 2.0)),
        via="file",
        status=FigureStatus.DRAFT,
        agency=world.agency_a,
        actor=world.focal_a,
    )
    assert result.updated == 1
    figure = Figure.objects.get(period="2018")
    assert (figure.value, figure.version, figure.source_agency_id) == (2.0, 2, world.agency_a.pk)
    last = figure.history.order_by("version").last()
    assert (last.old_value, last.new_value, last.changed_by_id, last.version) == (
        1.0,
        2.0,
        world.focal_a.pk,
        2,
    )


def test_an_agency_never_changes_another_agencys_figure(world):
    import_figures(
        rows(("HP", "2018", 1.0)), via="file", status=FigureStatus.DRAFT, agency=world.agency_a
    )
    result = import_figures(
        rows(("HP", "2018", 2.0)), via="file", status=FigureStatus.DRAFT, agency=world.agency_b
    )
    assert not result.applied and "cơ quan khác" in result.errors[0].message


def test_duplicated_keys_with_different_values_are_refused_naming_both_rows(world):
    result = import_figures(rows(("HP", "2018", 1.0), ("HP", "2018", 2.0)), via="command")
    assert result.errors[0].where == "dòng 3" and "dòng 2" in result.errors[0].message


def test_a_dry_run_reports_without_storing(world):
    result = import_figures(
        rows(("HP", "2018", 1.0)), via="command", dry_run=True, keep_changes=True
    )
    assert result.created == 1 and not result.applied and result.changes[0].kind == "created"
    assert Figure.objects.count() == 1
