#!/usr/bin/env python3
"""Sample reports of the Kaluga example, generated deterministically.

    python3 examples/kaluga/data/generate.py

Writes data/2021.jsonl: the quarterly reports of the nine social support services of the
Center «Доверие» for 2021 — `family_support` and `staff`, 72 lines. The yearly totals are
the figures the practice publishes (shared/seeds/004_*.txt, section 1.1.1, items 5.4, 8, 9);
they are split among the services and the quarters with a fixed random seed, so every run
prints the same file. Before writing, the script checks every rule of the forms on every
report (restated below from family_support.mera, and from staff.mera together with the Tomsk
form it amends), and the published figures on the totals; it writes nothing if one of them
fails.
"""

import datetime as dt
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 2021
SERVICES = [f"service{i:02d}" for i in range(1, 10)]
QUARTERS = ("2021Q1", "2021Q2", "2021Q3", "2021Q4")
QUARTER_END = {"2021Q1": dt.date(2021, 3, 31), "2021Q2": dt.date(2021, 6, 30),
               "2021Q3": dt.date(2021, 9, 30), "2021Q4": dt.date(2021, 12, 31)}

# ---- Published figures (seed 004, 1.1.1) ------------------------------------------------
SERVED = 683          # п. 8: на социальном сопровождении в 2021 году (знаменатель п. 9)
OVERCAME = 291        # п. 9: преодолели ТЖС, 42,6 %
IMPROVED = 221        # п. 9: улучшение социальной ситуации, 32,3 %
INFORMED = 1069       # п. 8: информационно-разъяснительная работа
CONTRACT = 389        # п. 8: заключили социальный контракт и улучшили положение
# п. 5.4: social pedagogues 12, social work specialists 3, psychologists 4, lawyers 2, drivers 9.
POSITIONS = ("social_pedagogue", "social_worker", "psychologist", "lawyer")
STAFF = {  # service: (pedagogues, social workers, psychologists, lawyers); one driver each
    "service01": (2, 1, 1, 1), "service02": (2, 0, 1, 1), "service03": (2, 0, 0, 0),
    "service04": (1, 1, 0, 0), "service05": (1, 0, 1, 0), "service06": (1, 0, 0, 0),
    "service07": (1, 1, 0, 0), "service08": (1, 0, 1, 0), "service09": (1, 0, 0, 0),
}

# ---- Chosen, not published --------------------------------------------------------------
OPENING = 296         # families on support on 31.12.2020, carried into 2021
OTHER_CLOSED = 27     # taken off support for other reasons (moved away, refused, ...)
NEW = SERVED - OPENING


def apportion(total, weights, rng, jitter=0.15):
    """Split `total` into integers in proportion to `weights` (with a little noise)."""
    w = [x * (1 + rng.uniform(-jitter, jitter)) for x in weights]
    raw = [total * x / sum(w) for x in w]
    out = [int(r) for r in raw]
    order = sorted(range(len(w)), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def family_support(rng):
    """{service: [values per quarter]} of the family_support form."""
    size = [sum(STAFF[s]) for s in SERVICES]          # caseload follows the staff
    per = {name: apportion(total, size, rng) for name, total in (
        ("opening", OPENING), ("new", NEW), ("overcame", OVERCAME), ("other", OTHER_CLOSED),
        ("improved", IMPROVED), ("informed", INFORMED), ("contract", CONTRACT))}
    reports = {}
    for i, s in enumerate(SERVICES):
        new = apportion(per["new"][i], [1.1, 1.0, 0.9, 1.0], rng)
        overcame = apportion(per["overcame"][i], [0.7, 1.0, 1.0, 1.3], rng)
        other = apportion(per["other"][i], [1, 1, 1, 1], rng, jitter=0.5)
        informed = apportion(per["informed"][i], [1.3, 1.0, 0.8, 0.9], rng)   # the 2021 campaign
        contract = apportion(per["contract"][i], [0.6, 1.0, 1.2, 1.2], rng)
        on_support, rows = per["opening"][i], []
        for q in range(4):
            families = on_support + new[q]
            closed = overcame[q] + other[q]
            on_support = families - closed
            share = (0.55, 0.7, 0.85, 1.0)[q]          # improvement builds up over the year
            improved = round(per["improved"][i] * share) if q < 3 else per["improved"][i]
            rows.append({"families": families, "new_families": new[q], "closed": closed,
                         "on_support": on_support, "overcame": overcame[q],
                         "improved": min(improved, on_support),
                         "informed": informed[q], "contract": contract[q]})
        reports[s] = rows
    return reports


def staff(rng, support):
    """{service: [values per quarter]} of the staff form, in its field order."""
    reports = {}
    for s in SERVICES:
        counts = STAFF[s]
        specialists = sum(counts)
        rows = []
        for q in range(4):
            rows.append({
                "specialists": specialists,
                "higher_education": specialists - (1 if specialists >= 4 else 0),
                "vacancies": 1 if (s == "service06" and q < 2) else 0,
                "trained": rng.randint(0, min(2, specialists)) if q in (1, 3) else 0,
                "new_specialists": 0,
                "new_trained": 0,
                "cases": support[s][q]["on_support"],
                "by_position": dict(zip(POSITIONS, counts)),   # the fields Kaluga's amendment adds
                "drivers": 1,
            })
            if s == "service06" and q == 2:        # the vacancy filled in Q3
                rows[-1]["new_specialists"] = 1
                rows[-1]["new_trained"] = 1
        reports[s] = rows
    return reports


def check_family_support(v):
    assert v["on_support"] + v["closed"] == v["families"], v
    assert v["new_families"] <= v["families"], v
    assert v["overcame"] <= v["closed"], v
    assert v["improved"] <= v["on_support"], v
    assert all(x >= 0 for x in v.values()), v


def check_staff(v):
    assert sum(v["by_position"].values()) == v["specialists"], v
    assert v["higher_education"] <= v["specialists"], v
    assert v["new_trained"] <= v["new_specialists"], v
    # warnings: none of the sample reports may raise one
    assert v["trained"] <= v["specialists"] + v["new_specialists"], v
    assert v["specialists"] > 0 or v["cases"] == 0, v
    assert v["cases"] <= v["specialists"] * 30, v


def check_published(support, staff_rows):
    last = [support[s][3] for s in SERVICES]
    served = sum(r["on_support"] for r in last) + sum(r["closed"] for s in SERVICES for r in support[s])
    overcame = sum(r["overcame"] for s in SERVICES for r in support[s])
    improved = sum(r["improved"] for r in last)
    assert served == SERVED, served
    assert overcame == OVERCAME and improved == IMPROVED, (overcame, improved)
    assert int(overcame / served * 1000) == 426, overcame / served     # 42,6 %, cut
    assert int(improved / served * 1000) == 323, improved / served     # 32,3 %, cut
    assert sum(r["informed"] for s in SERVICES for r in support[s]) == INFORMED
    assert sum(r["contract"] for s in SERVICES for r in support[s]) == CONTRACT
    q4 = [staff_rows[s][3] for s in SERVICES]
    assert sum(r["specialists"] + r["drivers"] for r in q4) == 30
    for k, want in zip(POSITIONS, (12, 3, 4, 2)):
        assert sum(r["by_position"][k] for r in q4) == want, k


def line(form, unit, period, day, values):
    return json.dumps({"form": form, "unit": unit, "period": period, "submitted_at": day.isoformat(),
                       "values": values}, ensure_ascii=False, separators=(",", ":"))


def main():
    rng = random.Random(SEED)
    support = family_support(rng)
    staff_rows = staff(rng, support)
    for s in SERVICES:
        for q in range(4):
            check_family_support(support[s][q])
            check_staff(staff_rows[s][q])
    check_published(support, staff_rows)
    lines = []
    for q, period in enumerate(QUARTERS):
        for s in SERVICES:
            day = QUARTER_END[period] + dt.timedelta(days=rng.randint(3, 9))
            lines.append(line("family_support", s, period, day, support[s][q]))
            lines.append(line("staff", s, period, day, staff_rows[s][q]))
    with open(os.path.join(HERE, "2021.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
