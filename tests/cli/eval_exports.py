#!/usr/bin/python3
"""Reads the exports of `mera eval` with readers that are not mera's (openpyxl, the csv module)
and checks that they give exactly the numbers of `mera eval --format json`. Used by
tests/cli/eval_exports.cmake.

  eval_exports.py xlsx JSON BOOK       the workbook's value cells equal the JSON's values
  eval_exports.py csv-excel JSON CSV   the CSV for Excel: a BOM, ';', a decimal comma, the same values
"""
import csv
import io
import json
import sys

import openpyxl


def json_values(path, what="value"):
    """{period: {(unit, name): value or None}} of `--format json` (one document or an array);
    what="status": the target's status instead ("met", "missed", "" or None without a target)."""
    doc = json.load(open(path, encoding="utf-8"))
    out = {}
    pick = (lambda j: j["value"]) if what == "value" else (lambda j: j.get("target", {}).get("status"))
    for d in doc if isinstance(doc, list) else [doc]:
        values = out.setdefault(d["period"], {})
        for u in d["units"]:
            for i in u["indicators"]:
                if "categories" in i:
                    for c in i["categories"]:
                        values[(u["unit"], i["name"] + "[" + c["name"] + "]")] = pick(c)
                else:
                    values[(u["unit"], i["name"])] = pick(i)
    return out


FILLS = {"met": "FFC6EFCE", "missed": "FFFFC7CE"}


def check_colours(sheet, statuses):
    """A value that meets its target is green, one that misses it red, any other not filled."""
    rows = list(sheet.iter_rows())
    names = [c.value for c in rows[1]]
    coloured = 0
    for row in rows[3:]:
        for col in range(2, len(names)):
            status = statuses.get((row[0].value, names[col]))
            cell = row[col]
            fill = cell.fill.fgColor.rgb if cell.fill.fill_type else None
            if fill != FILLS.get(status):
                fail(f"{sheet.title}!{cell.coordinate}: fill {fill}, the JSON's status {status!r}")
            coloured += fill is not None
    return coloured


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def same(where, got, want, digits=None):
    """`digits`: the workbook's numbers are written by libxlsxwriter with 16 significant digits
    (Excel itself keeps 15), so there the JSON's number rounded to 16 digits is what must be read."""
    if want is None:
        if isinstance(got, (int, float)):
            fail(f"{where}: a number {got!r} where JSON has no value")
        return
    expected = float(f"{float(want):.{digits}g}") if digits else float(want)
    if isinstance(got, bool) or not isinstance(got, (int, float)) or float(got) != expected:
        fail(f"{where}: {got!r}, JSON has {want!r}")


def check_period_sheet(sheet, period, want):
    """Row 1 labels, row 2 names, row 3 targets; then a unit a row (id, name, values)."""
    rows = list(sheet.iter_rows(values_only=True))
    names = rows[1]
    seen = 0
    for row in rows[3:]:
        for col in range(2, len(names)):
            key = (row[0], names[col])
            if key not in want:
                if row[col] is not None:
                    fail(f"{sheet.title}: {key} is not in the JSON")
                continue
            same(f"{sheet.title}!{key}", row[col], want[key], 16)
            seen += 1
    if seen != len(want):
        fail(f"{sheet.title}: {seen} values, the JSON of {period} has {len(want)}")
    return seen


def check_xlsx(json_path, book_path):
    want = json_values(json_path)
    book = openpyxl.load_workbook(book_path)
    periods = list(want)
    sheets = book.worksheets
    if len(periods) > 1:
        series, sheets = sheets[0], sheets[1:]
        rows = list(series.iter_rows(values_only=True))
        if list(rows[0][4:]) != periods:
            fail(f"series columns {rows[0][4:]}, periods {periods}")
        count = 0
        for row in rows[1:]:
            for p, got in zip(periods, row[4:]):
                key = (row[0], row[3])
                if key in want[p]:
                    same(f"series {p} {key}", got, want[p][key], 16)
                    count += 1
        if count != sum(len(v) for v in want.values()):
            fail(f"series: {count} values, the JSON has {sum(len(v) for v in want.values())}")
    if [s.title for s in sheets] != periods:
        fail(f"sheets {[s.title for s in sheets]}, periods {periods}")
    total = sum(check_period_sheet(s, p, want[p]) for s, p in zip(sheets, periods))
    # A value is a number with its indicator's format: a percent shows as one.
    formats = {c.number_format for s in sheets for row in s.iter_rows(min_row=4) for c in row if isinstance(c.value, float)}
    if not any(f.endswith("%") for f in formats):
        fail(f"no percent format among {formats}")
    statuses = json_values(json_path, "status")
    if not sum(check_colours(s, statuses[p]) for s, p in zip(sheets, periods)):
        fail("no status is coloured")
    print(f"ok: {total} values in {len(sheets)} period sheets equal the JSON's")


def check_csv(json_path, csv_path):
    want = json_values(json_path)
    periods = list(want)
    data = open(csv_path, "rb").read()
    if not data.startswith(b"\xef\xbb\xbf"):
        fail("no BOM")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))
    if rows[0][4:4 + len(periods)] != periods:
        fail(f"header {rows[0]}, periods {periods}")
    count = commas = 0
    for row in rows[1:]:
        for p, text in zip(periods, row[4:4 + len(periods)]):
            key = (row[0], row[3])
            if key not in want[p]:
                continue
            count += 1
            if "." in text:
                fail(f"{key} {p}: a decimal point in {text!r}")
            commas += "," in text
            try:
                got = float(text.replace(",", "."))
            except ValueError:
                got = text  # the words of an empty value
            same(f"{p} {key}", got, want[p][key])
    if count != sum(len(v) for v in want.values()):
        fail(f"{count} values, the JSON has {sum(len(v) for v in want.values())}")
    if not commas:
        fail("no decimal comma anywhere")
    print(f"ok: {count} values equal the JSON's")


if __name__ == "__main__":
    {"xlsx": check_xlsx, "csv-excel": check_csv}[sys.argv[1]](*sys.argv[2:])
