#!/usr/bin/env python3
"""The driver of `make bench` (see bench.sh and README.md here): times speclens against the
reference-style implementation (reference_analysis.py) on the same files, in one invocation,
checks that both give the same intruder counts and effective ranks, and prints medians with
spread, ratios and peak memory.

usage: bench.py SPECLENS INPUTS [--reps 3] [--workers 2] [--python PYTHON]

Cases (each repeated --reps times, speclens and the reference alternating):
  full         base + one full fine-tune, cold (an empty --cache folder when speclens has one)
  sweep        base + 5 runs (full, LoRA r 1/4/16/64), cold; the reference analyses one fine-tune
               per invocation, as the paper's script does, so its time is the sum of five
  cached-lora  a new LoRA adapter (r 16) against a base already in speclens's --cache (filled
               by an untimed run with the full fine-tune), against one reference invocation;
               "not available" when `speclens analyze --help` lists no --cache

Both run on the same cores: speclens with --workers N (its BLAS threads per matrix follow
its shape rule), the reference with torch.set_num_threads(N). Timings are wall clock of the
whole process (start, reading, analysis, writing); peak memory is the maximum resident set
size from /usr/bin/time -v.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GRID = [f"{0.05 * i:.2f}" for i in range(1, 20)]


def timed(command, env=None):
    """Runs `command`; returns (seconds, peak KiB, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as log:
        result = subprocess.run(["/usr/bin/time", "-v", "-o", log.name] + command, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        report = log.read()
    if result.returncode not in (0, 3):
        sys.exit(f"bench: {' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", report).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1))
    return seconds, peak, result.stdout


def speclens_has_cache(speclens):
    text = subprocess.run([speclens, "analyze", "--help"], capture_output=True, text=True).stdout
    return "--cache" in text


class Bench:
    def __init__(self, args):
        self.args = args
        self.inputs = os.path.abspath(args.inputs)
        self.scratch = tempfile.mkdtemp(prefix="speclens-bench-")
        self.cache = speclens_has_cache(args.speclens)
        self.env = dict(os.environ)
        self.env.pop("OPENBLAS_NUM_THREADS", None)
        self.checks = []

    def path(self, run):
        return os.path.join(self.inputs, run)

    def speclens(self, runs, output, cache=None):
        command = [self.args.speclens, "analyze", self.path("base")] + [self.path(r) for r in runs]
        command += ["--workers", str(self.args.workers), "-o", output]
        if self.cache:
            command += ["--cache", cache or tempfile.mkdtemp(dir=self.scratch)]
        seconds, peak, _ = timed(command, self.env)
        return seconds, peak

    def reference(self, runs):
        """One invocation per run; returns (seconds summed, peak KiB max, results by run)."""
        total, peak, results = 0.0, 0, {}
        for run in runs:
            command = [self.args.python, os.path.join(HERE, "reference_analysis.py"), self.path("base"),
                       self.path(run), "--threads", str(self.args.workers)]
            seconds, kib, out = timed(command, dict(self.env, OMP_NUM_THREADS=str(self.args.workers)))
            total += seconds
            peak = max(peak, kib)
            results.update({k: v for k, v in json.loads(out).items() if k != "seconds"})
        return total, peak, results

    def compare(self, case, dataset_path, reference):
        """Same intruder counts at every ε (except where a stored max |cos| lies within 1e-4 of
        it) and effective ranks within 1e-3 relative; records one line per run."""
        dataset = json.load(open(dataset_path))
        for run in dataset["runs"]:
            theirs = reference.get(run["id"])
            if theirs is None:
                continue
            ours = run["summary"]["intruders_by_epsilon"]
            cosines = [c for m in run["matrices"] for c in m.get("max_cosine_top_k", [])]
            mismatches = []
            for key in GRID:
                if ours.get(key) != theirs["intruders_by_epsilon"].get(key):
                    borderline = any(abs(c - float(key)) <= 1e-4 for c in cosines)
                    if not borderline:
                        mismatches.append(f"ε {key}: {ours.get(key)} vs {theirs['intruders_by_epsilon'].get(key)}")
            a, b = run["summary"].get("mean_effective_rank"), theirs.get("mean_effective_rank")
            rank_ok = (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= 1e-3 * abs(b))
            ok = not mismatches and rank_ok
            self.checks.append(ok)
            at = {e: ours.get(e) for e in ("0.50", "0.70", "0.90")}
            print(f"  check {case:11s} {run['id']:8s} intruders at 0.5/0.7/0.9 {at['0.50']}/{at['0.70']}/{at['0.90']} "
                  f"{'equal' if not mismatches else 'DIFFER: ' + '; '.join(mismatches)}; mean effective rank "
                  f"{a if a is None else round(a, 3)} vs {b if b is None else round(b, 3)} {'ok' if rank_ok else 'DIFFERS'}")

    def case(self, name, runs, new_adapter=None):
        rows = {"speclens": [], "reference": []}
        for rep in range(self.args.reps):
            output = os.path.join(self.scratch, f"{name}-{rep}.json")
            if new_adapter:
                cache = tempfile.mkdtemp(dir=self.scratch)
                self.speclens(["full"], os.path.join(self.scratch, "warm.json"), cache)
                rows["speclens"].append(self.speclens([new_adapter], output, cache))
                seconds, peak, reference = self.reference([new_adapter])
            else:
                rows["speclens"].append(self.speclens(runs, output))
                seconds, peak, reference = self.reference(runs)
            rows["reference"].append((seconds, peak))
            if rep == 0:
                self.compare(name, output, reference)
        return rows


def spread(values):
    median = statistics.median(values)
    return f"{median:7.1f} s [{min(values):.1f}–{max(values):.1f}]"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("speclens")
    parser.add_argument("inputs")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--cases", default="full,sweep,cached-lora")
    args = parser.parse_args()
    bench = Bench(args)
    print(f"bench: {args.inputs}, {args.reps} repetition(s), {args.workers} cores each; "
          f"speclens {'with' if bench.cache else 'without'} --cache")
    results = {}
    try:
        for name in args.cases.split(","):
            if name == "full":
                results[name] = bench.case(name, ["full"])
            elif name == "sweep":
                results[name] = bench.case(name, ["full", "lora-r1", "lora-r4", "lora-r16", "lora-r64"])
            elif name == "cached-lora":
                if not bench.cache:
                    print("  cached-lora: not available (speclens analyze --help lists no --cache)")
                    continue
                results[name] = bench.case(name, None, new_adapter="lora-r16")
            else:
                sys.exit(f"bench: unknown case {name}")
    finally:
        shutil.rmtree(bench.scratch, ignore_errors=True)
    print(f"\n| case | speclens (median [min–max]) | reference | ratio speclens/reference | peak RSS speclens | reference |")
    print("|---|---|---|---|---|---|")
    for name, rows in results.items():
        ours = [s for s, _ in rows["speclens"]]
        theirs = [s for s, _ in rows["reference"]]
        ratio = statistics.median(ours) / statistics.median(theirs)
        peak_ours = max(k for _, k in rows["speclens"]) / 1024
        peak_theirs = max(k for _, k in rows["reference"]) / 1024
        print(f"| {name} | {spread(ours)} | {spread(theirs)} | {ratio:.2f} | {peak_ours:.0f} MiB | {peak_theirs:.0f} MiB |")
    if not all(bench.checks):
        sys.exit("bench: speclens and the reference disagree (see the check lines)")
    print("\nall checks: speclens and the reference agree")


if __name__ == "__main__":
    main()
