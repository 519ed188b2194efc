extension MeasureCatalogue {
    /// `runs[].summary`: totals over a run's matrices (not exported: each is a sum or mean of the
    /// run's rows).
    static let summaryMeasures: [Measure] = [
        total(
            "analysed_matrices", type: "integer", label: "analysed matrices", unit: "count",
            doc: "Matrix pairs compared."),
        total(
            "unchanged_matrices", type: "integer", label: "unchanged matrices", unit: "count",
            doc: "Of those, how many have ΔW exactly zero (for LoRA: modules the adapter does not adapt)."),
        total(
            "intruders", type: "integer", label: "intruders", unit: "count",
            doc: "Intruders at `parameters.epsilon`, summed over matrices."),
        total(
            "intruders_by_epsilon", type: "object", label: "intruders by ε", unit: "count per ε",
            doc:
                "Intruders summed over matrices at each ε of the grid. Lead with this curve: the count at one ε can hide the difference between runs."
        ),
        total(
            "mean_effective_rank", type: "number or null", label: "mean effective rank of ΔW",
            unit: "rank (a real number)",
            doc: "Mean effective rank of ΔW over changed matrices."),
        total(
            "near_storage_resolution_matrices", type: "integer", label: "matrices near storage resolution",
            unit: "count",
            doc: "Changed matrices flagged `near_storage_resolution`."),
        total(
            "near_storage_resolution", type: "boolean", label: "near storage resolution",
            doc:
                "More than half of the changed matrices are flagged: the run's effective ranks depend on its storage rounding floor."
        ),
        total(
            "intruders_outside_span", type: "integer", label: "intruders outside the span", unit: "count",
            doc: "Of the intruders at ε, those that left the pre-trained span."),
        total(
            "controls", type: "array", label: "null controls",
            doc:
                "Per null-control kind: `kind`, `matrices` (how many have it), `intruders_by_epsilon` of the control and `run_intruders_by_epsilon` of the run over the same matrices."
        ),
    ]

    /// A run total: documented, not exported.
    private static func total(_ key: String, type: String, label: String, unit: String = "", doc: String) -> Measure {
        Measure(
            key, in: .summary, type: type, label: label, unit: unit, doc: doc,
            export: .notExported(reason: "a total over the run's rows"))
    }
}
