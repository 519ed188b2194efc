import SpeclensDataset

/// The order in which module types are listed: the order data flows through a transformer block,
/// not the alphabet. Embedding tables first; then self-attention (query, key, value — a fused
/// q|k|v projection in the query's place — then the attention output), cross-attention in the
/// same order, the MLP (gate, up, down), other modules (norms, poolers, routers) by name, and
/// heads last. Within a place, names sort alphabetically.
///
/// BERT: `attention.self.query`, `attention.self.key`, `attention.self.value`,
/// `attention.output.dense`, `intermediate.dense`, `output.dense`. Llama: `self_attn.q_proj`,
/// `k_proj`, `v_proj`, `o_proj`, `mlp.gate_proj`, `up_proj`, `down_proj`. GPT-2: `attn.c_attn`,
/// `attn.c_proj`, `mlp.c_fc`, `mlp.c_proj`. T5: `SelfAttention.q` … `o`, `EncDecAttention.q` …
/// `o`, `DenseReluDense.wi`, `wo`.
enum ModuleOrder {
    /// Where a module sits in a block.
    enum Section: Int, Comparable {
        case embedding, attention, crossAttention, mlp, other, head

        static func < (a: Section, b: Section) -> Bool { a.rawValue < b.rawValue }
    }

    /// What a module does within its section.
    enum Role: Int, Comparable {
        case query, key, value, output, gate, up, down, other

        static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }
    }

    /// `modules` in model order.
    static func sorted(_ modules: [String]) -> [String] {
        modules.sorted { a, b in
            let ka = key(a)
            let kb = key(b)
            if ka.section != kb.section { return ka.section < kb.section }
            if ka.role != kb.role { return ka.role < kb.role }
            return a < b
        }
    }

    /// The section and role of module `name` (a `BaseMatrixRecord.module`, e.g.
    /// `attention.self.query`).
    static func key(_ name: String) -> (section: Section, role: Role) {
        let tensor = TensorName(name)
        let components = tensor.moduleComponents.map { $0.lowercased() }
        let leaf = components.last ?? ""
        let parent = components.dropLast().last ?? ""
        switch tensor.kind {
        case .embedding: return (.embedding, .other)
        case .head: return (.head, .other)
        case .norm: return (.other, .other)
        case .projection: break
        }
        let path = components.joined(separator: ".")
        let isCross = path.contains("encdec") || path.contains("cross")
        let isAttention = isCross || components.contains { $0.contains("attn") || $0.contains("attention") }
        if isAttention {
            let role = attentionRole(leaf: leaf, parent: parent)
            return (role == .other ? .other : isCross ? .crossAttention : .attention, role)
        }
        let role = mlpRole(leaf: leaf, parent: parent)
        return (role == .other ? .other : .mlp, role)
    }

    private static func attentionRole(leaf: String, parent: String) -> Role {
        switch leaf {
        case "q", "q_proj", "query", "wq", "q_lin", "to_q", "c_attn", "qkv_proj", "query_key_value", "wqkv", "qkv",
            "in_proj", "qkv_lin":
            return .query
        case "k", "k_proj", "key", "wk", "k_lin", "to_k": return .key
        case "v", "v_proj", "value", "wv", "v_lin", "to_v": return .value
        case "o", "o_proj", "out_proj", "wo", "out_lin", "c_proj", "dense", "to_out", "proj", "out": return .output
        default: return parent == "output" ? .output : .other
        }
    }

    private static func mlpRole(leaf: String, parent: String) -> Role {
        switch leaf {
        case "gate_proj", "w1", "gate_up_proj", "wi_0": return .gate
        case "up_proj", "fc1", "c_fc", "dense_h_to_4h", "lin1", "wi", "wi_1", "w3", "fc_in": return .up
        case "down_proj", "fc2", "dense_4h_to_h", "lin2", "wo", "w2", "fc_out": return .down
        case "c_proj": return parent == "mlp" ? .down : .other
        case "dense":
            if parent == "intermediate" { return .up }
            if parent == "output" { return .down }
            return .other
        default: return .other
        }
    }
}
