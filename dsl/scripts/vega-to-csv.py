#!/usr/bin/env python3
"""Converts penguins.json and cars.json from the npm package vega-datasets@3.2.1 (BSD-3-Clause)
into the small CSV files bundled in dsl/src/main/resources/dev/hone/data/table/.

    cd /tmp && npm pack vega-datasets@3.2.1 && tar xzf vega-datasets-3.2.1.tgz
    python3 dsl/scripts/vega-to-csv.py /tmp/package dsl/src/main/resources/dev/hone/data/table

Values are kept as they are (a JSON null becomes an empty cell, the one penguin whose sex is "."
keeps it); the only change is that cars' Year "1970-01-01" becomes the number 1970.
"""
import csv
import json
import os
import sys


def cell(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def convert(src, dst, fix=lambda row: row):
    rows = [fix(dict(r)) for r in json.load(open(src, encoding="utf-8"))]
    keys = list(rows[0].keys())
    with open(dst, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(keys)
        for r in rows:
            w.writerow([cell(r.get(k)) for k in keys])
    print(dst, len(rows), "rows")


def year(row):
    row["Year"] = int(row["Year"][:4])
    return row


if __name__ == "__main__":
    package, out = sys.argv[1], sys.argv[2]
    convert(os.path.join(package, "data", "penguins.json"), os.path.join(out, "penguins.csv"))
    convert(os.path.join(package, "data", "cars.json"), os.path.join(out, "cars.csv"), year)
