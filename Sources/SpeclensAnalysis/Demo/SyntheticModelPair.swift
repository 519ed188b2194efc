import Foundation
import SpeclensCheckpoints
import SpeclensLinearAlgebra

/// The embedded demo: a small, clearly synthetic transformer-shaped model and two fine-tunes of
/// it, written as real checkpoints (safetensors and a PEFT adapter folder) so that the demo runs
/// the same reading and analysis code as real models.
///
/// - The base has, per layer, `self_attn.{q,k,v,o}_proj` (`hidden × hidden`) and
///   `mlp.{up,down}_proj` (`ffn × hidden`, `hidden × ffn`) with power-law spectra
///   `σ_i ∝ (i + 1)^-0.6` and random singular vectors, plus an embedding table (left out by the
///   default selection).
/// - `full-ft`: every matrix gets a small high-rank update aligned with its own singular
///   directions plus dense noise, like full fine-tuning: no intruders.
/// - `lora-r8`: a PEFT LoRA adapter (r = 8, alpha = 16) on q/v projections whose update has
///   random directions with singular values around W0's largest: intruders.
/// Everything is fixed by `seed`, so the demo report is the same on every machine.
public struct SyntheticModelPair: Sendable {
    /// Number of transformer layers.
    public var layers = 4
    /// Hidden size.
    var hidden = 128
    /// Feed-forward size.
    var ffn = 384
    /// LoRA rank of the adapter run.
    var loraRank = 8
    /// Seed of every random draw.
    var seed: UInt64 = 2024

    public init() {}

    /// Folder names written inside the target folder.
    public static let baseFolder = "base", fullFolder = "full-ft", loraFolder = "lora-r8"

    /// Writes `base/{model.safetensors, config.json}`, `full-ft/model.safetensors` and
    /// `lora-r8/{adapter_config.json, adapter_model.safetensors}` into `directory`. The base's
    /// `config.json` names the model the adapter declares as its base, with its width and depth.
    public func write(to directory: URL) throws {
        let (base, full, adapter) = tensors()
        let fileManager = FileManager.default
        for folder in [Self.baseFolder, Self.fullFolder, Self.loraFolder] {
            try fileManager.createDirectory(
                at: directory.appending(path: folder), withIntermediateDirectories: true)
        }
        let metadata = ["format": "pt", "speclens_synthetic": "demo model, not a trained network"]
        try SafetensorsWriter.write(
            base, metadata: metadata,
            to: directory.appending(path: "\(Self.baseFolder)/model.safetensors").path)
        try SafetensorsWriter.write(
            full, metadata: metadata,
            to: directory.appending(path: "\(Self.fullFolder)/model.safetensors").path)
        try SafetensorsWriter.write(
            adapter, metadata: metadata,
            to: directory.appending(path: "\(Self.loraFolder)/adapter_model.safetensors").path)
        try Data(baseConfig.utf8).write(
            to: directory.appending(path: "\(Self.baseFolder)/config.json"), options: .atomic)
        try Data(adapterConfig.utf8).write(
            to: directory.appending(path: "\(Self.loraFolder)/adapter_config.json"), options: .atomic)
    }

    /// A named tensor as ``SafetensorsWriter`` takes it.
    typealias NamedMatrix = (name: String, matrix: Matrix)

    /// `lora_alpha / r` of the adapter run (16 / 8).
    static let loraScale = 2.0

    /// The tensors of the base, the full fine-tune and the adapter, all drawn from one generator
    /// seeded with ``seed`` (in this order: the embedding table, then per layer and module W0's
    /// vectors, the full fine-tune's shift and noise, the LoRA factors' directions).
    func tensors() -> (base: [NamedMatrix], full: [NamedMatrix], adapter: [NamedMatrix]) {
        var random = SeededRandom(seed: seed)
        var base: [NamedMatrix] = []
        var full: [NamedMatrix] = []
        var adapter: [NamedMatrix] = []

        let embedding = Matrix(
            rows: 512, columns: hidden,
            values: random.gaussians(512 * hidden).map { $0 * 0.05 })
        base.append(("model.embed_tokens.weight", embedding))
        full.append(("model.embed_tokens.weight", embedding))

        for layer in 0..<layers {
            let shapes: [(String, Int, Int)] = [
                ("self_attn.q_proj", hidden, hidden), ("self_attn.k_proj", hidden, hidden),
                ("self_attn.v_proj", hidden, hidden), ("self_attn.o_proj", hidden, hidden),
                ("mlp.up_proj", ffn, hidden), ("mlp.down_proj", hidden, ffn),
            ]
            for (module, out, inputs) in shapes {
                let name = "model.layers.\(layer).\(module)"
                let p = min(out, inputs)
                let sigma = (0..<p).map { 4 * pow(Double($0 + 1), -0.6) }
                let u = OrthonormalBasis.random(rows: out, columns: p, using: &random)
                let v = OrthonormalBasis.random(rows: inputs, columns: p, using: &random)
                let w0 = OrthonormalBasis.compose(u: u, sigma: sigma, v: v, out: out, in: inputs)
                base.append((name + ".weight", w0))
                full.append((name + ".weight", fullFineTune(w0, u: u, sigma: sigma, v: v, using: &random)))
                // LoRA on q and v.
                if module == "self_attn.q_proj" || module == "self_attn.v_proj" {
                    let (b, a) = loraFactors(out: out, inputs: inputs, top: sigma[0], using: &random)
                    let prefix = "base_model.model.\(name)"
                    adapter.append((prefix + ".lora_A.weight", a))
                    adapter.append((prefix + ".lora_B.weight", b))
                }
            }
        }
        return (base, full, adapter)
    }

    /// Full fine-tuning of `w0 = U·diag(sigma)·Vᵀ`: each existing direction rescaled by a few
    /// percent, plus noise whose spectral norm (~1e-3 · (√out + √in)) stays below the top
    /// singular gaps.
    func fullFineTune(_ w0: Matrix, u: [Double], sigma: [Double], v: [Double], using random: inout SeededRandom)
        -> Matrix
    {
        let (out, inputs) = (w0.rows, w0.columns)
        let shift = sigma.map { $0 * 0.03 * random.gaussian() }
        var wt = OrthonormalBasis.compose(u: u, sigma: shift, v: v, out: out, in: inputs)
        let noise = random.gaussians(out * inputs)
        for index in wt.values.indices {
            wt.values[index] += w0.values[index] + 1e-3 * noise[index]
        }
        return wt
    }

    /// LoRA factors B (`out × r`) and A (`r × in`) whose update `s·B·A` has new random directions
    /// with singular values from 1.3·`top` down (by 0.6 each), so the largest ones enter Wt's
    /// top-10.
    func loraFactors(out: Int, inputs: Int, top: Double, using random: inout SeededRandom) -> (b: Matrix, a: Matrix) {
        let r = loraRank
        let lambda = (0..<r).map { top * 1.3 * pow(0.6, Double($0)) }
        let bu = OrthonormalBasis.random(rows: out, columns: r, using: &random)
        let av = OrthonormalBasis.random(rows: inputs, columns: r, using: &random)
        var b = Matrix(zeros: out, r)
        var a = Matrix(zeros: r, inputs)
        for i in 0..<out {
            for l in 0..<r { b[i, l] = Float(bu[i * r + l] * lambda[l] / Self.loraScale) }
        }
        for l in 0..<r {
            for j in 0..<inputs { a[l, j] = Float(av[j * r + l]) }
        }
        return (b, a)
    }

    /// The base's `config.json`: its name, width and depth.
    var baseConfig: String {
        """
        {
          "_name_or_path": "speclens/synthetic-demo-base",
          "hidden_size": \(hidden),
          "num_hidden_layers": \(layers)
        }

        """
    }

    /// The adapter's `adapter_config.json`: r = ``loraRank``, alpha = ``loraScale``·r, on q and v.
    var adapterConfig: String {
        """
        {
          "base_model_name_or_path": "speclens/synthetic-demo-base",
          "peft_type": "LORA",
          "r": \(loraRank),
          "lora_alpha": \(Int(Self.loraScale) * loraRank),
          "use_rslora": false,
          "use_dora": false,
          "fan_in_fan_out": false,
          "init_lora_weights": true,
          "target_modules": ["q_proj", "v_proj"],
          "modules_to_save": null,
          "rank_pattern": {},
          "alpha_pattern": {}
        }

        """
    }
}
