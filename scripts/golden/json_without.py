#!/usr/bin/env python3
"""Exits 0 when two JSON files are equal once the given keys are removed everywhere in both.

Usage: json_without.py BEFORE AFTER KEY...
"""
import json
import sys


def strip(value, keys):
    if isinstance(value, dict):
        return {k: strip(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [strip(v, keys) for v in value]
    return value


before, after, keys = sys.argv[1], sys.argv[2], set(sys.argv[3:])
sys.exit(0 if strip(json.load(open(before)), keys) == strip(json.load(open(after)), keys) else 1)
