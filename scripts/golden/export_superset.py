#!/usr/bin/env python3
"""Checks that a new export (CSV or JSON Lines) holds every column of an old one with the same
values, row for row, and lists the columns it adds. Used to compare golden sets when columns are
added deliberately.

Usage: export_superset.py OLD NEW
"""
import csv
import json
import sys


def read(path):
    if path.endswith('.jsonl'):
        rows = [json.loads(line) for line in open(path)]
        return (list(rows[0].keys()) if rows else []), rows
    with open(path, newline='') as f:
        rows = list(csv.DictReader(f))
    with open(path, newline='') as f:
        header = next(csv.reader(f))
    return header, rows


old_header, old = read(sys.argv[1])
new_header, new = read(sys.argv[2])
problems = [f'missing column {c}' for c in old_header if c not in new_header]
if len(old) != len(new):
    problems.append(f'{len(old)} rows before, {len(new)} after')
order = [c for c in new_header if c in old_header]
if order != old_header:
    problems.append('the old columns are in another order')
for i, (a, b) in enumerate(zip(old, new)):
    for c in old_header:
        if c in b and a[c] != b[c]:
            problems.append(f'row {i} column {c}: {a[c]!r} → {b[c]!r}')
            break
print(f'{sys.argv[2]}: {len(new_header) - len(old_header)} columns added: ' + ', '.join(c for c in new_header if c not in old_header))
for p in problems[:20]:
    print('PROBLEM:', p)
sys.exit(1 if problems else 0)
