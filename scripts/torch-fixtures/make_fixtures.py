#!/usr/bin/env python3
"""Builds the PyTorch checkpoint (`.bin`) fixtures for speclens' SpeclensCheckpoints tests.

Writes, under OUTPUT_FOLDER (Tests/SpeclensCheckpointsTests/TorchFixtures):

  tiny/     a tiny BERT-like state dict (base and a "fine-tuned" copy) saved with real torch as
            safetensors, zip .bin, legacy .bin and sharded zip .bin, plus tuned-both/
  dtypes/   float32/float16/bfloat16/float64/int64 tensors, zip and legacy, with a safetensors twin
  views/    tensors that are views of shared storages (offsets, transposes, column slices) and an
            nn.Parameter, zip and legacy, with a safetensors twin
  minilm/   the real MiniLM PEFT LoRA adapters re-saved as adapter_model.bin (zip and legacy)
  hostile/  files a malicious uploader could make, written with the standard library only
            (hand-assembled pickle opcodes, zipfile and raw bytes); nothing here is ever unpickled
  manifest.json  every file with size and sha256, tensor names and shapes

then checks every non-hostile .bin with torch.load(weights_only=True) against its safetensors twin
and disassembles the hostile pickles with pickletools (which does not execute them).

With --minilm-bin DIR it also writes the MiniLM base and full fine-tune re-saved as
pytorch_model.bin (zip, legacy, 3 zip shards) into DIR; these are too large for the repository.

Not part of the product and not run by CI; see README.md in this folder.
Usage: python make_fixtures.py OUTPUT_FOLDER [--minilm DIR] [--minilm-bin DIR] [--show-hostile]
"""
import argparse
import collections
import hashlib
import io
import json
import os
import pickle
import pickletools
import shutil
import struct
import sys
import zipfile
import zlib

import numpy
import safetensors
import torch
from safetensors.torch import load_file, save_file
from torch import nn

MARKER = "/tmp/speclens-hostile-marker"
MAX_FILE = 2 * 1024 * 1024

# --------------------------------------------------------------------------------------------
# Helpers


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2, sort_keys=True)
        f.write("\n")


def save_zip(obj, path):
    torch.save(obj, path)


def save_legacy(obj, path):
    torch.save(obj, path, _use_new_zipfile_serialization=False)


def contiguous_copy(sd):
    return {k: v.detach().contiguous().clone() for k, v in sd.items()}


def split_shards(names, sizes, count):
    """Consecutive groups of names with roughly equal byte totals."""
    total = sum(sizes[n] for n in names)
    shards, current, acc = [], [], 0
    for n in names:
        current.append(n)
        acc += sizes[n]
        if len(shards) < count - 1 and acc >= total * (len(shards) + 1) / count:
            shards.append(current)
            current = []
    if current:
        shards.append(current)
    assert len(shards) == count, (len(shards), count)
    return shards


def save_sharded(sd, folder, count, stem="pytorch_model"):
    """transformers' layout: pytorch_model-0000i-of-0000n.bin (plain dicts) + index.json."""
    names = list(sd.keys())
    sizes = {n: sd[n].numel() * sd[n].element_size() for n in names}
    weight_map = {}
    for i, group in enumerate(split_shards(names, sizes, count), start=1):
        file = f"{stem}-{i:05d}-of-{count:05d}.bin"
        save_zip({n: sd[n] for n in group}, os.path.join(folder, file))
        for n in group:
            weight_map[n] = file
    write_json(os.path.join(folder, f"{stem}.bin.index.json"),
               {"metadata": {"total_size": sum(sizes.values())}, "weight_map": weight_map})


# --------------------------------------------------------------------------------------------
# tiny/: a BERT-like state dict built from real nn.Modules (so state_dict() is the OrderedDict
# with `_metadata` that torch.save(model.state_dict()) writes)

TINY_CONFIG = {
    "model_type": "bert",
    "hidden_size": 32,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "intermediate_size": 64,
    "hidden_act": "gelu",
    "vocab_size": 64,
    "max_position_embeddings": 16,
    "type_vocab_size": 2,
    "layer_norm_eps": 1e-12,
    "torch_dtype": "float32",
}


def module(**children):
    m = nn.Module()
    for name, child in children.items():
        m.add_module(name, child)
    return m


def tiny_base():
    c = TINY_CONFIG
    h, i = c["hidden_size"], c["intermediate_size"]
    torch.manual_seed(0)
    layers = nn.ModuleList()
    for _ in range(c["num_hidden_layers"]):
        layers.append(module(
            attention=module(**{
                "self": module(query=nn.Linear(h, h), key=nn.Linear(h, h), value=nn.Linear(h, h)),
                "output": module(dense=nn.Linear(h, h), LayerNorm=nn.LayerNorm(h)),
            }),
            intermediate=module(dense=nn.Linear(h, i)),
            output=module(dense=nn.Linear(i, h), LayerNorm=nn.LayerNorm(h)),
        ))
    root = module(bert=module(
        embeddings=module(word_embeddings=nn.Embedding(c["vocab_size"], h),
                          position_embeddings=nn.Embedding(c["max_position_embeddings"], h),
                          token_type_embeddings=nn.Embedding(c["type_vocab_size"], h),
                          LayerNorm=nn.LayerNorm(h)),
        encoder=module(layer=layers),
        pooler=module(dense=nn.Linear(h, h)),
    ))
    generator = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for name, p in root.named_parameters():
            noise = torch.randn(p.shape, generator=generator)
            if name.endswith("LayerNorm.weight"):
                p.copy_(1 + 0.1 * noise)
            elif name.endswith(".bias"):
                p.copy_(0.02 * noise)
            else:
                p.copy_(0.05 * noise)
    return root.state_dict()


def tiny_tuned(base):
    generator = torch.Generator().manual_seed(2)
    tuned = collections.OrderedDict(
        (k, v + 0.01 * torch.randn(v.shape, generator=generator)) for k, v in base.items())
    tuned._metadata = base._metadata
    return tuned


def make_tiny(out):
    base = tiny_base()
    tuned = tiny_tuned(base)
    for label, sd in (("base", base), ("tuned", tuned)):
        for kind in ("safetensors", "zip", "legacy", "sharded"):
            folder = os.path.join(out, "tiny", f"{label}-{kind}")
            os.makedirs(folder, exist_ok=True)
            write_json(os.path.join(folder, "config.json"), TINY_CONFIG)
            if kind == "safetensors":
                save_file(dict(sd), os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})
            elif kind == "zip":
                save_zip(sd, os.path.join(folder, "pytorch_model.bin"))
            elif kind == "legacy":
                save_legacy(sd, os.path.join(folder, "pytorch_model.bin"))
            else:
                save_sharded(sd, folder, 2)
    both = os.path.join(out, "tiny", "tuned-both")
    os.makedirs(both, exist_ok=True)
    write_json(os.path.join(both, "config.json"), TINY_CONFIG)
    save_file(dict(tuned), os.path.join(both, "model.safetensors"), metadata={"format": "pt"})
    save_zip(base, os.path.join(both, "pytorch_model.bin"))  # differs on purpose: the base's values
    return {k: list(v.shape) for k, v in base.items()}


# --------------------------------------------------------------------------------------------
# dtypes/ and views/


def make_dtypes(out):
    g = torch.Generator().manual_seed(3)
    sd = {
        "f32": torch.randn(5, 7, generator=g, dtype=torch.float32),
        "f16": torch.randn(5, 7, generator=g, dtype=torch.float32).to(torch.float16),
        "bf16": torch.randn(5, 7, generator=g, dtype=torch.float32).to(torch.bfloat16),
        "f64": torch.randn(5, 7, generator=g, dtype=torch.float64),
        "i64": torch.randint(-2**40, 2**40, (3, 4), generator=g, dtype=torch.int64),
        "vec": torch.randn(6, generator=g, dtype=torch.float32),
    }
    folder = os.path.join(out, "dtypes")
    os.makedirs(folder, exist_ok=True)
    save_zip(sd, os.path.join(folder, "zip.bin"))
    save_legacy(sd, os.path.join(folder, "legacy.bin"))
    with open(os.path.join(folder, "archive.bin"), "wb") as f:
        torch.save(sd, f)  # through a file object: the zip's top folder is "archive/"
    save_file(sd, os.path.join(folder, "expected.safetensors"))


def make_views(out):
    g = torch.Generator().manual_seed(4)
    big = torch.randn(8, 6, generator=g)
    m = torch.randn(4, 5, generator=g)
    sd = {
        "a": big[0:3],          # storage of big, offset 0, 3x6
        "b": big[3:8],          # storage of big, offset 18, 5x6
        "t": m.t(),             # 5x4, stride (1, 5)
        "col": big[:, 1:4],     # storage of big, offset 1, 8x3, stride (6, 1)
        "p": nn.Parameter(torch.randn(3, 4, generator=g)),  # _rebuild_parameter
    }
    folder = os.path.join(out, "views")
    os.makedirs(folder, exist_ok=True)
    save_zip(sd, os.path.join(folder, "zip.bin"))
    save_legacy(sd, os.path.join(folder, "legacy.bin"))
    save_file(contiguous_copy(sd), os.path.join(folder, "expected.safetensors"))


# --------------------------------------------------------------------------------------------
# minilm/: the real PEFT adapters, re-saved as PEFT did before safetensors


def make_minilm(out, minilm):
    for run in ("lora-r1-a2", "lora-r8-a16"):
        sd = load_file(os.path.join(minilm, run, "adapter_model.safetensors"))
        for kind, save in (("zip", save_zip), ("legacy", save_legacy)):
            folder = os.path.join(out, "minilm", f"{run}-{kind}")
            os.makedirs(folder, exist_ok=True)
            shutil.copyfile(os.path.join(minilm, run, "adapter_config.json"),
                            os.path.join(folder, "adapter_config.json"))
            save(sd, os.path.join(folder, "adapter_model.bin"))


def make_minilm_bin(dest, minilm):
    """Not committed: MiniLM base and full fine-tune as pytorch_model.bin (zip, legacy, 3 shards)."""
    for run in ("base", "full"):
        sd = load_file(os.path.join(minilm, run, "model.safetensors"))
        kinds = [("zip", save_zip), ("legacy", save_legacy)] + ([("sharded", None)] if run == "full" else [])
        for kind, save in kinds:
            folder = os.path.join(dest, f"{run}-{kind}")
            os.makedirs(folder, exist_ok=True)
            shutil.copyfile(os.path.join(minilm, run, "config.json"), os.path.join(folder, "config.json"))
            if save is None:
                save_sharded(sd, folder, 3)
            else:
                save(sd, os.path.join(folder, "pytorch_model.bin"))


# --------------------------------------------------------------------------------------------
# hostile/: standard library only. Pickles are assembled opcode by opcode; nothing is pickled
# from a live dangerous object and nothing is ever unpickled.


class Pickle:
    """A tiny protocol-2 pickle assembler."""

    def __init__(self):
        self.b = bytearray(pickle.PROTO + bytes([2]))

    def op(self, code):
        self.b += code
        return self

    def glob(self, mod, name):
        return self.op(pickle.GLOBAL + f"{mod}\n{name}\n".encode())

    def str(self, s):
        data = s.encode()  # BINUNICODE, as protocol 2 (torch) writes every str
        return self.op(pickle.BINUNICODE + struct.pack("<I", len(data)) + data)

    def int(self, n):
        if 0 <= n < 256:
            return self.op(pickle.BININT1 + bytes([n]))
        if 0 <= n < 65536:
            return self.op(pickle.BININT2 + struct.pack("<H", n))
        if -2**31 <= n < 2**31:
            return self.op(pickle.BININT + struct.pack("<i", n))
        data = n.to_bytes((n.bit_length() + 8) // 8, "little", signed=True)
        return self.op(pickle.LONG1 + bytes([len(data)]) + data)

    def int_tuple(self, values):
        if len(values) in (1, 2, 3):
            for v in values:
                self.int(v)
            return self.op({1: pickle.TUPLE1, 2: pickle.TUPLE2, 3: pickle.TUPLE3}[len(values)])
        self.op(pickle.MARK)
        for v in values:
            self.int(v)
        return self.op(pickle.TUPLE)

    def put(self, index):
        return self.op(pickle.BINPUT + bytes([index]))

    def get(self, index):
        return self.op(pickle.BINGET + bytes([index]))

    def tensor(self, key, numel, size, stride, offset=0, storage="FloatStorage", legacy=False):
        """torch._utils._rebuild_tensor_v2(persistent storage, offset, size, stride, False, OrderedDict())"""
        self.glob("torch._utils", "_rebuild_tensor_v2")
        self.op(pickle.MARK)
        self.op(pickle.MARK).str("storage").glob("torch", storage).str(key).str("cpu").int(numel)
        if legacy:
            self.op(pickle.NONE)  # view_metadata
        self.op(pickle.TUPLE).op(pickle.BINPERSID)
        self.int(offset).int_tuple(size).int_tuple(stride).op(pickle.NEWFALSE)
        self.glob("collections", "OrderedDict").op(pickle.EMPTY_TUPLE).op(pickle.REDUCE)
        return self.op(pickle.TUPLE).op(pickle.REDUCE)

    def state_dict(self, items):
        """OrderedDict() then SETITEMS of (key, writer) pairs; each writer emits one value."""
        self.glob("collections", "OrderedDict").op(pickle.EMPTY_TUPLE).op(pickle.REDUCE)
        self.op(pickle.MARK)
        for key, write_value in items:
            self.str(key)
            write_value(self)
        return self.op(pickle.SETITEMS).op(pickle.STOP)

    def bytes(self):
        return bytes(self.b)


def w_tensor(p, legacy=False):
    return p.tensor("0", 16, (4, 4), (4, 1), legacy=legacy)


def w_os_system(p):
    return p.glob("posix", "system").str(f"touch {MARKER}").op(pickle.TUPLE1).op(pickle.REDUCE)


def w_popen(p):
    p.glob("subprocess", "Popen")
    p.op(pickle.EMPTY_LIST).op(pickle.MARK).str("touch").str(MARKER).op(pickle.APPENDS)
    return p.op(pickle.TUPLE1).op(pickle.REDUCE)


def w_eval(p):
    p.glob("builtins", "eval").str(f"__import__('os').system('touch {MARKER}')")
    return p.op(pickle.TUPLE1).op(pickle.REDUCE)


def w_self_list(p):
    # EMPTY_LIST, BINPUT 0, MARK, BINGET 0, APPENDS: a list that contains itself
    return p.op(pickle.EMPTY_LIST).put(0).op(pickle.MARK).get(0).op(pickle.APPENDS)


def floats(values):
    return struct.pack(f"<{len(values)}f", *values)


SIXTEEN = floats([0.25 * k - 2 for k in range(16)])


class RawZip:
    """A minimal ZIP writer laid out like torch's: every entry under one top folder, stored,
    local data aligned to 64 bytes with an "FB" padding extra field; sizes can lie on request."""

    def __init__(self):
        self.out = bytearray()
        self.central = bytearray()
        self.count = 0

    def add(self, name, data, method=0, uncompressed=None, crc=None, claim=None, zip64_claim=None):
        name_b = name.encode()
        crc = zlib.crc32(data if method == 0 else b"") if crc is None else crc
        usize = len(data) if uncompressed is None else uncompressed
        csize = len(data)
        if claim is not None:
            usize = csize = claim
        zip64 = b""
        if zip64_claim is not None:
            zip64 = struct.pack("<HHQQ", 0x0001, 16, zip64_claim, zip64_claim)
            usize = csize = 0xFFFFFFFF
        version = 45 if zip64 else 20
        offset = len(self.out)
        fixed = 30 + len(name_b) + len(zip64)
        pad = (-(offset + fixed + 4)) % 64
        extra = zip64 + b"FB" + struct.pack("<H", pad) + b"Z" * pad
        self.out += struct.pack("<IHHHHHIIIHH", 0x04034B50, version, 0, method, 0, 0x21,
                                crc, csize, usize, len(name_b), len(extra)) + name_b + extra
        self.out += data
        self.central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, version, version, 0, method,
                                    0, 0x21, crc, csize, usize, len(name_b), len(zip64), 0, 0, 0,
                                    0, offset) + name_b + zip64
        self.count += 1

    def finish(self):
        start = len(self.out)
        self.out += self.central
        self.out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, self.count, self.count,
                                len(self.central), start, 0)
        return bytes(self.out)


def torch_zip(pkl, storages, top="archive", data_options=None):
    z = RawZip()
    z.add(f"{top}/data.pkl", pkl)
    z.add(f"{top}/.format_version", b"1")
    z.add(f"{top}/.storage_alignment", b"64")
    z.add(f"{top}/byteorder", b"little")
    for key, data in storages:
        z.add(f"{top}/data/{key}", data, **((data_options or {}).get(key, {})))
    z.add(f"{top}/version", b"3\n")
    return z.finish()


def legacy_file(main_pickle, storages):
    """Legacy torch format: magic, protocol, sys_info, main pickle, key list, storages."""
    out = bytearray()
    out += pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2)
    out += pickle.dumps(1001, protocol=2)
    out += pickle.dumps({"protocol_version": 1001, "little_endian": True,
                         "type_sizes": {"short": 2, "int": 4, "long": 4}}, protocol=2)
    out += main_pickle
    out += pickle.dumps([key for key, _, _ in storages], protocol=2)
    for _, numel, data in storages:
        out += struct.pack("<q", numel) + data
    return bytes(out)


def zip_bomb_entry(size):
    """(deflated bytes, crc32) of `size` zero bytes, streamed in 1 MiB chunks."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 20)
    out, crc, left = bytearray(), 0, size
    while left:
        piece = chunk[:min(left, len(chunk))]
        crc = zlib.crc32(piece, crc)
        out += comp.compress(piece)
        left -= len(piece)
    out += comp.flush()
    return bytes(out), crc


HOSTILE_README = """\
# Hostile PyTorch checkpoints

Files a malicious uploader could make, for testing that speclens' `.bin` reader refuses them
without running anything. Every payload that would run code creates the marker file
`/tmp/speclens-hostile-marker` if executed, so a test can assert that the file never appears.
**Never open these with `pickle.load` or `torch.load`** (`torch.load(weights_only=True)` refuses
them, but there is no reason to try).

They were written by `scripts/torch-fixtures/make_fixtures.py` (`make_hostile`) with the Python
standard library only: each pickle is assembled opcode by opcode (protocol 2, the opcodes
torch writes: GLOBAL, MARK, TUPLE, BINPERSID, REDUCE, SETITEMS, BINUNICODE ...), the zips by
a small raw-bytes ZIP writer laid out like torch's (one top folder `archive/`, stored entries,
data aligned to 64 bytes with an `FB` padding extra field, `archive/version` = `3\\n`,
`archive/byteorder` = `little`, `.format_version`, `.storage_alignment`; unlike torch's
writer it fills in the sizes and CRC in the local headers and writes no data descriptors, and it
writes no `.data/serialization_id`). No dangerous object
is ever created or pickled, and nothing is ever unpickled; the generator only disassembles them
with `pickletools` (which executes nothing).

Unless said otherwise, `archive/data.pkl` is a `collections.OrderedDict` state dict whose first
entry `w` is a valid float32 (4, 4) tensor (`torch._utils._rebuild_tensor_v2` of persistent id
`('storage', torch.FloatStorage, '0', 'cpu', 16)`, 64 bytes in `archive/data/0`).

| file | what it does |
|---|---|
| `os_system.bin` | entry `x` = GLOBAL `posix system` + REDUCE of `('touch /tmp/speclens-hostile-marker',)` |
| `subprocess.bin` | entry `x` = GLOBAL `subprocess Popen` + REDUCE of `(['touch', '/tmp/speclens-hostile-marker'],)` |
| `builtins_eval.bin` | entry `x` = GLOBAL `builtins eval` + REDUCE of `("__import__('os').system('touch /tmp/speclens-hostile-marker')",)` |
| `legacy_os_system.bin` | legacy (non-zip) format: magic-number pickle, protocol 1001, sys_info dict, then a main pickle with `w` (6-tuple persistent id, key `'94000000000000'`, view metadata None) and `x` = `posix system` REDUCE, then the key list and the storage (8-byte little-endian element count 16 + 64 bytes) |
| `recursive_memo.bin` | entry `loop` = EMPTY_LIST, BINPUT 0, MARK, BINGET 0, APPENDS: a list that contains itself (no code; a reader must not recurse forever or accept it as a tensor) |
| `storage_past_end.bin` | `w` (4, 4) float32 with storage numel 16, but `archive/data/0` holds only 8 floats (32 bytes) |
| `storage_offset_past_end.bin` | storage consistent (numel 8, 32 bytes), but `w` is (2, 4) with storage offset 4: needs elements 4..11 of 8 |
| `absurd_zip_size.bin` | `archive/data/0` really holds 64 bytes, but its local header and central directory claim compressed and uncompressed sizes of 0xFFFFFFF0 |
| `absurd_zip64_size.bin` | the same with sizes 0xFFFFFFFF and a zip64 extra field (local and central) claiming 2^60 bytes |
| `zip_bomb.bin` | `w` is (5120, 5120) float32 (numel 26,214,400) and `archive/data/0` is DEFLATED (method 8): about 100 KB that expand to 104,857,600 zero bytes. torch never compresses entries |

`pickletools` disassemblies of every pickle here are printed by
`make_fixtures.py OUTPUT --show-hostile`.
"""


def make_hostile(out):
    folder = os.path.join(out, "hostile")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "README.md"), "w") as f:
        f.write(HOSTILE_README)

    def write(name, data):
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)

    def sd(*items):
        return Pickle().state_dict(items).bytes()

    w = [("0", SIXTEEN)]
    write("os_system.bin", torch_zip(sd(("w", w_tensor), ("x", w_os_system)), w))
    write("subprocess.bin", torch_zip(sd(("w", w_tensor), ("x", w_popen)), w))
    write("builtins_eval.bin", torch_zip(sd(("w", w_tensor), ("x", w_eval)), w))
    write("recursive_memo.bin", torch_zip(sd(("w", w_tensor), ("loop", w_self_list)), w))

    legacy_key = "94000000000000"
    main = sd(("w", lambda p: p.tensor(legacy_key, 16, (4, 4), (4, 1), legacy=True)), ("x", w_os_system))
    write("legacy_os_system.bin", legacy_file(main, [(legacy_key, 16, SIXTEEN)]))

    # A (4,4) float32 tensor whose storage claims 16 elements, but data/0 holds 8 floats.
    write("storage_past_end.bin", torch_zip(sd(("w", w_tensor)), [("0", SIXTEEN[:32])]))
    # Storage consistent (8 elements, 8 floats), but offset 4 + a (2,4) extent needs 12.
    write("storage_offset_past_end.bin",
          torch_zip(sd(("w", lambda p: p.tensor("0", 8, (2, 4), (4, 1), offset=4))), [("0", SIXTEEN[:32])]))

    write("absurd_zip_size.bin", torch_zip(sd(("w", w_tensor)), w,
                                           data_options={"0": {"claim": 0xFFFFFFF0}}))
    write("absurd_zip64_size.bin", torch_zip(sd(("w", w_tensor)), w,
                                             data_options={"0": {"zip64_claim": 1 << 60}}))

    side = 5120  # 5120 x 5120 float32 = 104,857,600 bytes
    deflated, crc = zip_bomb_entry(side * side * 4)
    write("zip_bomb.bin", torch_zip(sd(("w", lambda p: p.tensor("0", side * side, (side, side), (side, 1)))),
                                    [("0", deflated)],
                                    data_options={"0": {"method": 8, "crc": crc, "uncompressed": side * side * 4}}))


# --------------------------------------------------------------------------------------------
# Manifest and verification


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def all_files(out):
    for root, _, files in os.walk(out):
        for f in files:
            path = os.path.join(root, f)
            rel = os.path.relpath(path, out)
            if rel != "manifest.json":
                yield rel


def tensor_list(path, layout=False):
    """Names, shapes and dtypes in the pickle's (state-dict) order; safetensors sorts its header.
    With layout, also the storage offset and stride each tensor is rebuilt with."""
    sd = torch.load(path, map_location="cpu", weights_only=True)
    result = []
    for k, v in sd.items():
        entry = {"name": k, "shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", "")}
        if layout:
            entry.update(storage_offset=v.storage_offset(), stride=list(v.stride()),
                         storage_numel=v.untyped_storage().nbytes() // v.element_size())
        result.append(entry)
    return result


def make_manifest(out):
    files = []
    for rel in sorted(all_files(out)):
        path = os.path.join(out, rel)
        files.append({"path": rel, "size": os.path.getsize(path), "sha256": sha256(path)})
    tiny = load_file(os.path.join(out, "tiny", "base-safetensors", "model.safetensors"))
    manifest = {
        "generator": "scripts/torch-fixtures/make_fixtures.py",
        "versions": {"torch": torch.__version__, "safetensors": safetensors.__version__,
                     "numpy": numpy.__version__, "python": sys.version.split()[0]},
        "files": files,
        "tiny": {
            "config": TINY_CONFIG,
            "tensors": tensor_list(os.path.join(out, "tiny", "base-zip", "pytorch_model.bin")),
            "total_size": sum(v.numel() * v.element_size() for v in tiny.values()),
        },
        "tiny_shards": json.load(open(os.path.join(out, "tiny", "base-sharded", "pytorch_model.bin.index.json"))),
        "dtypes": {"tensors": tensor_list(os.path.join(out, "dtypes", "zip.bin"))},
        "views": {"tensors": tensor_list(os.path.join(out, "views", "zip.bin"), layout=True)},
    }
    write_json(os.path.join(out, "manifest.json"), manifest)
    return files


def same(a, b, label):
    assert list(a.keys()) == list(b.keys()) or sorted(a) == sorted(b), f"{label}: names differ"
    for k in a:
        x, y = a[k], b[k]
        assert x.dtype == y.dtype, f"{label}: {k} dtype {x.dtype} vs {y.dtype}"
        assert x.shape == y.shape, f"{label}: {k} shape"
        assert torch.equal(x, y), f"{label}: {k} values"


def load_bin(path):
    return torch.load(path, map_location="cpu", weights_only=True)


def load_sharded(folder, stem="pytorch_model"):
    index = json.load(open(os.path.join(folder, f"{stem}.bin.index.json")))
    merged = {}
    for file in sorted(set(index["weight_map"].values())):
        part = load_bin(os.path.join(folder, file))
        for k in part:
            assert index["weight_map"][k] == file
        merged.update(part)
    assert set(merged) == set(index["weight_map"])
    assert index["metadata"]["total_size"] == sum(v.numel() * v.element_size() for v in merged.values())
    return merged


def verify(out, minilm):
    j = lambda *p: os.path.join(out, *p)
    for label in ("base", "tuned"):
        st = load_file(j("tiny", f"{label}-safetensors", "model.safetensors"))
        same(st, load_bin(j("tiny", f"{label}-zip", "pytorch_model.bin")), f"tiny {label} zip")
        same(st, load_bin(j("tiny", f"{label}-legacy", "pytorch_model.bin")), f"tiny {label} legacy")
        same(st, load_sharded(j("tiny", f"{label}-sharded")), f"tiny {label} sharded")
    base = load_file(j("tiny", "base-safetensors", "model.safetensors"))
    tuned = load_file(j("tiny", "tuned-safetensors", "model.safetensors"))
    same(tuned, load_file(j("tiny", "tuned-both", "model.safetensors")), "tuned-both safetensors")
    same(base, load_bin(j("tiny", "tuned-both", "pytorch_model.bin")), "tuned-both bin = base")
    assert all(not torch.equal(base[k], tuned[k]) for k in base), "tuned must differ everywhere"

    for group in ("dtypes", "views"):
        st = load_file(j(group, "expected.safetensors"))
        for kind in ("zip", "legacy") + (("archive",) if group == "dtypes" else ()):
            loaded = load_bin(j(group, f"{kind}.bin"))
            same(st, {k: v.detach().contiguous() for k, v in loaded.items()}, f"{group} {kind}")
            if group == "views":
                assert isinstance(loaded["p"], nn.Parameter)
                assert loaded["b"].storage_offset() == 18 and loaded["col"].stride() == (6, 1)
                assert loaded["t"].stride() == (1, 5)
                assert loaded["a"].untyped_storage().data_ptr() == loaded["b"].untyped_storage().data_ptr()

    for run in ("lora-r1-a2", "lora-r8-a16"):
        st = load_file(os.path.join(minilm, run, "adapter_model.safetensors"))
        for kind in ("zip", "legacy"):
            folder = j("minilm", f"{run}-{kind}")
            assert sorted(os.listdir(folder)) == ["adapter_config.json", "adapter_model.bin"]
            same(st, load_bin(os.path.join(folder, "adapter_model.bin")), f"minilm {run} {kind}")
    print("verify: every non-hostile .bin equals its safetensors twin (torch.load weights_only=True)")


def verify_minilm_bin(dest, minilm):
    for run in ("base", "full"):
        st = load_file(os.path.join(minilm, run, "model.safetensors"))
        for kind in ("zip", "legacy"):
            same(st, load_bin(os.path.join(dest, f"{run}-{kind}", "pytorch_model.bin")), f"{run} {kind}")
        del st
    st = load_file(os.path.join(minilm, "full", "model.safetensors"))
    same(st, load_sharded(os.path.join(dest, "full-sharded")), "full sharded")
    print(f"verify: {dest} matches the MiniLM safetensors")


def hostile_pickles(path):
    """(label, bytes) of every pickle in a hostile file, read without unpickling."""
    with open(path, "rb") as f:
        head = f.read(4)
    if head == b"PK\x03\x04":
        with zipfile.ZipFile(path) as z:
            name = next(n for n in z.namelist() if n.endswith("/data.pkl"))
            return [(name, z.read(name))]
    data = open(path, "rb").read()
    stream, result = io.BytesIO(data), []
    for label in ("magic", "protocol", "sys_info", "main", "storage keys"):
        start = stream.tell()
        for _ in pickletools.genops(stream):
            pass
        result.append((label, data[start:stream.tell()]))
    return result


def show_hostile(out, lines):
    folder = os.path.join(out, "hostile")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".bin"):
            continue
        print(f"==== hostile/{name}")
        for label, pkl in hostile_pickles(os.path.join(folder, name)):
            text = io.StringIO()
            pickletools.dis(pkl, out=text)  # validates the stack; executes nothing
            body = text.getvalue().splitlines()
            print(f"---- {label} ({len(pkl)} bytes, {len(body)} lines)")
            print("\n".join(body[:lines] + (["    ..."] if len(body) > lines else [])))


def check_sizes(out):
    total = 0
    for rel in all_files(out):
        size = os.path.getsize(os.path.join(out, rel))
        total += size
        assert size < MAX_FILE, f"{rel} is {size} bytes"
    print(f"sizes: every file < 2 MiB, total {total} bytes")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", help="e.g. Tests/SpeclensCheckpointsTests/TorchFixtures")
    parser.add_argument("--minilm", default="/work/shared/fixtures/minilm",
                        help="the MiniLM fixtures folder (default: %(default)s)")
    parser.add_argument("--minilm-bin", metavar="DIR",
                        help="also write the MiniLM base/full .bin versions (not committed) into DIR")
    parser.add_argument("--show-hostile", type=int, nargs="?", const=40, default=0, metavar="LINES",
                        help="print the pickletools disassembly of the hostile pickles")
    args = parser.parse_args()

    torch.set_num_threads(1)
    if os.path.exists(MARKER):
        sys.exit(f"{MARKER} exists before the run; remove it first")
    out = args.output
    for sub in ("tiny", "dtypes", "views", "minilm", "hostile"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    os.makedirs(out, exist_ok=True)

    make_tiny(out)
    make_dtypes(out)
    make_views(out)
    make_minilm(out, args.minilm)
    make_hostile(out)
    verify(out, args.minilm)
    check_sizes(out)
    make_manifest(out)
    if args.show_hostile:
        show_hostile(out, args.show_hostile)
    if args.minilm_bin:
        make_minilm_bin(args.minilm_bin, args.minilm)
        verify_minilm_bin(args.minilm_bin, args.minilm)
    assert not os.path.exists(MARKER), "a hostile payload ran"
    print(f"{MARKER} absent: no payload ran")


if __name__ == "__main__":
    main()
