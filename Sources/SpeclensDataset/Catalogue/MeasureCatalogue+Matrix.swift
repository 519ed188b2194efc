extension MeasureCatalogue {
    /// Which matrix a row is: the base matrix's identity and shape, and how it was paired.
    static let matrixIdentity: [Measure] = [
        Measure(
            "name", in: .baseMatrix, type: "string", label: "matrix",
            doc:
                "Tensor name in the base checkpoint; identifies the matrix across runs (`runs[].matrices[].name` is the same name).",
            export: .column("matrix"), read: { .text($0.comparison.name) }),
        Measure(
            "layer", in: .baseMatrix, type: "integer or null", label: "layer",
            doc: "Layer index: the integer component right after a `layer`, `layers`, `h` or `blocks` component.",
            export: .column("layer"), read: { .optional($0.base?.layer ?? $0.tensorName.layer, MeasureValue.integer) }),
        Measure(
            "module", in: .baseMatrix, type: "string", label: "module",
            doc: "The name after the layer index (or the whole name), without `.weight`, e.g. `attention.self.query`.",
            export: .column("module"), read: { .text($0.base?.module ?? $0.tensorName.module) }),
        Measure(
            "kind", in: .derived, type: "string", label: "tensor kind",
            doc:
                "What the tensor is, from its name alone: `projection`, `embedding`, `head` or `norm` ([architecture](architecture.md#one-name-model)).",
            export: .column("kind"), read: { .text($0.tensorName.kind.rawValue) }),
        Measure(
            "orientation", in: .baseMatrix, type: "string", label: "orientation",
            doc:
                "`out_in` (nn.Linear, analysed as stored), `in_out` (GPT-2 Conv1D, analysed transposed) or `embedding` (`[vocab, dim]`, analysed transposed so the dim space is the output space).",
            export: .column("orientation"), read: { .optional($0.base?.orientation.rawValue, MeasureValue.text) }),
        Measure(
            "shape", in: .baseMatrix, type: "`[out, in]`", label: "shape", unit: "rows, columns",
            doc: "As stored.",
            export: .columns(["rows", "columns"]),
            read: { row in .optional(row.base?.shape) { .integers([$0.first ?? 0, $0.last ?? 0]) } }),
        Measure(
            "dtype", in: .baseMatrix, type: "string", label: "storage format of W0",
            doc: "Storage format of the base tensor: `F32`, `F16`, `BF16` or `F64`.",
            export: .column("base_dtype"), read: { .optional($0.base?.dtype?.rawValue, MeasureValue.text) }),
        Measure(
            "tuned_dtype", in: .comparison, type: "string or absent", label: "storage format of Wt",
            doc:
                "Storage format of the fine-tuned tensor (`F32` for a DoRA merge, which speclens computes); absent for exact LoRA updates and unchanged matrices.",
            export: .column("tuned_dtype"), read: { .optional($0.comparison.tunedDtype?.rawValue, MeasureValue.text) },
            page: MeasurePage(
                order: 90, style: .integer, label: { _ in "storage format of W0 / Wt" },
                value: { .text(MeasureCatalogue.storageFormats($0.row)) })),
        Measure(
            "matched_by", in: .comparison, type: "string", label: "matched by",
            doc:
                "How the names were matched: `exact`, `removed prefix \"bert.\"` (the tuned name carries an extra leading component), `added prefix \"model.\"`; preceded by `rewritten by \"FROM=TO\", ` for each `--map` rewrite that changed the tuned name, and by `modules_to_save, ` for an adapter's saved copy of a module. `not adapted (unchanged)`: a LoRA run that does not touch the matrix. Readers refuse other values.",
            export: .column("matched_by"), read: { .text($0.comparison.matchedBy.description) }),
        Measure(
            "changed", in: .comparison, type: "boolean", label: "changed",
            doc: "False when ΔW is exactly zero.",
            export: .column("changed"), read: { .flag($0.comparison.changed) }),
        Measure(
            "top_k", in: .baseMatrix, type: "integer", label: "top k", unit: "count",
            doc: "k after clamping `parameters.top_k` to `min(out, in)`.",
            export: .column("top_k"), read: { .optional($0.base?.topK, MeasureValue.integer) }),
        Measure(
            "epsilon", in: .derived, type: "number", label: "ε",
            doc: "`parameters.epsilon`, the ε the `intruders` column is counted at.",
            export: .column("epsilon"), read: { .real($0.parameters.epsilon) }),
    ]
}

extension MeasureCatalogue {
    /// `F32 / BF16`: the storage formats of W0 and Wt; for an exact LoRA update (no stored Wt) or
    /// an unchanged matrix, in words.
    static func storageFormats(_ row: MeasureRow) -> String {
        let w0 = row.base?.dtype?.rawValue ?? "not recorded"
        if let tuned = row.comparison.tunedDtype { return "\(w0) / \(tuned.rawValue)" }
        if !row.comparison.changed { return "\(w0) / unchanged" }
        return row.run.kind == .lora
            ? "\(w0) / none: the exact update s·B·A from the adapter's factors" : "\(w0) / not recorded"
    }
}
