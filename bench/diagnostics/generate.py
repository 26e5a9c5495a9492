#!/usr/bin/env python3
"""Writes the four inputs of the diagnostics benchmark (issue 13, item 5) into a folder.

Each is a file whose diagnostics used to cost as much as their line is long:
  repeated.json   one line: a JSON array of N copies of one report (every copy after the first
                  is a repeat, so N - 1 diagnostics on one long line)
  columns.csv     a CSV whose header has M unknown columns (one diagnostic per column)
  long_line.json  one line of about S MB: many good reports and one bad one in the middle
  long_unit.json  one report whose unit id is U MB long (no such unit: "did you mean")
Sizes come from the environment (REPEATS, COLUMNS, LINE_MB, UNIT_MB); the defaults are those of
the issue. Standard library only; the output is the same on every run.
"""
import json
import os
import sys


def report(i, unit="org01"):
    return {"form": "case", "unit": unit,
            "values": {"case_id": f"C{i:07d}", "opened": "2021-03-18", "closed": "2021-08-19",
                       "children": 2, "level": "low", "safe": True}}


def repeated(path, n):
    one = json.dumps(report(0), ensure_ascii=False, separators=(",", ":"))
    with open(path, "w", encoding="utf-8") as f:
        f.write("[" + ",".join([one] * n) + "]\n")


def columns(path, m):
    names = ["form", "unit", "case_id", "opened"] + [f"unknown{i}" for i in range(m)]
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(names) + "\n")
        f.write(",".join(["case", "org01", "C0000001", "2021-03-18"] + [""] * m) + "\n")


def long_line(path, megabytes):
    parts, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        r = report(i)
        if i == 300_000:  # one bad record, far from the start of the line
            r["values"]["children"] = 0
        text = json.dumps(r, ensure_ascii=False, separators=(",", ":"))
        parts.append(text)
        size += len(text) + 1
        i += 1
    if i <= 300_000:  # a small run: the bad record is the middle one
        bad = json.loads(parts[len(parts) // 2])
        bad["values"]["children"] = 0
        parts[len(parts) // 2] = json.dumps(bad, ensure_ascii=False, separators=(",", ":"))
    with open(path, "w", encoding="utf-8") as f:
        f.write("[" + ",".join(parts) + "]\n")


def long_unit(path, megabytes):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps([report(0, "org" + "x" * (megabytes * 1_000_000))], separators=(",", ":")) + "\n")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    env = os.environ.get
    repeated(os.path.join(out, "repeated.json"), int(env("REPEATS", "3000")))
    columns(os.path.join(out, "columns.csv"), int(env("COLUMNS", "100000")))
    long_line(os.path.join(out, "long_line.json"), int(env("LINE_MB", "100")))
    long_unit(os.path.join(out, "long_unit.json"), int(env("UNIT_MB", "50")))


if __name__ == "__main__":
    main()
