#!/usr/bin/env python3
"""Builds the PEFT reference data for speclens' SpeclensCheckpoints tests.

For each LoRA variant PEFT writes, this makes a tiny randomly initialised model (fixed seeds,
float32), wraps it with PEFT, replaces every adapter tensor by non-zero random values (PEFT's
default init has B = 0, which would make any merge look right), saves the base model and the
adapter with save_pretrained, reloads the adapter from disk with PeftModel.from_pretrained and
saves PEFT's own merge_and_unload() result for the changed 2-D weights as merged.safetensors
(under the base model's tensor names).

Not part of the product and not run by CI; see README.md in this folder.
Usage: python make_reference.py OUTPUT_FOLDER
"""
import json
import os
import shutil
import sys

import torch
from peft import LoraConfig, PeftModel, get_peft_model
from safetensors.torch import load_file, save_file
from transformers import GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM

LLAMA_ALL = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def llama(seed, bias=False):
    torch.manual_seed(seed)
    config = LlamaConfig(vocab_size=64, hidden_size=16, intermediate_size=24, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, head_dim=4,
                         max_position_embeddings=32, tie_word_embeddings=False,
                         attention_bias=bias, mlp_bias=bias)
    return LlamaForCausalLM(config).float().eval()


def gpt2(seed):
    torch.manual_seed(seed)
    config = GPT2Config(vocab_size=64, n_positions=32, n_embd=16, n_layer=2, n_head=4)
    return GPT2LMHeadModel(config).float().eval()


VARIANTS = {
    # name: (model factory, LoraConfig kwargs)
    "lora": (lambda: llama(1), dict(r=4, lora_alpha=8, target_modules=LLAMA_ALL)),
    "rslora": (lambda: llama(2), dict(r=4, lora_alpha=6, use_rslora=True,
                                      target_modules=["q_proj", "v_proj", "down_proj"])),
    # Keys are chosen so that sorted order (PEFT writes the config with sort_keys=True) equals
    # insertion order; "layers.1.mlp.down_proj" matches two alpha keys and gets the first (5).
    "patterns": (lambda: llama(3), dict(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj", "down_proj"],
                                        rank_pattern={"layers.0.self_attn.q_proj": 6, "q_proj": 2},
                                        alpha_pattern={"down_proj": 5, "layers.1.mlp.down_proj": 3})),
    "dora": (lambda: llama(4), dict(r=4, lora_alpha=8, use_dora=True,
                                    target_modules=["q_proj", "v_proj", "up_proj", "down_proj"])),
    "gpt2_fan_in_fan_out": (lambda: gpt2(5), dict(r=4, lora_alpha=8, fan_in_fan_out=True,
                                                  target_modules=["c_attn", "c_proj", "c_fc"])),
    "gpt2_dora": (lambda: gpt2(6), dict(r=4, lora_alpha=8, fan_in_fan_out=True, use_dora=True,
                                        target_modules=["c_attn", "c_fc"])),
    "embedding": (lambda: llama(7), dict(r=4, lora_alpha=8, target_modules=["embed_tokens", "q_proj"])),
    "embedding_dora": (lambda: llama(8), dict(r=4, lora_alpha=8, use_dora=True,
                                              target_modules=["embed_tokens", "v_proj"])),
    "modules_to_save": (lambda: llama(9), dict(r=4, lora_alpha=8, target_modules=["q_proj"],
                                               modules_to_save=["lm_head"])),
    "lora_bias": (lambda: llama(10, bias=True), dict(r=4, lora_alpha=8, lora_bias=True,
                                                     target_modules=["q_proj", "v_proj"])),
}


def randomise(peft_model, seed):
    """Non-zero random adapter tensors; DoRA magnitudes that differ from the row norms."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, param in peft_model.named_parameters():
            if "lora_magnitude_vector" in name:
                continue
            if any(key in name for key in ("lora_A", "lora_B", "lora_embedding_A", "lora_embedding_B")):
                param.copy_(torch.randn(param.shape, generator=generator) * 0.3)
            elif "modules_to_save" in name:
                param.add_(torch.randn(param.shape, generator=generator) * 0.05)
        for name, param in peft_model.named_parameters():
            if "lora_magnitude_vector" in name:
                factor = 0.5 + torch.rand(param.shape, generator=generator)
                param.copy_(param * factor)


def main(out):
    os.makedirs(out, exist_ok=True)
    summary = {}
    for index, (variant, (factory, kwargs)) in enumerate(VARIANTS.items()):
        folder = os.path.join(out, variant)
        shutil.rmtree(folder, ignore_errors=True)
        base = factory()
        base.save_pretrained(os.path.join(folder, "base"), safe_serialization=True)
        for extra in ("generation_config.json",):
            path = os.path.join(folder, "base", extra)
            if os.path.exists(path):
                os.remove(path)
        base_state = load_file(os.path.join(folder, "base", "model.safetensors"))

        config = LoraConfig(init_lora_weights=False, **kwargs)
        peft_model = get_peft_model(factory(), config)
        randomise(peft_model, 1000 + index)
        peft_model.save_pretrained(os.path.join(folder, "adapter"), safe_serialization=True)
        os.remove(os.path.join(folder, "adapter", "README.md"))  # PEFT's model card, not needed
        in_memory = peft_model.merge_and_unload().state_dict()

        # PEFT's merge of the adapter as saved (file config and tensors), on a fresh base.
        reloaded = PeftModel.from_pretrained(factory(), os.path.join(folder, "adapter"))
        merged_state = reloaded.merge_and_unload().state_dict()
        merged = {}
        for name, tensor in merged_state.items():
            if name in base_state and tensor.dim() == 2 and not torch.equal(tensor, base_state[name]):
                assert torch.allclose(tensor, in_memory[name], atol=1e-6), name
                merged[name] = tensor.detach().contiguous().float()
        save_file(merged, os.path.join(folder, "merged.safetensors"))
        adapter_tensors = sorted(load_file(os.path.join(folder, "adapter", "adapter_model.safetensors")).keys())
        summary[variant] = {"merged": sorted(merged), "adapter_tensors": adapter_tensors}
        print(variant, len(merged), "merged matrices;", len(adapter_tensors), "adapter tensors")
    with open(os.path.join(out, "summary.json"), "w") as handle:
        json.dump(summary, handle, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "PEFTReference")
