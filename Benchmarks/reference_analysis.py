#!/usr/bin/env python3
"""Reference-style implementation used only to benchmark and cross-check speclens.

Mirrors how the paper's public code (find_intruder_dimensions.py) works: for each fine-tune,
for each matrix, a float32 torch.linalg.svd of W0 and of Wt (full thin SVD), |Ut^T U0|, max over
the pre-trained vectors, intruders among the top k; plus the effective rank of dW (Roy-Vetterli
with the float32 noise floor). LoRA adapters are merged as W0 + (alpha/r) B A. Not part of
speclens; needs torch and safetensors (see README.md here).

usage: reference_analysis.py BASE_DIR RUN_DIR... [--include REGEX] [--threads N]
"""
import argparse
import json
import math
import os
import re
import sys
import time

import torch
from safetensors.torch import load_file


def load_run(path, base):
    """Returns {base_name: (Wt, dW)} for the run at `path`."""
    config_path = os.path.join(path, "adapter_config.json")
    if os.path.exists(config_path):
        config = json.load(open(config_path))
        scale = config["lora_alpha"] / config["r"]
        tensors = load_file(os.path.join(path, "adapter_model.safetensors"))
        out = {}
        for name, a in tensors.items():
            if ".lora_A." not in name:
                continue
            module = name.split(".lora_A.")[0].replace("base_model.model.", "")
            b = tensors[name.replace(".lora_A.", ".lora_B.")]
            for candidate in (module + ".weight", module.split(".", 1)[1] + ".weight"):
                if candidate in base:
                    dw = scale * (b.double() @ a.double())
                    out[candidate] = ((base[candidate].double() + dw).float(), dw)
        return out
    tensors = load_file(os.path.join(path, "model.safetensors"))
    out = {}
    for name, w in tensors.items():
        for candidate in (name, name.split(".", 1)[1] if "." in name else name):
            if candidate in base and base[candidate].shape == w.shape:
                out[candidate] = (w.float(), w.double() - base[candidate].double())
                break
    return out


def effective_rank(s, shape):
    cutoff = s.max() * max(shape) * 2.0**-24
    kept = s[s > cutoff]
    p = kept / kept.sum()
    return math.exp(-(p * torch.log(p)).sum().item())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("runs", nargs="+")
    parser.add_argument("--include", default=r"")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("-k", type=int, default=10)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    base = {n: w for n, w in load_file(os.path.join(args.base, "model.safetensors")).items()
            if w.ndim == 2 and n.endswith(".weight") and re.search(args.include, n)
            and "embed" not in n}
    grid = [round(0.05 * i, 2) for i in range(1, 20)]
    results = {}
    for run in args.runs:
        tuned = load_run(run, base)
        totals = {e: 0 for e in grid}
        ranks = []
        for name in sorted(tuned):
            wt, dw = tuned[name]
            u0, _, _ = torch.linalg.svd(base[name].float(), full_matrices=False)
            ut, _, _ = torch.linalg.svd(wt, full_matrices=False)
            best = torch.abs(ut.T @ u0).max(dim=1).values[: args.k]
            for e in grid:
                totals[e] += int((best < e).sum())
            if torch.any(dw != 0):
                ranks.append(effective_rank(torch.linalg.svdvals(dw.float()).double(), dw.shape))
        results[os.path.basename(run.rstrip("/"))] = {
            "matrices": len(tuned), "intruders_by_epsilon": {f"{e:.2f}": totals[e] for e in grid},
            "mean_effective_rank": sum(ranks) / len(ranks) if ranks else None}
    results["seconds"] = time.perf_counter() - started
    json.dump(results, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
