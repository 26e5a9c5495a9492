#!/usr/bin/python3
"""Changes one value of a report exported by `mera submissions --format json|csv|xlsx`, with
writers that are not mera's (json, csv, openpyxl), and checks what mera stored from the
correction. Used by tests/cli/submissions_export.cmake.

  submissions_fix.py edit FORMAT IN OUT FIELD VALUE   the one report of IN with FIELD set to VALUE
  submissions_fix.py check DB FORM UNIT PERIOD FIELD VALUE [CALCULATED...]
      the current version of the report (read with sqlite3) holds VALUE in FIELD, and every other
      value equals the version before it (but the calculated fields, which the form computes again)
"""
import csv
import io
import json
import sqlite3
import sys


def edit_json(src, out, field, value):
    lines = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
    assert len(lines) == 1, f"{len(lines)} reports exported, 1 expected"
    assert set(lines[0]) <= {"form", "unit", "period", "record", "values"}, lines[0]
    lines[0]["values"][field] = value
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps(lines[0], ensure_ascii=False) + "\n")


def edit_csv(src, out, field, value):
    rows = list(csv.reader(open(src, encoding="utf-8", newline="")))
    assert len(rows) == 2, f"{len(rows) - 1} reports exported, 1 expected"
    assert rows[0][:2] == ["form", "unit"], rows[0]
    rows[1][rows[0].index(field)] = str(value)
    with open(out, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def edit_xlsx(src, out, field, value):
    import openpyxl
    wb = openpyxl.load_workbook(src)
    assert "mera" in wb.sheetnames and wb["mera"].sheet_state == "hidden", wb.sheetnames
    ws = wb["Лист1"]
    names = {cell.value: cell.column for cell in ws[1] if cell.value}
    assert ws.max_row == 3, f"{ws.max_row - 2} rows of reports, 1 expected"
    cell = ws.cell(row=3, column=names[field])
    assert isinstance(cell.value, (int, float)), f"{field} is {cell.value!r}, not a number"
    for name, column in names.items():  # every number a number, not text
        v = ws.cell(row=3, column=column).value
        assert name in ("unit", "period") or v is None or not isinstance(v, str) or not v.strip().lstrip("-").isdigit(), (name, v)
    cell.value = value
    wb.save(out)


def check(db, form, unit, period, field, value, calculated):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT version, values_json FROM submissions WHERE form = ? AND unit = ? AND period = ? ORDER BY version",
                       (form, unit, period)).fetchall()
    assert len(rows) >= 2, f"{len(rows)} versions of {form} {unit} {period}"
    (old_version, old), (new_version, new) = [(v, json.loads(j)) for v, j in rows[-2:]]
    assert new_version == old_version + 1
    assert new[field] == value, f"{field}: {new[field]!r}, {value!r} expected"
    for name in [field, *calculated]:
        old.pop(name, None)
        new.pop(name, None)
    assert old == new, f"other values changed:\nbefore {old}\nafter  {new}"
    print(f"{form} {unit} {period}: version {new_version}, {field} = {value}, the rest unchanged")


def main(argv):
    if argv[1] == "edit":
        fmt, src, out, field, value = argv[2:7]
        {"json": edit_json, "csv": edit_csv, "xlsx": edit_xlsx}[fmt](src, out, field, int(value))
    elif argv[1] == "check":
        check(argv[2], argv[3], argv[4], argv[5], argv[6], int(argv[7]), argv[8:])
    else:
        sys.exit(f"unknown command {argv[1]}")


main(sys.argv)
