#!/usr/bin/python3
"""Writes a 12-run experiment dataset from a speclens dataset with a full and a LoRA run (the
demo's), for checking how reports read with many runs: two full fine-tunes, eight LoRA runs in
two α families (ranks 1, 4, 16, 64 each), and a two-step stack, with labels, tags and supplied
metrics as a manifest would give them. Each copy's max |cos| values are scaled a little so that
the runs' curves differ, and every count derived from them (intruders at ε, their ranks, the
ε-grid counts and the run totals) is recomputed as speclens computes it (strict <).
Deterministic; standard library only.

Usage: twelve_runs.py DEMO_DATASET.json OUT.json
"""
import copy
import json
import sys


def key(epsilon):
    return "%.2f" % epsilon


def recount(run, parameters, factor, rank_factor):
    epsilon, grid = parameters["epsilon"], parameters["epsilon_grid"]
    for matrix in run["matrices"]:
        cosines = [min(1.0, round(value * factor, 6)) for value in matrix["max_cosine_top_k"]]
        matrix["max_cosine_top_k"] = cosines
        matrix["intruder_indices"] = [j for j, value in enumerate(cosines) if value < epsilon]
        matrix["intruders"] = len(matrix["intruder_indices"])
        matrix["intruders_by_epsilon"] = {key(e): sum(1 for value in cosines if value < e) for e in grid}
        if matrix.get("effective_rank") is not None:
            matrix["effective_rank"] = round(matrix["effective_rank"] * rank_factor, 6)
    summary = run["summary"]
    summary["intruders"] = sum(m["intruders"] for m in run["matrices"])
    summary["intruders_by_epsilon"] = {key(e): sum(m["intruders_by_epsilon"][key(e)] for m in run["matrices"]) for e in grid}
    summary["intruders_outside_span"] = min(summary.get("intruders_outside_span", 0), summary["intruders"])
    ranks = [m["effective_rank"] for m in run["matrices"] if m.get("effective_rank") is not None]
    summary["mean_effective_rank"] = sum(ranks) / len(ranks) if ranks else None


def main(source, target):
    dataset = json.load(open(source))
    full = next(run for run in dataset["runs"] if run["kind"] == "full")
    lora = next(run for run in dataset["runs"] if run["kind"] == "lora")
    runs = []

    def unique(stem):
        """`stem`, or `stem-2`, `stem-3`, … when taken, as speclens names runs (run ids are unique
        in a dataset: r = 4 with α = 2r and with α = 8 would both be lora-r4-a8)."""
        taken = {run["id"] for run in runs}
        run_id, suffix = stem, 2
        while run_id in taken:
            run_id, suffix = "%s-%d" % (stem, suffix), suffix + 1
        return run_id

    def add(template, run_id, label, tags, metrics, factor, rank_factor=1.0, stack=None, r=None, alpha=None):
        run_id = unique(run_id)
        run = copy.deepcopy(template)
        run["id"], run["label"], run["tags"] = run_id, label, tags
        run["path"] = "runs/" + run_id
        if metrics:
            run["metrics"] = metrics
        if stack:
            run["stack"] = stack
        if r is not None:
            run["lora"].update(r=r, alpha=alpha, scale=alpha / r)
        recount(run, dataset["parameters"], factor, rank_factor)
        runs.append(run)

    add(full, "full-seed1", "Full fine-tune (seed 1)", {"method": "full", "task": "news"}, {"accuracy": 0.91, "forgetting": 0.031}, 1.0)
    add(full, "full-seed2", "Full fine-tune (seed 2)", {"method": "full", "task": "news"}, {"accuracy": 0.905}, 0.985)
    for family, alpha_of in (("alpha-2r", lambda r: 2 * r), ("alpha-8", lambda r: 8)):
        for position, r in enumerate((1, 4, 16, 64)):
            alpha = alpha_of(r)
            factor = 1.0 - 0.02 * position - (0.03 if family == "alpha-8" else 0)
            add(lora, "lora-r%d-a%d" % (r, alpha), "LoRA r=%d (α = %s)" % (r, "2r" if family == "alpha-2r" else "8"),
                {"method": "lora", "family": family, "rank": r, "alpha": alpha, "task": "news"},
                {"accuracy": round(0.86 + 0.01 * position, 3), "forgetting": round(0.01 + 0.004 * position, 3)},
                factor, rank_factor=r / 8.0, r=r, alpha=alpha)
    add(lora, "a-then-b-step1", "A then B · step 1", {"method": "lora", "rank": 8, "step": 1, "task": "sequential"},
        {"accuracy": 0.84}, 0.97, stack=["runs/task-a"])
    add(lora, "a-then-b-step2", "A then B · step 2", {"method": "lora", "rank": 8, "step": 2, "task": "sequential"},
        {"accuracy": 0.8}, 0.9, rank_factor=1.6, stack=["runs/task-a", "runs/task-b"])
    dataset["runs"] = runs
    with open(target, "w") as out:
        json.dump(dataset, out, sort_keys=True, separators=(",", ":"))
        out.write("\n")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
