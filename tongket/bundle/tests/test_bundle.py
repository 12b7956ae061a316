import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tongket.bundle.export import export_bundle
from tongket.bundle.services import import_bundle
from tongket.figures.models import Figure, FigureHistory, FigureStatus
from tongket.resolutions.models import Resolution, Target
from tongket.reviews.models import Meeting, Review, Section, Task

MINIMAL = {
    "format": "tongket-bundle/1",
    "resolution": {"code": "45-NQ/TW", "title": "Về xây dựng và phát triển thành phố Hải Phòng", "issued": "2019-01-24",
                   "issuer": "Bộ Chính trị", "area": "HP"},
    "review": {"code": "tk-45-2024", "title": "Sơ kết Nghị quyết 45", "tolerance": 0.05, "document_format": "party"},
    "areas": [{"code": "VN", "name": "Việt Nam"}, {"code": "HP", "name": "Thành phố Hải Phòng", "parent": "VN"}],
    "agencies": [{"code": "CTK-HP", "name": "Cục Thống kê thành phố Hải Phòng"}],
    "indicators": [{"code": "GRDP_PC", "name": "GRDP bình quân đầu người", "unit": "USD", "kind": "level", "decimals": 0}],
    "targets": [{"code": "T2", "indicator": "GRDP_PC", "kind": "level", "year": 2025, "lower": 14740, "upper": 14740,
                 "unit": "USD", "text": "GRDP bình quân/người đạt 14.740 USD", "citation": "dantri.com.vn, 26-01-2019"}],
    "values": [{"indicator": "GRDP_PC", "area": "HP", "period": "2017", "value": 3694, "source": "CTK-HP",
                "basis": "official", "citation": "Nghị quyết 45-NQ/TW, mục I"}],
}  # fmt: skip


def bundle(**changes):
    data = copy.deepcopy(MINIMAL)
    data.update(changes)
    return data


def write(tmp_path, data, name="b.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.django_db
def test_the_minimal_bundle_imports_with_defaults_and_the_file_as_source(tmp_path):
    call_command("bundle", "import", write(tmp_path, MINIMAL))
    target = Target.objects.get(code="T2")
    assert (
        target.lower,
        target.upper,
        target.direction,
        target.approximate,
        target.illustrative,
    ) == (14740, 14740, "increase", False, False)
    figure = Figure.objects.get(period="2017")
    assert (
        figure.value == 3694
        and figure.status == FigureStatus.APPROVED
        and figure.basis == "official"
    )
    history = figure.history.get()
    assert (
        history.via == "bundle" and history.source == "bundle:b.json" and history.changed_by is None
    )
    assert Review.objects.get(code="tk-45-2024").resolution.code == "45-NQ/TW"


@pytest.mark.django_db
def test_targets_without_codes_get_the_next_free_codes_and_upper_only_means_decrease():
    data = bundle(targets=[
        {"indicator": "GRDP_PC", "text": "a", "lower": 1},
        {"code": "T1", "indicator": "GRDP_PC", "text": "b", "lower": 2},
        {"indicator": "GRDP_PC", "text": "c", "upper": 3},
    ])  # fmt: skip
    assert import_bundle(data, source="t").ok
    targets = {t.text: t for t in Target.objects.all()}
    assert targets["a"].code == "T2" and targets["b"].code == "T1" and targets["c"].code == "T3"
    assert targets["c"].direction == "decrease" and targets["a"].direction == "increase"


DEFECTS = {
    "wrong format tag": (lambda d: d.update(format="tongket-bundle/2"), "$.format"),
    "missing field": (lambda d: d["indicators"][0].pop("name"), "$.indicators[0].name"),
    "unknown code": (lambda d: d["values"][0].update(area="HD"), "$.values[0].area"),
    "duplicate code": (
        lambda d: d["indicators"].append(dict(d["indicators"][0])),
        "$.indicators[1].code",
    ),
    "non-numeric value": (lambda d: d["values"][0].update(value="3.694"), "$.values[0].value"),
    "unknown target indicator": (
        lambda d: d["targets"][0].update(indicator="NOPE"),
        "$.targets[0].indicator",
    ),
    "bad period": (lambda d: d["values"][0].update(period="2017Q5"), "$.values[0]"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("defect", DEFECTS)
def test_a_bundle_with_a_defect_is_refused_whole_naming_the_json_path(defect, tmp_path, capsys):
    change, path = DEFECTS[defect]
    data = bundle()
    change(data)
    with pytest.raises(CommandError) as caught:
        call_command("bundle", "import", write(tmp_path, data))
    assert caught.value.returncode == 1
    assert path in capsys.readouterr().err
    assert not Resolution.objects.exists() and not Figure.objects.exists()


@pytest.mark.django_db
def test_a_change_to_a_locked_figure_is_refused_and_nothing_else_changes(tmp_path):
    assert import_bundle(bundle(), source="first").ok
    data = bundle()
    data["values"][0]["value"] = 3700
    data["resolution"]["title"] = "Tên khác"
    result = import_bundle(data, source="second")
    assert not result.ok
    assert result.errors[0].path == "$.values[0]" and "khóa" in result.errors[0].message
    assert Figure.objects.get().value == 3694
    assert Resolution.objects.get().title == MINIMAL["resolution"]["title"]


@pytest.mark.django_db
def test_a_bundle_that_is_not_json_is_refused_with_line_and_column(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "tongket-bundle/1",\n "resolution": }', encoding="utf-8")
    with pytest.raises(CommandError, match="dòng 2"):
        call_command("bundle", "import", str(path))


@pytest.mark.django_db
def test_import_never_deletes_what_the_bundle_omits():
    assert import_bundle(bundle(), source="a").ok
    smaller = bundle(targets=[], values=[])
    assert import_bundle(smaller, source="b").ok
    assert Target.objects.filter(code="T2").exists() and Figure.objects.count() == 1


@pytest.mark.django_db
def test_the_demo_exports_and_imports_back_to_the_same_bundle(django_db_blocker):
    call_command("demo", "--quiet")
    first = export_bundle("32-NQ/TW")
    assert first["review"]["code"] == "tk-32-2018"
    assert {m["code"] for m in first["meetings"]} == {"H1"}
    # Into an empty database: everything of the review goes, everything comes back.
    Review.objects.all().delete()
    FigureHistory.objects.all().delete()
    Figure.objects.all().delete()
    Target.objects.all().delete()
    Resolution.objects.all().delete()
    assert import_bundle(copy.deepcopy(first), source="roundtrip").ok
    assert export_bundle("32-NQ/TW") == first
    assert Section.objects.get(code="I.2").parent.code == "I"
    assert Task.objects.get(code="NV1").conclusion.meeting == Meeting.objects.get(code="H1")


@pytest.mark.django_db
def test_running_the_demo_twice_changes_nothing():
    call_command("demo", "--quiet")
    before = (
        Figure.objects.count(),
        FigureHistory.objects.count(),
        list(Figure.objects.values_list("version", "updated_at")),
    )
    call_command("demo", "--quiet")
    after = (
        Figure.objects.count(),
        FigureHistory.objects.count(),
        list(Figure.objects.values_list("version", "updated_at")),
    )
    assert before == after


@pytest.mark.django_db
def test_export_of_an_unknown_resolution_exits_1():
    with pytest.raises(CommandError) as caught:
        call_command("bundle", "export", "99-NQ/TW")
    assert caught.value.returncode == 1


@pytest.mark.django_db
def test_an_import_that_changes_the_review_leaves_one_line_in_its_feed_and_a_repeat_none():
    from tongket.reviews.models import Activity

    assert import_bundle(bundle(), source="bundle:a.json").ok
    assert import_bundle(bundle(), source="bundle:a.json").ok
    lines = list(Activity.objects.filter(verb="bundle_imported"))
    assert len(lines) == 1 and "bundle:a.json" in lines[0].summary
