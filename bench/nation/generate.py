#!/usr/bin/env python3
"""The nation-sized data set of the evaluation benchmark (issue 4), for bench/nation/model.

    python3 bench/nation/generate.py OUT_DIR [--regions 85] [--orgs 40] [--cases 5000000]
                                             [--chunk 500000] [--seed 2019]

Writes into OUT_DIR:
    units.csv               the unit tree: one country, REGIONS regions, ORGS organizations in each
                            (ids country, r01, r01o01, ...), all from 2018-01-01, nobody moves
    families_YYYY.jsonl     the quarterly form `families` of every organization, 2019Q1..2023Q4
                            (85 x 40 x 20 = 68,000 reports at full size)
    cases_NN.jsonl          CASES records of the form `case`, CHUNK per file (mera submit stores
                            each file in one transaction and holds it in memory while it does)

Python 3 standard library only; a fixed seed, so the same arguments give the same bytes.
Every report satisfies the checks of the model (the generator asserts them), so mera submit
stores everything. Deliberate edge cases, so that "no value" is compared too:
  - the last organization of every 10th region never takes new families: its reopened-per-100
    indicators are 0/0 (no value) in every year;
  - the last organization of the last region has no case records at all.
"""
import argparse
import datetime as dt
import os
import random

YEARS = range(2019, 2024)
CASE_FIRST = dt.date(2018, 1, 1)
CASE_LAST = dt.date(2023, 12, 31)
EPOCH = dt.date(2018, 1, 1)


def arguments():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out")
    p.add_argument("--regions", type=int, default=85)
    p.add_argument("--orgs", type=int, default=40, help="organizations per region")
    p.add_argument("--cases", type=int, default=5_000_000)
    p.add_argument("--chunk", type=int, default=500_000, help="case records per file")
    p.add_argument("--seed", type=int, default=2019)
    return p.parse_args()


class Org:
    """An organization and the traits its numbers are drawn around."""

    def __init__(self, uid, region, rng, no_new, no_cases):
        self.id = uid
        self.region = region
        self.size = rng.randint(20, 200)       # families served in a quarter, roughly
        self.high = rng.uniform(0.05, 0.40)    # share of high-risk families
        self.positive = rng.uniform(0.35, 0.85)
        self.safe = rng.uniform(0.60, 0.95)    # chance a closed case ends safe
        self.improved = rng.uniform(0.40, 0.90)
        self.weight = 0.0 if no_cases else rng.uniform(0.3, 1.7)  # share of the case records
        self.no_new = no_new


def tree(n_regions, n_orgs, rng):
    orgs = []
    for r in range(1, n_regions + 1):
        for o in range(1, n_orgs + 1):
            no_new = r % 10 == 0 and o == n_orgs
            no_cases = r == n_regions and o == n_orgs
            orgs.append(Org(f"r{r:02d}o{o:02d}", f"r{r:02d}", rng, no_new, no_cases))
    return orgs


def write_units(path, n_regions, orgs):
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,name,level,parent,from,to\n")
        f.write("country,Страна,country,,2018-01-01,\n")
        for r in range(1, n_regions + 1):
            f.write(f"r{r:02d},Регион {r},region,country,2018-01-01,\n")
        for org in orgs:
            f.write(f"{org.id},Организация {org.id},organization,{org.region},2018-01-01,\n")


def quarter_report(org, year, q, rng):
    """One `families` report; every check of the form holds."""
    families = max(1, round(org.size * rng.uniform(0.8, 1.2)))
    high = min(families, round(families * org.high * rng.uniform(0.8, 1.2)))
    medium = round((families - high) * rng.uniform(0.3, 0.6))
    low = families - high - medium
    children = families + round(families * rng.uniform(0.5, 1.5))
    new = 0 if org.no_new else round(families * rng.uniform(0.1, 0.35))
    reopened = round(new * rng.uniform(0.0, 0.15))
    on_support = families - round(families * rng.uniform(0.1, 0.3))
    positive = min(families, round(families * org.positive * rng.uniform(0.9, 1.1)))
    assert low + medium + high == families and children >= families and new <= families
    assert 0 <= on_support <= families and positive <= families and reopened <= new
    month = 3 * q + 1  # the month after the quarter (Q4: January of the next year)
    day = dt.date(year + (month > 12), (month - 1) % 12 + 1, rng.randint(1, 5))
    return (f'{{"form":"families","unit":"{org.id}","period":"{year}Q{q}","submitted_at":"{day}",'
            f'"values":{{"families":{families},"children":{children},'
            f'"by_risk":{{"low":{low},"medium":{medium},"high":{high}}},"new_families":{new},'
            f'"on_support":{on_support},"positive":{positive},"reopened":{reopened}}}}}\n')


def write_reports(out, orgs, rng):
    for year in YEARS:
        with open(os.path.join(out, f"families_{year}.jsonl"), "w", encoding="utf-8") as f:
            for q in range(1, 5):
                f.writelines(quarter_report(org, year, q, rng) for org in orgs)


def write_cases(out, orgs, n, chunk, rng):
    """n case records, in files of `chunk`; opened uniformly over 2018..2023, a case lasts 30 to
    730 days, one still open on 2023-12-31 has no closing date (nor safe, improved)."""
    days = [str(EPOCH + dt.timedelta(days=i)) for i in range((CASE_LAST - EPOCH).days + 800)]
    span = (CASE_LAST - CASE_FIRST).days + 1
    last = (CASE_LAST - EPOCH).days
    cum, total = [], 0.0
    for org in orgs:
        total += org.weight
        cum.append(total)
    rnd = rng.random
    written, part = 0, 0
    while written < n:
        count = min(chunk, n - written)
        with open(os.path.join(out, f"cases_{part:02d}.jsonl"), "w", encoding="utf-8") as f:
            for start in range(written, written + count, 10_000):
                stop = min(start + 10_000, written + count)
                picked = rng.choices(orgs, cum_weights=cum, k=stop - start)
                lines = []
                for i, org in zip(range(start, stop), picked):
                    opened = int(rnd() * span)
                    closed = opened + 30 + int(rnd() * 700)
                    children = 1 + int(rnd() * rnd() * 6)
                    if closed > last:
                        lines.append(f'{{"form":"case","unit":"{org.id}","submitted_at":"{days[opened]}","values":'
                                     f'{{"case_id":"C{i:08d}","opened":"{days[opened]}","children":{children}}}}}\n')
                        continue
                    safe = "true" if rnd() < org.safe else "false"
                    improved = "true" if rnd() < org.improved else "false"
                    lines.append(f'{{"form":"case","unit":"{org.id}","submitted_at":"{days[closed]}","values":'
                                 f'{{"case_id":"C{i:08d}","opened":"{days[opened]}","closed":"{days[closed]}",'
                                 f'"children":{children},"safe":{safe},"improved":{improved}}}}}\n')
                f.writelines(lines)
        written += count
        part += 1


def main():
    a = arguments()
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)
    orgs = tree(a.regions, a.orgs, rng)
    write_units(os.path.join(a.out, "units.csv"), a.regions, orgs)
    write_reports(a.out, orgs, rng)
    write_cases(a.out, orgs, a.cases, a.chunk, rng)
    print(f"{a.out}: {len(orgs)} organizations in {a.regions} regions, {len(orgs) * 20} quarterly reports, "
          f"{a.cases} case records")


if __name__ == "__main__":
    main()
