#!/usr/bin/env python3
"""Sample reports of the Primorye example, generated deterministically.

    python3 examples/primorye/data/generate.py

Writes data/2020.jsonl and data/2021.jsonl: the quarterly `monitoring` reports of the social
support service of КГБУСО «СРЦН «Парус надежды»» for its two territories (Vladivostok,
Khasan district), 8 lines a year. The yearly totals are the figures the practice publishes
(shared/seeds/004_*.txt, section 1.1.5, items 8 and 9) or, where it publishes none, chosen
(see README.md); they are split between the territories and the quarters with a fixed random
seed, so every run prints the same files. Before writing, the script checks every rule of the
form (restated from monitoring.mera; no warning may fire) on every report, and the published
figures on the totals; it writes nothing if one of them fails.
"""

import datetime as dt
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 2017
TERRITORIES = ("vladivostok", "khasan")
WEIGHT = {"vladivostok": 0.74, "khasan": 0.26}
QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))

# Yearly totals of the service. Published (п. 8, 9): taken_on 2020 + 2021 = 143,
# taken_off 2020 + 2021 = 118, taken_off_better / taken_off 76 % (2020) and 83 % (2021),
# satisfied / surveyed 92 % (2021). Everything else is chosen.
YEARS = {
    2020: {"taken_on": 68, "taken_off": 46, "taken_off_better": 35, "taken_on_contract": 5,
           "surveyed": 36, "satisfied": 31, "councils": {"vladivostok": 10, "khasan": 7}},
    2021: {"taken_on": 75, "taken_off": 72, "taken_off_better": 60, "taken_on_contract": 14,
           "surveyed": 50, "satisfied": 46, "councils": {"vladivostok": 12, "khasan": 8}},
}
OPENING = {"vladivostok": 31, "khasan": 10}     # families on support on 31.12.2019


def apportion(total, weights, rng, jitter):
    """Split `total` into integers in proportion to `weights` (largest remainders)."""
    w = [x * (1 + (rng.uniform(-jitter, jitter) if rng else 0)) for x in weights]
    if sum(w) == 0:
        return [0] * len(w)
    raw = [total * x / sum(w) for x in w]
    out = [int(r) for r in raw]
    order = sorted(range(len(w)), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def apportion_within(total, caps):
    """Split `total` in proportion to `caps`, never giving a quarter more than its cap."""
    assert total <= sum(caps), (total, caps)
    raw = [total * c / sum(caps) if sum(caps) else 0 for c in caps]
    out = [int(r) for r in raw]
    order = sorted((i for i in range(len(caps)) if out[i] < caps[i]), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def year_reports(year, totals, on_support, rng):
    """{territory: [values per quarter]} for one year; updates on_support."""
    weights = [WEIGHT[t] for t in TERRITORIES]
    split = {k: apportion(totals[k], weights, rng, 0.1) for k in ("taken_on", "taken_off")}
    for part, whole in (("taken_off_better", "taken_off"), ("taken_on_contract", "taken_on"),
                        ("surveyed", "taken_off"), ("satisfied", "surveyed")):
        split[part] = apportion_within(totals[part], split[whole])
    out = {}
    for i, t in enumerate(TERRITORIES):
        taken_on = apportion(split["taken_on"][i], [1, 1, 1, 1], rng, 0.35)
        taken_off = apportion(split["taken_off"][i], [0.8, 1, 1, 1.2], rng, 0.35)
        # Dependent counts follow their base quarter by quarter, so that a part never
        # exceeds its whole: better <= off, surveyed <= off, satisfied <= surveyed.
        better = apportion_within(split["taken_off_better"][i], taken_off)
        contract = apportion_within(split["taken_on_contract"][i], taken_on)
        surveyed = apportion_within(split["surveyed"][i], taken_off)
        satisfied = apportion_within(split["satisfied"][i], surveyed)
        councils = apportion(totals["councils"][t], [1, 1, 1, 1], rng, 0.3)
        rows = []
        for q in range(4):
            on_support[t] += taken_on[q] - taken_off[q]
            reviews = rng.randint(1, 4)              # cases brought back to the council
            rows.append({"councils": councils[q],
                         "cases": taken_on[q] + taken_off[q] + reviews,
                         "taken_on": taken_on[q], "taken_on_contract": contract[q],
                         "taken_off": taken_off[q], "taken_off_better": better[q],
                         "on_support": on_support[t],
                         "surveyed": surveyed[q], "satisfied": satisfied[q]})
        out[t] = rows
    return out


def check(v):
    assert all(x >= 0 for x in v.values()), v
    assert v["taken_on_contract"] <= v["taken_on"], v
    assert v["taken_off_better"] <= v["taken_off"], v
    assert v["satisfied"] <= v["surveyed"], v
    # warnings: none may fire in the sample
    assert v["taken_on"] <= v["cases"], v
    assert v["cases"] == 0 or v["councils"] > 0, v
    assert v["surveyed"] <= v["taken_off"], v


def total(reports, field):
    return sum(r[field] for rows in reports.values() for r in rows)


def percent_both_ways(part, whole):
    """The whole percent, rounded and cut: the published figure must be both."""
    exact = part * 100 / whole
    return int(exact + 0.5), int(exact)


def check_published(by_year):
    on = sum(total(r, "taken_on") for r in by_year.values())
    off = sum(total(r, "taken_off") for r in by_year.values())
    assert (on, off) == (143, 118), (on, off)
    for year, published in ((2020, 76), (2021, 83)):
        got = percent_both_ways(total(by_year[year], "taken_off_better"), total(by_year[year], "taken_off"))
        assert got == (published, published), (year, got)
    got = percent_both_ways(total(by_year[2021], "satisfied"), total(by_year[2021], "surveyed"))
    assert got == (92, 92), got


def main():
    rng = random.Random(SEED)
    on_support = dict(OPENING)
    by_year = {y: year_reports(y, YEARS[y], on_support, rng) for y in YEARS}
    for reports in by_year.values():
        for rows in reports.values():
            for v in rows:
                check(v)
    check_published(by_year)
    for year, reports in by_year.items():
        lines = []
        for q, (month, day) in enumerate(QUARTER_ENDS):
            for t in TERRITORIES:
                sent = dt.date(year, month, day) + dt.timedelta(days=rng.randint(4, 10))
                lines.append(json.dumps({"form": "monitoring", "unit": t, "period": f"{year}Q{q + 1}",
                                         "submitted_at": sent.isoformat(), "values": reports[t][q]},
                                        ensure_ascii=False, separators=(",", ":")))
        with open(os.path.join(HERE, f"{year}.jsonl"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
