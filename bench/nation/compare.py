#!/usr/bin/env python3
"""Compares mera's indicator values with the SQL yardstick's, value by value.

    python3 bench/nation/compare.py MERA_CSV SQL_CSV [--tolerance 1e-9] [--show 20]

Both files are CSV with a header naming at least `unit,period,indicator,value` (mera's CSV may
have more columns: `display`, `reason`, ...). MERA_CSV may be several `mera eval` outputs
concatenated (a repeated header line is skipped). Rows are matched by (unit, period, indicator);
two values agree when both are empty ("no value") or both are numbers within the relative
tolerance. Prints a summary and the first disagreements; exit 0 when everything agrees, 1
otherwise.
"""
import argparse
import collections
import csv
import math
import sys


def read(path):
    """(unit, period, indicator) -> row dict; later duplicates are reported, not merged."""
    rows, duplicates, header = {}, [], None
    with open(path, newline="", encoding="utf-8") as f:
        for record in csv.reader(f):
            if not record:
                continue
            if header is None or record == header:
                header = record
                missing = {"unit", "period", "indicator", "value"} - set(header)
                if missing:
                    sys.exit(f"{path}: the header lacks {', '.join(sorted(missing))}: {header}")
                continue
            row = dict(zip(header, record))
            key = (row["unit"], row["period"], row["indicator"])
            if key in rows:
                duplicates.append(key)
            rows[key] = row
    return rows, duplicates


def number(text):
    text = text.strip()
    if text == "":
        return None
    return float(text)


def agree(a, b, tolerance):
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    if math.isnan(a) or math.isnan(b):
        return False
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def describe(row):
    if row is None:
        return "(no row)"
    value = row["value"] if row["value"] != "" else "(no value)"
    why = ": ".join(x for x in (row.get("reason", ""), row.get("detail", "")) if x)
    return f"{value} [{why}]" if why else value


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("mera_csv")
    p.add_argument("sql_csv")
    p.add_argument("--tolerance", type=float, default=1e-9, help="relative")
    p.add_argument("--show", type=int, default=20, help="disagreements printed")
    a = p.parse_args()

    mera, mera_dups = read(a.mera_csv)
    sql, sql_dups = read(a.sql_csv)
    kinds = collections.Counter()
    by_indicator = collections.Counter()
    shown = []
    matched = empty = 0
    for key in sorted(set(mera) | set(sql)):
        m, s = mera.get(key), sql.get(key)
        if m is None or s is None:
            kind = "row only in SQL" if m is None else "row only in mera"
        else:
            try:
                mv, sv = number(m["value"]), number(s["value"])
            except ValueError as e:
                kind, mv, sv = f"not a number ({e})", None, None
            else:
                if agree(mv, sv, a.tolerance):
                    matched += 1
                    empty += mv is None
                    continue
                if mv is None or sv is None:
                    kind = "no value in mera" if mv is None else "no value in SQL"
                else:
                    kind = "different values"
        kinds[kind] += 1
        by_indicator[key[2]] += 1
        if len(shown) < a.show:
            shown.append(f"  {'/'.join(key)}: mera {describe(m)}, SQL {describe(s)}  ({kind})")

    total = len(set(mera) | set(sql))
    print(f"compared {total} (unit, period, indicator): {matched} agree ({empty} of them no value on both sides), "
          f"{total - matched} disagree; tolerance {a.tolerance:g} relative")
    for name, dups in (("mera", mera_dups), ("SQL", sql_dups)):
        if dups:
            print(f"  {name} gave {len(dups)} rows twice, e.g. {'/'.join(dups[0])}")
    if kinds:
        print("  by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
        print("  by indicator: " + ", ".join(f"{k} {n}" for k, n in by_indicator.most_common()))
        print("\n".join(shown))
    return 0 if not kinds and not mera_dups and not sql_dups else 1


if __name__ == "__main__":
    sys.exit(main())
