"""`tongket data import/export`: exit codes, summaries, the hostile corpus, round trips, replay."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tongket.figures.models import Figure, FigureHistory, FigureStatus
from tongket.figures.services import FigureRow, import_figures, reopen_figure, save_figure
from tongket.figures.tests.corpus import corpus

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("data", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue() + str(exc)
    return 0, out.getvalue()


def snapshot():
    return sorted(
        Figure.objects.values_list("indicator_id", "area_id", "period", "basis", "value", "version")
    ), (FigureHistory.objects.count())


@pytest.mark.timeout(300)
def test_the_command_refuses_every_hostile_file_with_a_message_and_no_change(world, tmp_path):
    before = snapshot()
    for name, (data, fragment) in corpus(include_huge=True).items():
        path = tmp_path / name
        path.write_bytes(data)
        code, output = run("import", str(path), "--json")
        assert code == 1, (name, output)
        summary = json.loads(output[: output.rindex("}") + 1])
        assert summary["errors"] and not summary["applied"], name
        text = " ".join(f"{e['where']}: {e['message']}" for e in summary["errors"])
        assert fragment in text, (name, text[:500])
        assert snapshot() == before, name


def test_a_file_over_the_size_limit_is_refused(world, tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("indicator,area,period,value,comment\nGRDP_PC,HP,2018,1,\n")
    code, output = run("import", str(path), "--max-size", "10")
    assert code == 1 and "vượt giới hạn" in output


def test_a_missing_file_is_a_usage_error(world):
    assert run("import", "/khong/co/tep.csv")[0] == 2


def test_it_imports_a_dhis2_data_value_set_approved_by_the_system_with_the_file_as_source(
    world, tmp_path
):
    path = tmp_path / "dvs.json"
    path.write_text(
        json.dumps({"dataValues": [
            {"dataElement": "GRDP_PC", "period": "2018", "orgUnit": "HP", "value": "4012",
             "categoryOptionCombo": "default", "attributeOptionCombo": "default"},
            {"dataElement": "GRDP_GROWTH", "period": "2018", "orgUnit": "HP", "value": "7.1"},
        ]})
    )  # fmt: skip
    code, output = run("import", str(path))
    assert code == 0 and "created: 2" in output
    figure = Figure.objects.get(indicator=world.growth_indicator)
    assert figure.value == 7.1 and figure.status == FigureStatus.APPROVED
    history = figure.history.get()
    assert (history.via, history.source, history.changed_by) == ("command", "dvs.json", None)


def test_a_dry_run_changes_nothing_and_says_what_it_would_do(world, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "indicator,area,period,value,comment\nGRDP_PC,HP,2018,1,\nGRDP_PC,HP,2017,3694,\n"
    )
    code, output = run("import", str(path), "--dry-run", "--json")
    assert code == 0 and json.loads(output)["created"] == 1 and json.loads(output)["unchanged"] == 1
    assert Figure.objects.count() == 1


def test_the_agency_option_records_the_source_and_refuses_unknown_agencies(world, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("indicator;area;period;value;comment\nGRDP_GROWTH;HP;2019;6,5;\n")
    assert run("import", str(path), "--agency", "KHONG")[0] == 1
    assert run("import", str(path), "--agency", "SKHDT-HP")[0] == 0
    assert Figure.objects.get(period="2019").source_agency == world.agency_b


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "dhis2-json", "dhis2-csv", "sdmx-csv"])
def test_an_export_imports_back_unchanged(world, tmp_path, fmt):
    import_figures(
        [
            FigureRow("GRDP_PC", "HP", "2018", 4012.5, comment="=SUM(A1)", citation="+84 nguồn"),
            FigureRow("GRDP_PC", "HP", "2019", "4100", basis="preliminary", comment="-3 điểm"),
            FigureRow("GRDP_PC", "HP", "2019Q2", 1000.25, illustrative=True),
        ],
        via="command",
    )
    path = (
        tmp_path / f"export.{'xlsx' if fmt == 'xlsx' else 'json' if fmt == 'dhis2-json' else 'csv'}"
    )
    assert run("export", "--resolution", "32-NQ/TW", "--format", fmt, "-o", str(path))[0] == 0
    if fmt in ("csv", "dhis2-csv", "sdmx-csv"):
        assert "'=SUM(A1)" in path.read_text() or fmt == "sdmx-csv" or fmt == "dhis2-csv"
    before = snapshot()
    code, output = run("import", str(path), "--json")
    summary = json.loads(output)
    assert (
        code == 0
        and summary["created"] == 0
        and summary["updated"] == 0
        and summary["unchanged"] >= 3
    )
    assert snapshot() == before
    assert Figure.objects.get(period="2018").comment == "=SUM(A1)"


def test_export_writes_to_standard_output_without_a_file(world):
    code, output = run("export", "--resolution", "32-NQ/TW", "--format", "sdmx-csv")
    assert code == 0 and output.startswith("DATAFLOW,INDICATOR,AREA,TIME_PERIOD,OBS_VALUE,COMMENT")
    assert "GRDP_PC,HP,2017,3694" in output


def test_replaying_the_history_reproduces_the_current_figures_exactly(world):
    rows = [FigureRow("GRDP_PC", "HP", str(y), float(y)) for y in range(2000, 2010)]
    import_figures(rows, via="command", status=FigureStatus.DRAFT)
    import_figures([FigureRow("GRDP_PC", "HP", "2001", 1.5)], via="file", status=FigureStatus.DRAFT)
    save_figure(
        indicator=world.indicator, area=world.city, period="2002", value=22.0, expected_version=1,
        actor=world.focal_a, via="grid",
    )  # fmt: skip
    import_figures([FigureRow("GRDP_PC", "HP", "2003", 33.0)], via="command")  # approves it
    locked = Figure.objects.get(period="2003")
    reopen_figure(locked, world.committee, "sửa lại")
    save_figure(
        indicator=world.indicator, area=world.city, period="2003", value=34.0, expected_version=locked.version + 1,
        actor=world.focal_a, via="grid",
    )  # fmt: skip
    replayed: dict[int, tuple] = {}
    for h in FigureHistory.objects.order_by("changed_at", "id"):
        replayed[h.figure_id] = (h.new_value, h.new_status, h.version)
    current = {f.pk: (f.value, f.status, f.version) for f in Figure.objects.filter(pk__in=replayed)}
    assert replayed == current
    assert len(current) == 10
