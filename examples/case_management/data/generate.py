#!/usr/bin/env python3
"""Sample case records of the case_management example, generated deterministically.

    python3 examples/case_management/data/generate.py

Generates the register of the practice "Помощь семьям в сложной жизненной ситуации"
(shared/seeds/003_*.txt): one record of the form `case` (examples/case_management/case.mera)
per family, each kept by a case manager of examples/case_management/units.csv, from 2018
(when the register begins: cases opened earlier are entered in its first days) to the end of
2021. A record is first submitted when the case is opened; the case manager corrects it
when parental rights are restored and when the case is closed. Each such version goes into
the file of the year it was submitted:

    YYYY_1_new.jsonl      first versions of the records submitted in YYYY
    YYYY_2_updates.jsonl  corrections submitted in YYYY ("correction": true): rights
                          restored, case closed

so that `mera submit data/*.jsonl` loads them in order (every record is submitted before
it is corrected, and no file holds one record twice).

Before writing anything the generator asserts that the last versions of the records give
exactly the table of section 4 of the seed for 2019, 2020 and 2021: cases closed in the
year, families and children living safely in the birth family, children whose quality of
life improved, families and children whose parents' rights were restored, and the printed
percentages (cut, not rounded). It also checks every version against the form's rules
(types, bounds, required / when fields and each `check` of case.mera, restated here), that
the form declares every field written, and that no case manager holds more than 15 families
at a time (seed, 2.7). Python 3 standard library only; fixed random seed, so the output is
the same on every run.
"""

import csv
import datetime as dt
import json
import os
import random
import re
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.dirname(HERE)
SEED = 2008                      # the practice was first described in 2008 (seed, 1.3)
START = dt.date(2018, 1, 1)      # the model's `effective`: the register begins
END = dt.date(2021, 12, 31)      # the last day of the sample data
MAX_CASELOAD = 15                # "не более 15 семей на 1 сотрудника" (seed, 2.7)

# Section 4 of the seed: the values published for 2019-2021. `display` is the text of the
# table; its percentages are cut after the digits they show.
PUBLISHED = {
    2019: {"closed": 32, "safe": 26, "children": 81, "safe_children": 65, "improved": 61,
           "rights_families": 2, "rights_children": 2,
           "display": {"safe_families_share": "81", "safe_children_share": "80",
                       "improved_children_share": "75"}},
    2020: {"closed": 31, "safe": 19, "children": 72, "safe_children": 35, "improved": 35,
           "rights_families": 0, "rights_children": 0,
           "display": {"safe_families_share": "61", "safe_children_share": "48",
                       "improved_children_share": "48"}},
    2021: {"closed": 37, "safe": 31, "children": 89, "safe_children": 67, "improved": 61,
           "rights_families": 1, "rights_children": 1,
           "display": {"safe_families_share": "83", "safe_children_share": "75",
                       "improved_children_share": "68,5"}},
}

# 2018 is before the table: its closed cases and its restoration must not count in 2019.
BEFORE = {2018: {"closed": 28, "safe": 22, "children": 70, "safe_children": 53, "improved": 47,
                 "rights_families": 1, "rights_children": 1}}

# Cases still open on 2021-12-31, by the year they were opened. The 2018 one is a "social
# palliative" case (seed, 2.7): support until the child comes of age.
OPEN_AT_END = {2018: 1, 2019: 2, 2020: 9, 2021: 28}

# Closing dates pinned at the edges of the years, so that `closed in period` is tested on
# its boundaries; a case closed on December 31 is corrected in the next year's file.
PINNED_CLOSINGS = [dt.date(2018, 12, 28), dt.date(2019, 1, 9), dt.date(2019, 12, 31),
                   dt.date(2020, 12, 31), dt.date(2021, 1, 11)]

# Parental rights restored: (year of restoration, year the case is closed). The 2019
# restoration of a case closed in 2020 is corrected twice: in 2019, then at closing.
RESTORATIONS = [(2018, 2018), (2019, 2019), (2019, 2020), (2021, 2021)]

# Families who came at a late stage of pregnancy (seed, section 2): no children when the
# case is opened, one at closing. The open one is still waiting.
PREGNANCIES_CLOSED = 3
PREGNANCIES_OPEN = 1


# ======================================================================================
# The model: the fields of the form and the enums, read from the .mera files, so that a
# change there that the generator does not follow stops it.
# ======================================================================================

def read_model():
    with open(os.path.join(MODEL_DIR, "model.mera"), encoding="utf-8") as f:
        model = f.read()
    with open(os.path.join(MODEL_DIR, "case.mera"), encoding="utf-8") as f:
        form = f.read()
    enums = {}
    for m in re.finditer(r'^enum (\w+) "[^"]*" \{(.*?)\}', model, re.M | re.S):
        enums[m.group(1)] = re.findall(r'^\s*(\w+) "', m.group(2), re.M)
    fields = {}
    for m in re.finditer(r"^\s*field (\w+)\s+(\w+)([^\n]*)$", form, re.M):
        rest = re.sub(r'"[^"]*"', "", m.group(3))
        fields[m.group(1)] = {"type": m.group(2), "calculated": re.search(r"(^|\s)=\s", rest) is not None,
                              "required": "required" in rest.split()}
    assert re.search(r"record per family_id", form), "the form is not kept one record per family_id"
    return enums, fields


def read_units():
    with open(os.path.join(MODEL_DIR, "units.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    managers = {}
    for r in rows:
        if r["level"] == "manager":
            managers[r["id"]] = (dt.date.fromisoformat(r["from"]),
                                 dt.date.fromisoformat(r["to"]) if r["to"] else dt.date.max)
    return managers


# ======================================================================================
# Dates
# ======================================================================================

def day_off(d):
    return d.weekday() >= 5 or (d.month == 1 and d.day <= 8)   # weekends, New Year holidays


def working_on_or_after(d):
    while day_off(d):
        d += dt.timedelta(days=1)
    return d


def working_on_or_before(d):
    while day_off(d):
        d -= dt.timedelta(days=1)
    return d


def random_working_day(rng, first, last):
    while True:
        d = first + dt.timedelta(days=rng.randint(0, (last - first).days))
        if not day_off(d):
            return d


def report_day(rng, d):
    """The day a report on an event of day d is submitted: 1-7 days later, a working day."""
    return working_on_or_after(d + dt.timedelta(days=rng.randint(1, 7)))


# ======================================================================================
# Cases
# ======================================================================================

class Case:
    def __init__(self):
        self.opened = None
        self.closed = None
        self.situation = "threat"
        self.children = 0
        self.children_at_opening = None     # 0 for a family waiting for its first child
        self.safe = None
        self.outcome = None
        self.improved = None
        self.restored = None
        self.rights_children = None
        self.family_id = None
        self.manager = None
        self.versions = []                  # (submitted_at, values)


def partition(rng, total, parts, low=1, high=6):
    """`parts` family sizes in [low, high] adding up to `total`: mostly small families."""
    assert parts * low <= total <= parts * high, (total, parts)
    sizes = [low] * parts
    for _ in range(total - parts * low):
        weights = [0 if s >= high else 1.0 / s ** 0.8 for s in sizes]
        i = rng.choices(range(parts), weights=weights)[0]
        sizes[i] += 1
    rng.shuffle(sizes)
    return sizes


def closed_in_year(rng, year, t):
    """The cases closed in `year` with exactly the target counts t."""
    n, s = t["closed"], t["safe"]
    pinned = [d for d in PINNED_CLOSINGS if d.year == year]
    days = pinned + [random_working_day(rng, dt.date(year, 1, 9), dt.date(year, 12, 30))
                     for _ in range(n - len(pinned))]
    rng.shuffle(days)
    safe_sizes = partition(rng, t["safe_children"], s)
    unsafe_sizes = partition(rng, t["children"] - t["safe_children"], n - s)
    improved = list(safe_sizes)
    for _ in range(t["safe_children"] - t["improved"]):   # children with no improvement
        i = rng.choice([k for k in range(s) if improved[k] > 0])
        improved[i] -= 1
    cases = []
    for k in range(n):
        c = Case()
        c.closed = days[k]
        c.safe = k < s
        c.children = safe_sizes[k] if c.safe else unsafe_sizes[k - s]
        c.improved = improved[k] if c.safe else 0
        if c.safe:
            c.outcome = "achieved" if rng.random() < 0.85 else "transferred"
        else:
            c.outcome = "placed_out" if rng.random() < 0.7 else "refused"
        c.situation = rng.choices(["threat", "placed", "rights"], weights=[66, 24, 10])[0]
        # Months of work: no fixed time frame (seed, 1.5), mostly half a year to a year and a half.
        length = int(rng.triangular(95, 820, 300))
        c.opened = working_on_or_before(c.closed - dt.timedelta(days=length))
        cases.append(c)
    return cases


def open_at_end(rng):
    cases = []
    for year, n in OPEN_AT_END.items():
        last = dt.date(year, 12, 20)
        for _ in range(n):
            c = Case()
            c.opened = random_working_day(rng, dt.date(year, 1, 9), last)
            c.children = partition(rng, rng.choice([1, 1, 2, 2, 2, 3, 3, 4, 5]), 1)[0]
            c.situation = rng.choices(["threat", "placed", "rights"], weights=[66, 24, 10])[0]
            cases.append(c)
    return cases


def restore_rights(rng, cases):
    """Pick a safe closed case per RESTORATIONS entry; its parents' rights are restored."""
    taken = set()
    for year, closing_year in RESTORATIONS:
        lo, hi = dt.date(year, 1, 9), dt.date(year, 12, 20)
        fits = [c for c in cases if c.closed and c.closed.year == closing_year and c.safe
                and id(c) not in taken and c.children_at_opening is None
                and max(lo, c.opened + dt.timedelta(days=60)) <= min(hi, c.closed - dt.timedelta(days=20))
                and (closing_year == year or c.closed >= dt.date(closing_year, 2, 1))]
        assert fits, (year, closing_year)
        c = rng.choice(fits)
        taken.add(id(c))
        c.situation = "rights"
        c.rights_children = 1
        c.restored = random_working_day(rng, max(lo, c.opened + dt.timedelta(days=60)),
                                        min(hi, c.closed - dt.timedelta(days=20)))
    # Other families whose parents are deprived of their rights: not restored (yet).
    for c in cases:
        if c.situation == "rights" and id(c) not in taken:
            c.restored = None


def waiting_families(rng, cases):
    closed = [c for c in cases if c.closed and c.children == 1 and c.situation == "threat"
              and c.opened >= START and c.restored is None]
    for c in rng.sample(closed, PREGNANCIES_CLOSED):
        c.children_at_opening = 0
    still_open = [c for c in cases if c.closed is None and c.children == 1 and c.situation == "threat"
                  and c.opened >= dt.date(2021, 7, 1)]
    for c in rng.sample(still_open, PREGNANCIES_OPEN):
        c.children_at_opening = 0
        c.children = 0


def number_families(cases):
    by_year = {}
    for c in sorted(cases, key=lambda c: c.opened):
        by_year[c.opened.year] = by_year.get(c.opened.year, 0) + 1
        c.family_id = f"С-{c.opened.year}-{by_year[c.opened.year]:03d}"   # «С» for «семья»


# ---- versions of each record ---------------------------------------------------------

def values(c, closed, restored):
    """The record as the case manager submits it: fields in the form's order, no nulls."""
    v = {"family_id": c.family_id, "opened": c.opened.isoformat(), "situation": c.situation,
         "children": c.children if closed or c.children_at_opening is None else c.children_at_opening}
    if restored:
        v["rights_restored"] = c.restored.isoformat()
        v["rights_children"] = c.rights_children
    if closed:
        v["closed"] = c.closed.isoformat()
        v["outcome"] = c.outcome
        v["safe"] = c.safe
        v["children_improved"] = c.improved
    return v


def make_versions(rng, c):
    entry = report_day(rng, c.opened) if c.opened >= START else \
        working_on_or_after(dt.date(2018, 1, 9) + dt.timedelta(days=rng.randint(0, 6)))
    c.versions = [(entry, values(c, False, False))]
    if c.restored and c.closed and c.restored.year < c.closed.year:
        c.versions.append((report_day(rng, c.restored), values(c, False, True)))
    if c.closed:
        c.versions.append((report_day(rng, c.closed), values(c, True, c.restored is not None)))
    days = [d for d, _ in c.versions]
    assert days == sorted(days) and len(set(days)) == len(days), (c.family_id, days)
    assert all(d <= dt.date(2022, 1, 31) for d in days), (c.family_id, days)


def active_span(c):
    return max(c.opened, START), (c.closed or END)


def assign_managers(rng, cases, managers):
    """Each case to a manager who is in the unit tree on every day a version is submitted,
    the least loaded one on the day the case is entered; at most MAX_CASELOAD at a time."""
    for c in sorted(cases, key=lambda c: c.versions[0][0]):
        # An open case stays with its manager to the end of the data: a manager who leaves
        # closes every case first (a case handed over would be a new record of another unit).
        first, last = c.versions[0][0], (c.versions[-1][0] if c.closed else END)
        fits = [m for m, (a, b) in sorted(managers.items()) if a <= first and last <= b]
        assert fits, c.family_id

        def load(m):
            return sum(1 for o in cases if o.manager == m and active_span(o)[0] <= first <= active_span(o)[1])
        c.manager = min(fits, key=lambda m: (load(m), rng.random()))
    for m in managers:
        mine = [c for c in cases if c.manager == m]
        for c in mine:
            day = active_span(c)[0]
            held = sum(1 for o in mine if active_span(o)[0] <= day <= active_span(o)[1])
            assert held <= MAX_CASELOAD, (m, day.isoformat(), held)


# ======================================================================================
# The form's rules, as case.mera states them
# ======================================================================================

def validate(v, enums, fields):
    errs = []
    for name in v:
        if name not in fields or fields[name]["calculated"]:
            errs.append(f"no submitted field {name} in case.mera")
    for name, f in fields.items():
        if f["required"] and not f["calculated"] and name not in v and name not in (
                "rights_children", "outcome", "safe", "children_improved"):
            errs.append(f"required {name} missing")
    date = lambda k: dt.date.fromisoformat(v[k]) if k in v else None
    opened, closed, restored = date("opened"), date("closed"), date("rights_restored")
    if v["situation"] not in enums["entry"]:
        errs.append("situation")
    if not isinstance(v["children"], int) or v["children"] < 0:
        errs.append("children >= 0")
    # required when / when
    if ("rights_restored" in v) and v["situation"] != "rights":
        errs.append("rights_restored when situation == entry.rights")
    if ("rights_children" in v) != (restored is not None):
        errs.append("rights_children required when rights_restored != null")
    for k in ("outcome", "safe", "children_improved"):
        if (k in v) != (closed is not None):
            errs.append(f"{k} required when closed != null")
    if "outcome" in v and v["outcome"] not in enums["closure"]:
        errs.append("outcome")
    if "safe" in v and not isinstance(v["safe"], bool):
        errs.append("safe is bool")
    if "rights_children" in v and v["rights_children"] < 1:
        errs.append("rights_children >= 1")
    if "children_improved" in v and v["children_improved"] < 0:
        errs.append("children_improved >= 0")
    # checks
    if closed and closed < opened:
        errs.append("closed >= opened")
    if closed and v["children"] < 1:
        errs.append("closed == null or children >= 1")
    if "children_improved" in v and v["children_improved"] > v["children"]:
        errs.append("children_improved <= children")
    if v.get("outcome") == "placed_out" and v.get("safe") is not False:
        errs.append("outcome != closure.placed_out or safe == false")
    if restored and restored < opened:
        errs.append("rights_restored >= opened")
    if restored and closed and restored > closed:
        errs.append("rights_restored <= closed")
    if "rights_children" in v and v["rights_children"] > v["children"]:
        errs.append("rights_children <= children")
    return errs


# ======================================================================================
# The indicators of indicators.mera, over the last version of every record
# ======================================================================================

def in_year(text, year):
    return text is not None and text.startswith(f"{year}-")


def indicators(records, year):
    closed = [v for v in records if in_year(v.get("closed"), year)]
    safe = [v for v in closed if v["safe"]]
    restored = [v for v in records if in_year(v.get("rights_restored"), year)]
    days = [(dt.date.fromisoformat(v["closed"]) - dt.date.fromisoformat(v["opened"])).days for v in closed]
    ratio = lambda a, b: Fraction(a, b) if b else None
    out = {
        "cases_opened": (sum(1 for v in records if in_year(v["opened"], year)), None),
        "cases_closed": (len(closed), None),
        "children_closed": (sum(v["children"] for v in closed), None),
        "average_duration": (ratio(sum(days), len(days)), (sum(days), len(days))),
        "safe_families": (len(safe), None),
        "safe_families_share": (ratio(len(safe), len(closed)), (len(safe), len(closed))),
        "safe_children": (sum(v["children"] for v in safe), None),
        "safe_children_share": (ratio(sum(v["children"] for v in safe), sum(v["children"] for v in closed)),
                                (sum(v["children"] for v in safe), sum(v["children"] for v in closed))),
        "improved_children": (sum(v["children_improved"] for v in closed), None),
        "improved_children_share": (ratio(sum(v["children_improved"] for v in closed), sum(v["children"] for v in closed)),
                                    (sum(v["children_improved"] for v in closed), sum(v["children"] for v in closed))),
        "rights_restored_families": (len(restored), None),
        "rights_restored_children": (sum(v["rights_children"] for v in restored), None),
    }
    return out


def cut_percent(x, digits):
    """A share printed as the table prints it: percent, cut (not rounded) after `digits`."""
    scaled = x * 100 * 10 ** digits
    whole = scaled.numerator // scaled.denominator
    text = str(whole)
    if digits:
        text = text[:-digits] + "," + text[-digits:]
    return text


def check_published(records):
    for year, t in PUBLISHED.items():
        got = indicators(records, year)
        want = {"cases_closed": t["closed"], "safe_families": t["safe"], "children_closed": t["children"],
                "safe_children": t["safe_children"], "improved_children": t["improved"],
                "rights_restored_families": t["rights_families"], "rights_restored_children": t["rights_children"]}
        for name, value in want.items():
            assert got[name][0] == value, (year, name, got[name][0], value)
        for name, text in t["display"].items():
            digits = len(text.split(",")[1]) if "," in text else 0
            assert cut_percent(got[name][0], digits) == text, (year, name, got[name][0], text)
        assert got["safe_families_share"][1] == (t["safe"], t["closed"])
        assert got["safe_children_share"][1] == (t["safe_children"], t["children"])
        assert got["improved_children_share"][1] == (t["improved"], t["children"])


# ======================================================================================
# Output
# ======================================================================================

def jline(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write(path, data):
    full = os.path.join(HERE, path)
    with open(full, "w", encoding="utf-8", newline="") as f:
        f.write(data)


def submission(c, n):
    day, v = c.versions[n]
    sub = {"form": "case", "unit": c.manager, "record": c.family_id, "submitted_at": day.isoformat()}
    if n > 0:
        sub["correction"] = True
    sub["values"] = v
    return day, sub


def main():
    rng = random.Random(SEED)
    enums, fields = read_model()
    managers = read_units()

    cases = []
    for year, t in list(BEFORE.items()) + list(PUBLISHED.items()):
        cases += closed_in_year(rng, year, t)
    cases += open_at_end(rng)
    restore_rights(rng, cases)
    waiting_families(rng, cases)
    number_families(cases)
    for c in cases:
        make_versions(rng, c)
    assign_managers(rng, cases, managers)

    # ---- every version obeys the form ----
    for c in cases:
        for _, v in c.versions:
            errs = validate(v, enums, fields)
            assert not errs, (c.family_id, errs, v)
    ids = [c.family_id for c in cases]
    assert len(set(ids)) == len(ids)

    # ---- the published table, from the last versions ----
    records = [c.versions[-1][1] for c in cases]
    check_published(records)
    for year, t in BEFORE.items():
        assert indicators(records, year)["cases_closed"][0] == t["closed"]
        assert indicators(records, year)["rights_restored_families"][0] == t["rights_families"]

    # ---- plausibility: what the sample is meant to exercise ----
    assert any(c.closed and c.closed.year < 2019 for c in cases), "no case closed before 2019"
    assert any(c.opened < START for c in cases), "no case opened before the register began"
    assert sum(1 for c in cases if c.closed is None) == sum(OPEN_AT_END.values())
    assert any(c.closed is None and c.opened.year == 2018 for c in cases)
    for c in cases:
        if c.closed:
            assert 90 <= (c.closed - c.opened).days <= 900, (c.family_id, c.opened, c.closed)
    crossing = [c for c in cases if c.closed and c.versions[-1][0].year > c.closed.year]
    assert {c.closed for c in crossing} >= {dt.date(2019, 12, 31), dt.date(2020, 12, 31)}, crossing
    assert any(len(c.versions) == 3 for c in cases), "no record corrected twice"
    assert any(c.children_at_opening == 0 and c.closed for c in cases)
    left = [m for m, (_, b) in managers.items() if b != dt.date.max]
    assert left and all(any(c.manager == m for c in cases) for m in managers)
    for m in left:
        assert all(c.closed and c.versions[-1][0] <= managers[m][1] for c in cases if c.manager == m), m

    # ---- write: one file per year and kind of version ----
    files = {}
    for c in cases:
        for n in range(len(c.versions)):
            day, sub = submission(c, n)
            name = f"{day.year}_{'1_new' if n == 0 else '2_updates'}.jsonl"
            files.setdefault(name, []).append((day, c.family_id, sub))
    for name, subs in files.items():
        keys = [s["record"] for _, _, s in subs]
        assert len(set(keys)) == len(keys), f"{name}: a record twice"
    for old in os.listdir(HERE):
        if old.endswith(".jsonl") and old not in files:
            os.remove(os.path.join(HERE, old))
    for name in sorted(files):
        subs = sorted(files[name], key=lambda x: (x[0], x[1]))
        write(name, "".join(jline(s) + "\n" for _, _, s in subs))

    # ---- summary for the README ----
    for name in sorted(files):
        print(f"{name}: {len(files[name])} submissions")
    print(f"records: {len(cases)}; open on {END}: {sum(1 for c in cases if c.closed is None)}; "
          f"opened before {START}: {sum(1 for c in cases if c.opened < START)}")
    for m, (a, b) in sorted(managers.items()):
        mine = [c for c in cases if c.manager == m]
        peak = max(sum(1 for o in mine if active_span(o)[0] <= active_span(c)[0] <= active_span(o)[1]) for c in mine)
        print(f"{m}: {len(mine)} cases, at most {peak} at a time")
    for year in [*BEFORE, *PUBLISHED]:
        print(f"---- {year}")
        for name, (value, parts) in indicators(records, year).items():
            if value is None:
                shown = "no value"
            elif name.endswith("_share"):
                shown = f"{parts[0]}/{parts[1]} = {float(value):.6f}, shown {cut_percent(value, 0)} %"
            elif parts:
                shown = f"{parts[0]}/{parts[1]} = {float(value):.6f}, shown {round(value)}"
            else:
                shown = str(value)
            print(f"  {name}: {shown}")
    for c in sorted(cases, key=lambda c: c.family_id):
        if c.restored or c.children_at_opening == 0 or c.closed in PINNED_CLOSINGS:
            print(f"  {c.family_id} {c.manager}: opened {c.opened}, closed {c.closed}, restored {c.restored}, "
                  f"children {c.children}, versions {[d.isoformat() for d, _ in c.versions]}")


if __name__ == "__main__":
    main()
