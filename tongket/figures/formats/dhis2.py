"""DHIS2 dataValueSets, JSON and CSV, with data elements and org units by code (`idScheme=CODE`).

DHIS2 has no place for a figure's basis: its files carry official figures. Rows whose category or
attribute option combo is not the default one are refused. Pure Python.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from tongket.figures.formats.rows import (
    ExportRow,
    FigureRow,
    Problems,
    decode_text,
    escape_text,
    finite_number,
    format_plain,
    plain_number,
    refuse,
    unescape_text,
)

# The default combo: its code under idScheme=CODE, its well-known UID otherwise.
DEFAULT_COMBOS = {"", "default", "HllvX50cXC0"}
CSV_HEADER = (
    "dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo",
    "value", "storedby", "lastupdated", "comment", "followup",
)  # fmt: skip
_CSV_ALIASES = {"catoptcombo": "categoryoptioncombo", "attroptcombo": "attributeoptioncombo"}


def looks_like_json(start: str) -> bool:
    """Whether a JSON text is a dataValueSet."""
    return start.lstrip("\ufeff \r\n\t").startswith("{") and "dataValues" in start


def looks_like_csv(start: str) -> bool:
    """Whether a CSV text is a DHIS2 data value CSV (header with dataelement)."""
    return (
        start.lstrip("\ufeff")
        .split("\n", 1)[0]
        .strip()
        .lower()
        .replace('"', "")
        .startswith("dataelement")
    )


def _reject_constant(name: str) -> float:
    raise ValueError(f"'{name}' không phải là một số hữu hạn")


def _text(item: dict, key: str, default: str = "") -> str:
    value = item.get(key, default)
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"trường '{key}' phải là chuỗi")


def read_json(data: bytes) -> list[FigureRow]:
    """Read a dataValueSet JSON file, or refuse it naming the JSON path of each problem."""
    text = decode_text(data)
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise refuse("JSON lồng nhau quá sâu") from None
    except ValueError as exc:
        where = f"dòng {exc.lineno}, cột {exc.colno}" if hasattr(exc, "lineno") else ""
        raise refuse(f"JSON không hợp lệ ({getattr(exc, 'msg', exc)})", where) from None
    if not isinstance(document, dict) or not isinstance(document.get("dataValues"), list):
        raise refuse("cần một đối tượng JSON có mảng 'dataValues' (dataValueSets của DHIS2)", "$")
    try:
        top_period = _text(document, "period")
        top_unit = _text(document, "orgUnit")
        top_attr = _text(document, "attributeOptionCombo")
    except ValueError as exc:
        raise refuse(str(exc), "$") from None
    problems = Problems()
    rows: list[FigureRow] = []
    for number, item in enumerate(document["dataValues"]):
        where = f"$.dataValues[{number}]"
        if not isinstance(item, dict):
            problems.add(where, "phải là một đối tượng")
            continue
        try:
            element = _text(item, "dataElement")
            period = _text(item, "period", top_period)
            unit = _text(item, "orgUnit", top_unit)
            combo = _text(item, "categoryOptionCombo")
            attribute = _text(item, "attributeOptionCombo", top_attr)
            comment = _text(item, "comment")
        except ValueError as exc:
            problems.add(where, str(exc))
            continue
        missing = [
            k for k, v in (("dataElement", element), ("period", period), ("orgUnit", unit)) if not v
        ]
        if missing:
            problems.add(where, "thiếu " + ", ".join(missing))
            continue
        if combo not in DEFAULT_COMBOS or attribute not in DEFAULT_COMBOS:
            problems.add(
                where,
                "chỉ nhận tổ hợp danh mục mặc định (categoryOptionCombo/attributeOptionCombo 'default'), "
                f"không nhận '{(combo if combo not in DEFAULT_COMBOS else attribute)[:40]}'",
            )
            continue
        if item.get("deleted") is True:
            problems.add(where, "không nhận giá trị đã xóa (deleted)")
            continue
        raw = item.get("value")
        try:
            value = plain_number(raw) if isinstance(raw, str) else finite_number(raw)
        except ValueError as exc:
            problems.add(where + ".value", str(exc))
            continue
        rows.append(
            FigureRow(
                element,
                unit,
                period,
                value,
                "official",
                unescape_text(comment),
                None,
                None,
                None,
                where,
            )
        )
    problems.raise_if_any()
    if not rows:
        raise refuse("tệp không có giá trị nào", "$.dataValues")
    return rows


def read_csv(data: bytes) -> list[FigureRow]:
    """Read a DHIS2 data value CSV (with its header), or refuse it naming each row."""
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [_CSV_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in next(reader)]
    except (csv.Error, StopIteration):
        raise refuse("thiếu dòng tiêu đề DHIS2 (dataelement,period,orgunit,…)", "dòng 1") from None
    needed = ("dataelement", "period", "orgunit", "value")
    if any(name not in header for name in needed):
        raise refuse("tiêu đề cần các cột " + ",".join(needed), "dòng 1")
    col = {name: header.index(name) for name in header if name}
    problems = Problems()
    rows: list[FigureRow] = []
    try:
        for record in reader:
            line = reader.line_num
            where = f"dòng {line}"
            if not record or (len(record) == 1 and not record[0].strip()):
                continue
            if len(record) != len(header):
                problems.add(where, f"có {len(record)} cột, cần {len(header)}")
                continue

            def get(name: str, record: list[str] = record) -> str:
                return record[col[name]].strip() if name in col else ""

            combos = (get("categoryoptioncombo"), get("attributeoptioncombo"))
            if any(c not in DEFAULT_COMBOS for c in combos):
                problems.add(where, "chỉ nhận tổ hợp danh mục mặc định ('default')")
                continue
            try:
                value = plain_number(get("value"))
            except ValueError as exc:
                problems.add(where, f"cột value: {exc}")
                continue
            comment = record[col["comment"]] if "comment" in col else ""
            rows.append(
                FigureRow(
                    get("dataelement"),
                    get("orgunit"),
                    get("period"),
                    value,
                    "official",
                    unescape_text(comment),
                    None,
                    None,
                    None,
                    where,
                )
            )
    except csv.Error as exc:
        problems.add(f"dòng {reader.line_num}", f"CSV không hợp lệ ({exc})")
    problems.raise_if_any()
    if not rows:
        raise refuse("tệp không có giá trị nào", "dòng 2")
    return rows


def write_json(rows: Iterable[ExportRow], out: io.TextIOBase, data_set: str = "") -> None:
    """A dataValueSet JSON (idScheme=CODE) of the official figures."""
    values = []
    for row in rows:
        if row.basis != "official":
            continue
        item = {
            "dataElement": row.indicator,
            "period": row.period,
            "orgUnit": row.area,
            "categoryOptionCombo": "default",
            "attributeOptionCombo": "default",
            "value": format_plain(row.value),
        }
        if row.comment:
            item["comment"] = escape_text(row.comment)
        values.append(item)
    document = {"dataSet": data_set, "dataValues": values} if data_set else {"dataValues": values}
    json.dump(document, out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_csv(rows: Iterable[ExportRow], out: io.TextIOBase) -> None:
    """A DHIS2 data value CSV (idScheme=CODE) of the official figures."""
    writer = csv.writer(
        out, lineterminator="\r\n"
    )  # RFC 4180; also makes the writer quote a lone \r
    writer.writerow(CSV_HEADER)
    for row in rows:
        if row.basis != "official":
            continue
        writer.writerow(
            (row.indicator, row.period, row.area, "default", "default", format_plain(row.value),
             "", "", escape_text(row.comment), "false")
        )  # fmt: skip
