#!/usr/bin/env python3
"""Sample reports of the Novgorod example, generated deterministically.

    python3 examples/novgorod/data/generate.py

Writes data/2021.jsonl and data/2022.jsonl: the quarterly `family_support` reports of the 20
institutions of social service in ../units.csv, 80 lines a year. The practice publishes no
values of its indicators (shared/seeds/004_*.txt, section 1.1.2), only the counts of services
(21) and district commissions (60) and "ежегодно на социальном сопровождении находится не менее
3 тыс. семей". The totals below respect those and are otherwise ILLUSTRATIVE; they are split
among the institutions (by the size of their district) and the quarters with a fixed random
seed, so every run prints the same files. Before writing, the script checks every rule of the
form (restated from family_support.mera; no warning may fire) on every report, and the
published counts on the totals; it writes nothing if one of them fails.
"""

import csv
import datetime as dt
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20201202           # the order approving the Model programme
QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))

# Families with children in a district, relative (rough population shares). Illustrative.
SIZE = {
    "semya": 26, "kcso_borovichsky": 10, "kcso_novgorodsky": 9, "kcso_starorussky": 8,
    "kcso_valdaysky": 4.5, "kcso_okulovsky": 4, "kcso_chudovsky": 3.8, "kcso_pestovsky": 3.6,
    "kcso_malovishersky": 3.2, "kcso_soletsky": 2.8, "kcso_parfinsky": 2.7, "kcso_khvoyninsky": 2.6,
    "kcso_krestetsky": 2.3, "kcso_demyansky": 2.3, "kcso_shimsky": 2.2, "kcso_lyubytinsky": 2.0,
    "kcso_moshenskoy": 1.7, "kcso_batetsky": 1.5, "kcso_marevsky": 1.3, "kcso_kholmsky": 1.3,
}
OPENING_2021 = 1500       # families on support on 31.12.2020
YEARS = {                 # new families, closed as having overcome the situation, closed otherwise
    2021: {"new": 1640, "overcame": 1102, "other": 300},
    2022: {"new": 1520, "overcame": 1251, "other": 270},
}
SERVICES = 21             # п. 9: «работает 21 служба сопровождения семей с детьми»
COMMISSIONS = 60          # п. 25: «на базе 20 учреждений … 60 участковых социальных комиссий»


def institutions():
    with open(os.path.join(HERE, "..", "units.csv"), encoding="utf-8") as f:
        ids = [r["id"] for r in csv.DictReader(f) if r["level"] == "organization"]
    assert sorted(ids) == sorted(SIZE), set(ids) ^ set(SIZE)
    return ids


def apportion(total, weights, rng, jitter):
    """Split `total` into integers in proportion to `weights` (with a little noise)."""
    w = [x * (1 + rng.uniform(-jitter, jitter)) for x in weights]
    raw = [total * x / sum(w) for x in w]
    out = [int(r) for r in raw]
    order = sorted(range(len(w)), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def resources(ids, rng):
    services = {i: 2 if i == "semya" else 1 for i in ids}
    commissions = dict(zip(ids, (2 + n for n in apportion(COMMISSIONS - 2 * len(ids), [SIZE[i] for i in ids], rng, 0))))
    return services, commissions


def year_reports(year, ids, on_support, services, commissions, rng):
    totals = YEARS[year]
    new = apportion(totals["new"], [SIZE[i] for i in ids], rng, 0.15)
    served = [on_support[i] + new[k] for k, i in enumerate(ids)]
    overcame = apportion(totals["overcame"], served, rng, 0.2)
    other = apportion(totals["other"], served, rng, 0.3)
    out = {}
    for k, i in enumerate(ids):
        q_new = apportion(new[k], [1.1, 1.0, 0.8, 1.1], rng, 0.2)
        q_overcame = apportion(overcame[k], [0.8, 1.0, 1.0, 1.2], rng, 0.2)
        q_other = apportion(other[k], [1, 1, 1, 1], rng, 0.4)
        rows = []
        for q in range(4):
            families = on_support[i] + q_new[q]
            closed = q_overcame[q] + q_other[q]
            on_support[i] = families - closed
            rows.append({"services": services[i], "commissions": commissions[i],
                         "families": families, "new_families": q_new[q], "closed": closed,
                         "on_support": on_support[i], "overcame": q_overcame[q]})
        out[i] = rows
    return out


def check(v):
    assert all(x >= 0 for x in v.values()), v
    assert v["on_support"] + v["closed"] == v["families"], v
    assert v["new_families"] <= v["families"], v
    assert v["overcame"] <= v["closed"], v
    assert v["families"] == 0 or v["services"] > 0, v       # the warning never fires


def check_published(by_year):
    for year, reports in by_year.items():
        last = [rows[3] for rows in reports.values()]
        served = sum(r["on_support"] for r in last) + sum(r["closed"] for rows in reports.values() for r in rows)
        assert served >= 3000, (year, served)                 # «не менее 3 тыс. семей»
        assert sum(r["services"] for r in last) == SERVICES
        assert sum(r["commissions"] for r in last) == COMMISSIONS
        assert len(reports) == 20                             # «на базе 20 учреждений»


def main():
    rng = random.Random(SEED)
    ids = institutions()
    services, commissions = resources(ids, rng)
    opening = apportion(OPENING_2021, [SIZE[i] for i in ids], rng, 0.15)
    on_support = dict(zip(ids, opening))
    by_year = {y: year_reports(y, ids, on_support, services, commissions, rng) for y in YEARS}
    for reports in by_year.values():
        for rows in reports.values():
            for v in rows:
                check(v)
    check_published(by_year)
    for year, reports in by_year.items():
        lines = []
        for q, (month, day) in enumerate(QUARTER_ENDS):
            for i in ids:
                sent = dt.date(year, month, day) + dt.timedelta(days=rng.randint(3, 12))
                lines.append(json.dumps({"form": "family_support", "unit": i, "period": f"{year}Q{q + 1}",
                                         "submitted_at": sent.isoformat(), "values": reports[i][q]},
                                        ensure_ascii=False, separators=(",", ":")))
        with open(os.path.join(HERE, f"{year}.jsonl"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
