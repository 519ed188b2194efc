#!/usr/bin/env python3
"""Compares `speclens mitigate` with PEFT's own reduce_intruder_dimension.

For each case (an adapter over its base), this
  1. loads base + adapter in PEFT and runs peft.tuners.lora.intruders.reduce_intruder_dimension
     (top_k 10, lambda 0.75, the case's epsilon), timing it;
  2. runs `speclens mitigate` on the same files (timing the whole command), and loads the adapter
     it wrote with PeftModel.from_pretrained (it must load);
  3. compares, per nn.Linear module, PEFT's mitigated update (get_delta_weight of the new adapter)
     with speclens' (get_delta_weight of the adapter speclens wrote), as relative Frobenius error;
  4. writes OUTPUT/<case>/peft_factors.safetensors (PEFT's new lora_A/lora_B, float32, under the
     adapter's tensor names) and OUTPUT/summary.json (errors, intruder counts, timings, versions).

The small outputs are committed under Tests/SpeclensAnalysisTests/PEFTMitigation and asserted by
the Swift tests. Not part of the product and not run by CI; see README.md in this folder.
Usage: python compare_mitigation.py SPECLENS_BINARY FIXTURES_MINILM OUTPUT
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import peft
import torch
import transformers
from peft import PeftModel
from peft.tuners.lora import LoraLayer
from peft.tuners.lora.intruders import reduce_intruder_dimension
from safetensors.torch import save_file
from transformers import AutoModelForCausalLM, BertForSequenceClassification

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "..", "..", "Tests", "SpeclensCheckpointsTests", "PEFTReference")


def load_llama(base):
    return AutoModelForCausalLM.from_pretrained(base, torch_dtype=torch.float32).eval()


def load_bert(base):
    return BertForSequenceClassification.from_pretrained(base, num_labels=12, torch_dtype=torch.float32).eval()


def deltas(model, adapter_name):
    out = {}
    for name, layer in model.named_modules():
        if isinstance(layer, LoraLayer) and isinstance(layer.get_base_layer(), torch.nn.Linear) \
                and adapter_name in layer.lora_A:
            out[name] = layer.get_delta_weight(adapter_name).detach().float()
    return out


def run_case(speclens, name, base, adapter, loader, epsilon, output):
    torch.manual_seed(0)
    model = PeftModel.from_pretrained(loader(base), adapter)
    start = time.perf_counter()
    reduce_intruder_dimension(model, top_k=10, threshold_epsilon=epsilon, mitigation_lambda=0.75, logging_sink=None)
    peft_seconds = time.perf_counter() - start
    peft_deltas = deltas(model, "intruder_reduced")
    factors = {}
    for layer_name, layer in model.named_modules():
        if isinstance(layer, LoraLayer) and "intruder_reduced" in layer.lora_A:
            prefix = layer_name + "."
            factors[prefix + "lora_A.weight"] = layer.lora_A["intruder_reduced"].weight.detach().float().contiguous()
            factors[prefix + "lora_B.weight"] = layer.lora_B["intruder_reduced"].weight.detach().float().contiguous()

    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, "mitigated")
        start = time.perf_counter()
        subprocess.run([speclens, "mitigate", base, adapter, "-o", target, "--threshold-epsilon", str(epsilon)],
                       check=True, capture_output=True, env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
        speclens_seconds = time.perf_counter() - start
        ours = PeftModel.from_pretrained(loader(base), target)  # must load in PEFT
        our_deltas = deltas(ours, "default")
        record = json.load(open(os.path.join(target, "speclens-mitigation.json")))

    errors = {}
    for module, reference in peft_deltas.items():
        ours_delta = our_deltas[module]
        norm = reference.norm().item()
        errors[module] = (ours_delta - reference).norm().item() / norm if norm > 0 else 0.0
    case_folder = os.path.join(output, name)
    os.makedirs(case_folder, exist_ok=True)
    save_file(factors, os.path.join(case_folder, "peft_factors.safetensors"))
    return {
        "epsilon": epsilon,
        "modules": len(peft_deltas),
        "max_relative_error": max(errors.values()),
        "intruders": sum(len(m["intruder_indices"]) for m in record["modules"]),
        "modules_with_intruders": sum(1 for m in record["modules"] if m["intruder_indices"]),
        "peft_seconds": peft_seconds,
        "speclens_seconds": speclens_seconds,
    }


def main():
    speclens, minilm, output = sys.argv[1:4]
    os.makedirs(output, exist_ok=True)
    cases = {
        "lora": (os.path.join(REFERENCE, "lora", "base"), os.path.join(REFERENCE, "lora", "adapter"), load_llama, 0.5),
        "rslora": (os.path.join(REFERENCE, "rslora", "base"), os.path.join(REFERENCE, "rslora", "adapter"), load_llama, 0.5),
        "patterns": (os.path.join(REFERENCE, "patterns", "base"), os.path.join(REFERENCE, "patterns", "adapter"), load_llama, 0.5),
        "minilm-r1": (os.path.join(minilm, "base"), os.path.join(minilm, "lora-r1-a2"), load_bert, 0.7),
    }
    summary = {"versions": {"peft": peft.__version__, "torch": torch.__version__, "transformers": transformers.__version__},
               "cases": {}}
    for name, (base, adapter, loader, epsilon) in cases.items():
        summary["cases"][name] = run_case(speclens, name, base, adapter, loader, epsilon, output)
        print(name, json.dumps(summary["cases"][name]))
    # Timing only (not committed as factors): the MiniLM r8 and r64 adapters, 37 modules each.
    summary["timing"] = {}
    for name in ["lora-r8-a16", "lora-r64-a128"]:
        result = run_case(speclens, name, os.path.join(minilm, "base"), os.path.join(minilm, name), load_bert, 0.7, tempfile.mkdtemp())
        summary["timing"][name] = result
        print(name, json.dumps(result))
    with open(os.path.join(output, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
