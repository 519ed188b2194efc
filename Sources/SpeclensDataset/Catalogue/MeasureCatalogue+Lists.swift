extension MeasureCatalogue {
    /// One matrix in one run: the lists (one export column per index or per ε), then what the
    /// export leaves out.
    static let listMeasures: [Measure] = [
        Measure(
            "max_cosine_top_k", in: .comparison, type: "array of numbers", label: "max |cos| of the top k",
            unit: "|cos| ∈ [0, 1], by rank",
            doc:
                "For each top-k fine-tuned vector t_j (descending σ): `max_i |⟨t_j, b_i⟩|` over ALL `min(out, in)` pre-trained vectors b_i ([method §1](method.md#1-intruder-dimensions)).",
            export: .perIndex("max_cos"), read: { .singles($0.comparison.maxCosineTopK) }),
        Measure(
            "intruders_by_epsilon", in: .comparison, type: "object", label: "intruders by ε", unit: "count per ε",
            doc: "Counts at each ε of the grid.",
            export: .perEpsilon("intruders"), read: { .counts($0.comparison.intrudersByEpsilon) }),
        Measure(
            "span_fraction_top_k", in: .comparison, type: "array of numbers or absent",
            label: "span fraction of the top k", unit: "norm ∈ [0, 1], by rank",
            doc:
                "Only where the compared space is larger than the pre-trained span (left vectors of `out > in`, right vectors of `out < in`): for each top-k vector, the norm of its projection on the span of all pre-trained vectors. A vector with `f² < 1/2` has left the span ([method §1.4](method.md#14-the-random-direction-baseline)).",
            export: .perIndex("span_fraction"),
            read: { .optional($0.comparison.spanFractionTopK, MeasureValue.singles) }),
        Measure(
            "top_span_fraction_top_k", in: .comparison, type: "array of numbers or absent",
            label: "top-2k span fraction of the top k", unit: "norm ∈ [0, 1], by rank",
            doc:
                "For each top-k vector, the norm of its projection on the span of W0's top 2k singular vectors of the compared side (k = `top_k`; all of them when 2k ≥ min(out, in)). An intruder below 0.5 points away from W0's leading directions, a new direction; one above is a reshuffle among them ([method §1.7](method.md#17-new-directions-and-reshuffles)). Absent in older datasets.",
            export: .perIndex("top_span_fraction"),
            read: { .optional($0.comparison.topSpanFractionTopK, MeasureValue.singles) },
            page: MeasurePage(
                order: 5, style: .integer,
                label: { context in
                    context.row.comparison.topSpanFractionTopK == nil
                        ? nil : "of them new directions (norm on W0's top-2k span < 0.5)"
                },
                value: { context in
                    let fractions = context.row.comparison.topSpanFractionTopK ?? []
                    let cosines = context.row.comparison.maxCosineTopK
                    return .integer(
                        zip(cosines, fractions).filter { Double($0.0) < context.epsilon && $0.1 < 0.5 }.count)
                })),
        Measure(
            "spectrum_intruder_fractions", in: .comparison, type: "array of numbers or null",
            label: "intruders across the spectrum", unit: "fraction per rank bucket",
            doc:
                "Intruders across the whole spectrum (paper Fig. 11a): for each of `parameters.spectrum_buckets` equal rank buckets of Wt's singular vectors (bucket b holds ranks ⌊b·p/B⌋ … ⌊(b+1)·p/B⌋ − 1, p = min(out, in)), the fraction whose max \\|cos\\| against all pre-trained vectors is below ε ([method §3](method.md#3-intruders-across-the-spectrum)). Null when not computed: with `spectrum_buckets` 0, and without `full_spectra` for matrices outside the whole-spectrum sample.",
            export: .perIndex("spectrum_fraction"),
            read: { .optional($0.comparison.spectrumIntruderFractions, MeasureValue.reals) }),
        Measure(
            "low_rank_measures.a_row_space_cosines", in: .comparison, type: "array of numbers",
            label: "A rows vs W0's top-r right vectors", unit: "cos of principal angles, descending",
            doc:
                "For LoRA: cosines of the principal angles between the row space of A and the span of W0's top-r right singular vectors (1 = aligned). The paper's random-A and B-only experiments are about this alignment.",
            export: .perIndex("lora_a_alignment"),
            read: { .optional($0.comparison.lowRankMeasures?.aRowSpaceCosines, MeasureValue.singles) },
            page: MeasurePage(
                order: 110, style: .meanFixed(3),
                label: { context in
                    context.row.comparison.lowRankMeasures.map {
                        "A rows vs W0's top-\($0.rank) right vectors (mean cos of principal angles)"
                    }
                })),
        Measure(
            "low_rank_measures.b_column_space_cosines", in: .comparison, type: "array of numbers",
            label: "B columns vs W0's top-r left vectors", unit: "cos of principal angles, descending",
            doc:
                "For LoRA: cosines of the principal angles between the column space of B and the span of W0's top-r left singular vectors.",
            export: .perIndex("lora_b_alignment"),
            read: { .optional($0.comparison.lowRankMeasures?.bColumnSpaceCosines, MeasureValue.singles) },
            page: MeasurePage(
                order: 120, style: .meanFixed(3),
                label: { context in
                    context.row.comparison.lowRankMeasures.map {
                        "B columns vs W0's top-\($0.rank) left vectors (mean cos of principal angles)"
                    }
                })),
        Measure(
            "name", in: .comparison, type: "string", label: "matrix",
            doc: "Base tensor name (a `base.matrices[].name`).",
            export: .notExported(reason: "the `matrix` column")),
        Measure(
            "intruder_indices", in: .comparison, type: "array of integers", label: "intruder ranks",
            doc: "The intruders' ranks in Wt's spectrum (0-based).",
            export: .notExported(reason: "the ranks j whose `max_cos_j` is below `epsilon`")),
        Measure(
            "similarity", in: .comparison, type: "array of arrays", label: "similarity matrix",
            doc:
                "`similarity[i][j] = |⟨b_i, t_j⟩|` for the top-N of each: rows pre-trained, columns fine-tuned ([method §2](method.md#2-similarity-matrix)). An intruder shows as a column with no bright cell (the intruder test itself searches all pre-trained vectors, not only the top N).",
            export: .notExported(reason: "an N × N matrix per row")),
        Measure(
            "singular_values", in: .comparison, type: "object", label: "spectra",
            doc:
                "`tuned`: singular values of Wt, all `min(out, in)` of them for matrices with the whole spectrum, else only the top `max(top_k, similarity_top_n)` (clamped to `min(out, in)`; see `parameters.full_spectra`); `delta`: those of ΔW above the cutoff.",
            export: .notExported(reason: "whole spectra, up to thousands of values per row")),
        Measure(
            "null_controls", in: .comparison, type: "array", label: "null controls",
            doc:
                "The same measures for W0 plus a random update of ‖ΔW‖_F: `kind` (`isotropic`, or `low_rank` for LoRA runs), `rank`, `max_cosine_top_k`, `intruders_by_epsilon`, `spectrum_intruder_fractions` (null where the matrix has no whole spectrum), `decomposition` (as `tuned_decomposition`). Empty when unchanged or `parameters.null_controls` is false ([method §1.5](method.md#15-null-controls)).",
            export: .notExported(
                reason: "a control is read against the run on the same matrices: `runs[].summary.controls`")),
        Measure(
            "note", in: .baseMatrix, type: "string or null", label: "note",
            doc: "A remark for readers, e.g. a fused q\\|k\\|v projection analysed as one matrix.",
            export: .notExported(reason: "a sentence")),
        Measure(
            "similarity_top_n", in: .baseMatrix, type: "integer", label: "similarity top N", unit: "count",
            doc: "N of the stored similarity matrix after clamping `parameters.similarity_top_n` to `min(out, in)`.",
            export: .notExported(reason: "the size of the similarity matrix, which is not exported")),
        Measure(
            "singular_values", in: .baseMatrix, type: "array of numbers", label: "spectrum of W0",
            doc: "All `min(out, in)` singular values of W0. Stored once, not per run.",
            export: .notExported(reason: "a whole spectrum")),
    ]
}
