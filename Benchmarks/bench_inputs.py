#!/usr/bin/env python3
"""Writes the inputs of `make bench` deterministically (seeded; same bytes on every run).

RoBERTa-base-shaped encoder, 12 layers (`--layers`): per layer query/key/value/attention
output 768x768, intermediate 3072x768, output 768x3072 (`roberta.encoder.layer.N...`), and
`--large`: one LLaMA-7B-shaped layer instead (q/k/v/o 4096x4096, gate/up 11008x4096,
down 4096x11008, `model.layers.0...`).

Base weights: pre-trained weights have heavy-tailed spectra (a few large singular values and a
power-law decay over a random bulk; Martin & Mahoney 2021, "Implicit self-regularization in deep
neural networks"), not the flat Marchenko-Pastur spectrum of a Gaussian matrix. Each base matrix
is W0 = U diag(s) V^T + G / sqrt(in) * 0.5 with U, V random orthonormal (QR of a Gaussian), s_i =
3 (i + 1)^-0.6 over all min(out, in) directions, and G Gaussian: singular values from about 3
down to the noise bulk, with well separated top directions and an unstructured tail.

Runs (in OUT/): `base/` (model.safetensors, config.json), `full/` (a full fine-tune: every
matrix plus a dense Gaussian update of Frobenius norm 2% of W0's, plus a rank-8 drift of 5% of
the constructed top singular value 3, the kind of small high-rank change full fine-tuning makes) and `lora-r{1,4,16,64}/`
(PEFT adapter folders, alpha = 2r, target_modules query/key/value/dense; A and B Gaussian,
scaled so that sigma_max of (alpha/r) B A is 40% of the constructed top singular value 3:
large enough to create intruders).

usage: bench_inputs.py OUT_DIR [--layers 12] [--large]
"""
import argparse
import json
import os

import numpy as np
from safetensors.numpy import save_file


# The constructed top singular value of every base matrix (s_0 below).
TOP = 3.0


def orthonormal(rng, rows, cols):
    q, r = np.linalg.qr(rng.standard_normal((rows, cols)))
    return q * np.sign(np.diag(r))


def base_matrix(rng, out, inp):
    p = min(out, inp)
    s = TOP * (np.arange(p) + 1.0) ** -0.6
    w = (orthonormal(rng, out, p) * s) @ orthonormal(rng, inp, p).T
    w += 0.5 * rng.standard_normal((out, inp)) / np.sqrt(inp)
    return w.astype(np.float32)


def shapes(args):
    if args.large:
        h, f = 4096, 11008
        return "model", {f"model.layers.0.{m}": s for m, s in (
            ("self_attn.q_proj", (h, h)), ("self_attn.k_proj", (h, h)), ("self_attn.v_proj", (h, h)),
            ("self_attn.o_proj", (h, h)), ("mlp.gate_proj", (f, h)), ("mlp.up_proj", (f, h)),
            ("mlp.down_proj", (h, f)))}
    h, f = 768, 3072
    out = {}
    for layer in range(args.layers):
        prefix = f"roberta.encoder.layer.{layer}"
        for m, s in (("attention.self.query", (h, h)), ("attention.self.key", (h, h)),
                     ("attention.self.value", (h, h)), ("attention.output.dense", (h, h)),
                     ("intermediate.dense", (f, h)), ("output.dense", (h, f))):
            out[f"{prefix}.{m}"] = s
    return "roberta", out


def write_model(folder, tensors, model_type):
    os.makedirs(folder, exist_ok=True)
    save_file(tensors, os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump({"model_type": model_type}, f)


def write_adapter(folder, modules, base, rank, rng):
    os.makedirs(folder, exist_ok=True)
    alpha = 2 * rank
    tensors = {}
    for module, (out, inp) in modules.items():
        a = rng.standard_normal((rank, inp)).astype(np.float32)
        b = rng.standard_normal((out, rank)).astype(np.float32)
        # sigma_max(B A) = sigma_max(R_B R_A^T) with B = Q_B R_B, A^T = Q_A R_A (r x r).
        r_b = np.linalg.qr(b.astype(np.float64))[1]
        r_a = np.linalg.qr(a.T.astype(np.float64))[1]
        delta_top = (alpha / rank) * np.linalg.norm(r_b @ r_a.T, 2)
        b *= np.float32(0.4 * TOP / delta_top)
        tensors[f"base_model.model.{module}.lora_A.weight"] = a
        tensors[f"base_model.model.{module}.lora_B.weight"] = b
    save_file(tensors, os.path.join(folder, "adapter_model.safetensors"), metadata={"format": "pt"})
    config = {"peft_type": "LORA", "r": rank, "lora_alpha": alpha, "lora_dropout": 0.0,
              "target_modules": ["query", "key", "value", "dense", "q_proj", "k_proj", "v_proj",
                                 "o_proj", "gate_proj", "up_proj", "down_proj"],
              "fan_in_fan_out": False, "bias": "none", "use_dora": False, "use_rslora": False,
              "base_model_name_or_path": "synthetic", "task_type": None}
    with open(os.path.join(folder, "adapter_config.json"), "w") as f:
        json.dump(config, f, indent=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--layers", type=int, default=12)
    parser.add_argument("--large", action="store_true")
    args = parser.parse_args()
    model_type, modules = shapes(args)
    rng = np.random.default_rng(20261130)
    base = {f"{m}.weight": base_matrix(rng, *s) for m, s in modules.items()}
    write_model(os.path.join(args.out, "base"), base, "llama" if args.large else model_type)
    tuned = {}
    for name, w in base.items():
        out, inp = w.shape
        noise = rng.standard_normal(w.shape)
        noise *= 0.02 * np.linalg.norm(w) / np.linalg.norm(noise)
        drift = orthonormal(rng, out, 8) @ orthonormal(rng, inp, 8).T * (0.05 * TOP)
        tuned[name] = (w + noise + drift).astype(np.float32)
    write_model(os.path.join(args.out, "full"), tuned, "llama" if args.large else model_type)
    for rank in (1, 4, 16, 64):
        write_adapter(os.path.join(args.out, f"lora-r{rank}"), modules, base, rank, rng)


if __name__ == "__main__":
    main()
