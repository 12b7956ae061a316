"""Which figures an export carries, read in one query, and the file each format writes."""

from __future__ import annotations

import io
from collections.abc import Iterator

from django.db.models import Q

from tongket.figures.formats import ExportRow, dhis2, sdmx, tcsv, xlsx
from tongket.figures.models import DataRequest, Figure
from tongket.resolutions.models import Indicator, Resolution

FORMATS = ("csv", "xlsx", "dhis2-json", "dhis2-csv", "sdmx-csv")


def resolution_indicator_ids(resolution: Resolution) -> list[int]:
    """Indicators the resolution's targets measure, and those its reviews asked agencies for."""
    requested = DataRequest.indicators.through.objects.filter(
        datarequest__review__resolution=resolution
    ).values_list("indicator_id", flat=True)
    return list(
        Indicator.objects.filter(Q(targets__resolution=resolution) | Q(pk__in=requested))
        .distinct()
        .values_list("pk", flat=True)
    )


def export_rows(resolution: Resolution) -> Iterator[ExportRow]:
    """Every figure of the resolution's indicators, in a stable order, streamed from one query."""
    ids = resolution_indicator_ids(resolution)
    query = (
        Figure.objects.filter(indicator_id__in=ids)
        .order_by("indicator__code", "area__code", "year", "period", "basis")
        .values_list(
            "indicator__code",
            "indicator__name",
            "indicator__unit",
            "area__code",
            "area__name",
            "period",
            "value",
            "basis",
            "comment",
            "citation",
        )
    )
    for row in query.iterator(chunk_size=20_000):
        yield ExportRow(*row)


def write_export(resolution: Resolution, fmt: str, binary_out) -> None:
    """Write the resolution's figures in `fmt` to a binary stream."""
    rows = export_rows(resolution)
    if fmt == "xlsx":
        buffer = io.BytesIO()
        xlsx.write(
            buffer,
            list(rows),
            meta={"resolution": resolution.code},
            instructions=(f"Số liệu của Nghị quyết {resolution.code} xuất từ Tongket",),
            values_editable=False,
        )
        binary_out.write(buffer.getvalue())
        return
    text = io.TextIOWrapper(binary_out, encoding="utf-8", newline="", write_through=True)
    try:
        if fmt == "csv":
            tcsv.write(rows, text)
        elif fmt == "dhis2-json":
            dhis2.write_json(rows, text)
        elif fmt == "dhis2-csv":
            dhis2.write_csv(rows, text)
        elif fmt == "sdmx-csv":
            sdmx.write(rows, text, sdmx.dataflow_for(resolution.code))
        else:  # pragma: no cover - the command's choices prevent it
            raise ValueError(fmt)
        text.flush()
    finally:
        text.detach()
