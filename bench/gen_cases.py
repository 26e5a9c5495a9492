#!/usr/bin/env python3
"""Writes N case records for the import benchmark twice: as JSON lines for `mera submit` and as
the same rows in CSV for SQLite's own `.import`. Deterministic (fixed seed).

    python3 bench/gen_cases.py 1000000 /tmp/cases.jsonl /tmp/cases.csv
"""
import datetime
import random
import sys

n, jsonl_path, csv_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(2019)
start = datetime.date(2019, 1, 1)
levels = ("low", "medium", "high")
with open(jsonl_path, "w") as jl, open(csv_path, "w") as csv:
    csv.write("form,unit,case_id,opened,closed,children,level,safe\n")
    for i in range(n):
        unit = f"org{rng.randint(1, 40):02d}"
        opened = start + datetime.timedelta(days=rng.randint(0, 900))
        closed = opened + datetime.timedelta(days=rng.randint(30, 500))
        children = rng.randint(1, 5)
        level = levels[rng.randint(0, 2)]
        safe = "true" if rng.random() < 0.8 else "false"
        jl.write(f'{{"form":"case","unit":"{unit}","values":{{"case_id":"C{i:07d}","opened":"{opened}","closed":"{closed}",'
                 f'"children":{children},"level":"{level}","safe":{safe}}}}}\n')
        csv.write(f"case,{unit},C{i:07d},{opened},{closed},{children},{level},{safe}\n")
