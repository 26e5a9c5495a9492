#!/usr/bin/python3
"""Fills in a workbook of `mera template` with openpyxl (a writer independent of mera's own),
and checks what mera stored from it. Used by tests/cli/sheets.cmake and the service test.

  sheets_fill.py fill TEMPLATE OUT [wrong]   the blood_families values below; `wrong` puts -5
                                             in the cell of `children` (a bound of >= 0)
  sheets_fill.py check MERA DB               the stored values of org01 2023Q1 equal them
  sheets_fill.py drop-sheet IN OUT SHEET     the workbook without one of its sheets
  sheets_fill.py bomb OUT                    a zip whose sheet inflates to 200 MB of zeros
  sheets_fill.py malformed IN OUT            the workbook with its data sheet's XML broken
  sheets_fill.py doctype IN OUT              ... with an entity bomb's document type declaration
  sheets_fill.py sparse IN OUT               ... with a name in column XFD and a value in each of 500 rows
  sheets_fill.py handmade IN OUT             the data sheet written by hand as other programs write cells:
                                             shared strings of rich-text runs (a phonetic run left out),
                                             inline strings, 1.0E1, a formula's cached value, cells
                                             without a reference; org02, 2023Q2, the VALUES
  sheets_fill.py case TEMPLATE OUT UNIT      a record of the case form: dates, enum labels, a yes/no
"""
import json
import re
import subprocess
import sys
import zipfile

VALUES = {
    "families": 10, "children": 20, "by_risk[low]": 5, "by_risk[medium]": 3, "by_risk[high]": 2,
    "new_families": 4, "new_children": 7, "closed": 3, "closed_children": 5, "on_support": 7,
    "children_on_support": 15, "positive": 6, "negative": 2, "reopened": 1, "long_work": 0,
}


def names_row(ws):
    return {cell.value: cell.column for cell in ws[1] if cell.value}


def fill(template, out, wrong):
    import openpyxl
    wb = openpyxl.load_workbook(template)
    ws = wb["Лист1"]
    assert ws.row_dimensions[1].hidden, "the row of names is not hidden"
    assert wb["mera"].sheet_state == "hidden", "the sheet mera is not hidden"
    columns = names_row(ws)
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    unit_list = lists.get(f"{ws.cell(row=3, column=columns['unit']).column_letter}3:{ws.cell(row=3, column=columns['unit']).column_letter}1002")
    assert unit_list and unit_list.strip('"').split(",")[0] == "org01", f"the unit column has no drop-down list of units: {lists}"
    assert ws.cell(row=3, column=columns["unit"]).value == "org01", "the unit is not filled in"
    assert re.fullmatch(r"\d{4}Q[1-4]", ws.cell(row=3, column=columns["period"]).value or ""), "the period is not filled in"
    assert ws.cell(row=2, column=columns["families"]).value.startswith("Обслужено семей"), "the label is not the field's"
    for name, value in VALUES.items():
        ws.cell(row=3, column=columns[name]).value = value
    if wrong:
        ws.cell(row=3, column=columns["children"]).value = -5
    wb.save(out)
    if wrong:
        print("children at", ws.cell(row=3, column=columns["children"]).coordinate)


def check(mera, db):
    listing = subprocess.run([mera, "submissions", "--db", db, "--form", "blood_families", "--unit", "org01", "--period", "2023Q1"],
                             capture_output=True, text=True, check=True).stdout
    ids = re.findall(r"^\s*(\d+)\s+blood_families", listing, re.M)
    assert len(ids) == 1, "expected one stored report, got:\n" + listing
    shown = subprocess.run([mera, "submissions", "--db", db, "--id", ids[0]], capture_output=True, text=True, check=True).stdout
    stored = json.loads(re.search(r"^\s*values\s*:?\s*(\{.*\})\s*$", shown, re.M).group(1))
    expected = {}
    for name, value in VALUES.items():
        m = re.fullmatch(r"(\w+)\[(\w+)\]", name)
        if m:
            expected.setdefault(m.group(1), {})[m.group(2)] = value
        else:
            expected[name] = value
    assert stored == expected, f"stored {stored}\nwritten {expected}"
    print("stored values equal the written ones:", len(VALUES))


def drop_sheet(src, out, sheet):
    import openpyxl
    wb = openpyxl.load_workbook(src)
    del wb[sheet]
    wb.save(out)


def bomb(out):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet name="mera" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            block = b"\0" * (1 << 20)
            for _ in range(200):
                f.write(block)


def replace_sheet(src, out, xml):
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as b:
        for item in a.infolist():
            data = xml if item.filename == "xl/worksheets/sheet1.xml" else a.read(item.filename)
            b.writestr(item.filename, data)


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<worksheet><sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>"""


def handmade(src, out):
    import openpyxl
    ws = openpyxl.load_workbook(src)["Лист1"]
    names = [c.value for c in ws[1]]
    first = "".join(f'<c r="{openpyxl.utils.get_column_letter(i + 1)}1" t="inlineStr"><is><t>{n}</t></is></c>' for i, n in enumerate(names))
    cells = ['<c r="A3" t="s"><v>0</v></c>', '<c r="B3" t="inlineStr"><is><r><t>2023</t></r><r><t>Q2</t></r></is></c>']
    for i, name in enumerate(names[2:]):
        value = VALUES[name]
        if name == "families":
            cells.append("<c><v>1.0E1</v></c>")
        elif name == "children":
            cells.append(f"<c><f>C3*2</f><v>{value}</v></c>")
        else:
            cells.append(f"<c><v>{value}</v></c>")
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">' + first + "</row>"
             + '<row r="3">' + "".join(cells) + "</row></sheetData></worksheet>")
    shared = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>org</t></r><r><t>02</t></r>'
              "<rPh><t>not part of it</t></rPh></si></sst>")
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as b:
        for item in a.infolist():
            if item.filename == "xl/sharedStrings.xml":
                continue
            b.writestr(item.filename, sheet if item.filename == "xl/worksheets/sheet1.xml" else a.read(item.filename))
        b.writestr("xl/sharedStrings.xml", shared)


def case(template, out, unit):
    import datetime
    import openpyxl
    wb = openpyxl.load_workbook(template)
    ws, meta = wb["Лист1"], wb["mera"]
    columns = names_row(ws)
    validations = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}

    def first_choice(name):  # a drop-down's first choice, or the first of the hidden column a long list is checked against
        dv = validations[ws.cell(row=3, column=columns[name]).column_letter + "3"]
        if dv.type == "list":
            return dv.formula1.strip('"').split(",")[0]
        assert dv.type == "custom" and dv.formula1.startswith("COUNTIF(mera!"), dv.formula1
        return meta[dv.formula1.split("!")[1].split(":")[0].replace("$", "")].value

    ws.cell(row=3, column=columns["unit"]).value = unit
    ws.cell(row=3, column=columns["family_id"]).value = "F-001"
    ws.cell(row=3, column=columns["opened"]).value = datetime.date(2021, 3, 1)
    ws.cell(row=3, column=columns["situation"]).value = first_choice("situation")
    ws.cell(row=3, column=columns["children"]).value = 2
    ws.cell(row=3, column=columns["closed"]).value = datetime.datetime(2021, 9, 30)
    ws.cell(row=3, column=columns["outcome"]).value = first_choice("outcome")
    ws.cell(row=3, column=columns["safe"]).value = True
    ws.cell(row=3, column=columns["children_improved"]).value = 1
    wb.save(out)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "fill":
        fill(sys.argv[2], sys.argv[3], len(sys.argv) > 4 and sys.argv[4] == "wrong")
    elif mode == "check":
        check(sys.argv[2], sys.argv[3])
    elif mode == "drop-sheet":
        drop_sheet(sys.argv[2], sys.argv[3], sys.argv[4])
    elif mode == "malformed":
        replace_sheet(sys.argv[2], sys.argv[3], "<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>")
    elif mode == "doctype":
        replace_sheet(sys.argv[2], sys.argv[3], LAUGHS)
    elif mode == "sparse":
        rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>org01</t></is></c></row>' for r in range(3, 503))
        replace_sheet(sys.argv[2], sys.argv[3], '<worksheet><sheetData><row r="1"><c r="XFD1" t="inlineStr"><is><t>unit</t></is></c></row>'
                      + rows + "</sheetData></worksheet>")
    elif mode == "handmade":
        handmade(sys.argv[2], sys.argv[3])
    elif mode == "case":
        case(sys.argv[2], sys.argv[3], sys.argv[4])
    elif mode == "bomb":
        bomb(sys.argv[2])
